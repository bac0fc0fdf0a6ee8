// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

/**
 * The bytes violate the standard they claim to follow, including truncation.
 *
 * <p>Immutable and thread-safe. The message never contains element values.
 */
public final class MalformedDataException extends ApertureException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason fixed text saying what is wrong
     * @param offset byte offset, or -1
     * @param tag    tag, or {@link #NO_TAG}
     */
    public MalformedDataException(String reason, long offset, int tag) {
        super(reason, offset, tag, -1, null);
    }

    /**
     * @param reason fixed text saying what is wrong
     * @param offset byte offset, or -1
     * @param tag    tag, or {@link #NO_TAG}
     * @param frame  frame index, or -1
     * @param cause  cause, or null
     */
    public MalformedDataException(String reason, long offset, int tag, int frame, Throwable cause) {
        super(reason, offset, tag, frame, cause);
    }

    /** @param reason fixed text saying what is wrong, with no location */
    public MalformedDataException(String reason) {
        super(reason, -1, NO_TAG, -1, null);
    }
}
