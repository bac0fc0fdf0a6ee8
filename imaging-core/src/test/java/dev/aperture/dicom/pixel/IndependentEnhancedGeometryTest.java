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
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Mpr;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.SliceInfo;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeAssemblyException;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced multi-frame CT objects made by independent toolkits from single-frame CT images that
 * Aperture writes: an oblique series (direction cosines neither axial, coronal nor sagittal,
 * 0.7 x 0.55 mm pixels, 2.25 mm between planes, 2 mm thick, files shuffled and Instance Numbers in
 * neither position order).
 *
 * <p>PixelMed's {@code com.pixelmed.dicom.MultiFrameImageFactory} (Debian package
 * {@code libpixelmed-java}) turns it into one Legacy Converted Enhanced CT Image (valid for
 * dicom3tools' {@code dciodvfy}) with Per-frame Plane Position (Patient) and Frame Content, and
 * Plane Orientation (Patient) and Pixel Measures in the Shared Functional Groups (PS3.3 C.7.6.16).
 * Aperture reads that object, and its every frame's position, orientation, pixel spacing,
 * thickness and stored values agree with pydicom's reading of the same file; the volume Aperture
 * builds from it equals, voxel for voxel and within 1e-6 mm, the volume Aperture builds from the
 * single-frame sources, and matches the geometry the sources were written with; an axial MPR
 * through it holds the phantom's values at each pixel's patient position. The same holds for the
 * real CT series CT5N of pydicom's test data and for a gantry-tilted series; a real series with a
 * gap is refused by both paths for the same reason.
 *
 * <p>GDCM's {@code gdcmtar --enhance} makes an Enhanced CT Image that Aperture also reads as
 * pydicom does; see {@link #gdcmtarEnhancedCtAgreesWithPydicom} for where its positions depart
 * from its sources. The series written as signed MR goes through both tools as Legacy Converted
 * Enhanced MR and Enhanced MR Images.
 */
class IndependentEnhancedGeometryTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path PIXELMED = Path.of("/usr/share/java/pixelmed.jar");

    static final int ROWS = 20;
    static final int COLS = 26;
    static final int SLICES = 9;
    static final double ROW_SPACING = 0.7; // between rows, along the column direction
    static final double COL_SPACING = 0.55; // between columns, along the row direction
    static final double STEP = 2.25; // between planes, along the normal
    static final double THICKNESS = 2.0;
    /** Row and column direction cosines, exact in decimal; their cross product is (-0.64, 0.48, 0.6). */
    static final double[] IOP = {0.6, 0.8, 0, -0.48, 0.36, -0.8};
    static final double[] NORMAL = {-0.64, 0.48, 0.6};
    static final double[] IPP0 = {-12.5, 30.25, 101.75};

    static double ramp(double x, double y, double z) {
        return 3 * x - 5 * y + 7 * z;
    }

    static double[] ipp(int k) {
        return new double[] {IPP0[0] + k * STEP * NORMAL[0], IPP0[1] + k * STEP * NORMAL[1],
                IPP0[2] + k * STEP * NORMAL[2]};
    }

    /** Stored value of voxel (i, j) of plane k: the ramp at its centre plus 1024 plus k (intercept -1024). */
    static int stored(int i, int j, int k) {
        double[] p = ipp(k);
        double x = p[0] + i * COL_SPACING * IOP[0] + j * ROW_SPACING * IOP[3];
        double y = p[1] + i * COL_SPACING * IOP[1] + j * ROW_SPACING * IOP[4];
        double z = p[2] + i * COL_SPACING * IOP[2] + j * ROW_SPACING * IOP[5];
        return (int) Math.round(ramp(x, y, z)) + 1024 + k;
    }

    /** Stored value of the signed MR variant, no rescale: 8 (ramp - 452) + k, from about -600 to 600. */
    static int storedMr(int i, int j, int k) {
        return 8 * (stored(i, j, k) - 1024 - k - 452) + k;
    }

    /** Writes the oblique CT series into dir: files shuffled, Instance Numbers a scrambled permutation. */
    static List<Path> writeSeries(Path dir) throws IOException {
        return writeSeries(dir, false);
    }

    /** Writes the oblique series as CT (unsigned, intercept -1024) or as MR (signed, no rescale). */
    static List<Path> writeSeries(Path dir, boolean mr) throws IOException {
        Files.createDirectories(dir);
        String study = DerivedSeries.newUid();
        String series = DerivedSeries.newUid();
        String frameOfReference = DerivedSeries.newUid();
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < SLICES; k++) {
            byte[] px = new byte[2 * ROWS * COLS];
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLS; i++) {
                    int v = mr ? storedMr(i, j, k) : stored(i, j, k);
                    int idx = 2 * (j * COLS + i);
                    px[idx] = (byte) v;
                    px[idx + 1] = (byte) (v >> 8);
                }
            }
            DicomObject.Builder b = DicomObject.builder()
                    .setString(Tags.SOPClassUID, Vr.UI, mr ? "1.2.840.10008.5.1.4.1.1.4" : "1.2.840.10008.5.1.4.1.1.2")
                    .setString(Tags.SOPInstanceUID, Vr.UI, DerivedSeries.newUid())
                    .setString(Tags.StudyInstanceUID, Vr.UI, study)
                    .setString(Tags.SeriesInstanceUID, Vr.UI, series)
                    .setString(Tags.FrameOfReferenceUID, Vr.UI, frameOfReference)
                    .setString(Tags.Modality, Vr.CS, mr ? "MR" : "CT")
                    .setString(Tags.PatientName, Vr.PN, "Phantom^Oblique")
                    .setString(Tags.PatientID, Vr.LO, "APERTURE-1")
                    .setString(Tags.StudyDate, Vr.DA, "20260101")
                    .setString(Tags.StudyTime, Vr.TM, "101500")
                    .setString(Tags.ContentDate, Vr.DA, "20260101")
                    .setString(Tags.ContentTime, Vr.TM, "101512")
                    .setString(Tags.StudyID, Vr.SH, "1")
                    .setString(Tags.AccessionNumber, Vr.SH)
                    .setString(Tags.ReferringPhysicianName, Vr.PN)
                    .setString(Tags.PatientBirthDate, Vr.DA)
                    .setString(Tags.PatientSex, Vr.CS, "O")
                    .setString(Tags.Manufacturer, Vr.LO, "Aperture test")
                    .setString(Tags.PositionReferenceIndicator, Vr.LO)
                    .setString(Tags.BodyPartExamined, Vr.CS, "ABDOMEN")
                    .setString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", mr ? "OTHER" : "AXIAL")
                    .setInts(Tags.SeriesNumber, Vr.IS, 3)
                    .setInts(Tags.InstanceNumber, Vr.IS, (k * 4) % SLICES + 1)
                    .setDoubles(Tags.SliceThickness, Vr.DS, THICKNESS)
                    .setDoubles(Tags.ImagePositionPatient, Vr.DS, ipp(k))
                    .setDoubles(Tags.ImageOrientationPatient, Vr.DS, IOP)
                    .setDoubles(Tags.PixelSpacing, Vr.DS, ROW_SPACING, COL_SPACING)
                    .setInts(Tags.SamplesPerPixel, Vr.US, 1)
                    .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                    .setInts(Tags.Rows, Vr.US, ROWS).setInts(Tags.Columns, Vr.US, COLS)
                    .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, 16)
                    .setInts(Tags.HighBit, Vr.US, 15).setInts(Tags.PixelRepresentation, Vr.US, mr ? 1 : 0)
                    .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px);
            if (!mr) {
                b.setDoubles(Tags.RescaleIntercept, Vr.DS, -1024).setDoubles(Tags.RescaleSlope, Vr.DS, 1);
            }
            DicomObject ds = b.build();
            Path file = dir.resolve("s" + k + ".dcm");
            DicomWriter.standard().write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.add(file);
        }
        Collections.shuffle(out, new Random(11));
        return out;
    }

    /**
     * Runs PixelMed's converter on the folder and returns the one object it writes. CI installs
     * libpixelmed-java and fails without it; elsewhere the test is skipped when it is absent.
     */
    static Path pixelmed(Path sources, Path outDir) throws IOException, InterruptedException {
        boolean present = Files.isReadable(PIXELMED);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("PixelMed missing in CI (apt-get install libpixelmed-java)");
        }
        Assumptions.assumeTrue(present, "PixelMed (libpixelmed-java) not installed");
        Files.createDirectories(outDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = outDir.resolveSibling("pixelmed.log");
        // C1 only and the serial collector: the converter runs for half a second, not a minute.
        Process p = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                PIXELMED.toString(), "com.pixelmed.dicom.MultiFrameImageFactory", sources.toString(), outDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        List<Path> made;
        try (Stream<Path> s = Files.walk(outDir)) {
            made = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, made.size(), out);
        return made.get(0);
    }

    /**
     * Runs GDCM's {@code gdcmtar --enhance} on the folder and returns the one object it writes.
     * CI installs libgdcm-tools (GDCM is an oracle elsewhere too) and fails without it; elsewhere
     * the test is skipped when it is absent.
     */
    static Path gdcmtar(Path sources, Path outDir) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin/gdcmtar");
        boolean present = Files.isExecutable(exe);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("gdcmtar missing in CI (apt-get install libgdcm-tools)");
        }
        Assumptions.assumeTrue(present, "GDCM gdcmtar (libgdcm-tools) not installed");
        Process p = new ProcessBuilder(exe.toString(), "--enhance", "-i", sources.toString(), "-o", outDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<Path> made;
        try (Stream<Path> s = Files.walk(outDir)) {
            // gdcmtar copies the sources beside the new object, as old0000.dcm ...
            made = s.filter(f -> f.getFileName().toString().equals("new.dcm")).toList();
        }
        assertEquals(1, made.size(), out);
        return made.get(0);
    }

    /**
     * pydicom's reading: "sopclass frames rows columns spacingBetweenSlices" (0 when absent), then
     * per frame a line of IPP (3), IOP (6), Pixel Spacing (2) and Slice Thickness (0 when absent),
     * each macro from the per-frame item or else the shared one, and a line of its stored values.
     */
    static List<String> pydicom(Path f) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " with pydicom is required");
        }
        String script = "import sys,pydicom\n"
                + "d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array\n"
                + "n=int(d.NumberOfFrames); a=a.reshape((n,d.Rows,d.Columns))\n"
                + "sh=d.SharedFunctionalGroupsSequence[0]\n"
                + "def m(it, kw):\n"
                + "  return (it if kw in it else sh).get(kw)[0]\n"
                + "spm=sh.PixelMeasuresSequence[0] if 'PixelMeasuresSequence' in sh else {}\n"
                + "print(d.SOPClassUID, n, d.Rows, d.Columns, float(spm.get('SpacingBetweenSlices', 0) or 0))\n"
                + "for i,it in enumerate(d.PerFrameFunctionalGroupsSequence):\n"
                + "  pm=m(it,'PixelMeasuresSequence')\n"
                + "  v=list(m(it,'PlanePositionSequence').ImagePositionPatient)"
                + "+list(m(it,'PlaneOrientationSequence').ImageOrientationPatient)"
                + "+list(pm.PixelSpacing)+[pm.get('SliceThickness', 0) or 0]\n"
                + "  print(' '.join(repr(float(x)) for x in v))\n"
                + "  print(' '.join(str(int(x)) for x in a[i].reshape(-1)))\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return List.of(out.strip().split("\n"));
    }

    private static double[] nums(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Every frame's geometry as Aperture reads it against pydicom's reading; returns the dataset. */
    private static DicomObject framesAgreeWithPydicom(Path enhanced, List<String> py, int frames) throws IOException {
        DicomObject ds = DicomReader.standard().read(enhanced).dataset();
        String[] head = py.get(0).split(" ");
        assertEquals(ds.string(Tags.SOPClassUID).orElseThrow(), head[0]);
        assertEquals(frames, Integer.parseInt(head[1]));
        assertEquals(1 + 2 * frames, py.size());
        int rows = Integer.parseInt(head[2]);
        int columns = Integer.parseInt(head[3]);
        List<SliceInfo> infos = SeriesVolumes.frameInfos(ds);
        assertEquals(frames, infos.size());
        for (int f = 0; f < frames; f++) {
            double[] o = nums(py.get(1 + 2 * f));
            SliceInfo s = infos.get(f);
            String what = "frame " + f;
            assertArrayEquals(Arrays.copyOfRange(o, 0, 3), s.imagePositionPatient(), 1e-9, what);
            assertArrayEquals(Arrays.copyOfRange(o, 3, 9), s.imageOrientationPatient(), 1e-12, what);
            assertArrayEquals(Arrays.copyOfRange(o, 9, 11), s.pixelSpacing(), 1e-12, what);
            assertEquals(o[11], s.sliceThickness(), 1e-12, what);
            assertEquals(rows, s.rows());
            assertEquals(columns, s.columns());
        }
        assertEquals(1, SeriesVolumes.stacks(ds).size());
        return ds;
    }

    /**
     * Aperture's reading of the enhanced object against pydicom's: every frame's geometry, one
     * stack, and each plane of the volume holding the values of pydicom's frame at its position.
     */
    private static SeriesVolume agreesWithPydicom(Path enhanced, List<String> py, int frames,
                                                  SeriesVolumes.Options options) throws IOException {
        framesAgreeWithPydicom(enhanced, py, frames);
        SeriesVolume fromEnhanced = SeriesVolumes.read(List.of(enhanced), options);
        assertTrue(fromEnhanced.enhanced());
        Volume ve = fromEnhanced.volume();
        VolumeGeometry ge = ve.geometry();
        assertEquals(frames, ge.slices());
        int rows = ge.rows();
        int columns = ge.columns();
        boolean[] seen = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            int z = planeAt(ge, Arrays.copyOfRange(nums(py.get(1 + 2 * f)), 0, 3));
            assertTrue(!seen[z], "two frames at plane " + z);
            seen[z] = true;
            double[] values = nums(py.get(2 + 2 * f));
            assertEquals(rows * columns, values.length);
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < columns; i++) {
                    assertEquals(values[j * columns + i], ve.value(i, j, z), "frame " + f + " voxel " + i + "," + j);
                }
            }
        }
        return fromEnhanced;
    }

    /** The two volumes have the same grid (within 1e-6 mm), voxels and rescale. */
    private static void sameVolume(SeriesVolume expected, SeriesVolume actual) {
        VolumeGeometry ge = expected.volume().geometry();
        VolumeGeometry ga = actual.volume().geometry();
        assertEquals(ge.columns(), ga.columns());
        assertEquals(ge.rows(), ga.rows());
        assertEquals(ge.slices(), ga.slices());
        assertMatrixEquals(ge.indexToPatient(), ga.indexToPatient(), 1e-6);
        assertArrayEquals(expected.volume().shortArray(), actual.volume().shortArray());
        assertEquals(expected.rescaleSlope(), actual.rescaleSlope());
        assertEquals(expected.rescaleIntercept(), actual.rescaleIntercept());
    }

    @Test
    void pixelmedEnhancedCtAgreesWithPydicomAndWithItsSources(@TempDir Path tmp) throws Exception {
        List<Path> sources = writeSeries(tmp.resolve("src"));
        Path enhanced = pixelmed(tmp.resolve("src"), tmp.resolve("out"));
        // PixelMed writes a valid Legacy Converted Enhanced CT (dciodvfy: no error) ...
        assertEquals("1.2.840.10008.5.1.4.1.1.2.2", sopClass(enhanced));
        EnhancedDerivedTest.dciodvfy(enhanced);
        // ... that Aperture reads as pydicom does ...
        SeriesVolume fromEnhanced = agreesWithPydicom(enhanced, pydicom(enhanced), SLICES,
                SeriesVolumes.Options.defaults());
        Volume ve = fromEnhanced.volume();
        VolumeGeometry ge = ve.geometry();

        // ... into the same volume as from the single-frame sources, with the geometry they were written with.
        SeriesVolume fromSlices = SeriesVolumes.read(sources);
        sameVolume(fromSlices, fromEnhanced);
        assertEquals(STEP, ge.spacingZ(), 1e-9);
        assertArrayEquals(new double[] {ROW_SPACING, COL_SPACING}, ge.pixelSpacing(), 1e-12);
        assertArrayEquals(IOP, ge.imageOrientationPatient(), 1e-12);
        for (int k = 0; k < SLICES; k++) {
            assertArrayEquals(ipp(k), ge.imagePositionPatient(k), 1e-9, "plane " + k);
            for (int j = 0; j < ROWS; j += 7) {
                for (int i = 0; i < COLS; i += 5) {
                    assertEquals(stored(i, j, k), ve.value(i, j, k), "voxel " + i + "," + j + "," + k);
                }
            }
        }

        // MPR smoke test: an axial plane through the centre, trilinear, holds the ramp at each
        // pixel's patient position (stored = ramp + 1024 + plane index, rounded), and equals the
        // plane cut from the single-frame sources' volume.
        VolumeGeometry plane = Mpr.plane(ge, Mpr.Orientation.AXIAL);
        Resampler linear = Resampler.of(Kernel.LINEAR);
        Volume cut = linear.resampleToFloats(ve, plane);
        assertArrayEquals(linear.resampleToFloats(fromSlices.volume(), plane).floatArray(), cut.floatArray());
        Vector3d p = new Vector3d();
        Vector3d idx = new Vector3d();
        int inside = 0;
        for (int j = 0; j < plane.rows(); j++) {
            for (int i = 0; i < plane.columns(); i++) {
                plane.indexToPatient(i, j, 0, p);
                ge.patientToIndex(p, idx);
                if (idx.x < 0 || idx.y < 0 || idx.z < 0 || idx.x > COLS - 1 || idx.y > ROWS - 1 || idx.z > SLICES - 1) {
                    continue;
                }
                inside++;
                double expected = ramp(p.x, p.y, p.z) + 1024 + idx.z;
                assertEquals(expected, cut.value(i, j, 0), 0.5 + 1e-6, "MPR pixel " + i + "," + j);
            }
        }
        assertTrue(inside > 100, "the plane crosses the volume: " + inside);
    }

    /**
     * GDCM's {@code gdcmtar --enhance} (3.0.21) makes an Enhanced CT Image with per-frame Plane
     * Position and shared Plane Orientation and Pixel Measures, but no Frame Content and no Slice
     * Thickness. Aperture reads it as pydicom does. Its frames hold the sources' pixels in position
     * order, with the sources' orientation, pixel spacing and first position, but gdcmtar writes
     * the later positions 1 mm apart along the normal (and Spacing Between Slices 1), not the
     * sources' 2.25 mm: its ConcatenateImages stacks the frames without setting the image's z
     * spacing, which keeps the 2D default of 1. The standard makes Plane Position (Patient) of
     * each frame the position of that frame (PS3.3 C.7.6.16.2.3), so Aperture follows the file,
     * and the volume's spacing is the file's; the sources' spacing is checked only if a later
     * gdcmtar writes true positions.
     */
    @Test
    void gdcmtarEnhancedCtAgreesWithPydicom(@TempDir Path tmp) throws Exception {
        List<Path> sources = writeSeries(tmp.resolve("src"));
        Path enhanced = gdcmtar(tmp.resolve("src"), tmp.resolve("out"));
        List<String> py = pydicom(enhanced);
        SeriesVolume fromEnhanced = agreesWithPydicom(enhanced, py, SLICES, SeriesVolumes.Options.defaults());
        assertEquals("1.2.840.10008.5.1.4.1.1.2.1", py.get(0).split(" ")[0]);
        double spacingBetweenSlices = nums(py.get(0).split(" ", 5)[4])[0];
        VolumeGeometry ge = fromEnhanced.volume().geometry();
        SeriesVolume fromSlices = SeriesVolumes.read(sources);
        VolumeGeometry gs = fromSlices.volume().geometry();

        assertArrayEquals(fromSlices.volume().shortArray(), fromEnhanced.volume().shortArray());
        assertEquals(fromSlices.rescaleSlope(), fromEnhanced.rescaleSlope());
        assertEquals(fromSlices.rescaleIntercept(), fromEnhanced.rescaleIntercept());
        assertArrayEquals(gs.imageOrientationPatient(), ge.imageOrientationPatient(), 1e-12);
        assertArrayEquals(gs.pixelSpacing(), ge.pixelSpacing(), 1e-12);
        assertArrayEquals(gs.imagePositionPatient(0), ge.imagePositionPatient(0), 1e-9);
        assertEquals(spacingBetweenSlices, ge.spacingZ(), 1e-9);
        if (Math.abs(spacingBetweenSlices - STEP) > 1e-6) {
            // gdcmtar 3.0.21: planes 1 mm apart, whatever the sources' spacing.
            assertEquals(1.0, spacingBetweenSlices, 1e-12);
            for (int k = 0; k < SLICES; k++) {
                double[] expected = {IPP0[0] + k * NORMAL[0], IPP0[1] + k * NORMAL[1], IPP0[2] + k * NORMAL[2]};
                assertArrayEquals(expected, ge.imagePositionPatient(k), 1e-9, "plane " + k);
            }
        } else {
            assertMatrixEquals(gs.indexToPatient(), ge.indexToPatient(), 1e-6);
        }
    }

    /**
     * Real CT series of pydicom's test data through PixelMed: CT5N (five GE slices 2.5 mm apart)
     * gives the volume its slices give; 77654033/CT2 (four slices with a 202.5 mm gap) is refused
     * by both paths for the same reason. Both agree with pydicom frame by frame.
     */
    @Test
    void realCtSeriesThroughPixelmed(@TempDir Path tmp) throws Exception {
        Path ct5n = SeriesVolumesTest.ct5n();
        Path enhanced = pixelmed(ct5n, tmp.resolve("ct5n"));
        SeriesVolume fromEnhanced = agreesWithPydicom(enhanced, pydicom(enhanced), 5, SeriesVolumes.Options.defaults());
        sameVolume(SeriesVolumes.read(List.of(ct5n)), fromEnhanced);
        assertEquals(2.5, fromEnhanced.volume().geometry().spacingZ(), 1e-6);

        Path ct2 = SeriesVolumesTest.testdata().resolve("dicomdirtests/77654033/CT2");
        Path gapped = pixelmed(ct2, tmp.resolve("ct2"));
        framesAgreeWithPydicom(gapped, pydicom(gapped), 4);
        VolumeAssemblyException fromSlices = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(ct2)));
        VolumeAssemblyException fromFrames = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(gapped)));
        assertEquals(fromSlices.problem(), fromFrames.problem());
        assertArrayEquals(fromSlices.spacings(), fromFrames.spacings(), 1e-6);
    }

    /**
     * A gantry-tilted series (GantryTiltSeriesTest's, 15 degrees) through PixelMed: both paths
     * refuse it by default as tilted, and with tilt accepted give the same volume, the frames
     * agreeing with pydicom.
     */
    @Test
    void tiltedSeriesThroughPixelmed(@TempDir Path tmp) throws Exception {
        List<Path> sources = GantryTiltSeriesTest.write(tmp.resolve("src"), GantryTiltSeriesTest.TILT,
                GantryTiltSeriesTest::ramp, -1);
        Path enhanced = pixelmed(tmp.resolve("src"), tmp.resolve("out"));
        VolumeAssemblyException refused = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(enhanced)));
        assertEquals(VolumeAssemblyException.Problem.GANTRY_TILT, refused.problem());
        SeriesVolumes.Options tilt = SeriesVolumes.Options.defaults().withAcceptTilt(true);
        SeriesVolume fromEnhanced = agreesWithPydicom(enhanced, pydicom(enhanced), GantryTiltSeriesTest.SLICES, tilt);
        SeriesVolume fromSlices = SeriesVolumes.read(sources, tilt);
        assertTrue(fromEnhanced.tilted());
        assertTrue(fromSlices.tilted());
        sameVolume(fromSlices, fromEnhanced);
        assertEquals(GantryTiltSeriesTest.TILT, fromEnhanced.volume().geometry().tiltDegrees(), 1e-6);
    }

    /**
     * The oblique series as signed MR without rescale (stored values partly negative): PixelMed
     * makes a Legacy Converted Enhanced MR Image and gdcmtar an Enhanced MR Image; Aperture reads
     * both as pydicom does, PixelMed's into the sources' volume, gdcmtar's into the sources' voxels
     * (its positions are 1 mm apart, see {@link #gdcmtarEnhancedCtAgreesWithPydicom}).
     */
    @Test
    void signedMrThroughPixelmedAndGdcmtar(@TempDir Path tmp) throws Exception {
        List<Path> sources = writeSeries(tmp.resolve("src"), true);
        SeriesVolume fromSlices = SeriesVolumes.read(sources);
        assertEquals(storedMr(0, 0, 0), fromSlices.volume().value(0, 0, 0));
        assertTrue(storedMr(0, 0, 0) > 256 && storedMr(COLS - 1, ROWS - 1, SLICES - 1) < -256, "values of both signs");

        Path byPixelmed = pixelmed(tmp.resolve("src"), tmp.resolve("pixelmed"));
        assertEquals("1.2.840.10008.5.1.4.1.1.4.4", sopClass(byPixelmed));
        SeriesVolume a = agreesWithPydicom(byPixelmed, pydicom(byPixelmed), SLICES, SeriesVolumes.Options.defaults());
        sameVolume(fromSlices, a);
        assertEquals(Volume.ValueType.SIGNED_SHORT, a.volume().type());

        Path byGdcm = gdcmtar(tmp.resolve("src"), tmp.resolve("gdcm"));
        assertEquals("1.2.840.10008.5.1.4.1.1.4.1", sopClass(byGdcm));
        SeriesVolume b = agreesWithPydicom(byGdcm, pydicom(byGdcm), SLICES, SeriesVolumes.Options.defaults());
        assertArrayEquals(fromSlices.volume().shortArray(), b.volume().shortArray());
        assertEquals(0.0, b.rescaleIntercept());
        assertEquals(1.0, b.rescaleSlope());
    }

    private static String sopClass(Path f) throws IOException {
        return DicomReader.standard().read(f).dataset().string(Tags.SOPClassUID).orElseThrow();
    }

    /** The plane of the volume whose first voxel centre is at the position (within 1e-6 mm). */
    private static int planeAt(VolumeGeometry g, double[] position) {
        Vector3d idx = g.patientToIndex(new Vector3d(position[0], position[1], position[2]), new Vector3d());
        int z = (int) Math.round(idx.z);
        assertTrue(z >= 0 && z < g.slices(), "frame outside the volume");
        assertArrayEquals(position, g.imagePositionPatient(z), 1e-6);
        return z;
    }

    private static void assertMatrixEquals(org.joml.Matrix4dc expected, org.joml.Matrix4dc actual, double tol) {
        double[] e = expected.get(new double[16]);
        double[] a = actual.get(new double[16]);
        assertArrayEquals(e, a, tol, () -> "expected " + new Matrix4d(expected) + " but was " + new Matrix4d(actual));
    }
}
