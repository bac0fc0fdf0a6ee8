// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

/**
 * The bytes are valid but use a feature Aperture does not support (a transfer syntax without a
 * codec, a bit depth, ...).
 *
 * <p>Immutable and thread-safe. The message never contains element values.
 */
public final class UnsupportedDataException extends ApertureException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason fixed text saying what is not supported
     * @param offset byte offset, or -1
     * @param tag    tag, or {@link #NO_TAG}
     */
    public UnsupportedDataException(String reason, long offset, int tag) {
        super(reason, offset, tag, -1, null);
    }

    /** @param reason fixed text saying what is not supported, with no location */
    public UnsupportedDataException(String reason) {
        super(reason, -1, NO_TAG, -1, null);
    }
}
