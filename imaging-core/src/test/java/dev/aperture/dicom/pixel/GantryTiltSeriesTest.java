// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.GantryTilt;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeAssemblyException;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tilted CT series written as DICOM from an analytic volume (positions advance along patient z
 * while the image planes are tilted about x by the gantry angle): rejected by default, built
 * exactly on a sheared grid when tilt is accepted (checked against the positions pydicom and numpy
 * compute from the files), and corrected onto an orthogonal grid with values that match the
 * analytic function within interpolation tolerance.
 */
class GantryTiltSeriesTest {
    private static final String PYTHON = "/usr/bin/python3";
    static final double TILT = 15;
    static final int COLS = 24;
    static final int ROWS = 20;
    static final int SLICES = 12;
    static final double PS = 1.5; // pixel spacing, both directions
    static final double DZ = 2.0; // table step along patient z
    static final double[] IPP0 = {-17.25, -14.0, 30.0};

    static double[] iop(double tiltDeg) {
        double t = Math.toRadians(tiltDeg);
        return new double[] {1, 0, 0, 0, Math.cos(t), -Math.sin(t)};
    }

    /** Writes the series (files in shuffled order) with stored value round(f(p)) + 1024, intercept -1024. */
    static List<Path> write(Path dir, double tiltDeg, ToDoubleFunction<Vector3d> f, int displaced)
            throws IOException {
        Files.createDirectories(dir);
        double[] o = iop(tiltDeg);
        String series = DerivedSeries.newUid();
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < SLICES; k++) {
            double[] ipp = {IPP0[0], IPP0[1], IPP0[2] + k * DZ};
            if (k == displaced) {
                ipp[0] += 3; // sideways along the rows: not the tilt's direction
            }
            byte[] px = new byte[2 * ROWS * COLS];
            Vector3d p = new Vector3d();
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLS; i++) {
                    p.set(ipp[0] + i * PS * o[0] + j * PS * o[3], ipp[1] + i * PS * o[1] + j * PS * o[4],
                            ipp[2] + i * PS * o[2] + j * PS * o[5]);
                    int v = (int) Math.round(f.applyAsDouble(p)) + 1024;
                    int idx = 2 * (j * COLS + i);
                    px[idx] = (byte) v;
                    px[idx + 1] = (byte) (v >> 8);
                }
            }
            DicomObject ds = DicomObject.builder()
                    .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")
                    .setString(Tags.SOPInstanceUID, Vr.UI, DerivedSeries.newUid())
                    .setString(Tags.StudyInstanceUID, Vr.UI, "1.2.826.0.1.3680043.2.1125.1")
                    .setString(Tags.SeriesInstanceUID, Vr.UI, series)
                    .setString(Tags.Modality, Vr.CS, "CT")
                    .setString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                    .setInts(Tags.InstanceNumber, Vr.IS, k + 1)
                    .setDoubles(Tags.GantryDetectorTilt, Vr.DS, tiltDeg)
                    .setDoubles(Tags.SliceThickness, Vr.DS, DZ * Math.cos(Math.toRadians(tiltDeg)))
                    .setDoubles(Tags.ImagePositionPatient, Vr.DS, ipp)
                    .setDoubles(Tags.ImageOrientationPatient, Vr.DS, o)
                    .setDoubles(Tags.PixelSpacing, Vr.DS, PS, PS)
                    .setInts(Tags.SamplesPerPixel, Vr.US, 1)
                    .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                    .setInts(Tags.Rows, Vr.US, ROWS).setInts(Tags.Columns, Vr.US, COLS)
                    .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, 16)
                    .setInts(Tags.HighBit, Vr.US, 15).setInts(Tags.PixelRepresentation, Vr.US, 0)
                    .setDoubles(Tags.RescaleIntercept, Vr.DS, -1024).setDoubles(Tags.RescaleSlope, Vr.DS, 1)
                    .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px).build();
            Path file = dir.resolve("s" + k + ".dcm");
            DicomWriter.standard().write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.add(file);
        }
        Collections.shuffle(out, new Random(7));
        return out;
    }

    static double ramp(Vector3d p) {
        return 100 + 3 * p.x + 5 * p.y + 7 * p.z;
    }

    static final Vector3d CENTRE = new Vector3d(1.0, 0.5, 35.0);
    static final double RADIUS = 7;

    static double sphere(Vector3d p) {
        return p.distance(CENTRE) <= RADIUS ? 1000 : 0;
    }

    private static SeriesVolume tilted(List<Path> files) throws IOException {
        return SeriesVolumes.read(files, SeriesVolumes.Options.defaults().withAcceptTilt(true));
    }

    @Test
    void tiltIsRejectedByDefaultAndNamesTheProblem(@TempDir Path tmp) throws IOException {
        List<Path> files = write(tmp, TILT, GantryTiltSeriesTest::ramp, -1);
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SeriesVolumes.read(files));
        assertEquals(VolumeAssemblyException.Problem.GANTRY_TILT, e.problem());
    }

    @Test
    void acceptedTiltGivesTheExactShearedGeometryThatPydicomComputes(@TempDir Path tmp) throws Exception {
        List<Path> files = write(tmp.resolve("s"), TILT, GantryTiltSeriesTest::ramp, -1);
        SeriesVolume sv = tilted(files);
        VolumeGeometry g = sv.volume().geometry();
        assertTrue(sv.tilted());
        assertEquals(TILT, g.tiltDegrees(), 1e-6);
        assertEquals(DZ, g.spacingZ(), 1e-9);
        assertEquals(DZ * Math.cos(Math.toRadians(TILT)), g.planeSpacing(), 1e-9);
        assertEquals(SLICES, g.slices());
        // pydicom + numpy: each file's pixel centres from its own IPP/IOP/Pixel Spacing, sorted by
        // position along the normal; three probe pixels per slice.
        String script = "import sys,pydicom,numpy as np\n"
                + "fs=[pydicom.dcmread(a) for a in sys.argv[1:]]\n"
                + "def geo(f):\n"
                + "  o=np.array(f.ImageOrientationPatient,float); r,c=o[:3],o[3:]\n"
                + "  return np.array(f.ImagePositionPatient,float),r,c,np.cross(r,c)\n"
                + "fs.sort(key=lambda f: float(np.dot(geo(f)[0],geo(f)[3])))\n"
                + "for f in fs:\n"
                + "  p,r,c,n=geo(f); dr,dc=float(f.PixelSpacing[0]),float(f.PixelSpacing[1])\n"
                + "  for i,j in ((0,0),(23,0),(5,19)):\n"
                + "    q=p+i*dc*r+j*dr*c\n"
                + "    print(i,j,'%.9f %.9f %.9f'%tuple(q), int(f.pixel_array[j,i]))\n";
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", script));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.strip().split("\n");
        assertEquals(SLICES * 3, lines.length, out);
        Vector3d q = new Vector3d();
        for (int k = 0; k < SLICES; k++) {
            for (int m = 0; m < 3; m++) {
                String[] t = lines[3 * k + m].trim().split(" ");
                int i = Integer.parseInt(t[0]);
                int j = Integer.parseInt(t[1]);
                g.indexToPatient(i, j, k, q);
                assertArrayEquals(new double[] {Double.parseDouble(t[2]), Double.parseDouble(t[3]),
                    Double.parseDouble(t[4])}, new double[] {q.x, q.y, q.z}, 1e-6, "slice " + k);
                assertEquals(Integer.parseInt(t[5]), sv.volume().value(i, j, k), "slice " + k);
                // Round trip through the inverse affine.
                Vector3d back = g.patientToIndex(q, new Vector3d());
                assertEquals(i, back.x, 1e-9);
                assertEquals(j, back.y, 1e-9);
                assertEquals(k, back.z, 1e-9);
            }
        }
    }

    private static String python() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " with pydicom and numpy is required");
        }
        return PYTHON;
    }

    @Test
    void correctedRampMatchesTheAnalyticValues(@TempDir Path tmp) throws IOException {
        SeriesVolume sv = tilted(write(tmp, TILT, GantryTiltSeriesTest::ramp, -1));
        VolumeGeometry src = sv.volume().geometry();
        for (boolean coverAll : new boolean[] {true, false}) {
            Volume c = GantryTilt.correct(sv.volume(), coverAll);
            VolumeGeometry g = c.geometry();
            assertFalse(g.isTilted());
            assertEquals(0, g.tiltDegrees(), 1e-9);
            assertEquals(src.planeSpacing(), g.spacingZ(), 1e-9);
            if (coverAll) {
                assertTrue(g.rows() > ROWS, "the covering grid grows along the shear");
            } else {
                assertEquals(ROWS, g.rows());
            }
            Vector3d p = new Vector3d();
            Vector3d s = new Vector3d();
            int checked = 0;
            for (int z = 0; z < g.slices(); z++) {
                for (int y = 0; y < g.rows(); y++) {
                    for (int x = 0; x < g.columns(); x++) {
                        g.indexToPatient(x, y, z, p);
                        src.patientToIndex(p, s);
                        double e = 1e-6;
                        if (s.x < -e || s.y < -e || s.z < -e || s.x > COLS - 1 + e || s.y > ROWS - 1 + e
                                || s.z > SLICES - 1 + e) {
                            continue;
                        }
                        // Linear function: trilinear reproduces it up to the stored rounding (0.5
                        // in the input, 0.5 in the output).
                        double expected = ramp(p) + 1024;
                        assertEquals(expected, c.value(x, y, z), 1.0 + 1e-6, "voxel " + x + "," + y + "," + z);
                        checked++;
                    }
                }
            }
            assertTrue(checked > ROWS * COLS * (SLICES - 2) / 2, "checked " + checked);
        }
    }

    @Test
    void correctedSphereIsWhereItBelongs(@TempDir Path tmp) throws IOException {
        SeriesVolume sv = tilted(write(tmp, 25, GantryTiltSeriesTest::sphere, -1));
        Volume c = GantryTilt.correct(sv.volume(), true);
        VolumeGeometry g = c.geometry();
        // Centroid (weights: value above the background) in patient coordinates.
        Vector3d sum = new Vector3d();
        Vector3d p = new Vector3d();
        double w = 0;
        double inside = 0;
        double outside = 0;
        for (int z = 0; z < g.slices(); z++) {
            for (int y = 0; y < g.rows(); y++) {
                for (int x = 0; x < g.columns(); x++) {
                    double v = c.value(x, y, z) - 1024;
                    g.indexToPatient(x, y, z, p);
                    sum.fma(v, p);
                    w += v;
                    double d = p.distance(CENTRE);
                    if (d < RADIUS - 2.5) {
                        inside = Math.max(inside, Math.abs(v - 1000));
                    } else if (d > RADIUS + 2.5) {
                        outside = Math.max(outside, Math.abs(v));
                    }
                }
            }
        }
        sum.div(w);
        assertEquals(0, sum.distance(CENTRE), 0.3, "centroid " + sum);
        // Away from the surface (more than one voxel diagonal) values are exact.
        assertEquals(0, inside, 1e-9);
        assertEquals(0, outside, 1e-9);
        // Reading the slices as if they were stacked along the normal from the first one (ignoring
        // the tilt) puts the centroid off by the shear: the correction matters.
        VolumeGeometry sg = sv.volume().geometry();
        VolumeGeometry naive = VolumeGeometry.of(sg.origin(), sg.rowDirection(), sg.columnDirection(),
                sg.planeNormal(), sg.spacingX(), sg.spacingY(), sg.planeSpacing(), sg.columns(), sg.rows(), sg.slices());
        Vector3d wrong = new Vector3d();
        double ww = 0;
        for (int z = 0; z < sg.slices(); z++) {
            for (int y = 0; y < sg.rows(); y++) {
                for (int x = 0; x < sg.columns(); x++) {
                    double v = sv.volume().value(x, y, z) - 1024;
                    naive.indexToPatient(x, y, z, p);
                    wrong.fma(v, p);
                    ww += v;
                }
            }
        }
        wrong.div(ww);
        assertTrue(wrong.distance(CENTRE) > 1.5, "naive centroid " + wrong);
    }

    @Test
    void positionsOffTheTiltLineAreInconsistent(@TempDir Path tmp) throws IOException {
        List<Path> files = write(tmp, TILT, GantryTiltSeriesTest::ramp, 5);
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> tilted(files));
        assertEquals(VolumeAssemblyException.Problem.INCONSISTENT_TILT, e.problem());
        assertTrue(files.get(e.frame()).getFileName().toString().equals("s5.dcm"), files.get(e.frame()).toString());
    }

    @Test
    void untiltedSeriesIsUnchangedWhenTiltIsAccepted(@TempDir Path tmp) throws IOException {
        List<Path> files = write(tmp, 0, GantryTiltSeriesTest::ramp, -1);
        SeriesVolume a = SeriesVolumes.read(files);
        SeriesVolume b = tilted(files);
        assertFalse(b.tilted());
        assertEquals(a.volume().geometry(), b.volume().geometry());
        assertArrayEquals(a.volume().shortArray(), b.volume().shortArray());
    }

    @Test
    void tiltedVolumeWrittenAsDerivedSeriesReadsBackSheared(@TempDir Path tmp) throws IOException {
        SeriesVolume sv = tilted(write(tmp.resolve("in"), TILT, GantryTiltSeriesTest::ramp, -1));
        DerivedSeries.write(sv, sv.volume(), tmp.resolve("out"), "copy");
        SeriesVolume back = tilted(List.of(tmp.resolve("out")));
        assertTrue(back.volume().geometry().indexToPatient().equals(sv.volume().geometry().indexToPatient(), 1e-5));
        assertArrayEquals(sv.volume().shortArray(), back.volume().shortArray());
        double t = back.header().doubleValue(Tags.SpacingBetweenSlices).orElseThrow();
        assertEquals(sv.volume().geometry().planeSpacing(), t, 1e-6);
    }
}
