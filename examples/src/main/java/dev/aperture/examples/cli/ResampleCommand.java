// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.pixel.DerivedSeries;
import dev.aperture.dicom.pixel.FrameStack;
import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.dicom.pixel.SeriesVolumes;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.UnsupportedDataException;
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
 * grid, written as a derived series (see shared/contracts/cli.md). Extensions (opt-in, the default
 * behaviour is the contract's): {@code --gantry-tilt reject|shear|correct}, {@code --stack ID} and
 * {@code --enhanced}.
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

    @Option(names = "--gantry-tilt", paramLabel = "T", defaultValue = "reject",
            description = "A series with gantry/detector tilt: reject (default), shear (keep the sheared grid: "
                    + "slices step along the acquisition's table direction) or correct (resample onto an "
                    + "orthogonal grid of the same size and centre; outside points take the smallest value).")
    String gantryTilt;

    @Option(names = "--stack", paramLabel = "ID",
            description = "The stack of an enhanced multi-frame object holding several (Stack ID, or its "
                    + "orientation group number; /tN for temporal position N).")
    String stack;

    @Option(names = "--enhanced",
            description = "Write one enhanced multi-frame file DIR/derived.dcm (Legacy Converted Enhanced for a "
                    + "classic source) instead of one single-frame file per slice.")
    boolean enhanced;

    @Override
    public Integer call() throws IOException {
        double[] s = parseSpacing(spec, spacing);
        Kernel k;
        try {
            k = Kernel.parse(kernel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernel: " + e.getMessage());
        }
        Tilt tilt = Tilt.parse(spec, gantryTilt, true);
        long t0 = System.nanoTime();
        SeriesVolume series = readSeries(inputs, options(tilt, stack));
        VolumeGeometry target;
        try {
            VolumeGeometry g = series.volume().geometry();
            if (tilt == Tilt.CORRECT) {
                g = g.untiltedGrid(false);
            }
            target = g.resampledGrid(s[0], s[1], s[2]);
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
            Outside outside = tilt == Tilt.CORRECT && series.tilted() ? Outside.constant(minimum(series.volume()))
                    : Outside.clamp();
            result = Resampler.of(k).withOutside(outside).resample(series.volume(), target, ForkJoinPool.commonPool());
        } catch (ApertureException e) {
            throw new CliException("resample: " + e.getMessage(), e);
        }
        String description = String.format(Locale.ROOT, "resampled to %s x %s x %s mm, %s kernel", num(s[0]),
                num(s[1]), num(s[2]), k.name().toLowerCase(Locale.ROOT));
        if (series.tilted()) {
            description += tilt == Tilt.CORRECT ? ", gantry tilt corrected" : ", sheared grid (gantry tilt)";
        }
        if (enhanced) {
            try {
                DerivedSeries.writeEnhanced(series, result, out.resolve("derived.dcm"), description);
            } catch (ApertureException e) {
                throw new CliException("resample: " + e.getMessage(), e);
            }
        } else {
            DerivedSeries.write(series, result, out, description);
        }
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

    /** What to do with a gantry/detector tilt. */
    enum Tilt {
        REJECT, SHEAR, CORRECT;

        static Tilt parse(CommandSpec spec, String text, boolean shearAllowed) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "reject":
                    return REJECT;
                case "correct":
                    return CORRECT;
                case "shear":
                    if (shearAllowed) {
                        return SHEAR;
                    }
                    break;
                default:
                    break;
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "--gantry-tilt takes "
                    + (shearAllowed ? "reject, shear or correct" : "reject or correct"));
        }
    }

    static SeriesVolumes.Options options(Tilt tilt, String stack) {
        return SeriesVolumes.Options.defaults().withAcceptTilt(tilt != Tilt.REJECT).withStack(stack);
    }

    /** The smallest stored value of a short volume (unsigned as 0..65535). */
    static double minimum(Volume v) {
        short[] a = v.shortArray();
        int mask = v.type() == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        int min = Integer.MAX_VALUE;
        for (short x : a) {
            min = Math.min(min, x & mask);
        }
        return min;
    }

    /**
     * Reads a volume from command-line inputs; what breaks it becomes one line naming the file
     * (or the frame of an enhanced file) and the problem.
     */
    static SeriesVolume readSeries(List<Path> inputs) throws IOException {
        return readSeries(inputs, SeriesVolumes.Options.defaults());
    }

    /**
     * Reads a volume with options (tilt, stack); an enhanced object with several stacks and none
     * chosen, or an unknown stack id, is one line listing the stacks.
     */
    static SeriesVolume readSeries(List<Path> inputs, SeriesVolumes.Options options) throws IOException {
        List<Path> files = SeriesVolumes.expand(inputs);
        if (files.isEmpty()) {
            throw new CliException(inputs.get(0) + ": no DICOM files");
        }
        List<DicomFile> read = new ArrayList<>(files.size());
        for (Path f : files) {
            read.add(Inputs.read(f, false, null));
        }
        try {
            return SeriesVolumes.of(read, options);
        } catch (IllegalArgumentException | UnsupportedDataException e) {
            if (files.size() == 1 && read.get(0).dataset().contains(Tags.PerFrameFunctionalGroupsSequence)
                    && (e instanceof IllegalArgumentException || ((UnsupportedDataException) e).tag() == Tags.StackID)) {
                StringBuilder list = new StringBuilder();
                for (FrameStack st : SeriesVolumes.stacks(read.get(0).dataset())) {
                    list.append(list.length() == 0 ? "" : ", ").append(st.id()).append(' ').append(st.orientation())
                            .append(' ').append(st.size()).append(" frames");
                }
                throw new CliException(files.get(0) + ": " + (options.stack() == null
                        ? "holds several stacks; choose one with --stack ID" : "no stack with that id")
                        + " (stacks: " + list + ")", e);
            }
            if (e instanceof UnsupportedDataException u) {
                throw new CliException(where(files, u) + ": does not form a volume: " + u.getMessage(), u);
            }
            throw e;
        } catch (ApertureException e) {
            throw new CliException(where(files, e) + ": does not form a volume: " + e.getMessage(), e);
        }
    }

    private static String where(List<Path> files, ApertureException e) {
        if (files.size() == 1) {
            return files.get(0) + (e.frame() >= 0 ? " frame " + e.frame() : "");
        } else if (e.frame() >= 0 && e.frame() < files.size()) {
            return files.get(e.frame()).toString();
        }
        return files.size() + " files";
    }

    /** A number in its shortest decimal form (1, 0.5, 2.25). */
    static String num(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }
}
