// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.pixel.DerivedSeries;
import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.dicom.pixel.SeriesVolumes;
import dev.aperture.imaging.ApertureException;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Outside;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aperture resample IN... --out DIR --spacing MM[,MM,MM] [--kernel K]}: a series onto a new
 * grid, written as a derived series (see shared/contracts/cli.md).
 */
@Command(name = "resample", mixinStandardHelpOptions = true, description = "Resample a series (files, a folder, or one enhanced multi-frame file) "
        + "onto a grid of the given spacing and write it as a derived series.")
final class ResampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "The files of one series, a folder, or one enhanced "
            + "multi-frame file.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the derived series.")
    Path out;

    @Option(names = "--spacing", required = true, paramLabel = "MM[,MM,MM]",
            description = "Voxel spacing in mm: one value (isotropic) or column, row, slice.")
    String spacing;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "linear",
            description = "nearest, linear (default), cubic or lanczos3 (also bspline, area).")
    String kernel;

    @Override
    public Integer call() throws IOException {
        double[] s = parseSpacing(spec, spacing);
        Kernel k;
        try {
            k = Kernel.parse(kernel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernel: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        SeriesVolume series = readSeries(inputs);
        VolumeGeometry target;
        try {
            target = series.volume().geometry().resampledGrid(s[0], s[1], s[2]);
        } catch (IllegalArgumentException e) {
            throw new CliException("resample: " + e.getMessage());
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (target.voxelCount() * 2 > free) {
            throw new CliException("resample: the new grid of " + target.columns() + "x" + target.rows() + "x"
                    + target.slices() + " voxels does not fit in the memory available (raise -Xmx or the spacing)");
        }
        Volume result;
        try {
            result = Resampler.of(k).withOutside(Outside.clamp()).resample(series.volume(), target,
                    ForkJoinPool.commonPool());
        } catch (ApertureException e) {
            throw new CliException("resample: " + e.getMessage(), e);
        }
        String description = String.format(Locale.ROOT, "resampled to %s x %s x %s mm, %s kernel", num(s[0]),
                num(s[1]), num(s[2]), k.name().toLowerCase(Locale.ROOT));
        DerivedSeries.write(series, result, out, description);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        spec.commandLine().getOut().println("{\"slices\":" + target.slices() + ",\"rows\":" + target.rows()
                + ",\"columns\":" + target.columns() + ",\"spacing\":[" + num(s[0]) + "," + num(s[1]) + ","
                + num(s[2]) + "],\"millis\":" + ms + "}");
        return 0;
    }

    /** Parses MM or MM,MM,MM into column, row, slice spacing. */
    static double[] parseSpacing(CommandSpec spec, String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length != 1 && parts.length != 3) {
                throw new NumberFormatException();
            }
            double[] s = new double[3];
            for (int i = 0; i < 3; i++) {
                s[i] = Double.parseDouble(parts[parts.length == 1 ? 0 : i].strip());
                if (!(s[i] > 0) || !Double.isFinite(s[i])) {
                    throw new NumberFormatException();
                }
            }
            return s;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--spacing takes one or three positive numbers in mm, e.g. 1 or 0.8,0.8,2");
        }
    }

    /**
     * Reads a volume from command-line inputs; what breaks it becomes one line naming the file
     * (or the frame of an enhanced file) and the problem.
     */
    static SeriesVolume readSeries(List<Path> inputs) throws IOException {
        List<Path> files = SeriesVolumes.expand(inputs);
        if (files.isEmpty()) {
            throw new CliException(inputs.get(0) + ": no DICOM files");
        }
        List<DicomFile> read = new ArrayList<>(files.size());
        for (Path f : files) {
            read.add(Inputs.read(f, false, null));
        }
        try {
            return SeriesVolumes.of(read);
        } catch (ApertureException e) {
            String where;
            if (files.size() == 1) {
                where = files.get(0) + (e.frame() >= 0 ? " frame " + e.frame() : "");
            } else if (e.frame() >= 0 && e.frame() < files.size()) {
                where = files.get(e.frame()).toString();
            } else {
                where = files.size() + " files";
            }
            throw new CliException(where + ": does not form a volume: " + e.getMessage(), e);
        }
    }

    /** A number in its shortest decimal form (1, 0.5, 2.25). */
    static String num(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }
}
