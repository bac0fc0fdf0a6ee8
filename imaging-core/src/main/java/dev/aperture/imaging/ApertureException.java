// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

/**
 * Root of the unchecked exceptions Aperture throws for bytes it cannot accept.
 *
 * <p>Instances are immutable and safe to share between threads. The location of the problem
 * is carried in fields ({@link #offset()}, {@link #tag()}, {@link #frame()}); the message is
 * built from those fields and a fixed reason, and never contains an element value, so it is
 * safe to log. {@code IOException} means only that bytes could not be fetched; bytes that were
 * fetched but are wrong are an {@code ApertureException}.
 */
public abstract class ApertureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The value of {@link #tag()} when no tag applies. */
    public static final int NO_TAG = -1;

    private final String reason;
    private final long offset;
    private final int tag;
    private final int frame;

    /**
     * Creates an exception.
     *
     * @param reason fixed text saying what is wrong; never an element value
     * @param offset byte offset in the input where the problem was found, or -1
     * @param tag    DICOM tag (group &lt;&lt; 16 | element) being read, or {@link #NO_TAG}
     * @param frame  0-based frame index, or -1
     * @param cause  underlying cause, or null
     */
    protected ApertureException(String reason, long offset, int tag, int frame, Throwable cause) {
        super(format(reason, offset, tag, frame), cause);
        this.reason = reason;
        this.offset = offset;
        this.tag = tag;
        this.frame = frame;
    }

    /** Returns the fixed reason, without the location. */
    public String reason() {
        return reason;
    }

    /** Returns the byte offset in the input where the problem was found, or -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** Returns the tag being read, or {@link #NO_TAG} when unknown or not applicable. */
    public int tag() {
        return tag;
    }

    /** Returns the 0-based frame index, or -1 when unknown or not applicable. */
    public int frame() {
        return frame;
    }

    private static String format(String reason, long offset, int tag, int frame) {
        StringBuilder sb = new StringBuilder(reason);
        if (offset >= 0 || tag != NO_TAG || frame >= 0) {
            sb.append(" (");
            String sep = "";
            if (offset >= 0) {
                sb.append("offset ").append(offset);
                sep = ", ";
            }
            if (tag != NO_TAG) {
                sb.append(sep).append("tag ").append(tagString(tag));
                sep = ", ";
            }
            if (frame >= 0) {
                sb.append(sep).append("frame ").append(frame);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Formats a tag as {@code (GGGG,EEEE)} in upper-case hex. */
    static String tagString(int tag) {
        char[] c = new char[11];
        c[0] = '(';
        c[5] = ',';
        c[10] = ')';
        for (int i = 0; i < 4; i++) {
            c[4 - i] = HEX[(tag >>> (16 + 4 * i)) & 0xF];
            c[9 - i] = HEX[(tag >>> (4 * i)) & 0xF];
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
