// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.dicom.pixel.DerivedSeries;
import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.dicom.pixel.SeriesVolumes;
import dev.aperture.pixel.Window;
import dev.aperture.render.FrameImages;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Mpr;
import dev.aperture.volume.Outside;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.SlabMode;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * The volume part of {@code aperture demo}: writes a synthetic CT phantom as a series of
 * single-frame files, reads it back as a volume, resamples it to 1 mm isotropic voxels, writes
 * the central axial, coronal and sagittal planes as PNGs and the resampled volume as one enhanced
 * multi-frame object, which it reads back.
 */
final class MprDemo {
    static final int COLUMNS = 96;
    static final int ROWS = 96;
    static final int SLICES = 48;
    static final double SLICE_MM = 2.5;

    private MprDemo() {
    }

    /**
     * Runs the demo; returns the folder holding the PNGs.
     *
     * @param out where the summary goes
     * @param pngDir the folder for the PNGs (created)
     */
    static Path run(PrintWriter out, Path pngDir) throws IOException {
        Path series = Files.createTempDirectory("aperture-demo-series");
        try {
            long t0 = System.nanoTime();
            writePhantom(series);
            long t1 = System.nanoTime();
            SeriesVolume sv = SeriesVolumes.read(List.of(series));
            long t2 = System.nanoTime();
            VolumeGeometry iso = sv.volume().geometry().isotropic(1.0);
            Volume resampled = Resampler.of(Kernel.LINEAR).withOutside(Outside.clamp())
                    .resample(sv.volume(), iso, ForkJoinPool.commonPool());
            long t3 = System.nanoTime();
            Volume hu = resampled.toFloats(sv.rescaleSlope(), sv.rescaleIntercept());
            Files.createDirectories(pngDir);
            Window w = Window.of(-100, 1400);
            for (Mpr.Orientation o : Mpr.Orientation.values()) {
                BufferedImage img = MprCommand.render(hu, o, 0, SlabMode.MAX, w);
                Files.write(pngDir.resolve(o.name().toLowerCase(Locale.ROOT) + ".png"), FrameImages.png(img));
            }
            long t4 = System.nanoTime();
            out.printf(Locale.ROOT, "MPR: phantom CT %dx%dx%d (1 x 1 x %.1f mm, %d files) written in %.0f ms, read as a "
                    + "volume in %.0f ms, resampled to %dx%dx%d at 1 mm (trilinear) in %.0f ms, 3 planes in %.0f ms: "
                    + "%s%n", COLUMNS, ROWS, SLICES, SLICE_MM, SLICES, ms(t0, t1), ms(t1, t2), iso.columns(),
                    iso.rows(), iso.slices(), ms(t2, t3), ms(t3, t4), pngDir.toAbsolutePath());
            Path enhanced = series.resolve("derived-enhanced.dcm");
            DerivedSeries.writeEnhanced(sv, resampled, enhanced, "Aperture demo 1 mm");
            SeriesVolume back = SeriesVolumes.read(List.of(enhanced));
            long t5 = System.nanoTime();
            out.printf(Locale.ROOT, "  derived volume as one enhanced object: %d frames, %.1f MB, read back as a %dx%dx%d "
                    + "volume at %.1f mm spacing in %.0f ms%n", back.volume().geometry().slices(),
                    Files.size(enhanced) / 1e6, back.volume().geometry().columns(), back.volume().geometry().rows(),
                    back.volume().geometry().slices(), back.volume().geometry().spacingZ(), ms(t4, t5));
            return pngDir;
        } finally {
            try (Stream<Path> s = Files.list(series)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(series);
        }
    }

    private static double ms(long a, long b) {
        return (b - a) / 1e6;
    }

    /**
     * A body (elliptic water cylinder) with a spine (bone cylinder), two lungs (air-filled
     * spheres), an enhancing lesion and a small dense sphere, plus Gaussian noise (sd 12 HU);
     * stored as HU + 1024 in 12 bits, Rescale Intercept -1024.
     */
    static void writePhantom(Path dir) throws IOException {
        Random rnd = new Random(20261128);
        String study = DerivedSeries.newUid();
        String seriesUid = DerivedSeries.newUid();
        String frame = DerivedSeries.newUid();
        double x0 = -(COLUMNS - 1) / 2.0;
        double y0 = -(ROWS - 1) / 2.0;
        double z0 = -(SLICES - 1) * SLICE_MM / 2;
        byte[] px = new byte[2 * COLUMNS * ROWS];
        for (int k = 0; k < SLICES; k++) {
            double z = z0 + k * SLICE_MM;
            for (int j = 0; j < ROWS; j++) {
                double y = y0 + j;
                for (int i = 0; i < COLUMNS; i++) {
                    double x = x0 + i;
                    double hu = huAt(x, y, z) + rnd.nextGaussian() * 12;
                    int stored = (int) Math.max(0, Math.min(4095, Math.round(hu + 1024)));
                    int p = 2 * (j * COLUMNS + i);
                    px[p] = (byte) stored;
                    px[p + 1] = (byte) (stored >> 8);
                }
            }
            DicomObject ds = DicomObject.builder()
                    .setString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 100")
                    .setString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                    .setString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")
                    .setString(Tags.SOPInstanceUID, Vr.UI, DerivedSeries.newUid())
                    .setString(Tags.Modality, Vr.CS, "CT")
                    .setString(Tags.SeriesDescription, Vr.LO, "Aperture synthetic phantom")
                    .setString(Tags.PatientName, Vr.PN, "Phantom^Demo")
                    .setString(Tags.PatientID, Vr.LO, "APERTURE-DEMO")
                    .setString(Tags.StudyInstanceUID, Vr.UI, study)
                    .setString(Tags.SeriesInstanceUID, Vr.UI, seriesUid)
                    .setInts(Tags.SeriesNumber, Vr.IS, 1)
                    .setInts(Tags.InstanceNumber, Vr.IS, k + 1)
                    .setDoubles(Tags.ImagePositionPatient, Vr.DS, x0, y0, z)
                    .setDoubles(Tags.ImageOrientationPatient, Vr.DS, 1, 0, 0, 0, 1, 0)
                    .setString(Tags.FrameOfReferenceUID, Vr.UI, frame)
                    .setDoubles(Tags.SliceThickness, Vr.DS, SLICE_MM)
                    .setInts(Tags.SamplesPerPixel, Vr.US, 1)
                    .setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                    .setInts(Tags.Rows, Vr.US, ROWS)
                    .setInts(Tags.Columns, Vr.US, COLUMNS)
                    .setDoubles(Tags.PixelSpacing, Vr.DS, 1, 1)
                    .setInts(Tags.BitsAllocated, Vr.US, 16)
                    .setInts(Tags.BitsStored, Vr.US, 12)
                    .setInts(Tags.HighBit, Vr.US, 11)
                    .setInts(Tags.PixelRepresentation, Vr.US, 0)
                    .setDoubles(Tags.WindowCenter, Vr.DS, 40)
                    .setDoubles(Tags.WindowWidth, Vr.DS, 400)
                    .setDoubles(Tags.RescaleIntercept, Vr.DS, -1024)
                    .setDoubles(Tags.RescaleSlope, Vr.DS, 1)
                    .setString(Tags.RescaleType, Vr.LO, "HU")
                    .adoptBytes(Tag.PIXEL_DATA, Vr.OW, px.clone())
                    .build();
            DicomWriter.standard().write(dir.resolve(String.format(Locale.ROOT, "CT%03d.dcm", k + 1)), ds,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    /** Hounsfield units of the phantom at a patient position (mm), before noise. */
    static double huAt(double x, double y, double z) {
        double body = (x / 44) * (x / 44) + (y / 34) * (y / 34);
        if (body > 1 || Math.abs(z) > 55) {
            return -1000; // air
        }
        if (sq(x) + sq(y - 24) < sq(7)) {
            return 700; // spine: bone cylinder along z
        }
        if (sq(x - 20) + sq(y + 4) + sq(z - 8) < sq(14) || sq(x + 20) + sq(y + 4) + sq(z - 8) < sq(14)) {
            return -850; // lungs
        }
        if (sq(x + 4) + sq(y - 6) + sq(z + 25) < sq(9)) {
            return 120; // enhancing lesion
        }
        if (sq(x - 10) + sq(y - 10) + sq(z + 35) < sq(4)) {
            return 1500; // dense calcification
        }
        return 40 * Math.exp(-(sq(x) + sq(y)) / 2000) - 80 * (body > 0.8 ? 1 : 0); // soft tissue, fat rim
    }

    private static double sq(double v) {
        return v * v;
    }
}
