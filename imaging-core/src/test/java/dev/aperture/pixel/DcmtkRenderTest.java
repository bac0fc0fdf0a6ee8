// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 8-bit display output against DCMTK's {@code dcmj2pnm} (raw PGM/PPM), within one grey
 * level: explicit windows (LINEAR and SIGMOID), no window (the whole range), MONOCHROME1,
 * palette colour and YBR_FULL_422.
 */
class DcmtkRenderTest {

    @TempDir
    Path tmp;

    /** Reads a binary PGM (P5) or PPM (P6) with maxval 255. */
    static byte[] readPnm(Path file, int[] size) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int p = 0;
        String[] fields = new String[4];
        for (int f = 0; f < 4; f++) {
            while (Character.isWhitespace(b[p]) || b[p] == '#') {
                if (b[p] == '#') {
                    while (b[p] != '\n') {
                        p++;
                    }
                }
                p++;
            }
            int s = p;
            while (!Character.isWhitespace(b[p])) {
                p++;
            }
            fields[f] = new String(b, s, p - s, java.nio.charset.StandardCharsets.US_ASCII);
        }
        p++;
        size[0] = Integer.parseInt(fields[1]);
        size[1] = Integer.parseInt(fields[2]);
        assertEquals("255", fields[3]);
        return Arrays.copyOfRange(b, p, b.length);
    }

    private static Samples firstFrame(Oracles.Dump d) {
        ImageDescriptor image = d.image();
        Samples s = Samples.allocate(image, 1);
        NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), 0, image, s, NativeLayout.LITTLE_ENDIAN);
        return s;
    }

    private static Rescale rescaleOf(Path file) {
        String slope = Oracles.run("dcmdump", "-q", "+P", "0028,1053", file.toString()).trim();
        String icpt = Oracles.run("dcmdump", "-q", "+P", "0028,1052", file.toString()).trim();
        if (slope.isEmpty() && icpt.isEmpty()) {
            return Rescale.IDENTITY;
        }
        return new Rescale(slope.isEmpty() ? 1 : value(slope), icpt.isEmpty() ? 0 : value(icpt));
    }

    private static double value(String dump) {
        String v = dump.substring(dump.indexOf('[') + 1, dump.indexOf(']'));
        return Double.parseDouble(v.strip());
    }

    @ParameterizedTest
    @CsvSource({"CT_small.dcm, 40, 400, LINEAR", "CT_small.dcm, -600, 1600, LINEAR", "CT_small.dcm, 60, 300, SIGMOID",
        "MR_small.dcm, 600, 1200, LINEAR", "MR_small.dcm, 0, 0, NONE", "CT_small.dcm, 0, 0, NONE",
        "examples_overlay.dcm, 0, 0, NONE"})
    void greyMatchesDcmj2pnm(String name, double c, double w, String function) throws IOException {
        Path file = Oracles.testdata().resolve(name);
        assertGreyMatches(file, Oracles.testFile(name), c, w, function, name);
    }

    @Test
    void monochrome1MatchesDcmj2pnm() throws IOException {
        Path file = tmp.resolve("mono1.dcm");
        Files.copy(Oracles.testdata().resolve("MR_small.dcm"), file);
        Oracles.run("dcmodify", "-nb", "-m", "(0028,0004)=MONOCHROME1", file.toString());
        Oracles.Dump d = Oracles.dump(file, tmp);
        assertEquals(Photometric.MONOCHROME1, d.image().photometric());
        assertGreyMatches(file, d, 600, 1200, "LINEAR", "MONOCHROME1");
        assertGreyMatches(file, d, 0, 0, "NONE", "MONOCHROME1, no window");
    }

    private void assertGreyMatches(Path file, Oracles.Dump d, double c, double w, String function, String what)
            throws IOException {
        Path pgm = tmp.resolve("out.pgm");
        if (function.equals("NONE")) {
            Oracles.run("dcmj2pnm", "+op", "-O", "-W", file.toString(), pgm.toString());
        } else {
            Oracles.run("dcmj2pnm", "+op", "-O", "+Ww", Double.toString(c), Double.toString(w),
                    function.equals("SIGMOID") ? "+Wfs" : "+Wfl", file.toString(), pgm.toString());
        }
        int[] size = new int[2];
        byte[] expected = readPnm(pgm, size);
        ImageDescriptor image = d.image();
        PixelPipeline.Builder b = PixelPipeline.builder(image).highBit(d.i("highBit")).rescale(rescaleOf(file));
        if (!function.equals("NONE")) {
            b.window(new Window(c, w, VoiFunction.valueOf(function)));
        }
        byte[] out = new byte[image.pixelsPerFrame()];
        PixelPipeline pipeline = b.build();
        pipeline.apply(firstFrame(d), ByteSamples.of(out));
        assertEquals(out.length, expected.length, what);
        var img = dev.aperture.render.FrameImages.renderGrey(firstFrame(d), image, pipeline);
        for (int p = 0; p < out.length; p++) {
            assertEquals(out[p] & 0xFF, img.getRaster().getSample(p % image.columns(), p / image.columns(), 0));
        }
        int worst = 0;
        for (int i = 0; i < out.length; i++) {
            worst = Math.max(worst, Math.abs((out[i] & 0xFF) - (expected[i] & 0xFF)));
        }
        assertEquals(0, worst, 1, what + " " + c + "/" + w + " " + function + ": largest difference");
    }

    /** DCMTK burns graphics overlays in by default, at the brightest grey: so does {@link Overlay#burnIn}. */
    @Test
    void overlayBurnInMatchesDcmj2pnm() throws IOException {
        Path file = Oracles.testdata().resolve("examples_overlay.dcm");
        Path pgm = tmp.resolve("overlay.pgm");
        Oracles.run("dcmj2pnm", "+op", "-W", file.toString(), pgm.toString());
        byte[] expected = readPnm(pgm, new int[2]);
        Oracles.Dump d = Oracles.testFile("examples_overlay.dcm");
        ImageDescriptor image = d.image();
        byte[] out = new byte[image.pixelsPerFrame()];
        PixelPipeline.builder(image).highBit(d.i("highBit")).build().apply(firstFrame(d), ByteSamples.of(out));
        Path bits = tmp.resolve("overlay.bin");
        Oracles.run("/usr/bin/python3", "-c", "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); "
                + "open(sys.argv[2], 'wb').write(ds[0x60003000].value)", file.toString(), bits.toString());
        new Overlay(300, 484, 1, 1, Files.readAllBytes(bits)).burnIn(ByteSamples.of(out), image.rows(),
                image.columns(), 1, 255);
        int worst = 0;
        for (int i = 0; i < out.length; i++) {
            worst = Math.max(worst, Math.abs((out[i] & 0xFF) - (expected[i] & 0xFF)));
        }
        assertEquals(0, worst, 1, "largest difference");
    }

    @Test
    void paletteMatchesDcmj2pnm() throws IOException {
        Path file = Oracles.testdata().resolve("examples_palette.dcm");
        Path ppm = tmp.resolve("out.ppm");
        Oracles.run("dcmj2pnm", "+op", file.toString(), ppm.toString());
        byte[] expected = readPnm(ppm, new int[2]);
        String py = "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); "
                + "open(sys.argv[2], 'wb').write(ds.RedPaletteColorLookupTableData); "
                + "open(sys.argv[3], 'wb').write(ds.GreenPaletteColorLookupTableData); "
                + "open(sys.argv[4], 'wb').write(ds.BluePaletteColorLookupTableData)";
        Oracles.run("/usr/bin/python3", "-c", py, file.toString(), tmp.resolve("r").toString(),
                tmp.resolve("g").toString(), tmp.resolve("b").toString());
        int[] desc = {256, 0, 16};
        Palette palette = Palette.of(
                LookupTable.of(desc, Files.readAllBytes(tmp.resolve("r")), ByteOrder.LITTLE_ENDIAN),
                LookupTable.of(desc, Files.readAllBytes(tmp.resolve("g")), ByteOrder.LITTLE_ENDIAN),
                LookupTable.of(desc, Files.readAllBytes(tmp.resolve("b")), ByteOrder.LITTLE_ENDIAN), false);
        Samples idx = firstFrame(Oracles.testFile("examples_palette.dcm"));
        byte[] rgb = new byte[idx.length() * 3];
        palette.expand(idx, ByteSamples.of(rgb));
        assertEquals(expected.length, rgb.length);
        var img = dev.aperture.render.FrameImages.renderPalette(idx, Oracles.testFile("examples_palette.dcm").image(),
                palette);
        assertEquals(((rgb[0] & 0xFF) << 16) | ((rgb[1] & 0xFF) << 8) | (rgb[2] & 0xFF), img.getRGB(0, 0) & 0xFFFFFF);
        for (int i = 0; i < rgb.length; i++) {
            assertEquals(expected[i] & 0xFF, rgb[i] & 0xFF, 1, "sample " + i);
        }
    }

    @Test
    void ybrFull422MatchesDcmj2pnm() throws IOException {
        Path file = Oracles.testdata().resolve("SC_ybr_full_422_uncompressed.dcm");
        Path ppm = tmp.resolve("out.ppm");
        Oracles.run("dcmj2pnm", "+op", file.toString(), ppm.toString());
        byte[] expected = readPnm(ppm, new int[2]);
        Oracles.Dump d = Oracles.testFile("SC_ybr_full_422_uncompressed.dcm");
        ImageDescriptor image = d.image();
        byte[] ybr = new byte[image.samplesPerFrame()];
        DecodedFrame r = NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), 0, image, ByteSamples.of(ybr),
                NativeLayout.LITTLE_ENDIAN);
        byte[] rgb = new byte[ybr.length];
        ColorConversion.toRgb(r.photometric(), ByteSamples.of(ybr), ByteSamples.of(rgb));
        for (int i = 0; i < rgb.length; i++) {
            assertEquals(expected[i] & 0xFF, rgb[i] & 0xFF, 1, "sample " + i);
        }
        var img = dev.aperture.render.FrameImages.renderColour(ByteSamples.of(ybr), image, r.photometric());
        for (int p = 0; p < image.pixelsPerFrame(); p++) {
            int argb = img.getRGB(p % image.columns(), p / image.columns());
            assertEquals(expected[3 * p] & 0xFF, (argb >> 16) & 0xFF, 1, "rendered pixel " + p);
            assertEquals(expected[3 * p + 2] & 0xFF, argb & 0xFF, 1, "rendered pixel " + p);
        }
    }
}
