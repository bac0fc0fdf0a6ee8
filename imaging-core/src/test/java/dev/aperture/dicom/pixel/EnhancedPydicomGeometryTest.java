// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.volume.SliceInfo;
import dev.aperture.volume.SliceStack;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-frame geometry of the only multi-frame objects with functional groups in shared/testdata,
 * pydicom's {@code liver_1frame.dcm} and its big-endian twin {@code liver_expb_1frame.dcm}
 * (Segmentation Storage, 512 x 512, three Per-frame Functional Groups items with Plane Position
 * (Patient), Plane Orientation and Pixel Measures in the shared item), against pydicom reading the
 * same attributes. The files were cut down by pydicom to one frame of Pixel Data and lack Number
 * of Frames (Type 1 in the Multi-frame Module), so Aperture refuses them as they are (item count
 * differs from Number of Frames); with Number of Frames set to the item count, every frame's
 * position, orientation, pixel spacing and thickness agree with pydicom's, and the frames form one
 * stack with pydicom's slice spacing.
 */
class EnhancedPydicomGeometryTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Path testdata() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new AssertionError("shared/testdata/pydicom not found");
    }

    /** Per frame: IPP (3), IOP (6), Pixel Spacing (2), Slice Thickness; then Spacing Between Slices. */
    private static List<double[]> pydicom(Path f) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " with pydicom is required");
        }
        String script = "import sys,pydicom\n"
                + "d=pydicom.dcmread(sys.argv[1], stop_before_pixels=True)\n"
                + "sh=d.SharedFunctionalGroupsSequence[0]\n"
                + "def m(it, kw):\n"
                + "  return (it if kw in it else sh).get(kw)[0]\n"
                + "for it in d.PerFrameFunctionalGroupsSequence:\n"
                + "  v=list(m(it,'PlanePositionSequence').ImagePositionPatient)"
                + "+list(m(it,'PlaneOrientationSequence').ImageOrientationPatient)"
                + "+list(m(it,'PixelMeasuresSequence').PixelSpacing)+[m(it,'PixelMeasuresSequence').SliceThickness]\n"
                + "  print(' '.join(repr(float(x)) for x in v))\n"
                + "print(repr(float(sh.PixelMeasuresSequence[0].SpacingBetweenSlices)))\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip().lines().map(l -> java.util.Arrays.stream(l.trim().split(" "))
                .mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"liver_1frame.dcm", "liver_expb_1frame.dcm"})
    void perFrameGeometryAgreesWithPydicom(String name) throws Exception {
        Path f = testdata().resolve(name);
        DicomObject ds = DicomReader.standard().read(f).dataset();
        assertEquals("1.2.840.10008.5.1.4.1.1.66.4", ds.string(Tags.SOPClassUID).orElseThrow());
        assertFalse(ds.contains(Tags.NumberOfFrames));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SeriesVolumes.frameInfos(ds));
        assertEquals(Tags.PerFrameFunctionalGroupsSequence, e.tag());

        int items = ds.items(Tags.PerFrameFunctionalGroupsSequence).size();
        DicomObject fixed = ds.toBuilder().setInts(Tags.NumberOfFrames, Vr.IS, items).build();
        List<SliceInfo> infos = SeriesVolumes.frameInfos(fixed);
        List<double[]> oracle = pydicom(f);
        assertEquals(items + 1, oracle.size());
        assertEquals(3, items);
        for (int k = 0; k < items; k++) {
            double[] o = oracle.get(k);
            SliceInfo s = infos.get(k);
            String what = name + " frame " + k;
            assertArrayEquals(java.util.Arrays.copyOfRange(o, 0, 3), s.imagePositionPatient(), 1e-9, what);
            assertArrayEquals(java.util.Arrays.copyOfRange(o, 3, 9), s.imageOrientationPatient(), 1e-12, what);
            assertArrayEquals(java.util.Arrays.copyOfRange(o, 9, 11), s.pixelSpacing(), 1e-12, what);
            assertEquals(o[11], s.sliceThickness(), 1e-12, what);
            assertEquals(512, s.rows());
            assertEquals(512, s.columns());
        }
        // One stack (the only other dimension, Referenced Segment Number, is 1 on every frame)
        List<FrameStack> stacks = SeriesVolumes.stacks(fixed);
        assertEquals(1, stacks.size());
        assertEquals(List.of(0, 1, 2), stacks.get(0).frames());
        assertEquals("AXIAL", stacks.get(0).orientation());
        VolumeGeometry g = SliceStack.of(infos).geometry();
        double spacingBetweenSlices = oracle.get(items)[0];
        assertEquals(spacingBetweenSlices, g.spacingZ(), 1e-9);
        assertArrayEquals(java.util.Arrays.copyOfRange(oracle.get(0), 0, 3), g.imagePositionPatient(0), 1e-9);
        assertArrayEquals(java.util.Arrays.copyOfRange(oracle.get(0), 3, 9), g.imageOrientationPatient(), 1e-12);
        assertArrayEquals(java.util.Arrays.copyOfRange(oracle.get(0), 9, 11), g.pixelSpacing(), 1e-12);
        assertArrayEquals(java.util.Arrays.copyOfRange(oracle.get(2), 0, 3), g.imagePositionPatient(2), 1e-9);
    }
}
