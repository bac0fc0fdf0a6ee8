// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One ISO 2022 code element of PS3.3 Table C.12-3/C.12-4: a graphic character set that an escape
 * sequence designates to G0 (bytes 0x21-0x7E) or G1 (bytes 0xA1-0xFE), with the JDK charset that
 * decodes it. Immutable and thread-safe.
 */
enum CodeElement {
    /** ISO 646 (ASCII), ISO-IR 6. */
    ASCII(true, 1, "(B", null),
    /** JIS X 0201 Romaji, ISO-IR 14. Decoded as ASCII, so that 0x5C stays the value delimiter. */
    JIS_ROMAN(true, 1, "(J", null),
    /** JIS X 0201 Katakana, ISO-IR 13. */
    JIS_KATAKANA(false, 1, ")I", null),
    /** Latin alphabet No. 1, ISO-IR 100. */
    LATIN1(false, 1, "-A", "ISO-8859-1"),
    /** Latin alphabet No. 2, ISO-IR 101. */
    LATIN2(false, 1, "-B", "ISO-8859-2"),
    /** Latin alphabet No. 3, ISO-IR 109. */
    LATIN3(false, 1, "-C", "ISO-8859-3"),
    /** Latin alphabet No. 4, ISO-IR 110. */
    LATIN4(false, 1, "-D", "ISO-8859-4"),
    /** Cyrillic, ISO-IR 144. */
    CYRILLIC(false, 1, "-L", "ISO-8859-5"),
    /** Arabic, ISO-IR 127. */
    ARABIC(false, 1, "-G", "ISO-8859-6"),
    /** Greek, ISO-IR 126. */
    GREEK(false, 1, "-F", "ISO-8859-7"),
    /** Hebrew, ISO-IR 138. */
    HEBREW(false, 1, "-H", "ISO-8859-8"),
    /** Latin alphabet No. 5, ISO-IR 148. */
    LATIN5(false, 1, "-M", "ISO-8859-9"),
    /** Latin alphabet No. 9, ISO-IR 203. */
    LATIN9(false, 1, "-b", "ISO-8859-15"),
    /** Thai, ISO-IR 166 (TIS 620-2533). */
    THAI(false, 1, "-T", "x-iso-8859-11"),
    /** JIS X 0208 Kanji, ISO-IR 87. */
    JIS_X0208(true, 2, "$B", "x-JIS0208"),
    /** JIS X 0212 supplementary Kanji, ISO-IR 159; decoded through EUC-JP (0x8F prefix). */
    JIS_X0212(true, 2, "$(D", "EUC-JP"),
    /** KS X 1001 Hangul and Hanja, ISO-IR 149; the G1 bytes are its EUC-KR form. */
    KS_X1001(false, 2, "$)C", "EUC-KR"),
    /** GB 2312, ISO-IR 58; the G1 bytes are its EUC-CN form. */
    GB2312(false, 2, "$)A", "GB2312");

    static final int ESC = 0x1B;

    private final boolean g0;
    private final int bytesPerChar;
    private final byte[] escape;
    private final Charset charset;
    /** For single-byte G1 sets: the characters of bytes 0x80-0xFF, U+FFFD where undefined. */
    private final char[] high;

    CodeElement(boolean g0, int bytesPerChar, String escape, String charset) {
        this.g0 = g0;
        this.bytesPerChar = bytesPerChar;
        byte[] esc = new byte[escape.length() + 1];
        esc[0] = ESC;
        for (int i = 0; i < escape.length(); i++) {
            esc[i + 1] = (byte) escape.charAt(i);
        }
        this.escape = esc;
        this.charset = charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset);
        if (!g0 && bytesPerChar == 1) {
            high = new char[128];
            if (charset == null) { // JIS X 0201 Katakana: 0xA1-0xDF are U+FF61-U+FF9F
                for (int b = 0x80; b < 0x100; b++) {
                    high[b - 0x80] = b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : '\uFFFD';
                }
            } else {
                CharsetDecoder d = this.charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
                for (int b = 0x80; b < 0x100; b++) {
                    try {
                        CharBuffer cb = d.decode(ByteBuffer.wrap(new byte[] {(byte) b}));
                        high[b - 0x80] = cb.length() == 1 ? cb.get(0) : '\uFFFD';
                    } catch (CharacterCodingException e) {
                        high[b - 0x80] = '\uFFFD';
                    }
                    d.reset();
                }
            }
        } else {
            high = null;
        }
    }

    /** True for a G0 set (bytes 0x21-0x7E), false for a G1 set (0xA1-0xFE). */
    boolean isG0() {
        return g0;
    }

    /** Returns 1 or 2. */
    int bytesPerChar() {
        return bytesPerChar;
    }

    /** The escape sequence that designates this set, including ESC. */
    byte[] escape() {
        return escape;
    }

    /** The character of a byte 0x80-0xFF in a single-byte G1 set. */
    char high(int b) {
        return high[b - 0x80];
    }

    /**
     * Recognises the escape sequence at {@code b[i]} (which is ESC).
     *
     * @return the designated set, or null when the sequence is unknown or truncated
     */
    static CodeElement ofEscape(byte[] b, int i, int end) {
        int n = end - i;
        if (n < 3) {
            return null;
        }
        int i1 = b[i + 1];
        int f = b[i + 2];
        switch (i1) {
            case '(':
                return f == 'B' ? ASCII : f == 'J' ? JIS_ROMAN : null;
            case ')':
                return f == 'I' ? JIS_KATAKANA : null;
            case '-':
                switch (f) {
                    case 'A': return LATIN1;
                    case 'B': return LATIN2;
                    case 'C': return LATIN3;
                    case 'D': return LATIN4;
                    case 'L': return CYRILLIC;
                    case 'G': return ARABIC;
                    case 'F': return GREEK;
                    case 'H': return HEBREW;
                    case 'M': return LATIN5;
                    case 'b': return LATIN9;
                    case 'T': return THAI;
                    default: return null;
                }
            case '$':
                if (f == 'B' || f == '@') { // ESC $ @ is the 1978 edition, a subset in practice
                    return JIS_X0208;
                }
                if (n >= 4) {
                    int f2 = b[i + 3];
                    if (f == '(' && f2 == 'D') {
                        return JIS_X0212;
                    }
                    if (f == ')' && f2 == 'C') {
                        return KS_X1001;
                    }
                    if (f == ')' && f2 == 'A') {
                        return GB2312;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /**
     * Decodes a run of two-byte characters {@code b[from, to)} (even length, all bytes in this
     * set's range) and appends them.
     */
    void decodePairs(byte[] b, int from, int to, StringBuilder out) {
        if (this == JIS_X0212) {
            byte[] euc = new byte[(to - from) / 2 * 3];
            int j = 0;
            for (int i = from; i < to; i += 2) {
                euc[j++] = (byte) 0x8F;
                euc[j++] = (byte) (b[i] | 0x80);
                euc[j++] = (byte) (b[i + 1] | 0x80);
            }
            out.append(new String(euc, 0, j, charset));
        } else {
            out.append(new String(b, from, to - from, charset));
        }
    }

    /** A per-call encoder for this set (encoders are not thread-safe). */
    CharsetEncoder newEncoder() {
        return charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Encodes one character (a BMP code point) in this set into {@code dst[0..]}, returning the
     * number of bytes (1 or 2) or 0 when the set cannot represent it.
     *
     * @param enc an encoder from {@link #newEncoder()}, or null for the sets that need none
     */
    int encode(char c, CharsetEncoder enc, byte[] dst) {
        switch (this) {
            case ASCII:
            case JIS_ROMAN:
                if (c < 0x80) {
                    dst[0] = (byte) c;
                    return 1;
                }
                return 0;
            case JIS_KATAKANA:
                if (c >= 0xFF61 && c <= 0xFF9F) {
                    dst[0] = (byte) (c - 0xFF61 + 0xA1);
                    return 1;
                }
                return 0;
            default:
                break;
        }
        if (c < 0x80) {
            return 0;
        }
        if (bytesPerChar == 1) {
            for (int i = 0; i < 128; i++) {
                if (high[i] == c) {
                    dst[0] = (byte) (0x80 + i);
                    return 1;
                }
            }
            return 0;
        }
        ByteBuffer bb;
        try {
            enc.reset();
            bb = enc.encode(CharBuffer.wrap(new char[] {c}));
        } catch (CharacterCodingException e) {
            return 0;
        }
        int n = bb.remaining();
        if (this == JIS_X0212) {
            if (n != 3 || (bb.get(0) & 0xFF) != 0x8F) {
                return 0;
            }
            dst[0] = (byte) (bb.get(1) & 0x7F);
            dst[1] = (byte) (bb.get(2) & 0x7F);
            return 2;
        }
        if (n != 2) {
            return 0;
        }
        int b0 = bb.get(0) & 0xFF;
        int b1 = bb.get(1) & 0xFF;
        if (g0) { // JIS X 0208 gives 7-bit pairs
            if (b0 < 0x21 || b0 > 0x7E || b1 < 0x21 || b1 > 0x7E) {
                return 0;
            }
        } else if (b0 < 0xA1 || b0 > 0xFE || b1 < 0xA1 || b1 > 0xFE) {
            return 0;
        }
        dst[0] = (byte) b0;
        dst[1] = (byte) b1;
        return 2;
    }
}
