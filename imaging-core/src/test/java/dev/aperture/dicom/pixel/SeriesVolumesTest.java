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
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Resampler;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series and enhanced multi-frame objects to volumes, and derived series back to DICOM. The real
 * series are the small CT series of pydicom's dicomdirtests; pydicom reads the same files as the
 * oracle for positions and stored values.
 */
class SeriesVolumesTest {
    private static final String PYTHON = "/usr/bin/python3";

    static Path testdata() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return fail("shared/testdata/pydicom not found above the working directory");
    }

    static Path ct5n() {
        return testdata().resolve("dicomdirtests/98892001/CT5N");
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    /** pydicom's view: for each file sorted by z, "z x y" then the stored values. */
    static List<String> pydicom(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            if ("true".equals(System.getenv("CI"))) {
                fail(PYTHON + " with pydicom is required");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no " + PYTHON);
        }
        String script = "import sys,os,pydicom\n"
                + "d=sys.argv[1]\n"
                + "fs=[pydicom.dcmread(os.path.join(d,f)) for f in os.listdir(d)]\n"
                + "fs.sort(key=lambda f: float(f.ImagePositionPatient[2]))\n"
                + "for f in fs:\n"
                + "  print(' '.join(str(float(v)) for v in f.ImagePositionPatient))\n"
                + "  print(' '.join(str(int(v)) for v in f.pixel_array.reshape(-1)))\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return List.of(out.strip().split("\n"));
    }

    @Test
    void realSeriesInShuffledOrderAgreesWithPydicom() throws Exception {
        List<Path> files = files(ct5n());
        Collections.shuffle(files, new Random(3));
        SeriesVolume sv = SeriesVolumes.read(files);
        List<String> oracle = pydicom(ct5n());
        VolumeGeometry g = sv.volume().geometry();
        assertEquals(5, g.slices());
        assertEquals(16, g.rows());
        assertEquals(16, g.columns());
        assertEquals(2.5, g.spacingZ(), 1e-9);
        assertEquals(0.488281, g.spacingX(), 1e-9);
        assertEquals(1, sv.rescaleSlope());
        assertEquals(-1024, sv.rescaleIntercept());
        assertFalse(sv.enhanced());
        short[] a = sv.volume().shortArray();
        for (int z = 0; z < 5; z++) {
            double[] ipp = parse(oracle.get(2 * z));
            assertArrayEquals(ipp, g.imagePositionPatient(z), 1e-9, "slice " + z);
            double[] values = parse(oracle.get(2 * z + 1));
            for (int i = 0; i < 256; i++) {
                double v = sv.volume().type() == Volume.ValueType.SIGNED_SHORT ? a[z * 256 + i] : a[z * 256 + i] & 0xFFFF;
                assertEquals(values[i], v, "slice " + z + " pixel " + i);
            }
        }
        // The header is that of the first slice in volume order (lowest z).
        assertArrayEquals(parse(oracle.get(0)), sv.header().doubles(Tags.ImagePositionPatient), 1e-9);
        assertFalse(sv.header().contains(Tag.PIXEL_DATA));
    }

    private static double[] parse(String line) {
        String[] t = line.trim().split(" ");
        double[] d = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            d[i] = Double.parseDouble(t[i]);
        }
        return d;
    }

    @Test
    void brokenRealSeriesNameTheProblem() throws IOException {
        Path dirs = testdata().resolve("dicomdirtests");
        VolumeAssemblyException gap = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(dirs.resolve("77654033/CT2"))));
        assertEquals(VolumeAssemblyException.Problem.MISSING_SLICES, gap.problem());
        VolumeAssemblyException orient = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(dirs.resolve("98892001/CT2N"))));
        assertEquals(VolumeAssemblyException.Problem.MIXED_ORIENTATIONS, orient.problem());
        List<Path> mixed = files(ct5n());
        mixed.add(2, dirs.resolve("77654033/CT2/17106"));
        MalformedDataException series = assertThrows(MalformedDataException.class, () -> SeriesVolumes.read(mixed));
        assertEquals(Tags.SeriesInstanceUID, series.tag());
        assertEquals(2, series.frame());
    }

    @Test
    void mixedRescaleAndPixelRepresentationAreRejected(@TempDir Path tmp) throws IOException {
        List<Path> files = copyWith(tmp.resolve("a"), 3, b -> b.setDoubles(Tags.RescaleSlope, Vr.DS, 2));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SeriesVolumes.read(files));
        assertEquals(Tags.RescaleSlope, e.tag());
        assertEquals(3, e.frame());
        List<Path> pr = copyWith(tmp.resolve("b"), 1, b -> b.setInts(Tags.PixelRepresentation, Vr.US, 0));
        e = assertThrows(MalformedDataException.class, () -> SeriesVolumes.read(pr));
        assertEquals(Tags.PixelRepresentation, e.tag());
        List<Path> noIpp = copyWith(tmp.resolve("c"), 4, b -> b.remove(Tags.ImagePositionPatient));
        e = assertThrows(MalformedDataException.class, () -> SeriesVolumes.read(noIpp));
        assertEquals(Tags.ImagePositionPatient, e.tag());
        assertEquals(4, e.frame());
        List<Path> rgb = copyWith(tmp.resolve("d"), 0, b -> b.setInts(Tags.SamplesPerPixel, Vr.US, 3));
        assertThrows(UnsupportedDataException.class, () -> SeriesVolumes.read(rgb));
    }

    @Test
    void mixedSizesAndSidewaysShiftAreRejected(@TempDir Path tmp) throws IOException {
        List<Path> size = copyWith(tmp.resolve("a"), 2, b -> b.setInts(Tags.Rows, Vr.US, 8));
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SeriesVolumes.read(size));
        assertEquals(VolumeAssemblyException.Problem.MIXED_SIZES, e.problem());
        assertEquals(2, e.frame());
        List<Path> tilt = copyWith(tmp.resolve("b"), 0, b -> b.setDoubles(Tags.ImagePositionPatient, Vr.DS,
                -72.2 + 5, -143, 8.7625));
        e = assertThrows(VolumeAssemblyException.class, () -> SeriesVolumes.read(tilt));
        assertEquals(VolumeAssemblyException.Problem.GANTRY_TILT, e.problem());
    }

    interface Edit {
        void apply(DicomObject.Builder b);
    }

    /** Copies CT5N (sorted by name) into {@code dir}, editing file {@code index}. */
    private static List<Path> copyWith(Path dir, int index, Edit edit) throws IOException {
        Files.createDirectories(dir);
        List<Path> in = files(ct5n());
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            DicomObject ds = DicomReader.standard().read(Files.readAllBytes(in.get(i))).dataset();
            DicomObject.Builder b = ds.toBuilder();
            if (i == index) {
                edit.apply(b);
            }
            Path f = dir.resolve("f" + i + ".dcm");
            DicomWriter.standard().write(f, b.build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.add(f);
        }
        return out;
    }

    /** An Enhanced CT object holding CT5N's slices as frames, in reverse order along the normal. */
    static DicomObject enhancedFromCt5n() throws IOException {
        List<Path> in = files(ct5n());
        List<DicomObject> slices = new ArrayList<>();
        for (Path p : in) {
            slices.add(DicomReader.standard().read(Files.readAllBytes(p)).dataset());
        }
        slices.sort((x, y) -> Double.compare(y.doubles(Tags.ImagePositionPatient)[2],
                x.doubles(Tags.ImagePositionPatient)[2]));
        DicomObject first = slices.get(0);
        DicomObject shared = DicomObject.builder()
                .setItems(Tags.PixelMeasuresSequence, List.of(DicomObject.builder()
                        .setDoubles(Tags.PixelSpacing, Vr.DS, first.doubles(Tags.PixelSpacing))
                        .setDoubles(Tags.SliceThickness, Vr.DS, 2.5).build()))
                .setItems(Tags.PlaneOrientationSequence, List.of(DicomObject.builder()
                        .setDoubles(Tags.ImageOrientationPatient, Vr.DS, first.doubles(Tags.ImageOrientationPatient))
                        .build()))
                .setItems(Tags.PixelValueTransformationSequence, List.of(DicomObject.builder()
                        .setDoubles(Tags.RescaleSlope, Vr.DS, 1).setDoubles(Tags.RescaleIntercept, Vr.DS, -1024)
                        .setString(Tags.RescaleType, Vr.LO, "HU").build()))
                .build();
        List<DicomObject> perFrame = new ArrayList<>();
        byte[] pixels = new byte[slices.size() * 512];
        for (int i = 0; i < slices.size(); i++) {
            DicomObject s = slices.get(i);
            perFrame.add(DicomObject.builder().setItems(Tags.PlanePositionSequence, List.of(DicomObject.builder()
                    .setDoubles(Tags.ImagePositionPatient, Vr.DS, s.doubles(Tags.ImagePositionPatient)).build()))
                    .build());
            byte[] px = s.bytes(Tag.PIXEL_DATA).orElseThrow();
            System.arraycopy(px, 0, pixels, i * 512, 512);
        }
        DicomObject.Builder b = first.toBuilder();
        for (int t : new int[] {Tags.ImagePositionPatient, Tags.ImageOrientationPatient, Tags.PixelSpacing,
            Tags.SliceThickness, Tags.RescaleSlope, Tags.RescaleIntercept, Tags.SliceLocation}) {
            b.remove(t);
        }
        return b.setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2.1")
                .setString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE")
                .setInts(Tags.NumberOfFrames, Vr.IS, slices.size())
                .setItems(Tags.SharedFunctionalGroupsSequence, List.of(shared))
                .setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame)
                .adoptBytes(Tag.PIXEL_DATA, Vr.OW, pixels).build();
    }

    @Test
    void enhancedObjectGivesTheSameVolumeAsTheSlices(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("enhanced.dcm");
        DicomWriter.standard().write(f, enhancedFromCt5n(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        SeriesVolume e = SeriesVolumes.read(List.of(f));
        SeriesVolume s = SeriesVolumes.read(List.of(ct5n()));
        assertTrue(e.enhanced());
        assertEquals(s.volume().geometry(), e.volume().geometry());
        assertArrayEquals(s.volume().shortArray(), e.volume().shortArray());
        assertEquals(-1024, e.rescaleIntercept());
        assertEquals(5, SeriesVolumes.frameInfos(DicomReader.standard().read(f).dataset()).size());
    }

    @Test
    void enhancedWithoutAPlanePositionNamesTheFrame(@TempDir Path tmp) throws IOException {
        DicomObject ds = enhancedFromCt5n();
        List<DicomObject> perFrame = new ArrayList<>(ds.items(Tags.PerFrameFunctionalGroupsSequence));
        perFrame.set(3, DicomObject.empty());
        Path f = tmp.resolve("broken.dcm");
        DicomWriter.standard().write(f, ds.toBuilder().setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame)
                .build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SeriesVolumes.read(List.of(f)));
        assertEquals(Tags.PlanePositionSequence, e.tag());
        assertEquals(3, e.frame());
    }

    @Test
    void storedValuesAreMaskedToBitsStoredAndSignExtended(@TempDir Path tmp) throws IOException {
        // 12-bit signed values with garbage in the unused high bits: 0xF001 holds 1, 0x1FFF holds -1.
        short[] raw = {(short) 0xF001, (short) 0x1FFF, (short) 0x0800, (short) 0x07FF};
        Volume v = twoByTwo(tmp, raw, 12, true);
        assertArrayEquals(new short[] {1, -1, -2048, 2047}, v.shortArray());
        Volume u = twoByTwo(tmp, raw, 12, false);
        assertArrayEquals(new short[] {1, 0xFFF, 0x800, 0x7FF}, u.shortArray());
    }

    private static Volume twoByTwo(Path tmp, short[] raw, int bits, boolean signed) throws IOException {
        byte[] px = new byte[8];
        for (int i = 0; i < 4; i++) {
            px[2 * i] = (byte) raw[i];
            px[2 * i + 1] = (byte) (raw[i] >> 8);
        }
        DicomObject ds = DicomObject.builder()
                .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")
                .setString(Tags.SOPInstanceUID, Vr.UI, DerivedSeries.newUid())
                .setString(Tags.SeriesInstanceUID, Vr.UI, "1.2.3")
                .setDoubles(Tags.ImagePositionPatient, Vr.DS, 0, 0, 0)
                .setDoubles(Tags.ImageOrientationPatient, Vr.DS, 1, 0, 0, 0, 1, 0)
                .setDoubles(Tags.PixelSpacing, Vr.DS, 1, 1)
                .setInts(Tags.SamplesPerPixel, Vr.US, 1)
                .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                .setInts(Tags.Rows, Vr.US, 2).setInts(Tags.Columns, Vr.US, 2)
                .setInts(Tags.BitsAllocated, Vr.US, 16).setInts(Tags.BitsStored, Vr.US, bits)
                .setInts(Tags.HighBit, Vr.US, bits - 1).setInts(Tags.PixelRepresentation, Vr.US, signed ? 1 : 0)
                .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px).build();
        Path f = Files.createTempFile(tmp, "px", ".dcm");
        DicomWriter.standard().write(f, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return SeriesVolumes.read(List.of(f)).volume();
    }

    @Test
    void derivedSeriesReadsBackOnTheSameGrid(@TempDir Path tmp) throws IOException {
        SeriesVolume s = SeriesVolumes.read(List.of(ct5n()));
        VolumeGeometry g = s.volume().geometry().resampledGrid(0.5, 0.75, 1.25);
        Volume r = Resampler.of(Kernel.LINEAR).resample(s.volume(), g);
        List<Path> written = DerivedSeries.write(s, r, tmp.resolve("out"), "test");
        assertEquals(g.slices(), written.size());
        Files.writeString(tmp.resolve("out/notes.txt"), "skipped: not DICOM");
        SeriesVolume back = SeriesVolumes.read(List.of(tmp.resolve("out")));
        VolumeGeometry bg = back.volume().geometry();
        assertEquals(g.columns(), bg.columns());
        assertEquals(g.rows(), bg.rows());
        assertEquals(g.slices(), bg.slices());
        assertTrue(g.indexToPatient().equals(bg.indexToPatient(), 1e-5), bg.toString());
        assertArrayEquals(r.shortArray(), back.volume().shortArray());
        assertEquals(s.rescaleIntercept(), back.rescaleIntercept());
        DicomObject h = back.header();
        assertEquals(List.of("DERIVED", "SECONDARY"), h.strings(Tags.ImageType));
        assertEquals(s.header().string(Tags.StudyInstanceUID), h.string(Tags.StudyInstanceUID));
        assertNotEquals(s.header().string(Tags.SeriesInstanceUID), h.string(Tags.SeriesInstanceUID));
        assertEquals(1, h.integer(Tags.InstanceNumber).orElseThrow());
        assertEquals(1.25, h.doubleValue(Tags.SliceThickness).orElseThrow(), 1e-12);
        assertEquals("1.2.840.10008.5.1.4.1.1.2", h.string(Tags.SOPClassUID).orElseThrow());
    }

    @Test
    void derivedFromEnhancedIsSingleFrameCt(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("enhanced.dcm");
        DicomWriter.standard().write(f, enhancedFromCt5n(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        SeriesVolume e = SeriesVolumes.read(List.of(f));
        DicomObject d = DerivedSeries.slice(e, e.volume(), 2, DerivedSeries.newUid(), "identity");
        assertEquals("1.2.840.10008.5.1.4.1.1.2", d.string(Tags.SOPClassUID).orElseThrow());
        for (int t : new int[] {Tags.NumberOfFrames, Tags.SharedFunctionalGroupsSequence,
            Tags.PerFrameFunctionalGroupsSequence}) {
            assertFalse(d.contains(t));
        }
        assertArrayEquals(e.volume().geometry().imagePositionPatient(2), d.doubles(Tags.ImagePositionPatient), 1e-6);
        assertEquals(-1024, d.doubleValue(Tags.RescaleIntercept).orElseThrow());
        assertEquals("HU", d.string(Tags.RescaleType).orElseThrow());
        assertEquals("1.2.840.10008.5.1.4.1.1.4", DerivedSeries.singleFrameClass("1.2.840.10008.5.1.4.1.1.4.1", true));
        assertEquals("1.2.840.10008.5.1.4.1.1.4.1", DerivedSeries.singleFrameClass("1.2.840.10008.5.1.4.1.1.4.1",
                false));
        assertThrows(IllegalArgumentException.class,
                () -> DerivedSeries.slice(e, e.modalityValues(), 0, "1.2", "floats"));
    }
}
