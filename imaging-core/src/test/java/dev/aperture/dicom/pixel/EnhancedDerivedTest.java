// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derived volume written as one enhanced multi-frame object: read back by Aperture to the same
 * grid and values, by pydicom (frame count, per-frame positions, pixel values), checked against
 * the mandatory attributes of the modules written (PS3.3 C.7.6.16 Multi-frame Functional Groups,
 * C.7.6.17 Multi-frame Dimension, the Pixel Measures, Plane Position, Plane Orientation, Frame
 * Content, Pixel Value Transformation and Conversion Source macros), and by dicom3tools'
 * {@code dciodvfy} when it is installed.
 */
class EnhancedDerivedTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String DCIODVFY = "/usr/bin/dciodvfy";

    private static SeriesVolume ct5n() throws IOException {
        return SeriesVolumes.read(List.of(SeriesVolumesTest.ct5n()));
    }

    @Test
    void classicSourceBecomesLegacyConvertedEnhancedCtThatReadsBack(@TempDir Path tmp) throws Exception {
        SeriesVolume s = ct5n();
        VolumeGeometry g = s.volume().geometry().resampledGrid(0.75, 0.6, 1.25);
        Volume r = Resampler.of(Kernel.LINEAR).resample(s.volume(), g);
        Path f = DerivedSeries.writeEnhanced(s, r, tmp.resolve("out/derived.dcm"), "resampled for test");
        DicomObject ds = DicomReader.standard().read(f).dataset();
        assertEquals("1.2.840.10008.5.1.4.1.1.2.2", ds.string(Tags.SOPClassUID).orElseThrow());
        checkMandatory(ds, g.slices(), true);
        assertEquals(List.of("DERIVED", "PRIMARY", "VOLUME", "RESAMPLED"), ds.strings(Tags.ImageType));
        assertEquals(s.header().string(Tags.StudyInstanceUID), ds.string(Tags.StudyInstanceUID));
        assertNotEquals(s.header().string(Tags.SeriesInstanceUID), ds.string(Tags.SeriesInstanceUID));
        DicomObject shared = ds.items(Tags.SharedFunctionalGroupsSequence).get(0);
        // Frame z references the source slices its plane passes through: slice spacing 2.5 mm,
        // frame spacing 1.25 mm, so frames 0, 2, 4, ... lie on a source slice and reference only it.
        List<String> sourceUids = s.sourceInstances();
        assertEquals(5, sourceUids.size());
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        for (int z = 0; z < g.slices(); z++) {
            List<String> refs = perFrame.get(z).items(Tags.ConversionSourceAttributesSequence).stream()
                    .map(i -> i.string(Tags.ReferencedSOPInstanceUID).orElseThrow()).toList();
            List<String> expected = z % 2 == 0 ? List.of(sourceUids.get(z / 2))
                    : sourceUids.subList(z / 2, z / 2 + 2);
            assertEquals(expected, refs, "frame " + z);
        }
        assertEquals(5, shared.items(Tags.DerivationImageSequence).get(0).items(Tags.SourceImageSequence).size());

        SeriesVolume back = SeriesVolumes.read(List.of(f));
        assertTrue(back.enhanced());
        assertEquals("1", back.stackId());
        VolumeGeometry bg = back.volume().geometry();
        assertEquals(g.columns(), bg.columns());
        assertEquals(g.rows(), bg.rows());
        assertEquals(g.slices(), bg.slices());
        assertTrue(g.indexToPatient().equals(bg.indexToPatient(), 1e-5), bg.toString());
        assertArrayEquals(r.shortArray(), back.volume().shortArray());
        assertEquals(-1024, back.rescaleIntercept());
        assertEquals(1, back.rescaleSlope());

        // pydicom reads it: frame count, every frame's position, the pixels.
        List<String> py = pydicom(f);
        assertEquals(2 * g.slices() + 1, py.size(), String.join("\n", py));
        assertEquals(g.slices() + " " + g.rows() + " " + g.columns(), py.get(0));
        for (int z = 0; z < g.slices(); z++) {
            assertArrayEquals(g.imagePositionPatient(z), nums(py.get(1 + 2 * z)), 1e-5, "frame " + z);
            double[] v = nums(py.get(2 + 2 * z));
            int n = g.rows() * g.columns();
            for (int i = 0; i < n; i++) {
                assertEquals(v[i], r.value(i % g.columns(), i / g.columns(), z), "frame " + z + " pixel " + i);
            }
        }
        dciodvfy(f);
    }

    @Test
    void enhancedSourceKeepsItsClassAndSharedMacros(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("enhanced.dcm");
        DicomWriter.standard().write(in, SeriesVolumesTest.enhancedFromCt5n(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        SeriesVolume e = SeriesVolumes.read(List.of(in));
        Volume r = Resampler.of(Kernel.NEAREST).resample(e.volume(), e.volume().geometry().isotropic(1));
        DicomObject ds = DerivedSeries.enhanced(e, r, DerivedSeries.newUid(), "iso");
        assertEquals("1.2.840.10008.5.1.4.1.1.2.1", ds.string(Tags.SOPClassUID).orElseThrow());
        checkMandatory(ds, r.geometry().slices(), false);
        Path f = tmp.resolve("derived.dcm");
        DicomWriter.standard().write(f, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        SeriesVolume back = SeriesVolumes.read(List.of(f));
        assertTrue(r.geometry().indexToPatient().equals(back.volume().geometry().indexToPatient(), 1e-5));
        assertArrayEquals(r.shortArray(), back.volume().shortArray());
        assertEquals(r.geometry().slices(), pydicom(f).size() / 2);
    }

    @Test
    void mrSourceBecomesLegacyConvertedEnhancedMr(@TempDir Path tmp) throws Exception {
        SeriesVolume s = SeriesVolumes.read(List.of(SeriesVolumesTest.testdata().resolve("MR_small.dcm")));
        Volume r = Resampler.of(Kernel.LINEAR).resample(s.volume(), s.volume().geometry().resampledGrid(1, 1, 1));
        Path f = DerivedSeries.writeEnhanced(s, r, tmp.resolve("mr.dcm"), "resampled");
        DicomObject ds = DicomReader.standard().read(f).dataset();
        assertEquals("1.2.840.10008.5.1.4.1.1.4.4", ds.string(Tags.SOPClassUID).orElseThrow());
        DicomObject shared = ds.items(Tags.SharedFunctionalGroupsSequence).get(0);
        assertEquals(1, shared.items(Tags.MRImageFrameTypeSequence).size());
        SeriesVolume back = SeriesVolumes.read(List.of(f));
        assertArrayEquals(r.shortArray(), back.volume().shortArray());
        assertTrue(r.geometry().indexToPatient().equals(back.volume().geometry().indexToPatient(), 1e-5));
        dciodvfy(f);
    }

    @Test
    void classesWithoutAnEnhancedCounterpartAreRefused() {
        assertEquals("1.2.840.10008.5.1.4.1.1.4.4", DerivedSeries.enhancedClass("1.2.840.10008.5.1.4.1.1.4", false));
        assertEquals("1.2.840.10008.5.1.4.1.1.128.1", DerivedSeries.enhancedClass("1.2.840.10008.5.1.4.1.1.128",
                false));
        assertEquals("1.2.840.10008.5.1.4.1.1.4.1", DerivedSeries.enhancedClass("1.2.840.10008.5.1.4.1.1.4.1", true));
        UnsupportedDataException e = assertThrows(UnsupportedDataException.class,
                () -> DerivedSeries.enhancedClass("1.2.840.10008.5.1.4.1.1.7", false));
        assertEquals(Tags.SOPClassUID, e.tag());
    }

    /** The Type 1 attributes of the modules and macros the writer fills, with their values. */
    static void checkMandatory(DicomObject ds, int frames, boolean legacy) {
        for (int t : new int[] {Tags.SOPClassUID, Tags.SOPInstanceUID, Tags.StudyInstanceUID, Tags.SeriesInstanceUID,
            Tags.InstanceNumber, Tags.ContentDate, Tags.ContentTime, Tags.NumberOfFrames, Tags.ImageType,
            Tags.SamplesPerPixel, Tags.PhotometricInterpretation, Tags.Rows, Tags.Columns, Tags.BitsAllocated,
            Tags.BitsStored, Tags.HighBit, Tags.PixelRepresentation, Tags.DimensionOrganizationSequence,
            Tags.DimensionIndexSequence, Tags.SharedFunctionalGroupsSequence, Tags.PerFrameFunctionalGroupsSequence}) {
            assertTrue(ds.contains(t), String.format("missing (%04X,%04X)", t >>> 16, t & 0xFFFF));
        }
        assertEquals(frames, ds.integer(Tags.NumberOfFrames).orElseThrow());
        assertEquals("DERIVED", ds.strings(Tags.ImageType).get(0));
        assertFalse(ds.contains(Tags.ImagePositionPatient), "geometry belongs in the functional groups");
        assertFalse(ds.contains(Tags.PixelSpacing));
        assertEquals(1, ds.items(Tags.SharedFunctionalGroupsSequence).size());
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        assertEquals(frames, perFrame.size());
        DicomObject shared = ds.items(Tags.SharedFunctionalGroupsSequence).get(0);
        DicomObject pm = one(shared, Tags.PixelMeasuresSequence);
        assertEquals(2, pm.doubles(Tags.PixelSpacing).length);
        assertTrue(pm.doubleValue(Tags.SliceThickness).orElseThrow() > 0);
        assertEquals(6, one(shared, Tags.PlaneOrientationSequence).doubles(Tags.ImageOrientationPatient).length);
        DicomObject pvt = one(shared, Tags.PixelValueTransformationSequence);
        for (int t : new int[] {Tags.RescaleIntercept, Tags.RescaleSlope, Tags.RescaleType}) {
            assertTrue(pvt.contains(t));
        }
        DicomObject frameType = one(shared, Tags.CTImageFrameTypeSequence);
        assertEquals(List.of("DERIVED", "PRIMARY", "VOLUME", "RESAMPLED"), frameType.strings(Tags.FrameType));
        for (int t : new int[] {Tags.PixelPresentation, Tags.VolumetricProperties, Tags.VolumeBasedCalculationTechnique}) {
            assertTrue(frameType.contains(t) && ds.contains(t));
        }
        if (legacy) {
            for (DicomObject item : perFrame) {
                List<DicomObject> refs = item.items(Tags.ConversionSourceAttributesSequence);
                assertFalse(refs.isEmpty());
                for (DicomObject ref : refs) {
                    assertTrue(ref.contains(Tags.ReferencedSOPClassUID) && ref.contains(Tags.ReferencedSOPInstanceUID));
                }
                assertTrue(item.contains(Tags.UnassignedPerFrameConvertedAttributesSequence));
            }
        }
        List<DicomObject> dims = ds.items(Tags.DimensionIndexSequence);
        String org = one(ds, Tags.DimensionOrganizationSequence).string(Tags.DimensionOrganizationUID).orElseThrow();
        assertEquals(2, dims.size());
        assertEquals(Tags.StackID, dims.get(0).integer(Tags.DimensionIndexPointer).orElseThrow());
        assertEquals(Tags.InStackPositionNumber, dims.get(1).integer(Tags.DimensionIndexPointer).orElseThrow());
        for (DicomObject d : dims) {
            assertEquals(Tags.FrameContentSequence, d.integer(Tags.FunctionalGroupPointer).orElseThrow());
            assertEquals(org, d.string(Tags.DimensionOrganizationUID).orElseThrow());
        }
        for (int z = 0; z < frames; z++) {
            DicomObject item = perFrame.get(z);
            assertEquals(3, one(item, Tags.PlanePositionSequence).doubles(Tags.ImagePositionPatient).length);
            DicomObject fc = one(item, Tags.FrameContentSequence);
            assertArrayEquals(new int[] {1, z + 1}, fc.integers(Tags.DimensionIndexValues));
            assertEquals("1", fc.string(Tags.StackID).orElseThrow().strip());
            assertEquals(z + 1, fc.integer(Tags.InStackPositionNumber).orElseThrow());
        }
    }

    private static DicomObject one(DicomObject ds, int tag) {
        List<DicomObject> items = ds.items(tag);
        assertEquals(1, items.size(), String.format("(%04X,%04X) must hold one item", tag >>> 16, tag & 0xFFFF));
        return items.get(0);
    }

    private static double[] nums(String line) {
        String[] t = line.trim().split(" ");
        double[] d = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            d[i] = Double.parseDouble(t[i]);
        }
        return d;
    }

    /** pydicom: "frames rows columns", then per frame its position and its stored values. */
    static List<String> pydicom(Path f) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " with pydicom is required");
        }
        String script = "import sys,pydicom\n"
                + "d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array\n"
                + "a=a.reshape((int(d.NumberOfFrames),d.Rows,d.Columns))\n"
                + "print(int(d.NumberOfFrames), d.Rows, d.Columns)\n"
                + "for i,it in enumerate(d.PerFrameFunctionalGroupsSequence):\n"
                + "  print(' '.join(repr(float(v)) for v in it.PlanePositionSequence[0].ImagePositionPatient))\n"
                + "  print(' '.join(str(int(v)) for v in a[i].reshape(-1)))\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = new ArrayList<>(List.of(out.strip().split("\n")));
        if (lines.size() % 2 == 0) {
            lines.remove(0); // enhancedSource test counts pairs only
        }
        return lines;
    }

    /**
     * dicom3tools' IOD validator: no "Error" line. CI installs dicom3tools and fails without it;
     * elsewhere the check is skipped when the Debian package is absent (the attribute checks above
     * always run).
     */
    static void dciodvfy(Path f) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of(DCIODVFY));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("dicom3tools dciodvfy missing in CI (apt-get install dicom3tools)");
        }
        Assumptions.assumeTrue(present, "dicom3tools dciodvfy not installed");
        Process p = new ProcessBuilder(DCIODVFY, "-new", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> errors = out.lines().filter(l -> l.startsWith("Error")).toList();
        assertEquals(List.of(), errors, out);
    }
}
