// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets whose Image Pixel Module disagrees with their pixel bytes (real test files with the
 * header edited by our own builder): strict decoding names the disagreement, lenient decoding
 * follows the bytes, lists the repair, and gives what pydicom or GDCM decode from the unedited
 * file.
 */
class PixelShapeTest {

    private static Path testdata(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("shared/testdata/pydicom"))) {
            p = p.getParent();
        }
        return p.resolve("shared/testdata/pydicom").resolve(name);
    }

    private static boolean installed(String exe) {
        boolean ok = Files.isExecutable(Path.of(exe));
        if (!ok && "true".equals(System.getenv("CI"))) {
            fail(exe + " is required in CI but missing");
        }
        assumeTrue(ok, exe + " missing");
        return ok;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        assertEquals(0, p.exitValue(), "exit status of " + cmd);
    }

    /** pydicom's pixel_array of the unedited file, as little-endian bytes. */
    private static byte[] pydicomPixels(Path file, Path tmp) throws Exception {
        installed("/usr/bin/python3");
        Path out = tmp.resolve(file.getFileName() + ".raw");
        run(List.of("/usr/bin/python3", "-c", "import sys, pydicom\n"
                + "a = pydicom.dcmread(sys.argv[1]).pixel_array\n"
                + "open(sys.argv[2], 'wb').write(a.astype(a.dtype.newbyteorder('<')).tobytes())",
                file.toString(), out.toString()));
        return Files.readAllBytes(out);
    }

    /** GDCM's decode of the unedited file ({@code gdcmconv --raw}), read back as native bytes. */
    private static byte[] gdcmPixels(Path file, Path tmp) throws Exception {
        installed("/usr/bin/gdcmconv");
        Path out = tmp.resolve(file.getFileName() + ".gdcm.dcm");
        run(List.of("/usr/bin/gdcmconv", "--raw", file.toString(), out.toString()));
        return DicomReader.standard().read(Files.readAllBytes(out)).dataset().bytes(Tag.PIXEL_DATA).orElseThrow();
    }

    private static byte[] bytesOf(Samples s, int n) {
        if (s instanceof ByteSamples b) {
            return java.util.Arrays.copyOf(b.array(), n);
        }
        short[] a = ((ShortSamples) s).array();
        ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        bb.asShortBuffer().put(a, 0, n);
        return bb.array();
    }

    private static byte[] decodeFrame0(PixelFrames frames) {
        Samples s = Samples.allocate(frames.image(), 1);
        frames.decode(0, s);
        return bytesOf(s, frames.image().samplesPerFrame());
    }

    private static DicomFile read(String name) throws Exception {
        return DicomReader.standard().read(Files.readAllBytes(testdata(name)));
    }

    private static PixelFrames frames(DicomObject ds, DicomFile f, boolean lenient) {
        return PixelFrames.of(ds, f.transferSyntax(), TransferSyntaxRegistry.standard(), lenient);
    }

    private static boolean mentions(List<Repair> repairs, String text) {
        return repairs.stream().anyMatch(r -> r.description().contains(text));
    }

    @Test
    void sixteenBitDataDeclaredAsEightBitIsDecodedAsSixteen(@TempDir Path tmp) throws Exception {
        DicomFile f = read("CT_small.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.BitsAllocated, Vr.US, 8)
                .setInts(Tags.BitsStored, Vr.US, 8).setInts(Tags.HighBit, Vr.US, 7).build();
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        assertTrue(e.getMessage().contains("Bits Allocated 16"), e.getMessage());
        assertEquals(Tag.PIXEL_DATA, e.tag());

        PixelFrames lenient = frames(edited, f, true);
        assertEquals(16, lenient.image().bitsAllocated());
        assertEquals(16, lenient.image().bitsStored());
        assertTrue(mentions(lenient.repairs(), "Bits Allocated 16"), lenient.repairs().toString());
        assertArrayEquals(pydicomPixels(testdata("CT_small.dcm"), tmp), decodeFrame0(lenient));
    }

    @Test
    void eightBitDataDeclaredAsSixteenBitIsDecodedAsEight(@TempDir Path tmp) throws Exception {
        DicomFile f = read("examples_palette.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.BitsAllocated, Vr.US, 16)
                .setInts(Tags.BitsStored, Vr.US, 16).setInts(Tags.HighBit, Vr.US, 15).build();
        assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        PixelFrames lenient = frames(edited, f, true);
        assertEquals(8, lenient.image().bitsAllocated());
        assertEquals(8, lenient.image().bitsStored());
        assertEquals(Photometric.PALETTE_COLOR, lenient.image().photometric());
        assertArrayEquals(pydicomPixels(testdata("examples_palette.dcm"), tmp), decodeFrame0(lenient));
    }

    @Test
    void threeSampleDataDeclaredAsOneSampleIsDecodedAsRgb(@TempDir Path tmp) throws Exception {
        DicomFile f = read("examples_rgb_color.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.SamplesPerPixel, Vr.US, 1)
                .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2").remove(Tags.PlanarConfiguration).build();
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        assertTrue(e.getMessage().contains("Samples per Pixel 3"), e.getMessage());
        PixelFrames lenient = frames(edited, f, true);
        assertEquals(3, lenient.image().samplesPerPixel());
        assertEquals(Photometric.RGB, lenient.image().photometric());
        assertTrue(mentions(lenient.repairs(), "Photometric Interpretation RGB"), lenient.repairs().toString());
        assertArrayEquals(pydicomPixels(testdata("examples_rgb_color.dcm"), tmp), decodeFrame0(lenient));
    }

    @Test
    void oneSampleDataDeclaredAsRgbIsDecodedAsMonochrome(@TempDir Path tmp) throws Exception {
        DicomFile f = read("CT_small.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.SamplesPerPixel, Vr.US, 3)
                .setString(Tags.PhotometricInterpretation, Vr.CS, "RGB").setInts(Tags.PlanarConfiguration, Vr.US, 0).build();
        assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        PixelFrames lenient = frames(edited, f, true);
        assertEquals(1, lenient.image().samplesPerPixel());
        assertEquals(Photometric.MONOCHROME2, lenient.image().photometric());
        assertArrayEquals(pydicomPixels(testdata("CT_small.dcm"), tmp), decodeFrame0(lenient));
    }

    @Test
    void twelveBitJpegDeclaredAsEightBitIsDecodedAtItsPrecision(@TempDir Path tmp) throws Exception {
        DicomFile f = read("JPEG-lossy.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.BitsAllocated, Vr.US, 8)
                .setInts(Tags.BitsStored, Vr.US, 8).setInts(Tags.HighBit, Vr.US, 7).build();
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        assertTrue(e.getMessage().contains("precision 12"), e.getMessage());
        PixelFrames lenient = frames(edited, f, true);
        assertEquals(16, lenient.image().bitsAllocated());
        assertEquals(12, lenient.image().bitsStored());
        assertTrue(mentions(lenient.repairs(), "precision 12"), lenient.repairs().toString());
        assertArrayEquals(gdcmPixels(testdata("JPEG-lossy.dcm"), tmp), decodeFrame0(lenient));
    }

    @Test
    void colourJpegDeclaredAsMonochromeIsDecodedInColour() throws Exception {
        DicomFile f = read("SC_rgb_jpeg_dcmtk.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.SamplesPerPixel, Vr.US, 1)
                .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2").remove(Tags.PlanarConfiguration).build();
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> frames(edited, f, false));
        assertTrue(e.getMessage().contains("3 component(s)"), e.getMessage());
        PixelFrames lenient = frames(edited, f, true);
        assertEquals(3, lenient.image().samplesPerPixel());
        assertEquals(Photometric.YBR_FULL, lenient.image().photometric());
        // The unedited file (YBR_FULL) decodes bit-exactly like dcmdjpeg in the JPEG tests; the
        // edited one must decode to the same RGB samples.
        assertArrayEquals(decodeFrame0(PixelFrames.of(f)), decodeFrame0(lenient));
    }

    @Test
    void aJpegLsPrecisionOtherThanBitsStoredIsFollowedInEveryMode(@TempDir Path tmp) throws Exception {
        DicomFile f = read("MR_small_jpeg_ls_lossless.dcm");
        DicomObject edited = f.dataset().toBuilder().setInts(Tags.BitsStored, Vr.US, 12)
                .setInts(Tags.HighBit, Vr.US, 11).build();
        for (boolean lenient : new boolean[] {false, true}) {
            PixelFrames frames = frames(edited, f, lenient);
            assertEquals(16, frames.image().bitsStored());
            assertTrue(mentions(frames.repairs(), "precision 16"), frames.repairs().toString());
            assertArrayEquals(gdcmPixels(testdata("MR_small_jpeg_ls_lossless.dcm"), tmp), decodeFrame0(frames));
        }
    }

    @Test
    void filesThatAgreeWithTheirBytesAreLeftAlone() throws Exception {
        for (String name : List.of("CT_small.dcm", "examples_rgb_color.dcm", "examples_palette.dcm", "JPEG-lossy.dcm",
                "SC_rgb_jpeg_dcmtk.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_small_odd.dcm", "MR_small_RLE.dcm")) {
            DicomFile f = read(name);
            PixelFrames frames = frames(f.dataset(), f, false);
            assertEquals(List.of(), frames.repairs(), name);
            assertEquals(dev.aperture.dicom.pixel.ImagePixel.descriptor(f.dataset()), frames.image(), name);
        }
    }

    @Test
    void peekingAtTruncatedOrRandomBytesNeverThrows() throws Exception {
        ByteBuffer first = read("JPEG-lossy.dcm").dataset().fragments(Tag.PIXEL_DATA).orElseThrow().fragment(0);
        byte[] jpeg = new byte[first.remaining()];
        first.get(jpeg);
        PixelShape.Sof sof = PixelShape.peek(ByteBuffer.wrap(jpeg));
        assertEquals(12, sof.precision());
        assertEquals(1, sof.components());
        for (int cut = 0; cut < 400; cut++) {
            PixelShape.Sof s = PixelShape.peek(ByteBuffer.wrap(jpeg, 0, cut));
            if (s != null) {
                assertEquals(sof, s, "cut at " + cut);
            }
        }
        SplittableRandom rnd = new SplittableRandom(3);
        ImageDescriptor image = ImageDescriptor.of(4, 4, 1, 16, 12, false, Photometric.MONOCHROME2);
        for (int k = 0; k < 5000; k++) {
            byte[] b = java.util.Arrays.copyOf(jpeg, 64);
            b[2 + rnd.nextInt(62)] = (byte) rnd.nextInt(256);
            if (k % 2 == 0) {
                b[2 + rnd.nextInt(62)] = (byte) 0xFF;
            }
            PixelShape.Sof s = PixelShape.peek(ByteBuffer.wrap(b));
            try {
                PixelShape.codestream(image, s, Tag.PIXEL_DATA, k % 3 == 0, new ArrayList<>());
            } catch (MalformedDataException expected) {
                // strict mode names a disagreement: the library's exception, nothing else
            }
        }
        assertNull(PixelShape.peek(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5})));
    }
}
