// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.dicom.pixel.SeriesVolumes;
import dev.aperture.volume.Volume;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phantom of {@code aperture demo} and its three MPR PNGs. */
class MprDemoTest {

    @Test
    void phantomSeriesReadsBackAsTheDesignedVolume(@TempDir Path tmp) throws Exception {
        MprDemo.writePhantom(tmp);
        SeriesVolume sv = SeriesVolumes.read(List.of(tmp));
        Volume v = sv.volume();
        assertEquals(MprDemo.SLICES, v.geometry().slices());
        assertEquals(MprDemo.SLICE_MM, v.geometry().spacingZ(), 1e-9);
        double worst = 0;
        for (int k = 0; k < MprDemo.SLICES; k += 7) {
            for (int j = 0; j < MprDemo.ROWS; j += 5) {
                for (int i = 0; i < MprDemo.COLUMNS; i += 3) {
                    Vector3d p = v.geometry().indexToPatient(i, j, k, new Vector3d());
                    double expected = Math.max(-1024, MprDemo.huAt(p.x, p.y, p.z));
                    double hu = v.value(i, j, k) * sv.rescaleSlope() + sv.rescaleIntercept();
                    worst = Math.max(worst, Math.abs(hu - expected));
                }
            }
        }
        assertTrue(worst < 12 * 6, "noise is 12 HU sd; worst " + worst);
    }

    @Test
    void demoWritesThreePlanes(@TempDir Path tmp) throws Exception {
        StringWriter s = new StringWriter();
        MprDemo.run(new PrintWriter(s, true), tmp.resolve("png"));
        assertTrue(s.toString().startsWith("MPR: phantom CT 96x96x48"), s.toString());
        assertTrue(s.toString().contains("resampled to 96x96x118 at 1 mm"), s.toString());
        assertTrue(s.toString().contains("enhanced object: 118 frames") && s.toString().contains("as a 96x96x118 volume at 1.0 mm"),
                s.toString());
        BufferedImage axial = ImageIO.read(tmp.resolve("png/axial.png").toFile());
        BufferedImage coronal = ImageIO.read(tmp.resolve("png/coronal.png").toFile());
        BufferedImage sagittal = ImageIO.read(tmp.resolve("png/sagittal.png").toFile());
        assertEquals(96, axial.getWidth());
        assertEquals(96, axial.getHeight());
        assertEquals(96, coronal.getWidth());
        assertEquals(118, coronal.getHeight());
        assertEquals(96, sagittal.getWidth());
        assertEquals(118, sagittal.getHeight());
        // Axial plane through z = 0: the spine (bone) is brighter than soft tissue, which is
        // brighter than a lung (air) and the air outside the body.
        int spine = axial.getRaster().getSample(48, 48 + 24, 0);
        int tissue = axial.getRaster().getSample(48, 48 - 15, 0);
        int lung = axial.getRaster().getSample(48 + 20, 48 - 4, 0);
        int outside = axial.getRaster().getSample(1, 1, 0);
        assertTrue(spine > tissue && tissue > lung + 30 && lung >= outside, spine + " " + tissue + " " + lung);
    }
}
