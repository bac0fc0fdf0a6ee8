// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code aperture dump} agrees with DCMTK's {@code dcm2json} on every file of the test data:
 * the same keys, VRs and values at every depth. Formatting may differ, and so may what PS3.18
 * leaves open: dcm2json converts text to UTF-8 (and says so in Specific Character Set), inlines
 * bulk data (which it cannot do for encapsulated pixel data, so that element is removed with
 * {@code dcmodify} first), and prints floats with more digits; those are compared as values.
 */
class DumpCommandTest {

    private static final Set<String> BROKEN = Set.of("MR_truncated.dcm", "rtplan_truncated.dcm", "no_meta.dcm",
            "SC_rgb_jpeg.dcm", "DICOMDIR-nooffset");
    /** Character sets DCMTK 3.6.7's iconv cannot convert (it exits with an error). */
    private static final Set<String> DCMTK_CANNOT = Set.of("J2K_pixelrep_mismatch.dcm");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(Peers.testdata())) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".dcm") || f.getFileName().toString().startsWith("DICOMDIR"))
                    .filter(f -> !BROKEN.contains(f.getFileName().toString())
                            && !DCMTK_CANNOT.contains(f.getFileName().toString()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void agreesWithDcm2json(Path file, @TempDir Path tmp) throws Exception {
        Peers.Run ours = Peers.aperture("dump", file.toString());
        assertEquals(0, ours.exit(), ours.err());
        Path copy = tmp.resolve("copy.dcm");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setWritable(true);
        Peers.Run first = Peers.tool("dcm2json", copy.toString());
        if (first.exit() != 0 && first.err().contains("compressed pixel data")) {
            Peers.Run mod = Peers.tool("dcmodify", "-nb", "-e", "(7fe0,0010)", copy.toString());
            assertEquals(0, mod.exit(), mod.err());
            first = Peers.tool("dcm2json", copy.toString());
        }
        assertEquals(0, first.exit(), first.err());
        List<String> diffs = new ArrayList<>();
        compare(JSON.readTree(ours.out()), JSON.readTree(first.out()), "", diffs);
        assertTrue(diffs.isEmpty(), file.getFileName() + ": " + diffs);
    }

    private static void compare(JsonNode a, JsonNode b, String path, List<String> diffs) {
        Set<String> keys = new TreeSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            String at = path + "/" + k;
            JsonNode ea = a.get(k);
            JsonNode eb = b.get(k);
            if (ea == null || eb == null) {
                // dcmodify removed the encapsulated Pixel Data (and, rewriting, the trailing padding)
                if (!(eb == null && (k.equals("7FE00010") || k.equals("FFFCFFFC")))) {
                    diffs.add(at + (ea == null ? " missing" : " extra"));
                }
                continue;
            }
            String vr = ea.path("vr").asText();
            if (!vr.equals(eb.path("vr").asText())) {
                diffs.add(at + " VR " + vr + " vs " + eb.path("vr").asText());
                continue;
            }
            if (ea.has("BulkDataURI") || k.equals("00080005") && eb.toString().contains("ISO_IR 192")) {
                continue;
            }
            if (ea.has("InlineBinary") || eb.has("InlineBinary")) {
                String x = ea.path("InlineBinary").asText();
                String y = eb.path("InlineBinary").asText();
                if (!x.equals(y) && !paddedEqual(x, y)) {
                    diffs.add(at + " InlineBinary");
                }
                continue;
            }
            JsonNode va = ea.path("Value");
            JsonNode vb = eb.path("Value");
            if (va.size() != vb.size()) {
                diffs.add(at + " " + va.size() + " values vs " + vb.size());
                continue;
            }
            for (int i = 0; i < va.size(); i++) {
                if (vr.equals("SQ")) {
                    compare(va.get(i), vb.get(i), at + "/" + i, diffs);
                } else if (!sameValue(vr, va.get(i), vb.get(i))) {
                    diffs.add(at + "[" + i + "] " + va.get(i) + " vs " + vb.get(i));
                }
            }
        }
    }

    private static boolean sameValue(String vr, JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            if (vr.equals("FL")) {
                return (float) x.asDouble() == (float) y.asDouble();
            }
            if (vr.equals("FD")) {
                // dcm2json 3.6.7 prints FD with 17 digits but can land one double away
                // (0.026228787661969974 for the double pydicom and we print as 0.02622878766196998).
                return Math.abs(x.asDouble() - y.asDouble()) <= 2 * Math.ulp(y.asDouble());
            }
            return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0;
        }
        if (x.isObject() && y.isObject()) {
            for (Iterator<String> it = y.fieldNames(); it.hasNext();) {
                String g = it.next();
                if (!trimPn(x.path(g).asText()).equals(trimPn(y.path(g).asText()))) {
                    return false;
                }
            }
            return true;
        }
        return x.asText().strip().equals(y.asText().strip());
    }

    private static String trimPn(String s) {
        return s.replaceAll("[\\^ ]+$", "");
    }

    /** DCMTK pads odd-length values as it reads; we keep what the file holds. */
    private static boolean paddedEqual(String ours, String theirs) {
        byte[] a = java.util.Base64.getDecoder().decode(ours);
        byte[] b = java.util.Base64.getDecoder().decode(theirs);
        return b.length == a.length + 1 && java.util.Arrays.equals(a, java.util.Arrays.copyOf(b, a.length));
    }
}
