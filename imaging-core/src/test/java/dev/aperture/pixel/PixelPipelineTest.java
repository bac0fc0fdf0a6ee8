// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.Oracles;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The folded pipeline against pydicom's {@code apply_modality_lut} and {@code apply_windowing},
 * and its fixed points: MONOCHROME1 inversion, Presentation LUT Shape, Modality and VOI LUTs.
 */
class PixelPipelineTest {

    @TempDir
    Path tmp;

    static Samples decodeFirstFrame(Oracles.Dump d) {
        ImageDescriptor image = d.image();
        Samples s = Samples.allocate(image, 1);
        NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), 0, image, s, NativeLayout.LITTLE_ENDIAN);
        return s;
    }

    @ParameterizedTest
    @CsvSource({"CT_small.dcm", "MR_small.dcm", "examples_overlay.dcm"})
    void modalityValuesMatchPydicom(String name) {
        Path file = Oracles.testdata().resolve(name);
        Oracles.prefetch("CT_small.dcm", "MR_small.dcm", "examples_overlay.dcm");
        Oracles.Dump d = Oracles.testFile(name);
        ImageDescriptor image = d.image();
        Rescale rescale = name.startsWith("CT") ? new Rescale(1, -1024) : Rescale.IDENTITY;
        PixelPipeline p = PixelPipeline.builder(image).highBit(d.i("highBit")).rescale(rescale).build();
        Samples stored = decodeFirstFrame(d);
        float[] hu = new float[stored.length()];
        p.toModality(stored, FloatSamples.of(hu));
        ByteBuffer expected = ByteBuffer.wrap(PixelOracle.run(tmp, "hu", file.toString())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < hu.length; i++) {
            assertEquals(expected.getFloat(), hu[i], 0f, name + " pixel " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"CT_small.dcm, 40, 400, LINEAR", "CT_small.dcm, -600, 1500, LINEAR_EXACT",
        "CT_small.dcm, 50, 350, SIGMOID", "MR_small.dcm, 600, 1200, LINEAR", "MR_small.dcm, 601.5, 1, LINEAR"})
    void windowMatchesPydicomWithinOneGreyLevel(String name, double c, double w, VoiFunction f) {
        Path file = Oracles.testdata().resolve(name);
        Oracles.prefetch("CT_small.dcm", "MR_small.dcm", "examples_overlay.dcm");
        Oracles.Dump d = Oracles.testFile(name);
        ImageDescriptor image = d.image();
        Rescale rescale = name.startsWith("CT") ? new Rescale(1, -1024) : Rescale.IDENTITY;
        PixelPipeline p = PixelPipeline.builder(image).rescale(rescale).window(new Window(c, w, f)).build();
        Samples stored = decodeFirstFrame(d);
        byte[] out = new byte[stored.length()];
        p.apply(stored, ByteSamples.of(out));
        byte[] raw = PixelOracle.run(tmp, "window", file.toString(), Double.toString(c), Double.toString(w), f.name());
        String[] range = readRange(tmp, raw);
        double lo = Double.parseDouble(range[0]);
        double hi = Double.parseDouble(range[1]);
        ByteBuffer expected = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            double y = (expected.getDouble() - lo) / (hi - lo) * 255;
            assertEquals(y, out[i] & 0xFF, 1.0, name + " pixel " + i);
        }
    }

    private static String[] readRange(Path tmp, byte[] unused) {
        try (var files = java.nio.file.Files.list(tmp)) {
            Path txt = files.filter(p -> p.toString().endsWith(".bin.txt")).findFirst().orElseThrow();
            return java.nio.file.Files.readString(txt).trim().split(" ");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void monochrome1IsInvertedUnlessAShapeIsGiven() {
        ImageDescriptor m2 = ImageDescriptor.of(1, 4, 1, 16, 12, false, Photometric.MONOCHROME2);
        ImageDescriptor m1 = m2.withPhotometric(Photometric.MONOCHROME1);
        short[] px = {0, 1000, 2047, 4095};
        byte[] a = new byte[4];
        byte[] b = new byte[4];
        Window w = Window.of(2048, 4096);
        PixelPipeline.builder(m2).window(w).build().apply(ShortSamples.of(px), ByteSamples.of(a));
        PixelPipeline.builder(m1).window(w).build().apply(ShortSamples.of(px), ByteSamples.of(b));
        for (int i = 0; i < 4; i++) {
            assertEquals(255 - (a[i] & 0xFF), b[i] & 0xFF);
        }
        byte[] c = new byte[4];
        PixelPipeline.builder(m1).window(w).presentation(PresentationShape.IDENTITY).build()
                .apply(ShortSamples.of(px), ByteSamples.of(c));
        assertArrayEquals(a, c);
        PixelPipeline.builder(m2).window(w).presentation(PresentationShape.INVERSE).build()
                .apply(ShortSamples.of(px), ByteSamples.of(c));
        assertArrayEquals(b, c);
        assertEquals(0, a[0]);
        assertEquals((byte) 255, a[3]);
    }

    @Test
    void highBitAndSignAreTakenFromTheRawSamples() {
        // 12 bits stored at bits 4..15 (high bit 15), signed; low bits hold junk.
        ImageDescriptor image = ImageDescriptor.of(1, 3, 1, 16, 12, true, Photometric.MONOCHROME2);
        short[] px = {(short) ((-2048 << 4) | 0xF), (short) ((-1 << 4) | 0x5), (short) ((2047 << 4) | 0x3)};
        float[] out = new float[3];
        PixelPipeline.builder(image).highBit(15).build().toModality(ShortSamples.of(px), FloatSamples.of(out));
        assertArrayEquals(new float[] {-2048, -1, 2047}, out);
        StoredValues sv = StoredValues.of(16, 12, 15, true);
        sv.applyInPlace(ShortSamples.of(px));
        assertArrayEquals(new short[] {-2048, -1, 2047}, px);
    }

    @Test
    void modalityLutAndVoiLutAreApplied() {
        ImageDescriptor image = ImageDescriptor.of(1, 4, 1, 8, 8, false, Photometric.MONOCHROME2);
        // Modality LUT maps 10..13 to 100, 200, 300, 400; values outside clamp.
        LookupTable modality = new LookupTable(10, 16, new int[] {100, 200, 300, 400});
        // VOI LUT maps 100..400 (first 100) linearly onto 8-bit output 0..255 (step 85 per 100).
        int[] voi = new int[301];
        for (int i = 0; i < voi.length; i++) {
            voi[i] = i * 255 / 300;
        }
        PixelPipeline p = PixelPipeline.builder(image).modalityLut(modality)
                .voiLut(new LookupTable(100, 8, voi)).build();
        byte[] out = new byte[4];
        p.apply(ByteSamples.of(new byte[] {0, 11, 12, (byte) 200}), ByteSamples.of(out));
        assertArrayEquals(new byte[] {0, 85, (byte) 170, (byte) 255}, out);
        float[] hu = new float[2];
        p.toModality(ByteSamples.of(new byte[] {11, (byte) 255}), FloatSamples.of(hu));
        assertArrayEquals(new float[] {200, 400}, hu);
    }

    @Test
    void sixteenBitOutputAndFullRangeDefault() {
        ImageDescriptor image = ImageDescriptor.of(1, 3, 1, 16, 16, true, Photometric.MONOCHROME2);
        PixelPipeline p = PixelPipeline.builder(image).outputBits(16).build();
        short[] out = new short[3];
        p.apply(ShortSamples.of(new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE}), ShortSamples.of(out));
        assertEquals(0, out[0] & 0xFFFF);
        assertEquals(32768, out[1] & 0xFFFF);
        assertEquals(65535, out[2] & 0xFFFF);
        assertThrows(IllegalStateException.class, () -> p.apply(ShortSamples.of(new short[1]), ByteSamples.of(new byte[1])));
        assertTrue(p.table8().isEmpty());
    }

    @Test
    void moreThanSixteenBitsGiveModalityValuesByArithmetic() {
        ImageDescriptor image = ImageDescriptor.of(1, 2, 1, 32, 32, false, Photometric.MONOCHROME2);
        PixelPipeline p = PixelPipeline.builder(image).rescale(new Rescale(2.5e-5, 0)).build();
        float[] out = new float[2];
        p.toModality(dev.aperture.image.IntSamples.of(new int[] {1_000_000, -1}), FloatSamples.of(out));
        assertEquals(25f, out[0], 1e-4f);
        assertEquals(4294967295.0 * 2.5e-5, out[1], 1e-2);
        assertThrows(dev.aperture.imaging.UnsupportedDataException.class,
                () -> p.apply(dev.aperture.image.IntSamples.of(new int[2]), ByteSamples.of(new byte[2])));
    }
}
