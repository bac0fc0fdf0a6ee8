// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {
    private final ElementDictionary dict = ElementDictionary.standard();

    private static String vrString(List<Vr> vrs) {
        return vrs.stream().map(Vr::name).collect(Collectors.joining(" or "));
    }

    @Test
    void basicLookups() {
        assertSame(dict, ElementDictionary.standard());
        assertEquals("PatientName", dict.keyword(Tags.PatientName));
        assertEquals("Patient's Name", dict.name(Tags.PatientName));
        assertEquals(Vr.PN, dict.vr(Tags.PatientName));
        assertEquals(Tags.PatientName, dict.tag("PatientName").getAsInt());
        assertTrue(dict.tag("NoSuchKeyword").isEmpty());
        ElementDictionary.Entry e = dict.entry(0x00280106).orElseThrow();
        assertEquals("SmallestImagePixelValue", e.keyword());
        assertEquals(List.of(Vr.US, Vr.SS), e.vrs());
        assertEquals(Vr.US, dict.vr(0x00280106));
        assertEquals("1", e.vm());
        assertFalse(e.retired());
        assertEquals(List.of(Vr.OB, Vr.OW), dict.entry(Tags.PixelData).orElseThrow().vrs());
        assertTrue(dict.entry(Tags.CommandLengthToEnd).orElseThrow().retired());
        assertEquals("2-n", dict.entry(Tags.ImageType).orElseThrow().vm());
        // items and delimiters have no VR
        assertEquals(List.of(), dict.entry(Tag.ITEM).orElseThrow().vrs());
        assertEquals(Vr.UN, dict.vr(Tag.ITEM));
        assertEquals("Item", dict.keyword(Tag.ITEM));
        // added in PS3.6 2022b
        assertEquals(0x00080017, dict.tag("AcquisitionUID").getAsInt());
    }

    @Test
    void groupLengthsPrivateAndUnknown() {
        assertEquals(Vr.UL, dict.vr(0x00080000));
        assertEquals(Vr.UL, dict.vr(0x00090000));
        assertEquals(Vr.UL, dict.vr(0x60020000));
        assertEquals("", dict.keyword(0x00080000));
        assertTrue(dict.entry(0x00080000).isEmpty());
        assertEquals("FileMetaInformationGroupLength", dict.keyword(0x00020000));
        assertEquals(Vr.LO, dict.vr(0x00090010));
        assertEquals(Vr.LO, dict.vr(0x001100FF));
        assertEquals(Vr.UN, dict.vr(0x00091000));
        assertEquals(Vr.UN, dict.vr(0x00090100));
        assertEquals(Vr.UN, dict.vr(0x00080001 + 0x7000));
        assertEquals("", dict.keyword(0x00091010));
        assertEquals("", dict.name(0x12345678));
        assertTrue(dict.entry(0x00091010).isEmpty());
        // odd groups never match a public repeating group
        assertEquals("", dict.keyword(0x60010010));
        assertEquals(Vr.LO, dict.vr(0x60010010));
        assertEquals(Vr.UN, dict.vr(0x60013000));
    }

    @Test
    void repeatingGroupsThroughMasks() {
        for (int g = 0x6000; g <= 0x60FE; g += 2) {
            int t = g << 16 | 0x3000;
            assertEquals("OverlayData", dict.keyword(t));
            assertEquals(Vr.OB, dict.vr(t));
            ElementDictionary.Entry e = dict.entry(t).orElseThrow();
            assertEquals(t, e.tag());
            assertEquals(List.of(Vr.OB, Vr.OW), e.vrs());
            assertEquals("OverlayRows", dict.keyword(g << 16 | 0x0010));
        }
        assertEquals("CurveData", dict.keyword(0x501E3000));
        assertTrue(dict.entry(0x501E3000).orElseThrow().retired());
        assertEquals("VariablePixelData", dict.keyword(0x7F100010));
        assertEquals("PixelData", dict.keyword(0x7FE00010));
        assertEquals("SourceImageIDs", dict.keyword(0x002031AB));
        assertEquals("RowsForNthOrderCoefficients", dict.keyword(0x00280450));
        assertEquals("ColumnsForNthOrderCoefficients", dict.keyword(0x00280411));
        assertEquals("EscapeTriplet", dict.keyword(0x10001230));
        assertEquals("ShiftTableTriplet", dict.keyword(0x10001235));
        assertEquals("ZonalMap", dict.keyword(0x1010ABCD));
        assertEquals(Vr.US, dict.vr(0x1010ABCD));
        assertEquals(0x60003000, dict.tag("OverlayData").getAsInt());
        assertEquals(Tags.OverlayData, dict.tag("OverlayData").getAsInt());
    }

    /** Every constant of Tags is named by the keyword of its tag, and every keyword has a constant. */
    @Test
    void tagsConstantsAgreeWithDictionary() throws IllegalAccessException {
        int count = 0;
        for (Field f : Tags.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) {
                continue;
            }
            int tag = f.getInt(null);
            assertEquals(f.getName(), dict.keyword(tag), () -> "constant " + f.getName());
            assertEquals(tag, dict.tag(f.getName()).getAsInt(), () -> "constant " + f.getName());
            count++;
        }
        long keyworded = java.util.Arrays.stream(dict.exactTags())
                .filter(t -> !dict.keyword(t).isEmpty()).count();
        assertTrue(count >= keyworded, "every keyword has a constant: " + count + " < " + keyworded);
        assertTrue(count > 4900, "count " + count);
        // the constants of the original skeleton
        assertEquals(0x00020000, Tags.FileMetaInformationGroupLength);
        assertEquals(0x00080005, Tags.SpecificCharacterSet);
        assertEquals(0x7FE00002, Tags.ExtendedOffsetTableLengths);
    }

    /** Compares every entry, and random tags, with pydicom 2.3.1's dictionary (PS3.6 2022a). */
    @Test
    void agreesWithPydicom() {
        Oracles.requirePydicom();
        Random rnd = new Random(20221);
        StringBuilder in = new StringBuilder();
        List<Integer> probes = new ArrayList<>();
        for (int t : dict.exactTags()) {
            probes.add(t);
        }
        for (int i = 0; i < 3000; i++) {
            int g = rnd.nextInt(0x8000) & ~1; // even groups only: pydicom's masks ignore privacy
            int e = rnd.nextInt(8) == 0 ? rnd.nextInt(0x10000) : rnd.nextInt(0x1100);
            if (rnd.nextInt(4) == 0) {
                g = new int[] {0x5000, 0x6000, 0x7F00, 0x1000, 0x1010, 0x0020, 0x0028}[rnd.nextInt(7)]
                        + (rnd.nextInt(0x80) << 1);
                g = g > 0x7F00 ? 0x7F00 + (g & 0xFE) : g;
            }
            probes.add(g << 16 | e);
        }
        for (int t : probes) {
            in.append(String.format("%08X%n", t));
        }
        String script = String.join("\n",
                "import sys",
                "from pydicom.datadict import get_entry",
                "for line in sys.stdin:",
                "    t = int(line, 16)",
                "    try:",
                "        vr, vm, name, ret, kw = get_entry(t)",
                "    except KeyError:",
                "        print('%08X\\t-' % t); continue",
                "    print('%08X\\t%s\\t%s\\t%s\\t%s\\t%s' % (t, vr, vm, name, ret, kw))");
        String out = Oracles.python(script, in.toString().getBytes(StandardCharsets.US_ASCII));
        int compared = 0;
        int known = 0;
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            int tag = (int) Long.parseLong(f[0], 16);
            compared++;
            if (f[1].equals("-")) {
                if (!Tag.isGroupLength(tag)) {
                    // not in 2022a: only the five attributes added in 2022b may be known to us
                    assertTrue(dict.keyword(tag).isEmpty() || ADDED_2022B.contains(dict.keyword(tag)),
                            () -> Tag.toString(tag));
                }
                continue;
            }
            known++;
            ElementDictionary.Entry e = dict.entry(tag).orElseThrow(() -> new AssertionError(Tag.toString(tag)));
            assertEquals(f[5], e.keyword(), () -> Tag.toString(tag));
            assertEquals(f[1].equals("NONE") ? "" : f[1], vrString(e.vrs()), () -> Tag.toString(tag));
            assertEquals(f[3].equals("Retired-blank") ? "" : f[3], e.name(), () -> Tag.toString(tag));
            if (!RETIRED_DIFFERS.contains(tag)) {
                assertEquals(f[4].equals("Retired"), e.retired(), () -> Tag.toString(tag));
            }
            assertEquals(f[2], e.vm(), () -> Tag.toString(tag));
        }
        assertEquals(probes.size(), compared);
        assertTrue(known > 4900, "known " + known);
    }

    private static final List<String> ADDED_2022B = List.of("CurrentFrameFunctionalGroupsSequence",
            "AcquisitionUID", "PyramidUID", "PyramidDescription", "PyramidLabel");
    /** Retired in pydicom's 2022a but not in DCMTK's 2022b; we keep the retired flag. */
    private static final List<Integer> RETIRED_DIFFERS = List.of();

    /** Compares every public entry of DCMTK 3.6.7's dicom.dic (PS3.6 2022b), ranges expanded. */
    @Test
    void agreesWithDcmtkDictionary() throws IOException {
        Oracles.require(Files.isReadable(Oracles.DCMTK_DIC), "DCMTK dicom.dic");
        Pattern p = Pattern.compile("\\(([0-9A-F]{4})(?:-([ou]-)?([0-9A-F]{4}))?,([0-9A-F]{4})(?:-([ou]-)?([0-9A-F]{4}))?\\)");
        int checked = 0;
        List<String> lines = Files.readAllLines(Oracles.DCMTK_DIC, StandardCharsets.ISO_8859_1);
        java.util.Set<Integer> listedExactly = new java.util.HashSet<>();
        for (String line : lines) {
            if (line.matches("\\([0-9A-F]{4},[0-9A-F]{4}\\)\t.*")) {
                listedExactly.add((int) Long.parseLong(line.substring(1, 5) + line.substring(6, 10), 16));
            }
        }
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t+");
            if (!f[4].startsWith("DICOM")) {
                continue;
            }
            Matcher m = p.matcher(f[0]);
            assertTrue(m.matches(), line);
            int g0 = Integer.parseInt(m.group(1), 16);
            int g1 = m.group(3) == null ? g0 : Integer.parseInt(m.group(3), 16);
            int e0 = Integer.parseInt(m.group(4), 16);
            int e1 = m.group(6) == null ? e0 : Integer.parseInt(m.group(6), 16);
            int gStep = "u-".equals(m.group(2)) ? 1 : 2;
            int eStep = "u-".equals(m.group(5)) ? 1 : 1;
            String keyword = f[2].replace("RETIRED_", "");
            String vr = switch (f[1]) {
                case "ox", "px" -> "OB or OW";
                case "xs" -> "US or SS";
                case "lt" -> "US or SS or OW"; // LUT Data is "US or OW" in PS3.6, see below
                case "up" -> "UL";
                case "na" -> "";
                default -> f[1];
            };
            for (int g = g0; g <= g1; g += gStep) {
                for (int e = e0; e <= e1; e += eStep) {
                    int tag = g << 16 | e;
                    if ((g0 != g1 || e0 != e1) && listedExactly.contains(tag)) {
                        continue; // a range member listed on its own, e.g. (7FE0,0010) in (7Fxx,0010)
                    }
                    ElementDictionary.Entry en = dict.entry(tag).orElseThrow(() -> new AssertionError(line));
                    assertEquals(keyword, en.keyword(), line);
                    if (f[1].equals("lt")) {
                        assertTrue(List.of(Vr.US, Vr.SS, Vr.OW).containsAll(en.vrs()) && en.vrs().size() >= 2, line);
                    } else {
                        assertEquals(vr, vrString(en.vrs()), line);
                    }
                    assertEquals(f[3], en.vm(), line);
                    if (f[4].equals("DICOM/retired")) {
                        assertTrue(en.retired(), line);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 5000, "checked " + checked);
    }

    /** dcmdump names every public element of CT_small.dcm with the keyword we have for its tag. */
    @Test
    void agreesWithDcmdumpOnCtSmall() {
        Path dcmdump = Oracles.which("dcmdump");
        Oracles.require(dcmdump != null, "dcmdump (DCMTK)");
        Path file = Oracles.testData().resolve("CT_small.dcm");
        String out = Oracles.run(List.of(dcmdump.toString(), "+L", "-M", file.toString()), null);
        Pattern line = Pattern.compile("^\\s*\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) .*#\\s*\\d+, [0-9-n]+ (\\w+)\\s*$");
        int checked = 0;
        for (String l : out.split("\n")) {
            Matcher m = line.matcher(l);
            if (!m.matches()) {
                continue;
            }
            int tag = Integer.parseInt(m.group(1), 16) << 16 | Integer.parseInt(m.group(2), 16);
            if (Tag.isPrivate(tag) || Tag.isGroupLength(tag) && dict.entry(tag).isEmpty()) {
                continue;
            }
            assertEquals(m.group(4), dict.keyword(tag), l);
            if (m.group(3).equals("na")) {
                assertTrue(dict.entry(tag).orElseThrow().vrs().isEmpty(), l);
                continue;
            }
            Vr vr = Vr.valueOf(m.group(3));
            assertTrue(dict.entry(tag).orElseThrow().vrs().contains(vr), l);
            checked++;
        }
        assertTrue(checked > 60, "checked " + checked + "\n" + out.substring(0, Math.min(out.length(), 500)));
    }

    @Test
    void keywordsAreJavaIdentifiersAndUnique() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int t : dict.exactTags()) {
            String k = dict.keyword(t);
            if (k.isEmpty()) {
                continue;
            }
            assertTrue(seen.add(k), k);
            assertTrue(k.matches("[A-Za-z][A-Za-z0-9]*"), k);
            assertEquals(t, dict.tag(k).getAsInt(), k);
            assertEquals(k.toLowerCase(Locale.ROOT).isEmpty(), false);
        }
    }
}
