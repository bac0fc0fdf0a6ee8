// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Transcoding signed samples to JPEG Extended (1.2.840.10008.1.2.4.51): the encoder codes them
 * 2048 higher, and the Transcoder declares Pixel Representation 0 and moves Rescale Intercept
 * (top level, or in the functional groups of an enhanced object) so that modality values stay
 * within the codec's error; the lossy attributes are set. (The peers' view of these files is
 * checked in the examples module's TranscodeCommandTest with dcmdjpeg and gdcmconv.) 12-bit RGB
 * becomes YBR_FULL_422, as dcmcjpeg +ee writes it, and dcmdjpeg decodes it as we do.
 */
class TranscoderExtendedJpegTest {

    private static DicomObject.Builder image(int rows, int cols, int frames, int stored, short[] samples) {
        byte[] px = new byte[samples.length * 2];
        ByteBuffer.wrap(px).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
        DicomObject.Builder b = DicomObject.builder()
                .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")
                .setString(Tags.SOPInstanceUID, Vr.UI, "2.25.1234")
                .setInts(Tags.Rows, Vr.US, rows).setInts(Tags.Columns, Vr.US, cols)
                .setInts(Tags.SamplesPerPixel, Vr.US, 1).setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, stored)
                .setInts(Tags.HighBit, Vr.US, stored - 1).setInts(Tags.PixelRepresentation, Vr.US, 1)
                .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px);
        if (frames > 1) {
            b.setString(Tags.NumberOfFrames, Vr.IS, String.valueOf(frames));
        }
        return b;
    }

    private static DicomFile file(DicomObject ds) {
        return DicomReader.standard().read(DicomWriter.standard().toBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    private static short[] ctLike(int n, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.max(-2048, Math.min(2047, (i % 97 < 40 ? -1000 : 60) + (int) (r.nextGaussian() * 20)));
        }
        return s;
    }

    private static short[] decode(DicomFile f) {
        PixelFrames frames = PixelFrames.of(f);
        var all = frames.allocateAll();
        frames.decodeAll(all, Runnable::run);
        return ((ShortSamples) all).array();
    }

    @Test
    void signedTwelveBitMovesTheInterceptAndKeepsModalityValues() {
        short[] src = ctLike(48 * 40 * 2, 1);
        DicomObject ds = image(48, 40, 2, 12, src)
                .setString(Tags.RescaleIntercept, Vr.DS, "-1024").setString(Tags.RescaleSlope, Vr.DS, "1")
                .setInts(Tags.PixelPaddingValue, Vr.SS, -2000).build();
        DicomObject out = Transcoder.standard().transcode(file(ds), TransferSyntax.JPEG_EXTENDED, Runnable::run);
        assertEquals(0, out.integer(Tags.PixelRepresentation).orElseThrow());
        assertEquals(12, out.integer(Tags.BitsStored).orElseThrow());
        assertEquals(-3072, out.doubleValue(Tags.RescaleIntercept).orElseThrow(), 1e-9);
        assertEquals(48, out.integer(Tags.PixelPaddingValue).orElseThrow());
        assertEquals("01", out.string(Tags.LossyImageCompression).orElseThrow());
        assertEquals("ISO_10918_1", out.string(Tags.LossyImageCompressionMethod).orElseThrow());
        assertNotEquals("2.25.1234", out.string(Tags.SOPInstanceUID).orElseThrow());
        DicomFile back = DicomReader.standard().read(DicomWriter.standard().toBytes(out, TransferSyntax.JPEG_EXTENDED));
        short[] decoded = decode(back);
        int worst = 0;
        for (int i = 0; i < src.length; i++) {
            // HU before: src - 1024; after: decoded - 3072
            worst = Math.max(worst, Math.abs((decoded[i] - 3072) - (src[i] - 1024)));
        }
        assertTrue(worst <= 24, "max HU error " + worst);
    }

    @Test
    void enhancedObjectsMoveTheInterceptInTheirFunctionalGroups() {
        short[] src = ctLike(16 * 16, 2);
        DicomObject pvt = DicomObject.builder().setString(Tags.RescaleIntercept, Vr.DS, "-1024")
                .setString(Tags.RescaleSlope, Vr.DS, "1").setString(Tags.RescaleType, Vr.LO, "HU").build();
        DicomObject shared = DicomObject.builder().setItems(Tags.PixelValueTransformationSequence, List.of(pvt)).build();
        DicomObject ds = image(16, 16, 1, 12, src).setItems(Tags.SharedFunctionalGroupsSequence, List.of(shared)).build();
        DicomObject out = Transcoder.standard().transcode(file(ds), TransferSyntax.JPEG_EXTENDED, Runnable::run);
        DicomObject moved = out.items(Tags.SharedFunctionalGroupsSequence).get(0)
                .items(Tags.PixelValueTransformationSequence).get(0);
        assertEquals(-3072, moved.doubleValue(Tags.RescaleIntercept).orElseThrow(), 1e-9);
        assertEquals("HU", moved.string(Tags.RescaleType).orElseThrow());
        assertFalse(out.contains(Tags.RescaleIntercept), "no top-level rescale added to an enhanced object");
    }

    @Test
    void unsignedOrFittingSamplesAreNotShifted() {
        // 16 bits stored, signed, values 0..4095: coded as they are, Pixel Representation stays
        short[] src = new short[32 * 32];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) ((i * 37) % 4096);
        }
        DicomObject ds = image(32, 32, 1, 16, src).setString(Tags.RescaleIntercept, Vr.DS, "-1024").build();
        DicomObject out = Transcoder.standard().transcode(file(ds), TransferSyntax.JPEG_EXTENDED, Runnable::run);
        assertEquals(1, out.integer(Tags.PixelRepresentation).orElseThrow());
        assertEquals(-1024, out.doubleValue(Tags.RescaleIntercept).orElseThrow(), 1e-9);
        assertEquals(16, out.integer(Tags.BitsStored).orElseThrow());
    }

    @Test
    void framesNeedingDifferentOffsetsAreRefused() {
        // 16 bits stored: frame 0 fits 0..4095 (offset 0), frame 1 is negative (offset 2048)
        short[] src = new short[2 * 64];
        for (int i = 0; i < 64; i++) {
            src[i] = (short) (i * 50);
            src[64 + i] = (short) (-i * 20);
        }
        DicomObject ds = image(8, 8, 2, 16, src).build();
        DicomFile f = file(ds);
        assertThrows(UnsupportedDataException.class,
                () -> Transcoder.standard().transcode(f, TransferSyntax.JPEG_EXTENDED, Runnable::run));
    }

    @Test
    void twelveBitRgbBecomesYbrFull422AndDcmtkDecodesItAsWeDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        int rows = 24;
        int cols = 30;
        short[] rgb = new short[rows * cols * 3];
        Random r = new Random(5);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 2048 + 1500 * Math.sin(x / 5.0 + 2 * c) * Math.cos(y / 7.0) + r.nextGaussian() * 10;
                    rgb[(y * cols + x) * 3 + c] = (short) Math.max(0, Math.min(4095, Math.round(v)));
                }
            }
        }
        byte[] px = new byte[rgb.length * 2];
        ByteBuffer.wrap(px).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(rgb);
        DicomObject ds = DicomObject.builder()
                .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7")
                .setString(Tags.SOPInstanceUID, Vr.UI, "2.25.4321")
                .setInts(Tags.Rows, Vr.US, rows).setInts(Tags.Columns, Vr.US, cols)
                .setInts(Tags.SamplesPerPixel, Vr.US, 3).setString(Tags.PhotometricInterpretation, Vr.CS, "RGB")
                .setInts(Tags.PlanarConfiguration, Vr.US, 0)
                .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, 12)
                .setInts(Tags.HighBit, Vr.US, 11).setInts(Tags.PixelRepresentation, Vr.US, 0)
                .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px).build();
        DicomObject out = Transcoder.standard().withOptions(dev.aperture.codec.EncodeOptions.DEFAULT.withQuality(95))
                .transcode(file(ds), TransferSyntax.JPEG_EXTENDED, Runnable::run);
        // PS3.5 8.2.1 and dcmcjpeg +ee: YCbCr 4:2:2, 12 bits, lossy attributes, a new instance
        assertEquals("YBR_FULL_422", out.string(Tags.PhotometricInterpretation).orElseThrow());
        assertEquals(0, out.integer(Tags.PlanarConfiguration).orElseThrow());
        assertEquals(3, out.integer(Tags.SamplesPerPixel).orElseThrow());
        assertEquals(12, out.integer(Tags.BitsStored).orElseThrow());
        assertEquals("01", out.string(Tags.LossyImageCompression).orElseThrow());
        assertEquals("ISO_10918_1", out.string(Tags.LossyImageCompressionMethod).orElseThrow());
        assertNotEquals("2.25.4321", out.string(Tags.SOPInstanceUID).orElseThrow());
        java.nio.file.Path written = tmp.resolve("rgb12.dcm");
        DicomWriter.standard().write(written, out, TransferSyntax.JPEG_EXTENDED);
        short[] ours = decode(DicomReader.standard().read(written));
        assertEquals(rgb.length, ours.length);
        double err = 0;
        for (int i = 0; i < rgb.length; i++) {
            err += Math.abs(ours[i] - rgb[i]);
        }
        assertTrue(err / rgb.length < 40, "mean error " + err / rgb.length + " of 4095");
        // DCMTK decodes the file (YCbCr back to RGB) within one of our samples
        java.nio.file.Path dj = tmp.resolve("dj.dcm");
        boolean present = java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, "dcmdjpeg")));
        if (!present && "true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("dcmdjpeg is not installed");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "dcmdjpeg is not installed");
        Process p = new ProcessBuilder("dcmdjpeg", written.toString(), dj.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        DicomFile theirs = DicomReader.standard().read(dj);
        assertEquals("RGB", theirs.dataset().string(Tags.PhotometricInterpretation).orElseThrow());
        short[] t = decode(theirs);
        for (int i = 0; i < rgb.length; i++) {
            assertTrue(Math.abs(t[i] - ours[i]) <= 1, "sample " + i + ": " + t[i] + " vs " + ours[i]);
        }
    }
}
