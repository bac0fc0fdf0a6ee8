// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame location and decoding: frame-by-frame mapping of large values, offset tables, fragment grouping. */
class PixelFramesTest {

    private static Path testdata(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("shared/testdata/pydicom"))) {
            p = p.getParent();
        }
        return p.resolve("shared/testdata/pydicom").resolve(name);
    }

    @Test
    void mappingFrameByFrameDecodesWhatWholeMappingDoes(@TempDir Path tmp) throws Exception {
        for (String name : List.of("rtdose.dcm", "rtdose_expb.dcm", "SC_rgb_small_odd_big_endian.dcm")) {
            DicomFile f = DicomReader.standard().read(testdata(name));
            PixelFrames whole = PixelFrames.of(f);
            PixelFrames byFrame = PixelFrames.of(f.dataset(), f.transferSyntax(), TransferSyntaxRegistry.standard(),
                    false, 0);
            Samples a = whole.allocateAll();
            Samples b = byFrame.allocateAll();
            whole.decodeAll(a, Runnable::run);
            byFrame.decodeAll(b, Runnable::run);
            if (a instanceof IntSamples x) {
                assertArrayEquals(x.array(), ((IntSamples) b).array(), name);
            } else {
                assertEquals(array(a), array(b), name);
            }
        }
    }

    private static Object array(Samples s) {
        if (s instanceof dev.aperture.image.ByteSamples x) {
            return java.util.Arrays.toString(x.array());
        }
        return java.util.Arrays.toString(((dev.aperture.image.ShortSamples) s).array());
    }

    @Test
    void locatesFramesByOffsetTableOrByFragmentsAndRefusesWhatDisagrees() {
        DicomObject base = DicomObject.builder().setInts(0x00280010, Vr.US, 1).setInts(0x00280011, Vr.US, 2)
                .setInts(0x00280100, Vr.US, 8).setInts(0x00280101, Vr.US, 8).setString(0x00280004, Vr.CS, "MONOCHROME2")
                .setString(0x00280008, Vr.IS, "2").build();
        byte[] f0a = {(byte) 0xFF, (byte) 0xD8, 1, 2};
        byte[] f0b = {3, 4};
        byte[] f1 = {(byte) 0xFF, (byte) 0xD8, 5, 6};
        // Basic Offset Table: frame 1 starts at the third item (8 + 4 + 8 + 2 bytes in)
        DicomObject withBot = base.toBuilder().setFragments(Tag.PIXEL_DATA, Vr.OB,
                Fragments.of(new long[] {0, 22}, List.of(f0a, f0b, f1))).build();
        PixelFrames a = PixelFrames.of(withBot, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), false);
        assertEquals(2, a.frameCount());
        assertEquals(6, a.encodedFrame(0).remaining());
        assertEquals(4, a.encodedFrame(1).remaining());
        // Extended Offset Table (PS3.5 A.4): 64-bit offsets, preferred over the Basic one
        java.nio.ByteBuffer eot = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        eot.putLong(0).putLong(22);
        DicomObject withEot = base.toBuilder().setBytes(0x7FE00001, Vr.OV, eot.array())
                .setBytes(0x7FE00002, Vr.OV, new byte[16]).setFragments(Tag.PIXEL_DATA, Vr.OB,
                        Fragments.of(new long[0], List.of(f0a, f0b, f1))).build();
        PixelFrames e = PixelFrames.of(withEot, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), false);
        assertEquals(6, e.encodedFrame(0).remaining());
        assertEquals(4, e.encodedFrame(1).remaining());
        // No table: grouped by the start-of-image markers
        DicomObject noBot = base.toBuilder().setFragments(Tag.PIXEL_DATA, Vr.OB,
                Fragments.of(new long[0], List.of(f0a, f0b, f1))).build();
        PixelFrames b = PixelFrames.of(noBot, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), false);
        assertEquals(6, b.encodedFrame(0).remaining());
        // A table that points inside a fragment: strict refuses, lenient repairs and reports
        DicomObject badBot = base.toBuilder().setFragments(Tag.PIXEL_DATA, Vr.OB,
                Fragments.of(new long[] {0, 5}, List.of(f0a, f0b, f1))).build();
        assertThrows(MalformedDataException.class,
                () -> PixelFrames.of(badBot, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), false));
        PixelFrames c = PixelFrames.of(badBot, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), true);
        assertEquals(1, c.repairs().size());
        assertEquals(2, c.frameCount());
        // More frames declared than fragments can hold
        DicomObject tooFew = base.toBuilder().setString(0x00280008, Vr.IS, "5").setFragments(Tag.PIXEL_DATA, Vr.OB,
                Fragments.of(new long[0], List.of(f0a, f1))).build();
        assertThrows(MalformedDataException.class,
                () -> PixelFrames.of(tooFew, TransferSyntax.JPEG_BASELINE, TransferSyntaxRegistry.standard(), false));
    }

    @Test
    void nativeDataShorterThanItsFramesIsAnErrorOrARepair(@TempDir Path tmp) throws Exception {
        DicomObject ds = DicomObject.builder().setInts(0x00280010, Vr.US, 4).setInts(0x00280011, Vr.US, 4)
                .setInts(0x00280100, Vr.US, 8).setInts(0x00280101, Vr.US, 8).setString(0x00280004, Vr.CS, "MONOCHROME2")
                .setString(0x00280008, Vr.IS, "3").setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[32]).build();
        Path file = tmp.resolve("short.dcm");
        DicomWriter.standard().write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile f = DicomReader.standard().read(file);
        assertThrows(MalformedDataException.class, () -> PixelFrames.of(f));
        PixelFrames lenient = PixelFrames.of(f.dataset(), f.transferSyntax(), TransferSyntaxRegistry.standard(), true);
        assertEquals(2, lenient.frameCount());
        assertEquals(1, lenient.repairs().size());
    }
}
