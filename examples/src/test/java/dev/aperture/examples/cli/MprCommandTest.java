// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aperture mpr}: central planes and slabs of a pydicom-made series as PNGs. */
class MprCommandTest {

    @Test
    void threePlanesOfTheCentralVoxels(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("aniso", tmp);
        Path out = tmp.resolve("mpr");
        Peers.Run r = Peers.aperture("mpr", in.toString(), "--out", out.toString(), "--window", "500,6000");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(3, json.get("planes").size());
        // aniso: 24 x 0.9 mm columns, 20 x 0.7 mm rows, 12 x 2 mm slices; planes use 0.7 mm pixels.
        int[][] sizes = {{(int) Math.floor(23 * 0.9 / 0.7 + 1e-9) + 1, 20}, // axial: x by y
            {(int) Math.floor(23 * 0.9 / 0.7 + 1e-9) + 1, (int) Math.floor(22 / 0.7 + 1e-9) + 1}, // coronal: x by z
            {20, (int) Math.floor(22 / 0.7 + 1e-9) + 1}}; // sagittal: y by z
        String[] names = {"axial", "coronal", "sagittal"};
        for (int i = 0; i < 3; i++) {
            JsonNode p = json.get("planes").get(i);
            assertEquals(names[i], p.get("plane").asText());
            BufferedImage img = ImageIO.read(out.resolve(names[i] + ".png").toFile());
            assertEquals(sizes[i][0], img.getWidth(), names[i]);
            assertEquals(sizes[i][1], img.getHeight(), names[i]);
            assertEquals(img.getWidth(), p.get("columns").asInt());
            assertTrue(spread(img.getRaster()) > 50, names[i] + " shows the random values");
        }
    }

    @Test
    void slabMipIsNeverDarkerOnAverage(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("aniso", tmp);
        Peers.Run plain = Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("p").toString(), "--plane",
                "axial", "--window", "500,6000");
        Peers.Run mip = Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("m").toString(), "--plane",
                "axial", "--slab", "8", "--mode", "mip", "--window", "500,6000");
        Peers.Run minip = Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("n").toString(), "--plane",
                "axial", "--slab", "8", "--mode", "minip", "--window", "500,6000");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, mip.exit(), mip.err());
        assertEquals(0, minip.exit(), minip.err());
        double p = mean(ImageIO.read(tmp.resolve("p/axial.png").toFile()).getRaster());
        double m = mean(ImageIO.read(tmp.resolve("m/axial.png").toFile()).getRaster());
        double n = mean(ImageIO.read(tmp.resolve("n/axial.png").toFile()).getRaster());
        assertTrue(m > p + 10 && p > n + 10, m + " " + p + " " + n);
    }

    @Test
    void badOptionsExitTwo(@TempDir Path tmp) {
        Path in = Peers.testdata().resolve("dicomdirtests/98892001/CT5N");
        assertEquals(2, Peers.aperture("mpr", in.toString(), "--out", tmp.toString(), "--plane", "oblique").exit());
        assertEquals(2, Peers.aperture("mpr", in.toString(), "--out", tmp.toString(), "--mode", "max2").exit());
        assertEquals(2, Peers.aperture("mpr", in.toString(), "--out", tmp.toString(), "--window", "40").exit());
    }

    private static double mean(Raster r) {
        long s = 0;
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                s += r.getSample(x, y, 0);
            }
        }
        return (double) s / (r.getWidth() * r.getHeight());
    }

    private static int spread(Raster r) {
        int lo = 255;
        int hi = 0;
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                lo = Math.min(lo, r.getSample(x, y, 0));
                hi = Math.max(hi, r.getSample(x, y, 0));
            }
        }
        return hi - lo;
    }
}
