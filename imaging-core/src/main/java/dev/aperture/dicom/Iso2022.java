// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharsetEncoder;
import java.util.List;

/**
 * ISO 2022 code extensions of PS3.5 6.1.2.5: decoding with G0/G1 escape sequences, and encoding
 * that designates the sets a text needs and returns to the initial ones at delimiters, control
 * characters and the end of the value. Stateless; thread-safe.
 */
final class Iso2022 {
    private Iso2022() {
    }

    static boolean isDelimiter(int b, boolean personName) {
        return b == '\\' || personName && (b == '^' || b == '=');
    }

    /** Decodes {@code b[from, end)} starting from the initial designations. */
    static String decode(byte[] b, int from, int end, boolean personName, CodeElement initialG0,
            CodeElement initialG1) {
        StringBuilder out = new StringBuilder(end - from);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int i = from;
        while (i < end) {
            int v = b[i] & 0xFF;
            if (v == CodeElement.ESC) {
                CodeElement e = CodeElement.ofEscape(b, i, end);
                if (e == null) {
                    out.append((char) v); // unknown escape: keep it visible, stay in state
                    i++;
                } else {
                    if (e.isG0()) {
                        g0 = e;
                    } else {
                        g1 = e;
                    }
                    i += e.escape().length;
                }
                continue;
            }
            if (v < 0x20 || v == 0x7F) { // CR, LF, FF, TAB ...: back to the initial sets
                g0 = initialG0;
                g1 = initialG1;
                out.append((char) v);
                i++;
                continue;
            }
            if (v < 0x80) {
                if (g0.bytesPerChar() == 2 && v != 0x20) {
                    int j = i;
                    while (j + 1 < end && isGraphic7(b[j]) && isGraphic7(b[j + 1])) {
                        j += 2;
                    }
                    if (j == i) { // a lone byte where a pair was expected
                        out.append('\uFFFD');
                        i++;
                    } else {
                        g0.decodePairs(b, i, j, out);
                        i = j;
                    }
                    continue;
                }
                if (isDelimiter(v, personName)) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
                out.append((char) v);
                i++;
                continue;
            }
            if (g1 == null) {
                out.append((char) v); // no G1 set designated: read as ISO 8859-1
                i++;
            } else if (g1.bytesPerChar() == 1) {
                out.append(g1.high(v));
                i++;
            } else {
                int j = i;
                while (j + 1 < end && isGraphic8(b[j]) && isGraphic8(b[j + 1])) {
                    j += 2;
                }
                if (j == i) {
                    out.append('\uFFFD');
                    i++;
                } else {
                    g1.decodePairs(b, i, j, out);
                    i = j;
                }
            }
        }
        return out.toString();
    }

    private static boolean isGraphic7(byte b) {
        return b >= 0x21 && b <= 0x7E;
    }

    private static boolean isGraphic8(byte b) {
        int v = b & 0xFF;
        return v >= 0xA1 && v <= 0xFE;
    }

    /** Encodes with the initial designations and the code elements the terms offer. */
    static byte[] encode(String s, boolean personName, CodeElement initialG0, CodeElement initialG1,
            List<CodeElement> elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 2 + 8);
        CharsetEncoder[] encoders = new CharsetEncoder[elements.size()];
        byte[] buf = new byte[2];
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7F || isDelimiter(c, personName)) {
                    g0 = designate(out, g0, initialG0);
                    g1 = restoreG1(out, g1, initialG1);
                } else if (g0.bytesPerChar() != 1) {
                    g0 = designate(out, g0, initialG0);
                }
                out.write(c);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // outside the BMP: no ISO 2022 set has it
                g0 = asciiForReplacement(out, g0, initialG0);
                out.write('?');
                continue;
            }
            int n = 0;
            CodeElement used = null;
            // prefer the sets already designated, then the declared ones in order
            if (g1 != null) {
                n = g1.encode(c, encoder(encoders, elements, g1), buf);
                used = g1;
            }
            if (n == 0 && g0.bytesPerChar() == 2) {
                n = g0.encode(c, encoder(encoders, elements, g0), buf);
                used = g0;
            }
            if (n == 0) {
                for (CodeElement e : elements) {
                    n = e.encode(c, encoder(encoders, elements, e), buf);
                    if (n > 0) {
                        used = e;
                        break;
                    }
                }
            }
            if (n == 0) {
                g0 = asciiForReplacement(out, g0, initialG0);
                out.write('?');
                continue;
            }
            if (used.isG0()) {
                g0 = designate(out, g0, used);
            } else {
                // Leave a multi-byte G0 set first: decoders that work escape by escape (pydicom,
                // for one) cannot mix G0 pairs and G1 bytes in one stretch.
                if (g0.bytesPerChar() != 1) {
                    g0 = designate(out, g0, initialG0);
                }
                if (g1 != used) {
                    out.writeBytes(used.escape());
                    g1 = used;
                }
            }
            out.write(buf, 0, n);
        }
        designate(out, g0, initialG0);
        restoreG1(out, g1, initialG1);
        return out.toByteArray();
    }

    private static CharsetEncoder encoder(CharsetEncoder[] encoders, List<CodeElement> elements, CodeElement e) {
        if (e.bytesPerChar() == 1) {
            return null;
        }
        int i = elements.indexOf(e);
        if (encoders[i] == null) {
            encoders[i] = e.newEncoder();
        }
        return encoders[i];
    }

    private static CodeElement designate(ByteArrayOutputStream out, CodeElement current, CodeElement wanted) {
        if (current != wanted) {
            out.writeBytes(wanted.escape());
        }
        return wanted;
    }

    /** Makes the initial G1 set active again; with none initially, no escape is needed. */
    private static CodeElement restoreG1(ByteArrayOutputStream out, CodeElement current, CodeElement initialG1) {
        if (current != initialG1 && initialG1 != null) {
            out.writeBytes(initialG1.escape());
        }
        return initialG1;
    }

    private static CodeElement asciiForReplacement(ByteArrayOutputStream out, CodeElement g0, CodeElement initialG0) {
        return g0.bytesPerChar() == 1 ? g0 : designate(out, g0, initialG0);
    }
}
