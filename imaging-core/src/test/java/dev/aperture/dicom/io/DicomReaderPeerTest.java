// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the pydicom test data either parses to the element tree DCMTK's dcmdump shows
 * (tag, VR and value length at every depth, fragments included), or is one of the deliberately
 * broken files and gives the library's exception with its offset and tag.
 */
class DicomReaderPeerTest {

    /** Deliberately broken files (see pydicom's README.txt), and what breaks them. */
    private static final Map<String, String> BROKEN = Map.of(
            "MR_truncated.dcm", "Pixel Data truncated",
            "rtplan_truncated.dcm", "file cut inside a value",
            "no_meta.dcm", "a stray byte before the first element (dcmdump and pydicom fail too)",
            "SC_rgb_jpeg.dcm", "element written with invalid VR bytes (dcmdump fails too)");

    /** Files whose item lengths were edited by hand; DCMTK and pydicom read them leniently. */
    private static final Set<String> LENIENT = Set.of("DICOMDIR-nooffset");

    static Stream<Path> files() throws Exception {
        return TestData.allDicomFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void agreesWithDcmdump(Path file) throws Exception {
        String name = file.getFileName().toString();
        if (BROKEN.containsKey(name)) {
            ApertureException e = assertThrows(ApertureException.class, () -> DicomReader.standard().read(file));
            assertTrue(e instanceof MalformedDataException, name + ": " + e);
            assertTrue(e.offset() >= 0, name + ": no offset in " + e.getMessage());
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
            return;
        }
        DicomReader reader = LENIENT.contains(name) ? DicomReader.standard().lenient() : DicomReader.standard();
        DicomFile f = reader.read(file);
        if (LENIENT.contains(name)) {
            assertFalse(f.repairs().isEmpty(), name + ": lenient read of an edited file reports its repairs");
            assertThrows(MalformedDataException.class, () -> DicomReader.standard().read(file));
        }
        List<String> ours = new ArrayList<>();
        flatten(f.dataset(), 0, ours);
        List<String> theirs = dcmdump(file);
        assertEquals(String.join("\n", theirs), String.join("\n", ours), name);
    }

    private static final Pattern LINE = Pattern.compile(
            "^(\\s*)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) .*#\\s*(\\S+),\\s*(\\d+)\\s.*$");

    /** The dataset part of dcmdump's output as "indent tag VR length" lines. */
    private static List<String> dcmdump(Path file) throws Exception {
        TestData.Run r = TestData.run("dcmdump", "-q", "+L", "-M", file.toString());
        assertEquals(0, r.exit(), "dcmdump failed: " + r.err());
        List<String> out = new ArrayList<>();
        boolean inPixelSequence = false;
        int pixelIndent = -1;
        // Values holding CR or LF continue on the next output lines: join them first.
        List<String> logical = new ArrayList<>();
        for (String line : TestData.lines(r.out())) {
            if (line.matches("^\\s*\\([0-9a-f]{4},[0-9a-f]{4}\\).*") || logical.isEmpty()) {
                logical.add(line);
            } else {
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + " " + line);
            }
        }
        for (String line : logical) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String tag = (m.group(2) + m.group(3)).toUpperCase(Locale.ROOT);
            // DCMTK's internal names: ?? unknown (UN), up (UL holding a file offset).
            String vr = switch (m.group(4)) {
                case "??" -> "UN";
                case "up" -> "UL";
                default -> m.group(4);
            };
            String len = m.group(5);
            if (tag.startsWith("FFFE")) {
                if (inPixelSequence && tag.equals("FFFEE000") && indent > pixelIndent) {
                    out.add(indent + " fragment " + len);
                }
                continue;
            }
            if (tag.startsWith("0002")) {
                continue;
            }
            inPixelSequence = tag.equals("7FE00010") && len.equals("u/l");
            pixelIndent = indent;
            if (vr.equals("SQ")) {
                len = "-";
            }
            out.add(indent + " " + tag + " " + vr + " " + len);
        }
        return out;
    }

    /** Our tree in the same form; private tags without a dictionary VR are shown as DCMTK shows them. */
    private static void flatten(DicomObject ds, int level, List<String> out) {
        int indent = 4 * level;
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            Vr vr = ds.vrAt(i);
            String hex = Tag.toHex(tag);
            switch (ds.kindAt(i)) {
                case ITEMS:
                    out.add(indent + " " + hex + " SQ -");
                    for (DicomObject item : ds.itemsAt(i)) {
                        flatten(item, level + 1, out);
                    }
                    break;
                case FRAGMENTS: {
                    Fragments fr = ds.fragmentsAt(i).orElseThrow();
                    out.add(indent + " " + hex + " " + vr + " u/l");
                    out.add((indent + 2) + " fragment " + 4 * fr.basicOffsetTable().length);
                    for (int k = 0; k < fr.count(); k++) {
                        out.add((indent + 2) + " fragment " + fr.fragmentLength(k));
                    }
                    break;
                }
                case BULK_DATA:
                    out.add(indent + " " + hex + " " + vr + " " + ds.bulkDataAt(i).orElseThrow().length());
                    break;
                default: {
                    // DCMTK pads an odd-length value to even as it reads; we keep the bytes as read.
                    int len = ds.bufferAt(i).remaining();
                    out.add(indent + " " + hex + " " + vr + " " + (len + (len & 1)));
                }
            }
        }
    }
}
