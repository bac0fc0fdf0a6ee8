// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/**
 * Text that cannot be read as the expected JSON document: not JSON, the wrong shape (for example
 * a case file that is neither an object nor an array of objects), or an invalid site-rule file.
 *
 * <p>The message names the source, the 1-based line and column and, where one applies, the field;
 * it never contains values from the document. Immutable.
 */
public final class ScreeningFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String field;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param source a name for the text (a file name), never null
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param field  JSON path of the offending field, or the empty string
     * @param reason fixed reason
     */
    public ScreeningFormatException(String source, int line, int column, String field, String reason) {
        super(format(source, line, column, field, reason));
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
        this.reason = reason;
    }

    private static String format(String source, int line, int column, String field, String reason) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(reason).toString();
    }

    /** @return the name of the text */
    public String source() {
        return source;
    }

    /** @return the 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, or 0 when unknown */
    public int column() {
        return column;
    }

    /** @return the JSON path of the offending field, or the empty string */
    public String field() {
        return field;
    }

    /** @return the fixed reason */
    public String reason() {
        return reason;
    }
}
