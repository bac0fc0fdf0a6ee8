// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DCMTK's dcmdump (converting to UTF-8 through iconv) decodes what we encode. DCMTK's iconv has
 * no JIS X 0208/0212, and DCMTK 3.6.7 does not know ISO_IR 203, so those are checked against
 * pydicom and the PS3.5 examples only.
 */
class CharsetDcmtkTest {
    private static final int[] PN_TAGS = {0x00080090, 0x00081050, 0x00081060, 0x00081070, 0x00100010, 0x00321032};
    private static final int[] LO_TAGS = {0x00081030, 0x0008103E, 0x00081040, 0x00081090, 0x00101040, 0x00104000};

    @Test
    void dcmtkDecodesWhatWeEncode(@TempDir Path dir) throws IOException {
        Path dcmdump = Oracles.which("dcmdump");
        Oracles.require(dcmdump != null, "dcmdump (DCMTK)");
        String[][] sets = {
            {"", "ISO 2022 IR 58"}, {"", "ISO 2022 IR 149"}, {"GB18030"}, {"GBK"}, {"ISO_IR 192"},
            {"ISO_IR 100"}, {"ISO_IR 101"}, {"ISO_IR 109"}, {"ISO_IR 110"}, {"ISO_IR 144"}, {"ISO_IR 127"},
            {"ISO_IR 126"}, {"ISO_IR 138"}, {"ISO_IR 148"}, {"ISO_IR 166"},
            {"ISO 2022 IR 100", "ISO 2022 IR 144"}, {"ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 149"},
        };
        String[] alphabets = {
            "张小东王中文", "洪吉洞홍길동김희중", "王小东中文𠀀", "中文张", "Äneas中文홍😀", "Jérôme¿", "Wałęsa",
            "antaŭnomo", "vārds", "Люкceмбypг", "قباني", "Διονυσιος", "שרון", "Çavuşoğlu", "นามสกุล",
            "JérômeЛюкceмбypг", "JérômeΔιονυσιος홍길동",
        };
        Random rnd = new Random(99);
        int compared = 0;
        for (int s = 0; s < sets.length; s++) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(sets[s]);
            List<int[]> tags = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            ByteArrayOutputStream ds = new ByteArrayOutputStream();
            element(ds, 0x00080005, "CS", String.join("\\", sets[s]).getBytes(StandardCharsets.US_ASCII), (byte) ' ');
            for (int k = 0; k < PN_TAGS.length + LO_TAGS.length; k++) {
                boolean pn = k < PN_TAGS.length;
                int tag = pn ? PN_TAGS[k] : LO_TAGS[k - PN_TAGS.length];
                String text = randomText(rnd, alphabets[s], pn);
                element(ds, tag, pn ? "PN" : "LO", cs.encode(text, pn), (byte) ' ');
                tags.add(new int[] {tag});
                texts.add(text);
            }
            Path f = dir.resolve("cs" + s + ".dcm");
            Files.write(f, part10(ds.toByteArray()));
            String out = Oracles.run(List.of(dcmdump.toString(), "+U8", "-q", f.toString()), null);
            for (int k = 0; k < texts.size(); k++) {
                String tag = String.format("(%04x,%04x)", tags.get(k)[0] >>> 16, tags.get(k)[0] & 0xFFFF);
                Matcher m = Pattern.compile(Pattern.quote(tag) + " .. \\[(.*)\\]\\s+#").matcher(out);
                assertTrue(m.find(), () -> tag + " missing in\n" + out);
                assertEquals(texts.get(k).strip(), m.group(1).strip(), String.join("\\", sets[s]) + " " + tag);
                compared++;
            }
        }
        assertEquals(sets.length * 12, compared);
    }

    private static String randomText(Random rnd, String alphabet, boolean pn) {
        int[] cps = alphabet.codePoints().toArray();
        String ascii = pn ? "AZaz09 ^=" : "AZaz09 .";
        StringBuilder sb = new StringBuilder("x");
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(3) == 0) {
                sb.append(ascii.charAt(rnd.nextInt(ascii.length())));
            } else {
                sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
            }
        }
        return sb.append('x').toString();
    }

    /** A minimal Part 10 file, Explicit VR Little Endian, around an encoded data set. */
    static byte[] part10(byte[] dataset) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x00020001, "OB", new byte[] {0, 1}, (byte) 0);
        element(meta, 0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7".getBytes(StandardCharsets.US_ASCII), (byte) 0);
        element(meta, 0x00020003, "UI", "1.2.3.4".getBytes(StandardCharsets.US_ASCII), (byte) 0);
        element(meta, 0x00020010, "UI", "1.2.840.10008.1.2.1".getBytes(StandardCharsets.US_ASCII), (byte) 0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] m = meta.toByteArray();
        byte[] len = {(byte) m.length, (byte) (m.length >> 8), (byte) (m.length >> 16), (byte) (m.length >> 24)};
        element(file, 0x00020000, "UL", len, (byte) 0);
        file.writeBytes(m);
        file.writeBytes(dataset);
        return file.toByteArray();
    }

    /** Writes one element with a 16-bit length (or OB's 32-bit one), padding odd values. */
    static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value, byte pad) {
        int n = value.length + (value.length & 1);
        out.write(tag >>> 16 & 0xFF);
        out.write(tag >>> 24);
        out.write(tag & 0xFF);
        out.write(tag >>> 8 & 0xFF);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB")) {
            out.writeBytes(new byte[] {0, 0, (byte) n, (byte) (n >> 8), 0, 0});
        } else {
            out.write(n & 0xFF);
            out.write(n >>> 8);
        }
        out.writeBytes(value);
        if ((value.length & 1) != 0) {
            out.write(pad);
        }
    }
}
