// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

/** JSON text helpers for the screening commands. Stateless. */
final class ScreeningJson {
    private ScreeningJson() {
    }

    /** A JSON string literal for {@code s} ({@code null} for null). */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
