// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code aperture resample} on an enhanced multi-frame CT that neither Aperture nor pydicom made:
 * pydicom writes the oblique single-frame series of series_oracle.py (shuffled files, 12-bit
 * random values, direction cosines of no standard plane, 1.1 x 0.8 mm pixels, 1.5 mm apart),
 * PixelMed's {@code com.pixelmed.dicom.MultiFrameImageFactory} (Debian package
 * {@code libpixelmed-java}) turns it into one Legacy Converted Enhanced CT, and the derived series
 * Aperture resamples from that object is checked voxel by voxel against series_oracle.py's numpy
 * trilinear (or nearest) reference, which reads the enhanced object's functional groups with
 * pydicom.
 */
class ResampleIndependentEnhancedTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path PIXELMED = Path.of("/usr/share/java/pixelmed.jar");

    /** Fails in CI (which installs libpixelmed-java), skips elsewhere, when PixelMed is missing. */
    private static void requirePixelmed() {
        boolean present = Files.isReadable(PIXELMED);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("PixelMed missing in CI (apt-get install libpixelmed-java)");
        }
        Assumptions.assumeTrue(present, "PixelMed (libpixelmed-java) not installed");
    }

    @ParameterizedTest
    @CsvSource({
        "'0.5,0.6,0.75', linear",
        "'0.9,1.3,2.1',  nearest",
    })
    void resampledPixelmedObjectMatchesTheReference(String spacing, String kernel, @TempDir Path tmp)
            throws Exception {
        requirePixelmed();
        Path series = ResampleCommandTest.make("oblique", tmp);
        Path enhancedDir = tmp.resolve("enhanced");
        Files.createDirectories(enhancedDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Peers.Run conv = Peers.tool(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", PIXELMED.toString(),
                "com.pixelmed.dicom.MultiFrameImageFactory", series.toString(), enhancedDir.toString());
        assertEquals(0, conv.exit(), conv.out() + conv.err());
        List<Path> made;
        try (Stream<Path> s = Files.list(enhancedDir)) {
            made = s.toList();
        }
        assertEquals(1, made.size(), conv.err());

        Path out = tmp.resolve("out");
        Peers.Run r = Peers.aperture("resample", made.get(0).toString(), "--out", out.toString(), "--spacing", spacing,
                "--kernel", kernel);
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        String[] s = spacing.split(",");
        Peers.Run c = Peers.tool(PYTHON, ResampleCommandTest.oracle().toString(), "check", enhancedDir.toString(),
                out.toString(), s[0], s[1], s[2], kernel);
        assertEquals(0, c.exit(), c.out() + c.err());
        String[] ok = c.out().trim().split(" ");
        assertEquals("OK", ok[0], c.out());
        assertEquals(json.get("slices").asInt(), Integer.parseInt(ok[1]));
    }
}
