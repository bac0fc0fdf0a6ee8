// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.VolumeAssemblyException;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced multi-frame objects holding several stacks (Stack ID, orientations, temporal positions),
 * written here as Enhanced CT objects; pydicom reads the same files as the oracle for the frame
 * positions and stored values.
 */
class EnhancedStacksTest {
    private static final String PYTHON = "/usr/bin/python3";
    static final int ROWS = 6;
    static final int COLS = 7;
    static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};

    /** One frame: its Frame Content values and geometry; value = base + 10 * column + row. */
    record F(String stackId, int inStack, int temporal, double[] ipp, double[] iop, int base) { }

    static DicomObject enhanced(List<F> frames, boolean withDimensions) {
        byte[] px = new byte[frames.size() * ROWS * COLS * 2];
        List<DicomObject> perFrame = new ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            F fr = frames.get(f);
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLS; i++) {
                    int v = fr.base + 10 * i + j;
                    int at = 2 * ((f * ROWS + j) * COLS + i);
                    px[at] = (byte) v;
                    px[at + 1] = (byte) (v >> 8);
                }
            }
            DicomObject.Builder fc = DicomObject.builder();
            if (fr.stackId != null) {
                fc.setString(Tags.StackID, Vr.SH, fr.stackId).setInts(Tags.InStackPositionNumber, Vr.UL, fr.inStack);
            }
            if (fr.temporal > 0) {
                fc.setInts(Tags.TemporalPositionIndex, Vr.UL, fr.temporal);
            }
            perFrame.add(DicomObject.builder()
                    .setItems(Tags.FrameContentSequence, List.of(fc.build()))
                    .setItems(Tags.PlanePositionSequence, List.of(DicomObject.builder()
                            .setDoubles(Tags.ImagePositionPatient, Vr.DS, fr.ipp).build()))
                    .setItems(Tags.PlaneOrientationSequence, List.of(DicomObject.builder()
                            .setDoubles(Tags.ImageOrientationPatient, Vr.DS, fr.iop).build()))
                    .build());
        }
        DicomObject shared = DicomObject.builder()
                .setItems(Tags.PixelMeasuresSequence, List.of(DicomObject.builder()
                        .setDoubles(Tags.PixelSpacing, Vr.DS, 0.5, 0.75).setDoubles(Tags.SliceThickness, Vr.DS, 2)
                        .build()))
                .setItems(Tags.PixelValueTransformationSequence, List.of(DicomObject.builder()
                        .setDoubles(Tags.RescaleSlope, Vr.DS, 1).setDoubles(Tags.RescaleIntercept, Vr.DS, -1024)
                        .setString(Tags.RescaleType, Vr.LO, "HU").build()))
                .build();
        DicomObject.Builder b = DicomObject.builder()
                .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2.1")
                .setString(Tags.SOPInstanceUID, Vr.UI, DerivedSeries.newUid())
                .setString(Tags.StudyInstanceUID, Vr.UI, DerivedSeries.newUid())
                .setString(Tags.SeriesInstanceUID, Vr.UI, DerivedSeries.newUid())
                .setString(Tags.Modality, Vr.CS, "CT")
                .setInts(Tags.NumberOfFrames, Vr.IS, frames.size())
                .setInts(Tags.SamplesPerPixel, Vr.US, 1)
                .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                .setInts(Tags.Rows, Vr.US, ROWS).setInts(Tags.Columns, Vr.US, COLS)
                .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, 16)
                .setInts(Tags.HighBit, Vr.US, 15).setInts(Tags.PixelRepresentation, Vr.US, 0)
                .setItems(Tags.SharedFunctionalGroupsSequence, List.of(shared))
                .setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame);
        if (withDimensions) {
            String org = DerivedSeries.newUid();
            b.setItems(Tags.DimensionOrganizationSequence, List.of(DicomObject.builder()
                    .setString(Tags.DimensionOrganizationUID, Vr.UI, org).build()));
            b.setItems(Tags.DimensionIndexSequence, List.of(
                    DicomObject.builder().setInts(Tags.DimensionIndexPointer, Vr.AT, Tags.StackID)
                            .setInts(Tags.FunctionalGroupPointer, Vr.AT, Tags.FrameContentSequence)
                            .setString(Tags.DimensionOrganizationUID, Vr.UI, org).build(),
                    DicomObject.builder().setInts(Tags.DimensionIndexPointer, Vr.AT, Tags.InStackPositionNumber)
                            .setInts(Tags.FunctionalGroupPointer, Vr.AT, Tags.FrameContentSequence)
                            .setString(Tags.DimensionOrganizationUID, Vr.UI, org).build()));
        }
        return b.adoptBytes(Tag.PIXEL_DATA, Vr.OW, px).build();
    }

    static Path write(Path dir, String name, DicomObject ds) throws IOException {
        Path f = dir.resolve(name);
        DicomWriter.standard().write(f, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return f;
    }

    /** Two stacks, frames interleaved: "1" axial (4 frames, z step 2, given in reverse), "2" sagittal (3). */
    static List<F> axialAndSagittal(String id1, String id2) {
        List<F> fs = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            fs.add(new F(id1, 4 - k, 0, new double[] {-1, -2, 20 - 2 * k}, AXIAL, 100 * (4 - k)));
            if (k < 3) {
                fs.add(new F(id2, k + 1, 0, new double[] {-3 + 1.5 * k, -5, 30}, SAGITTAL, 1000 + 100 * k));
            }
        }
        return fs;
    }

    @Test
    void stacksByStackIdBuildOneVolumeEach(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, "two.dcm", enhanced(axialAndSagittal("1", "2"), true));
        DicomFile file = DicomReader.standard().read(f);
        List<FrameStack> stacks = SeriesVolumes.stacks(file.dataset());
        assertEquals(2, stacks.size());
        assertEquals("1", stacks.get(0).id());
        assertEquals("AXIAL", stacks.get(0).orientation());
        assertEquals(List.of(0, 2, 4, 6), stacks.get(0).frames());
        assertEquals("2", stacks.get(1).id());
        assertEquals("SAGITTAL", stacks.get(1).orientation());
        assertEquals(List.of(1, 3, 5), stacks.get(1).frames());

        UnsupportedDataException e = assertThrows(UnsupportedDataException.class, () -> SeriesVolumes.read(List.of(f)));
        assertEquals(Tags.StackID, e.tag());
        assertThrows(IllegalArgumentException.class,
                () -> SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("3")));

        SeriesVolume sag = SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("2"));
        assertEquals("2", sag.stackId());
        VolumeGeometry g = sag.volume().geometry();
        assertEquals(3, g.slices());
        assertEquals(1.5, g.spacingZ(), 1e-12);
        assertArrayEquals(SAGITTAL, g.imageOrientationPatient(), 1e-12);

        List<SeriesVolume> all = SeriesVolumes.fromEnhancedStacks(file, SeriesVolumes.Options.defaults());
        assertEquals(2, all.size());
        assertEquals(4, all.get(0).volume().geometry().slices());
        assertEquals(-1024, all.get(0).rescaleIntercept());
        // Compare with pydicom: every frame's position and values, volume by volume.
        List<String> oracle = pydicom(f);
        for (SeriesVolume sv : all) {
            FrameStack st = stacks.get(sv.stackId().equals("1") ? 0 : 1);
            VolumeGeometry vg = sv.volume().geometry();
            for (int z = 0; z < vg.slices(); z++) {
                double[] ipp = vg.imagePositionPatient(z);
                int frame = -1;
                for (int fr : st.frames()) {
                    double[] o = nums(oracle.get(2 * fr));
                    if (Math.abs(o[0] - ipp[0]) + Math.abs(o[1] - ipp[1]) + Math.abs(o[2] - ipp[2]) < 1e-9) {
                        frame = fr;
                    }
                }
                assertTrue(frame >= 0, "slice " + z + " of stack " + sv.stackId() + " is no frame of it");
                double[] values = nums(oracle.get(2 * frame + 1));
                for (int i = 0; i < ROWS * COLS; i++) {
                    assertEquals(values[i], sv.volume().shortArray()[z * ROWS * COLS + i], "frame " + frame);
                }
            }
            // Slices ascend along the normal.
            Vector3d n = vg.planeNormal().normalize(new Vector3d());
            double prev = Double.NEGATIVE_INFINITY;
            for (int z = 0; z < vg.slices(); z++) {
                double[] p = vg.imagePositionPatient(z);
                double d = n.x * p[0] + n.y * p[1] + n.z * p[2];
                assertTrue(d > prev);
                prev = d;
            }
        }
    }

    @Test
    void withoutStackIdOrientationsSplitTheFrames(@TempDir Path tmp) throws IOException {
        List<F> fs = new ArrayList<>();
        for (F fr : axialAndSagittal(null, null)) {
            fs.add(fr);
        }
        Path f = write(tmp, "two.dcm", enhanced(fs, false));
        List<FrameStack> stacks = SeriesVolumes.stacks(DicomReader.standard().read(f).dataset());
        assertEquals(2, stacks.size());
        assertEquals("1", stacks.get(0).id());
        assertEquals("", stacks.get(0).stackId());
        assertEquals("2", stacks.get(1).id());
        assertEquals(3, stacks.get(1).size());
        SeriesVolume ax = SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("1"));
        assertEquals(4, ax.volume().geometry().slices());
        assertArrayEquals(new double[] {-1, -2, 14}, ax.volume().geometry().imagePositionPatient(0), 1e-12);
        assertEquals(100, ax.volume().value(0, 0, 0)); // frame 6, the lowest z: base 100
    }

    @Test
    void temporalPositionsSplitAStack(@TempDir Path tmp) throws IOException {
        List<F> fs = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            for (int k = 0; k < 5; k++) {
                fs.add(new F("1", k + 1, t, new double[] {0, 0, 3.0 * k}, AXIAL, 1000 * t + k));
            }
        }
        Path f = write(tmp, "4d.dcm", enhanced(fs, false));
        DicomFile file = DicomReader.standard().read(f);
        List<FrameStack> stacks = SeriesVolumes.stacks(file.dataset());
        assertEquals(List.of("1/t1", "1/t2", "1/t3"), stacks.stream().map(FrameStack::id).toList());
        assertEquals(2, stacks.get(1).temporalPosition());
        SeriesVolume t2 = SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("1/t2"));
        assertEquals(5, t2.volume().geometry().slices());
        assertEquals(3.0, t2.volume().geometry().spacingZ(), 1e-12);
        for (int k = 0; k < 5; k++) {
            assertEquals(2000 + k, t2.volume().value(0, 0, k));
        }
    }

    @Test
    void otherDimensionsSplitAStack(@TempDir Path tmp) throws IOException {
        // Two echoes at the same positions: Dimension Index (Stack ID, In-Stack Position, echo).
        List<F> fs = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            for (int echo = 1; echo <= 2; echo++) {
                fs.add(new F("1", k + 1, 0, new double[] {0, 0, 2.5 * k}, AXIAL, 100 * echo + k));
            }
        }
        DicomObject ds = enhanced(fs, true);
        String org = ds.items(Tags.DimensionOrganizationSequence).get(0).string(Tags.DimensionOrganizationUID)
                .orElseThrow();
        List<DicomObject> dims = new ArrayList<>(ds.items(Tags.DimensionIndexSequence));
        dims.add(DicomObject.builder().setInts(Tags.DimensionIndexPointer, Vr.AT, Tags.EffectiveEchoTime)
                .setInts(Tags.FunctionalGroupPointer, Vr.AT, Tags.MREchoSequence)
                .setString(Tags.DimensionOrganizationUID, Vr.UI, org).build());
        List<DicomObject> perFrame = new ArrayList<>();
        List<DicomObject> old = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < old.size(); f++) {
            DicomObject fc = old.get(f).items(Tags.FrameContentSequence).get(0).toBuilder()
                    .setInts(Tags.DimensionIndexValues, Vr.UL, 1, f / 2 + 1, f % 2 + 1).build();
            perFrame.add(old.get(f).toBuilder().setItems(Tags.FrameContentSequence, List.of(fc)).build());
        }
        Path f = write(tmp, "echoes.dcm", ds.toBuilder().setItems(Tags.DimensionIndexSequence, dims)
                .setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame).build());
        List<FrameStack> stacks = SeriesVolumes.stacks(DicomReader.standard().read(f).dataset());
        assertEquals(List.of("1/d1", "1/d2"), stacks.stream().map(FrameStack::id).toList());
        assertEquals(List.of(1, 3, 5, 7), stacks.get(1).frames());
        SeriesVolume e2 = SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("1/d2"));
        for (int k = 0; k < 4; k++) {
            assertEquals(200 + k, e2.volume().value(0, 0, k));
        }
    }

    @Test
    void aBrokenStackNamesTheFrameOfTheObject(@TempDir Path tmp) throws IOException {
        List<F> fs = axialAndSagittal("A", "B");
        F dup = fs.get(5); // stack B, third frame: move it onto the second
        fs.set(5, new F("B", 3, 0, fs.get(3).ipp(), SAGITTAL, dup.base()));
        Path f = write(tmp, "dup.dcm", enhanced(fs, true));
        SeriesVolume a = SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("A"));
        assertEquals(4, a.volume().geometry().slices());
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(f), SeriesVolumes.Options.defaults().withStack("B")));
        assertEquals(VolumeAssemblyException.Problem.DUPLICATE_POSITIONS, e.problem());
        assertTrue(e.frame() == 3 || e.frame() == 5, "frame " + e.frame());
    }

    @Test
    void brokenFrameContentGivesOnlyApertureExceptions() throws IOException {
        java.util.Random rnd = new java.util.Random(42);
        int built = 0;
        for (int iteration = 0; iteration < 150; iteration++) {
            DicomObject ds = enhanced(axialAndSagittal("1", "2"), true);
            List<DicomObject> perFrame = new ArrayList<>(ds.items(Tags.PerFrameFunctionalGroupsSequence));
            DicomObject.Builder top = ds.toBuilder();
            for (int m = 0; m < 1 + rnd.nextInt(3); m++) {
                int f = rnd.nextInt(perFrame.size());
                DicomObject.Builder item = perFrame.get(f).toBuilder();
                DicomObject.Builder fc = perFrame.get(f).items(Tags.FrameContentSequence).get(0).toBuilder();
                switch (rnd.nextInt(9)) {
                    case 0 -> fc.setBytes(Tags.StackID, Vr.UN, new byte[] {(byte) rnd.nextInt(256)});
                    case 1 -> fc.setBytes(Tags.DimensionIndexValues, Vr.UL, new byte[] {1, 2, 3});
                    case 2 -> fc.setInts(Tags.DimensionIndexValues, Vr.UL, 1, 2, 3, 4, 5);
                    case 3 -> fc.setInts(Tags.TemporalPositionIndex, Vr.UL, 0xFFFFFFFFL);
                    case 4 -> item.remove(Tags.PlanePositionSequence);
                    case 5 -> item.setItems(Tags.PlaneOrientationSequence, List.of(DicomObject.builder()
                            .setDoubles(Tags.ImageOrientationPatient, Vr.DS, 1, 0, 0, 1, 0, 0).build()));
                    case 6 -> top.setInts(Tags.NumberOfFrames, Vr.IS, rnd.nextInt(20));
                    case 7 -> top.adoptBytes(Tag.PIXEL_DATA, Vr.OW, new byte[2 * rnd.nextInt(300)]);
                    default -> item.remove(Tags.FrameContentSequence);
                }
                perFrame.set(f, item.setItems(Tags.FrameContentSequence, List.of(fc.build())).build());
            }
            DicomObject broken = top.setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame).build();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            DicomWriter.standard().write(bytes, broken, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            try {
                DicomFile file = DicomReader.standard().read(bytes.toByteArray());
                for (FrameStack st : SeriesVolumes.stacks(file.dataset())) {
                    SeriesVolumes.fromEnhanced(file, SeriesVolumes.Options.defaults().withStack(st.id()));
                    built++;
                }
            } catch (dev.aperture.imaging.ApertureException expected) {
                // what breaks a volume: the documented exceptions only
            }
        }
        assertTrue(built > 0, "some mutations leave a buildable stack");
    }

    private static double[] nums(String line) {
        String[] t = line.trim().split(" ");
        double[] d = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            d[i] = Double.parseDouble(t[i]);
        }
        return d;
    }

    /** pydicom: per frame, its Image Position (Patient) and then its stored values. */
    static List<String> pydicom(Path f) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " with pydicom is required");
        }
        String script = "import sys,pydicom\n"
                + "d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array\n"
                + "for i,it in enumerate(d.PerFrameFunctionalGroupsSequence):\n"
                + "  print(' '.join(repr(float(v)) for v in it.PlanePositionSequence[0].ImagePositionPatient))\n"
                + "  print(' '.join(str(int(v)) for v in a[i].reshape(-1)))\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return List.of(out.strip().split("\n"));
    }
}
