// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening.internal.json;

/**
 * Text that is not valid JSON (or exceeds a structural limit). The message is a fixed reason
 * with line and column; it never contains the text itself.
 */
public final class JsonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    JsonSyntaxException(String reason, int line, int column) {
        super(reason + " (line " + line + ", column " + column + ")");
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** @return the fixed reason, without position */
    public String reason() {
        return reason;
    }

    /** @return the 1-based line */
    public int line() {
        return line;
    }

    /** @return the 1-based column */
    public int column() {
        return column;
    }
}
