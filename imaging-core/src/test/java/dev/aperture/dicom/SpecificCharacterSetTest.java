// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Character sets: the worked examples of PS3.5 Annexes H (Japanese), I (Korean), J (Chinese,
 * GB18030) and K (Chinese, GB 2312 with ISO 2022), round trips, and pydicom as a second opinion.
 */
class SpecificCharacterSetTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static String decode(SpecificCharacterSet cs, byte[] b, boolean pn) {
        return cs.decode(b, 0, b.length, pn);
    }

    /** PS3.5 H.3.1: value 1 empty, ISO 2022 IR 87; JIS X 0208 in G0. */
    static final byte[] H31 = hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40"
            + " 4f 3a 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42");
    /** PS3.5 H.3.2: ISO 2022 IR 13, ISO 2022 IR 87; half-width Katakana in G1, Romaji in G0. */
    static final byte[] H32 = hex("d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b"
            + " 28 4a 3d 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a");
    /** PS3.5 I.2: value 1 empty, ISO 2022 IR 149; KS X 1001 in G1. */
    static final byte[] I2 = hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7"
            + " 3d 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf");
    /** PS3.5 J.3: GB18030. */
    static final byte[] J3 = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d");
    /** PS3.5 K.2: value 1 empty, ISO 2022 IR 58; GB 2312 in G1. */
    static final byte[] K2 = hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1"
            + " b6 ab 3d");

    @Test
    void annexH31Japanese() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", decode(cs, H31, true));
        assertArrayEquals(H31, cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", true));
        assertTrue(cs.usesCodeExtensions());
        assertFalse(cs.isAsciiCompatible());
    }

    @Test
    void annexH32Japanese() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", decode(cs, H32, true));
        assertArrayEquals(H32, cs.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true));
    }

    @Test
    void annexI2Korean() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertEquals("Hong^Gildong=洪^吉洞=홍^길동", decode(cs, I2, true));
        assertArrayEquals(I2, cs.encode("Hong^Gildong=洪^吉洞=홍^길동", true));
        assertTrue(cs.isAsciiCompatible());
    }

    @Test
    void annexJ3Gb18030() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("GB18030");
        assertEquals("Wang^XiaoDong=王^小东=", decode(cs, J3, true));
        assertArrayEquals(J3, cs.encode("Wang^XiaoDong=王^小东=", true));
        assertFalse(cs.isAsciiCompatible());
        assertFalse(cs.usesCodeExtensions());
    }

    @Test
    void annexK2Gb2312() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        assertEquals("Zhang^XiaoDong=张^小东=", decode(cs, K2, true));
        assertArrayEquals(K2, cs.encode("Zhang^XiaoDong=张^小东=", true));
    }

    /** JIS X 0212 (ISO 2022 IR 159) for a character JIS X 0208 lacks; bytes as pydicom's own test. */
    @Test
    void jisX0212() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] expected = hex("4d 6f 72 69 5e 4f 67 61 69 3d 1b 24 42 3f 39 1b 28 42 5e 1b 24 28 44 6c 3f 1b 24 42"
                + " 33 30 1b 28 42 3d 1b 24 42 24 62 24 6a 1b 28 42 5e 1b 24 42 24 2a 24 26 24 2c 24 24 1b 28 42");
        assertArrayEquals(expected, cs.encode("Mori^Ogai=森^鷗外=もり^おうがい", true));
        assertEquals("Mori^Ogai=森^鷗外=もり^おうがい", decode(cs, expected, true));
    }

    /** Single-byte sets with code extensions (escape to G1 after every delimiter). */
    @Test
    void singleByteWithExtensions() {
        String[][] cases = {
            {"ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "1b 29 49 d4 cf c0 de 5e 1b 29 49 c0 db b3"},
            {"ISO 2022 IR 100", "Buc^Jérôme", "1b 2d 41 42 75 63 5e 1b 2d 41 4a e9 72 f4 6d 65"},
            {"ISO 2022 IR 101", "Wałęsa", "1b 2d 42 57 61 b3 ea 73 61"},
            {"ISO 2022 IR 109", "antaŭnomo", "1b 2d 43 61 6e 74 61 fd 6e 6f 6d 6f"},
            {"ISO 2022 IR 110", "vārds", "1b 2d 44 76 e0 72 64 73"},
            {"ISO 2022 IR 127", "قباني^لنزار", "1b 2d 47 e2 c8 c7 e6 ea 5e 1b 2d 47 e4 e6 d2 c7 d1"},
            {"ISO 2022 IR 126", "Διονυσιος", "1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2"},
            {"ISO 2022 IR 138", "שרון^דבורה", "1b 2d 48 f9 f8 e5 ef 5e 1b 2d 48 e3 e1 e5 f8 e4"},
            {"ISO 2022 IR 144", "Люкceмбypг", "1b 2d 4c bb ee da 63 65 dc d1 79 70 d3"},
            {"ISO 2022 IR 148", "Çavuşoğlu", "1b 2d 4d c7 61 76 75 fe 6f f0 6c 75"},
            {"ISO 2022 IR 166", "นามสกุล", "1b 2d 54 b9 d2 c1 ca a1 d8 c5"},
            {"ISO 2022 IR 203", "Œuvre€", "1b 2d 62 bc 75 76 72 65 a4"},
        };
        for (String[] c : cases) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(c[0]);
            assertEquals(c[1], decode(cs, hex(c[2]), true), c[0]);
            // the set is designated initially, so our encoder needs no escapes
            assertEquals(c[1], decode(cs, cs.encode(c[1], true), true), c[0]);
        }
    }

    @Test
    void singleByteWithoutExtensions() {
        assertEquals("Buc^Jérôme", decode(SpecificCharacterSet.of("ISO_IR 100"), hex("42 75 63 5e 4a e9 72 f4 6d 65"), true));
        assertEquals("Διονυσιος", decode(SpecificCharacterSet.of("ISO_IR 126"), hex("c4 e9 ef ed f5 f3 e9 ef f2"), true));
        assertEquals("Люкceмбypг", decode(SpecificCharacterSet.of("ISO_IR 144"), hex("bb ee da 63 65 dc d1 79 70 d3"), false));
        assertEquals("قباني^لنزار", decode(SpecificCharacterSet.of("ISO_IR 127"), hex("e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1"), true));
        assertEquals("שרון^דבורה", decode(SpecificCharacterSet.of("ISO_IR 138"), hex("f9 f8 e5 ef 5e e3 e1 e5 f8 e4"), true));
        assertEquals("Wałęsa", decode(SpecificCharacterSet.of("ISO_IR 101"), hex("57 61 b3 ea 73 61"), true));
        assertEquals("Çavuşoğlu", decode(SpecificCharacterSet.of("ISO_IR 148"), hex("c7 61 76 75 fe 6f f0 6c 75"), true));
        assertEquals("นามสกุล", decode(SpecificCharacterSet.of("ISO_IR 166"), hex("b9 d2 c1 ca a1 d8 c5"), true));
        assertEquals("Œ€", decode(SpecificCharacterSet.of("ISO_IR 203"), hex("bc a4"), true));
        assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ\\x", decode(SpecificCharacterSet.of("ISO_IR 13"), hex("d4 cf c0 de 5e c0 db b3 5c 78"), true));
        assertArrayEquals(hex("d4 cf c0 de 5e c0 db b3 3f"), SpecificCharacterSet.of("ISO_IR 13").encode("ﾔﾏﾀﾞ^ﾀﾛｳ山", true));
        assertEquals("Äneas^Rüdiger", decode(SpecificCharacterSet.of("ISO_IR 192"), "Äneas^Rüdiger".getBytes(StandardCharsets.UTF_8), true));
        assertEquals("中文", decode(SpecificCharacterSet.of("GBK"), hex("d6 d0 ce c4"), false));
        assertFalse(SpecificCharacterSet.of("GBK").isAsciiCompatible());
        assertTrue(SpecificCharacterSet.of("ISO_IR 192").isAsciiCompatible());
    }

    @Test
    void defaultRepertoireAndTerms() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(""));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(" ", ""));
        assertTrue(SpecificCharacterSet.DEFAULT.isAsciiCompatible());
        assertEquals("ab\\c", decode(SpecificCharacterSet.DEFAULT, "ab\\c".getBytes(StandardCharsets.US_ASCII), false));
        assertEquals("é", decode(SpecificCharacterSet.DEFAULT, hex("e9"), false)); // read as ISO 8859-1
        assertArrayEquals("a?".getBytes(StandardCharsets.US_ASCII), SpecificCharacterSet.DEFAULT.encode("aé", false));
        assertEquals(List.of(), SpecificCharacterSet.of("ISO_IR 100").unknownTerms());
        assertEquals(List.of("ISO_IR 100"), SpecificCharacterSet.of("ISO_IR 100 ").terms());
        // lenient spellings
        assertEquals("é", decode(SpecificCharacterSet.of("ISO-IR 100"), hex("e9"), false));
        assertEquals("é", decode(SpecificCharacterSet.of("iso_ir100"), hex("e9"), false));
        // unknown terms: reported, ignored, never thrown while decoding
        SpecificCharacterSet bad = SpecificCharacterSet.of("ISO_IR 999");
        assertEquals(List.of("ISO_IR 999"), bad.unknownTerms());
        assertEquals("abc", decode(bad, hex("61 62 63"), false));
        assertTrue(SpecificCharacterSet.lookup("ISO_IR 999").isEmpty());
        assertTrue(SpecificCharacterSet.lookup("", "ISO 2022 IR 87").isPresent());
        SpecificCharacterSet mixed = SpecificCharacterSet.of("", "ISO 2022 IR 87", "KOI8");
        assertEquals(List.of("KOI8"), mixed.unknownTerms());
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", decode(mixed, H31, true));
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), SpecificCharacterSet.of("ISO_IR 100"));
        assertEquals("SpecificCharacterSet[\\ISO 2022 IR 87]", SpecificCharacterSet.of("", "ISO 2022 IR 87").toString());
        assertThrows(IndexOutOfBoundsException.class, () -> SpecificCharacterSet.DEFAULT.decode(new byte[2], 1, 2, false));
    }

    /** Delimiters and control characters return to the initial sets (PS3.5 6.1.2.5.3). */
    @Test
    void resetsAtDelimitersAndControls() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        // Cyrillic designated, then a backslash: G1 is Latin-1 again without an escape
        byte[] b = hex("1b 2d 4c bb 5c e9");
        assertEquals("Л\\é", decode(cs, b, false));
        // in a PN, '^' resets too; elsewhere it does not
        byte[] pn = hex("1b 2d 4c bb 5e e9");
        assertEquals("Л^é", decode(cs, pn, true));
        assertEquals("Л^щ", decode(cs, pn, false));
        // CR LF resets for text
        byte[] lt = hex("1b 2d 4c bb 0d 0a e9");
        assertEquals("Л\r\né", decode(cs, lt, false));
        // the encoder switches back before the delimiter and at the end
        assertArrayEquals(hex("1b 2d 4c bb 1b 2d 41 5c e9 1b 2d 4c bb 1b 2d 41"), cs.encode("Л\\éЛ", false));
        assertEquals("Л\\éЛ", decode(cs, cs.encode("Л\\éЛ", false), false));
        // Japanese text with line breaks
        SpecificCharacterSet jp = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        String text = "山田\r\n太郎\tやまだ";
        byte[] enc = jp.encode(text, false);
        assertEquals(text, decode(jp, enc, false));
        assertEquals("1b 24 42 3b 33 45 44 1b 28 42 0d 0a", HEX.formatHex(enc).substring(0, 35));
    }

    @Test
    void badBytesNeverThrow() {
        SpecificCharacterSet jp = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159", "ISO 2022 IR 149");
        assertEquals("\u001b$", decode(jp, hex("1b 24"), false)); // truncated escape
        assertEquals("\u001b%Gx", decode(jp, hex("1b 25 47 78"), false)); // unknown escape
        assertEquals("山\uFFFD", decode(jp, hex("1b 24 42 3b 33 45"), false)); // lone byte of a pair
        assertEquals("\uFFFD", decode(jp, hex("1b 24 29 43 b1"), false));
        Random rnd = new Random(7);
        String[][] sets = {{"", "ISO 2022 IR 87", "ISO 2022 IR 159"}, {"ISO 2022 IR 13", "ISO 2022 IR 87"},
            {"", "ISO 2022 IR 149"}, {"", "ISO 2022 IR 58"}, {"GB18030"}, {"ISO_IR 192"}, {"ISO_IR 13"},
            {"ISO_IR 166"}, {"ISO 2022 IR 100", "ISO 2022 IR 126"}};
        for (String[] terms : sets) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
            for (int i = 0; i < 2000; i++) {
                byte[] b = new byte[rnd.nextInt(24)];
                rnd.nextBytes(b);
                if (b.length > 2 && rnd.nextBoolean()) {
                    b[rnd.nextInt(b.length - 2)] = 0x1b;
                }
                cs.decode(b, 0, b.length, rnd.nextBoolean());
            }
        }
    }

    /** The character-set files of pydicom's test data, decoded by us and by pydicom. */
    @Test
    void agreesWithPydicomOnItsCharsetFiles() {
        Oracles.requirePydicom();
        String script = String.join("\n",
                "import glob, os, pydicom",
                "from pydicom.dataelem import RawDataElement",
                "from pydicom.charset import decode_bytes, convert_encodings",
                "d = os.path.join(os.path.dirname(pydicom.__file__), 'data', 'charset_files')",
                "for f in sorted(glob.glob(os.path.join(d, 'chr*.dcm'))):",
                "    ds = pydicom.dcmread(f)",
                "    cs = ds.get('SpecificCharacterSet', '')",
                "    terms = list(cs) if isinstance(cs, pydicom.multival.MultiValue) else [cs]",
                "    for tag in ds.keys():",
                "        raw = ds.get_item(tag)",
                "        if isinstance(raw, RawDataElement) and raw.VR in ('PN', 'LO', 'SH', 'LT', 'ST', 'UT', 'UC') and raw.value:",
                "            delim = {0x5c, 0x5e, 0x3d} if raw.VR == 'PN' else {0x5c}",
                "            s = decode_bytes(raw.value, convert_encodings(terms), delim)",
                "            print('\\\\'.join(terms) + '\\t' + raw.VR + '\\t' + raw.value.hex() + '\\t' + s.encode('utf-8').hex())");
        String out = Oracles.python(script, null);
        int n = 0;
        int nonAscii = 0;
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            SpecificCharacterSet cs = SpecificCharacterSet.of(f[0].split("\\\\", -1));
            assertEquals(List.of(), cs.unknownTerms(), line);
            byte[] raw = HexFormat.of().parseHex(f[2]);
            String expected = new String(HexFormat.of().parseHex(f[3]), StandardCharsets.UTF_8);
            assertEquals(expected, cs.decode(raw, 0, raw.length, f[1].equals("PN")), line);
            n++;
            if (!expected.chars().allMatch(c -> c < 0x80)) {
                nonAscii++;
            }
        }
        assertTrue(n > 100 && nonAscii > 15, n + " values, " + nonAscii + " non-ASCII");
    }

    /**
     * Strings we encode decode to the same text in pydicom (one script per value). ISO 2022 IR 58
     * is left out: pydicom 2.3.1 lists Python's "iso_ir_58" among the codecs that strip escape
     * sequences themselves, which it does not, so pydicom keeps "$)A" in the text; DCMTK checks
     * it instead ({@link #dcmtkDecodesWhatWeEncode}).
     */
    @Test
    void pydicomDecodesWhatWeEncode() {
        Oracles.requirePydicom();
        Random rnd = new Random(42);
        String[][] sets = {
            {"", "ISO 2022 IR 87"}, {"ISO 2022 IR 13", "ISO 2022 IR 87"}, {"", "ISO 2022 IR 149"},
            {"GB18030"}, {"GBK"}, {"ISO_IR 192"}, {"ISO_IR 100"}, {"ISO_IR 101"},
            {"ISO_IR 109"}, {"ISO_IR 110"}, {"ISO_IR 144"}, {"ISO_IR 127"}, {"ISO_IR 126"}, {"ISO_IR 138"},
            {"ISO_IR 148"}, {"ISO_IR 166"}, {"ISO_IR 13"}, {"ISO 2022 IR 100"}, {"ISO 2022 IR 144"},
            {"", "ISO 2022 IR 87", "ISO 2022 IR 159"},
        };
        String[] alphabets = {
            "山田太郎やまだたろう森外日本語", "ﾔﾏﾀﾞﾛｳ山田太郎やまだ", "洪吉洞홍길동김희중",
            "王小东中文𠀀", "中文张", "Äneas中文홍😀", "Jérôme¿", "Wałęsa", "antaŭnomo", "vārds", "Люкceмбypг",
            "قباني", "Διονυσιος", "שרון", "Çavuşoğlu", "นามสกุล", "ﾔﾏﾀﾞﾛｳ", "Jérôme", "Люкceмбypг",
            "森鷗外もりおうがい",
        };
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < sets.length; s++) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(sets[s]);
            for (int k = 0; k < 20; k++) {
                boolean pn = rnd.nextBoolean();
                String text = randomText(rnd, alphabets[s], pn);
                byte[] enc = cs.encode(text, pn);
                assertEquals(text, cs.decode(enc, 0, enc.length, pn), String.join("\\", sets[s]));
                in.append(String.join("\\", sets[s])).append('\t').append(pn ? "PN" : "LO").append('\t')
                        .append(HexFormat.of().formatHex(enc)).append('\n');
                expected.add(text);
            }
        }
        String script = String.join("\n",
                "import sys",
                "from pydicom.charset import decode_bytes, convert_encodings",
                "for line in sys.stdin:",
                "    terms, vr, h = line.rstrip('\\n').split('\\t')",
                "    delim = {0x5c, 0x5e, 0x3d} if vr == 'PN' else {0x5c}",
                "    s = decode_bytes(bytes.fromhex(h), convert_encodings(terms.split('\\\\')), delim)",
                "    print(s.encode('utf-8').hex())");
        String[] out = Oracles.python(script, in.toString().getBytes(StandardCharsets.UTF_8)).split("\n");
        assertEquals(expected.size(), out.length);
        for (int i = 0; i < out.length; i++) {
            assertEquals(expected.get(i), new String(HexFormat.of().parseHex(out[i]), StandardCharsets.UTF_8),
                    in.toString().split("\n")[i]);
        }
    }

    private static String randomText(Random rnd, String alphabet, boolean pn) {
        int[] cps = alphabet.codePoints().toArray();
        String ascii = pn ? "AZaz09 ^=\\" : "AZaz09 .\\";
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(3) == 0) {
                sb.append(ascii.charAt(rnd.nextInt(ascii.length())));
            } else {
                sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
            }
        }
        return sb.toString();
    }

    static Path pydicomCharsetFiles() {
        return Paths.get("/usr/lib/python3/dist-packages/pydicom/data/charset_files");
    }

    @Test
    void charsetFilesExist() {
        Oracles.require(Files.isDirectory(pydicomCharsetFiles()), "pydicom charset_files");
    }
}
