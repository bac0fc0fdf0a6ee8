// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aperture render} agrees with DCMTK's dcmj2pnm within one grey level. */
class RenderCommandTest {

    @Test
    void minMaxWindowWhenTheDatasetHasNone(@TempDir Path tmp) throws Exception {
        compare("CT_small.dcm", tmp, new String[] {"+Wm"}, new String[0]);
    }

    @Test
    void windowGivenOnTheCommandLine(@TempDir Path tmp) throws Exception {
        compare("CT_small.dcm", tmp, new String[] {"+Ww", "40", "400"}, new String[] {"--window", "40,400"});
    }

    @Test
    void datasetWindowAndPaletteAndRgb(@TempDir Path tmp) throws Exception {
        compare("MR_small.dcm", tmp, new String[] {"+Wi", "1"}, new String[0]);
        compare("examples_palette.dcm", tmp, new String[0], new String[0]);
        compare("SC_rgb_rle_2frame.dcm", tmp, new String[] {"+F", "2"}, new String[] {"--frame", "1"});
    }

    private static void compare(String name, Path tmp, String[] dcmtkOptions, String[] ourOptions) throws Exception {
        Path in = Peers.testdata().resolve(name);
        Path ours = tmp.resolve(name + ".aperture.png");
        Path theirs = tmp.resolve(name + ".dcmtk.png");
        String[] cmd = new String[dcmtkOptions.length + 4];
        cmd[0] = "dcmj2pnm";
        cmd[1] = "+on";
        System.arraycopy(dcmtkOptions, 0, cmd, 2, dcmtkOptions.length);
        cmd[cmd.length - 2] = in.toString();
        cmd[cmd.length - 1] = theirs.toString();
        Peers.Run d = Peers.tool(cmd);
        assertEquals(0, d.exit(), d.err());
        String[] args = new String[3 + ourOptions.length];
        args[0] = "render";
        args[1] = in.toString();
        args[2] = ours.toString();
        System.arraycopy(ourOptions, 0, args, 3, ourOptions.length);
        Peers.Run r = Peers.aperture(args);
        assertEquals(0, r.exit(), r.err());
        BufferedImage a = ImageIO.read(ours.toFile());
        BufferedImage b = ImageIO.read(theirs.toFile());
        assertEquals(b.getWidth(), a.getWidth());
        assertEquals(b.getHeight(), a.getHeight());
        // Compare raster samples: getRGB would pass grey images through a colour-space conversion.
        assertEquals(b.getRaster().getNumBands(), a.getRaster().getNumBands());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int band = 0; band < a.getRaster().getNumBands(); band++) {
                    worst = Math.max(worst, Math.abs(a.getRaster().getSample(x, y, band)
                            - b.getRaster().getSample(x, y, band)));
                }
            }
        }
        assertTrue(worst <= 1, name + ": largest difference from dcmj2pnm " + worst);
    }
}
