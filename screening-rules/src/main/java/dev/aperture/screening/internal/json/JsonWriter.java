// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening.internal.json;

/**
 * Helpers that append JSON tokens to a {@link StringBuilder}. Stateless; thread-safe.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /**
     * Appends a JSON string literal, or {@code null} for a null string.
     *
     * @param sb the destination
     * @param s  the string, may be null
     * @return {@code sb}
     */
    public static StringBuilder string(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }

    /**
     * Appends an object key and the colon.
     *
     * @param sb  the destination
     * @param key the key
     * @return {@code sb}
     */
    public static StringBuilder key(StringBuilder sb, String key) {
        return string(sb, key).append(':');
    }
}
