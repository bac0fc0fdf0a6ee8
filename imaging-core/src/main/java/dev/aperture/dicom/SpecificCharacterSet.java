// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character repertoires named by Specific Character Set (0008,0005), PS3.3 C.12.1.1.2, and
 * the decoding and encoding of text values with them, including ISO 2022 code extensions with
 * escape sequences (PS3.5 6.1.2.5).
 *
 * <p>Supported defined terms: the default repertoire ({@code ISO_IR 6} or empty), {@code ISO_IR}
 * 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 166 and 13, {@code ISO_IR 192} (UTF-8),
 * {@code GB18030}, {@code GBK}, and with code extensions {@code ISO 2022 IR} 6, 100, 101, 109,
 * 110, 144, 127, 126, 138, 148, 203, 166, 13, 87, 159, 149 and 58. Common misspellings such as
 * {@code ISO-IR 100} or {@code ISO_IR100} are accepted as the term they resemble. A term that is
 * not recognised at all is listed by {@link #unknownTerms()} and otherwise ignored (a value-1 term
 * that is unknown means the default repertoire), so decoding never fails; {@link #lookup} is the
 * strict alternative.
 *
 * <p>Decoding never throws on bad bytes: bytes that the repertoire does not define become
 * U+FFFD, except that bytes 0x80-0xFF in the default repertoire (or where no G1 set is
 * designated) are read as ISO 8859-1, as most readers do. Multi-valued strings keep their
 * backslashes; the caller splits them after decoding. The JIS X 0201 Romaji set is decoded as
 * ASCII, so that 0x5C stays the value delimiter.
 *
 * <p>Immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    /** The default character repertoire (ISO-IR 6, ASCII). */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), List.of(),
            Mode.SINGLE, StandardCharsets.ISO_8859_1, null, null, List.of());

    private static final Pattern ISO_IR = Pattern.compile("ISO[ _-]?IR[ _-]?(\\d+)");
    private static final Pattern ISO_2022 = Pattern.compile("ISO[ _-]?2022[ _-]?IR[ _-]?(\\d+)");
    private static final Map<String, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    private enum Mode {
        /** One JDK charset decodes the whole value (or, without charset, the default). */
        SINGLE,
        /** JIS X 0201 without extensions: ASCII plus half-width Katakana. */
        JIS_X0201,
        /** ISO 2022 with escape sequences. */
        ISO_2022
    }

    private final List<String> terms;
    private final List<String> unknown;
    private final Mode mode;
    private final Charset charset;
    private final CodeElement initialG0;
    private final CodeElement initialG1;
    /** Code elements available to the encoder, in the order of the defined terms. */
    private final List<CodeElement> elements;

    private SpecificCharacterSet(List<String> terms, List<String> unknown, Mode mode, Charset charset,
            CodeElement initialG0, CodeElement initialG1, List<CodeElement> elements) {
        this.terms = terms;
        this.unknown = unknown;
        this.mode = mode;
        this.charset = charset;
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.elements = elements;
    }

    /**
     * Returns the character set named by the values of Specific Character Set (0008,0005).
     * Lenient: unknown terms are reported by {@link #unknownTerms()} and otherwise ignored.
     *
     * @param definedTerms the values, in order; none, or only blank values, give {@link #DEFAULT}
     * @return the character set
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        Objects.requireNonNull(definedTerms, "definedTerms");
        if (definedTerms.length == 0) {
            return DEFAULT;
        }
        if (definedTerms.length == 1) {
            String key = Objects.requireNonNull(definedTerms[0], "definedTerms[0]");
            SpecificCharacterSet cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            SpecificCharacterSet cs = create(definedTerms);
            if (CACHE.size() < 256) {
                CACHE.put(key, cs);
            }
            return cs;
        }
        return create(definedTerms);
    }

    /**
     * Returns the character set named by the values of Specific Character Set (0008,0005), or
     * empty when any value is not a term this class knows.
     *
     * @param definedTerms the values, in order
     * @return the character set, or empty
     */
    public static Optional<SpecificCharacterSet> lookup(String... definedTerms) {
        SpecificCharacterSet cs = of(definedTerms);
        return cs.unknown.isEmpty() ? Optional.of(cs) : Optional.empty();
    }

    /** What one defined term means. */
    private record Term(Mode mode, Charset charset, CodeElement g0, CodeElement g1) {
    }

    /** Parses one (trimmed, upper-case) term, or returns null when unknown. */
    private static Term term(String t) {
        if (t.isEmpty()) {
            return new Term(Mode.SINGLE, null, CodeElement.ASCII, null);
        }
        switch (t) {
            case "ISO_IR 192":
            case "ISO-IR 192":
            case "ISO_IR192":
            case "UTF-8":
            case "UTF8":
                return new Term(Mode.SINGLE, StandardCharsets.UTF_8, null, null);
            case "GB18030":
                return new Term(Mode.SINGLE, Charset.forName("GB18030"), null, null);
            case "GBK":
                return new Term(Mode.SINGLE, Charset.forName("GBK"), null, null);
            default:
                break;
        }
        Matcher m2022 = ISO_2022.matcher(t);
        Matcher mIr = ISO_IR.matcher(t);
        boolean ext;
        int ir;
        if (m2022.matches()) {
            ext = true;
            ir = Integer.parseInt(m2022.group(1));
        } else if (mIr.matches()) {
            ext = false;
            ir = Integer.parseInt(mIr.group(1));
        } else {
            return null;
        }
        CodeElement g0 = CodeElement.ASCII;
        CodeElement g1;
        switch (ir) {
            case 6: g1 = null; break;
            case 100: g1 = CodeElement.LATIN1; break;
            case 101: g1 = CodeElement.LATIN2; break;
            case 109: g1 = CodeElement.LATIN3; break;
            case 110: g1 = CodeElement.LATIN4; break;
            case 144: g1 = CodeElement.CYRILLIC; break;
            case 127: g1 = CodeElement.ARABIC; break;
            case 126: g1 = CodeElement.GREEK; break;
            case 138: g1 = CodeElement.HEBREW; break;
            case 148: g1 = CodeElement.LATIN5; break;
            case 203: g1 = CodeElement.LATIN9; break;
            case 166: g1 = CodeElement.THAI; break;
            case 13:
                g0 = CodeElement.JIS_ROMAN;
                g1 = CodeElement.JIS_KATAKANA;
                break;
            case 87:
                g0 = CodeElement.JIS_X0208;
                g1 = null;
                ext = true;
                break;
            case 159:
                g0 = CodeElement.JIS_X0212;
                g1 = null;
                ext = true;
                break;
            case 149:
                g1 = CodeElement.KS_X1001;
                ext = true;
                break;
            case 58:
                g1 = CodeElement.GB2312;
                ext = true;
                break;
            default:
                return null;
        }
        if (ext) {
            return new Term(Mode.ISO_2022, null, g0, g1);
        }
        if (ir == 13) {
            return new Term(Mode.JIS_X0201, null, g0, g1);
        }
        return new Term(Mode.SINGLE, g1 == null ? null : Charset.forName(g1CharsetName(g1)), g0, g1);
    }

    private static String g1CharsetName(CodeElement e) {
        switch (e) {
            case LATIN1: return "ISO-8859-1";
            case LATIN2: return "ISO-8859-2";
            case LATIN3: return "ISO-8859-3";
            case LATIN4: return "ISO-8859-4";
            case CYRILLIC: return "ISO-8859-5";
            case ARABIC: return "ISO-8859-6";
            case GREEK: return "ISO-8859-7";
            case HEBREW: return "ISO-8859-8";
            case LATIN5: return "ISO-8859-9";
            case LATIN9: return "ISO-8859-15";
            case THAI: return "x-iso-8859-11";
            default: throw new IllegalArgumentException(e.name());
        }
    }

    private static SpecificCharacterSet create(String[] definedTerms) {
        List<String> given = new ArrayList<>(definedTerms.length);
        boolean allBlank = true;
        for (String t : definedTerms) {
            String s = Objects.requireNonNull(t, "definedTerms[i]").strip();
            given.add(s);
            allBlank &= s.isEmpty();
        }
        if (allBlank) {
            return DEFAULT;
        }
        List<String> unknown = new ArrayList<>();
        Term[] parsed = new Term[given.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = term(given.get(i).toUpperCase(Locale.ROOT));
            if (parsed[i] == null) {
                unknown.add(given.get(i));
            }
        }
        List<String> terms = List.copyOf(given);
        List<String> unknownTerms = List.copyOf(unknown);
        Term first = parsed[0] == null ? new Term(Mode.SINGLE, null, CodeElement.ASCII, null) : parsed[0];
        boolean extensions = parsed.length > 1 || first.mode() == Mode.ISO_2022;
        if (first.g0() == null) { // UTF-8, GB18030, GBK: no code extensions; other values ignored
            return new SpecificCharacterSet(terms, unknownTerms, Mode.SINGLE, first.charset(), null, null, List.of());
        }
        if (!extensions) {
            if (first.mode() == Mode.JIS_X0201) {
                return new SpecificCharacterSet(terms, unknownTerms, Mode.JIS_X0201, null,
                        CodeElement.JIS_ROMAN, CodeElement.JIS_KATAKANA, List.of());
            }
            Charset cs = first.charset() == null ? StandardCharsets.ISO_8859_1 : first.charset();
            return new SpecificCharacterSet(terms, unknownTerms, Mode.SINGLE, cs, first.g0(), first.g1(), List.of());
        }
        // ISO 2022: value 1 gives the initial designations (a multi-byte G0 set cannot be
        // initial, since delimiters must be ASCII); every value offers its sets to the encoder.
        CodeElement g0 = first.g0().bytesPerChar() == 1 ? first.g0() : CodeElement.ASCII;
        CodeElement g1 = first.g1();
        List<CodeElement> elements = new ArrayList<>();
        elements.add(g0);
        for (Term t : parsed) {
            if (t == null || t.g0() == null) {
                continue;
            }
            if (!elements.contains(t.g0())) {
                elements.add(t.g0());
            }
            if (t.g1() != null && !elements.contains(t.g1())) {
                elements.add(t.g1());
            }
        }
        return new SpecificCharacterSet(terms, unknownTerms, Mode.ISO_2022, null, g0, g1,
                Collections.unmodifiableList(elements));
    }

    /**
     * Returns the values this character set was created from, stripped of padding.
     *
     * @return the defined terms; empty for {@link #DEFAULT}
     */
    public List<String> terms() {
        return terms;
    }

    /**
     * Returns the values that are not defined terms this class knows, so that a lenient reader can
     * report them (for instance as a {@code Repair}).
     *
     * @return the unknown terms, empty when all are known
     */
    public List<String> unknownTerms() {
        return unknown;
    }

    /** Returns true when ISO 2022 code extensions (escape sequences) are in use. */
    public boolean usesCodeExtensions() {
        return mode == Mode.ISO_2022;
    }

    /**
     * Returns true when bytes 0x00-0x7F always stand for themselves in ASCII, so that a reader may
     * find value delimiters, padding and control characters at the byte level before decoding.
     * False for GB18030 and GBK (whose second bytes include 0x40-0x7E) and for ISO 2022 sets
     * that designate a multi-byte G0 set (JIS X 0208 and 0212).
     *
     * @return whether the 7-bit bytes are ASCII
     */
    public boolean isAsciiCompatible() {
        switch (mode) {
            case SINGLE:
                return charset == null || !(charset.name().equals("GB18030") || charset.name().equals("GBK"));
            case JIS_X0201:
                return true;
            default:
                for (CodeElement e : elements) {
                    if (e.isG0() && e.bytesPerChar() == 2) {
                        return false;
                    }
                }
                return true;
        }
    }

    /**
     * Decodes a text value.
     *
     * @param bytes      the encoded value
     * @param offset     start of the value in {@code bytes}
     * @param length     length of the value in bytes
     * @param personName true for a PN value, whose component ({@code ^}) and group ({@code =})
     *                   delimiters also return to the initial code elements
     * @return the decoded text, backslashes and padding kept
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        switch (mode) {
            case SINGLE:
                return new String(bytes, offset, length, charset);
            case JIS_X0201:
                return decodeJisX0201(bytes, offset, length);
            default:
                return Iso2022.decode(bytes, offset, offset + length, personName, initialG0, initialG1);
        }
    }

    private static String decodeJisX0201(byte[] b, int off, int len) {
        char[] out = new char[len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xFF;
            out[i] = v < 0x80 ? (char) v : CodeElement.JIS_KATAKANA.high(v);
        }
        return new String(out);
    }

    /**
     * Encodes a text value. Characters that the repertoire cannot represent become {@code ?}.
     * With code extensions, the initial code elements are active again before every delimiter
     * ({@code \}, and {@code ^} and {@code =} in person names), every control character, and at
     * the end of the value, as PS3.5 6.1.2.5.3 requires.
     *
     * @param s          the text, with backslashes between values
     * @param personName true for a PN value
     * @return the encoded bytes, without padding
     */
    public byte[] encode(String s, boolean personName) {
        Objects.requireNonNull(s, "s");
        switch (mode) {
            case SINGLE:
                if (charset == StandardCharsets.ISO_8859_1 && initialG1 == null) {
                    return s.getBytes(StandardCharsets.US_ASCII); // the default repertoire
                }
                return s.getBytes(charset);
            case JIS_X0201: {
                byte[] out = new byte[s.length()];
                byte[] one = new byte[2];
                int n = 0;
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                        continue;
                    }
                    if (c < 0x80) {
                        out[n++] = (byte) c;
                    } else if (CodeElement.JIS_KATAKANA.encode(c, null, one) == 1) {
                        out[n++] = one[0];
                    } else {
                        out[n++] = '?';
                    }
                }
                return Arrays.copyOf(out, n);
            }
            default:
                return Iso2022.encode(s, personName, initialG0, initialG1, elements);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && terms.equals(other.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** Returns the defined terms, e.g. {@code SpecificCharacterSet[ISO 2022 IR 6\ISO 2022 IR 87]}. */
    @Override
    public String toString() {
        return "SpecificCharacterSet[" + String.join("\\", terms) + "]";
    }
}
