// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Palette expansion against pydicom's {@code apply_color_lut} (and its segmented-LUT expansion),
 * YBR to RGB against {@code convert_color_space} within one level, overlays against
 * {@code overlay_array}, and rendering to PNG.
 */
class ColourAndOverlayTest {

    @TempDir
    Path tmp;

    /** Reads a 16-bit LUT value element (US/OW) straight from the dump of dcmdump. */
    private static int[] descriptor(Path file, String tag) {
        String out = Oracles.run("dcmdump", "-q", "+P", tag, file.toString());
        String v = out.trim().split("\\s+")[2];
        return Arrays.stream(v.split("\\\\")).mapToInt(Integer::parseInt).toArray();
    }

    private byte[] lutData(Path file, String tag) throws Exception {
        Path out = tmp.resolve("lut.bin");
        Oracles.run("/usr/bin/python3", "-c", "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); "
                + "open(sys.argv[3], 'wb').write(ds[int(sys.argv[2], 16)].value)", file.toString(), tag, out.toString());
        return Files.readAllBytes(out);
    }

    @Test
    void paletteMatchesPydicom() throws Exception {
        Path file = Oracles.testdata().resolve("examples_palette.dcm");
        Oracles.Dump d = Oracles.testFile("examples_palette.dcm");
        LookupTable[] t = new LookupTable[3];
        String[] desc = {"0028,1101", "0028,1102", "0028,1103"};
        String[] data = {"00281201", "00281202", "00281203"};
        for (int i = 0; i < 3; i++) {
            t[i] = LookupTable.of(descriptor(file, desc[i]), lutData(file, data[i]), ByteOrder.LITTLE_ENDIAN);
        }
        Palette palette = Palette.of(t[0], t[1], t[2], false);
        assertEquals(16, palette.bits());
        Samples idx = PixelPipelineTest.decodeFirstFrame(d);
        short[] rgb = new short[idx.length() * 3];
        palette.expand(idx, ShortSamples.of(rgb));
        ByteBuffer expected = ByteBuffer.wrap(PixelOracle.run(tmp, "palette", file.toString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rgb.length; i++) {
            assertEquals(expected.getShort(), rgb[i], "sample " + i);
        }
        byte[] rgb8 = new byte[rgb.length];
        palette.expand(idx, ByteSamples.of(rgb8));
        for (int i = 0; i < rgb.length; i++) {
            assertEquals((rgb[i] & 0xFFFF) >>> 8, rgb8[i] & 0xFF);
        }
    }

    @Test
    void indicesAreClampedAndSignedWhenAsked() {
        LookupTable r = new LookupTable(-2, 8, new int[] {10, 20, 30, 40});
        LookupTable g = new LookupTable(-2, 8, new int[] {11, 21, 31, 41});
        LookupTable b = new LookupTable(-2, 8, new int[] {12, 22, 32, 42});
        byte[] rgb = new byte[15];
        Palette.of(r, g, b, true).expand(ByteSamples.of(new byte[] {-128, -2, 0, 1, 127}), ByteSamples.of(rgb));
        assertArrayEquals(new byte[] {10, 11, 12, 10, 11, 12, 30, 31, 32, 40, 41, 42, 40, 41, 42}, rgb);
        short[] rgb16 = new short[6];
        Palette.of(r, g, b, false).expand(ShortSamples.of(new short[] {-1, 0}), ShortSamples.of(rgb16));
        assertArrayEquals(new short[] {40, 41, 42, 30, 31, 32}, rgb16); // 0xFFFF unsigned is past the end
        assertThrows(IllegalArgumentException.class, () -> Palette.of(r, g,
                new LookupTable(0, 8, new int[] {1, 2, 3, 4}), false));
    }

    @Test
    void segmentedPaletteMatchesPydicom() throws Exception {
        // discrete 0,10,20 ; linear to 100 over 5 ; indirect: copy 2 segments from word 0 ;
        // linear to 7 over 3 ; discrete 65535
        int[] words = {0, 3, 0, 10, 20, 1, 5, 100, 2, 2, 0, 0, 1, 3, 7, 0, 1, 65535};
        byte[] data = new byte[words.length * 2];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(toShorts(words));
        Path in = tmp.resolve("seg.bin");
        Files.write(in, data);
        ByteBuffer expected = ByteBuffer.wrap(PixelOracle.run(tmp, "segmented", in.toString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        int n = expected.remaining() / 2;
        LookupTable t = LookupTable.segmented(new int[] {n, 0, 16}, data, ByteOrder.LITTLE_ENDIAN);
        int[] e = t.entries();
        assertEquals(3 + 5 + 8 + 3 + 1, n);
        for (int i = 0; i < n; i++) {
            assertEquals(expected.getShort() & 0xFFFF, e[i], "entry " + i);
        }
        assertThrows(MalformedDataException.class,
                () -> LookupTable.segmented(new int[] {n + 1, 0, 16}, data, ByteOrder.LITTLE_ENDIAN));
        byte[] bad = data.clone();
        bad[0] = 9; // unknown opcode
        assertThrows(MalformedDataException.class,
                () -> LookupTable.segmented(new int[] {n, 0, 16}, bad, ByteOrder.LITTLE_ENDIAN));
    }

    private static short[] toShorts(int[] w) {
        short[] s = new short[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = (short) w[i];
        }
        return s;
    }

    @Test
    void ybrFull422MatchesPydicomWithinOne() {
        Path file = Oracles.testdata().resolve("SC_ybr_full_422_uncompressed.dcm");
        assertYbrLikePydicom(file, 1);
    }

    @Test
    void ybrFullPlanarFromDcmdjpegMatchesPydicomWithinOne() {
        Path file = tmp.resolve("ybr.dcm");
        Oracles.run("dcmdjpeg", "+cn", Oracles.testdata().resolve("examples_ybr_color.dcm").toString(), file.toString());
        assertYbrLikePydicom(file, 3);
    }

    private void assertYbrLikePydicom(Path file, int frames) {
        Oracles.Dump d = Oracles.dump(file, tmp);
        ImageDescriptor image = d.image();
        byte[] expected = PixelOracle.run(tmp, "ybr", file.toString(), Integer.toString(frames));
        int n = image.samplesPerFrame();
        for (int f = 0; f < frames; f++) {
            byte[] ybr = new byte[n];
            DecodedFrame r = NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), NativeFrames.frameBitOffset(image, f),
                    image, ByteSamples.of(ybr), NativeLayout.LITTLE_ENDIAN);
            assertEquals(Photometric.YBR_FULL, r.photometric());
            byte[] rgb = new byte[n];
            ColorConversion.toRgb(r.photometric(), ByteSamples.of(ybr), ByteSamples.of(rgb));
            for (int i = 0; i < n; i++) {
                assertEquals(expected[f * n + i] & 0xFF, rgb[i] & 0xFF, 1, "frame " + f + " sample " + i);
            }
        }
    }

    @Test
    void partialRangeEndpoints() {
        // Y 16 / 235 with neutral chroma are black / white; Cr 240 at Y 126 is the red extreme.
        byte[] in = {16, (byte) 128, (byte) 128, (byte) 235, (byte) 128, (byte) 128};
        byte[] out = new byte[6];
        ColorConversion.toRgb(Photometric.YBR_PARTIAL_422, ByteSamples.of(in), ByteSamples.of(out));
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255}, out);
    }

    @Test
    void overlayMatchesPydicomAndBurnsIn() throws Exception {
        Path file = Oracles.testdata().resolve("examples_overlay.dcm");
        Overlay ov = new Overlay(300, 484, 1, 1, lutData(file, "60003000"));
        byte[] expected = PixelOracle.run(tmp, "overlay", file.toString());
        int set = 0;
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 484; c++) {
                assertEquals(expected[r * 484 + c] == 1, ov.isSet(r, c), r + "," + c);
                set += expected[r * 484 + c];
            }
        }
        assertTrue(set > 0, "the overlay has set bits");
        byte[] img = new byte[300 * 484];
        ov.burnIn(ByteSamples.of(img), 300, 484, 1, 255);
        for (int i = 0; i < img.length; i++) {
            assertEquals(expected[i] == 1 ? (byte) 255 : 0, img[i]);
        }
        // Shifted origin: clipped, nothing written outside the image.
        Overlay shifted = new Overlay(300, 484, 200, -100, lutData(file, "60003000"));
        byte[] rgb = new byte[300 * 484 * 3];
        shifted.burnIn(ByteSamples.of(rgb), 300, 484, 3, 7);
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 484; c++) {
                int orow = r - 199;
                int ocol = c + 101;
                boolean on = orow >= 0 && ocol < 484 && shifted.isSet(orow, ocol);
                assertEquals(on ? 7 : 0, rgb[(r * 484 + c) * 3 + 1], r + "," + c);
            }
        }
    }

    @Test
    void rendersGreyAndRgbPng() throws Exception {
        byte[] grey = new byte[6 * 4];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) (i * 10);
        }
        byte[] png = dev.aperture.render.FrameImages.png(dev.aperture.render.FrameImages.grey(ByteSamples.of(grey), 4, 6));
        var back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(6, back.getWidth());
        assertEquals(4, back.getHeight());
        for (int i = 0; i < grey.length; i++) {
            assertEquals(grey[i] & 0xFF, back.getRaster().getSample(i % 6, i / 6, 0));
        }
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 1, 2, 3};
        var img = dev.aperture.render.FrameImages.rgb(ByteSamples.of(rgb), 2, 2);
        var rback = ImageIO.read(new ByteArrayInputStream(dev.aperture.render.FrameImages.png(img)));
        assertEquals(0xFF0000, rback.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, rback.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, rback.getRGB(0, 1) & 0xFFFFFF);
        assertEquals(0x010203, rback.getRGB(1, 1) & 0xFFFFFF);
        short[] g16 = {0, (short) 65535};
        var i16 = dev.aperture.render.FrameImages.grey16(ShortSamples.of(g16), 1, 2);
        assertEquals(65535, i16.getRaster().getSample(1, 0, 0));
    }
}
