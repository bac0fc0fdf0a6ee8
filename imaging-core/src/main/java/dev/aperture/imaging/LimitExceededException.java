// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

/**
 * A declared size or depth exceeds a {@link ReadLimits} cap. Thrown before anything is allocated
 * for the value.
 *
 * <p>Immutable and thread-safe.
 */
public final class LimitExceededException extends ApertureException {
    private static final long serialVersionUID = 1L;

    private final String limitName;
    private final long declared;
    private final long allowed;

    /**
     * @param limitName name of the {@link ReadLimits} component that was exceeded
     * @param declared  the size or depth the input asked for
     * @param allowed   the cap in force
     * @param offset    byte offset, or -1
     * @param tag       tag, or {@link #NO_TAG}
     */
    public LimitExceededException(String limitName, long declared, long allowed, long offset, int tag) {
        super(limitName + " exceeded: " + declared + " > " + allowed, offset, tag, -1, null);
        this.limitName = limitName;
        this.declared = declared;
        this.allowed = allowed;
    }

    /** Returns the name of the limit, e.g. {@code maxValueLength}. */
    public String limitName() {
        return limitName;
    }

    /** Returns the size or depth the input declared. */
    public long declared() {
        return declared;
    }

    /** Returns the cap that was in force. */
    public long allowed() {
        return allowed;
    }
}
