// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.Tags;
import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.image.ByteSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.pixel.Window;
import dev.aperture.render.FrameImages;
import dev.aperture.volume.GantryTilt;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Mpr;
import dev.aperture.volume.Outside;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.SlabMode;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code aperture mpr IN... --out DIR [--plane axial|coronal|sagittal|all] [--slab MM --mode mip|minip|mean]
 * [--window C,W] [--gantry-tilt reject|correct] [--stack ID]}: PNGs of the central axial, coronal and
 * sagittal planes of a series.
 */
@Command(name = "mpr", mixinStandardHelpOptions = true, description = "Write PNGs of the central axial, coronal and sagittal planes (or slabs) of a "
        + "series (files, a folder, or one enhanced multi-frame file).")
final class MprCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "The files of one series, a folder, or one enhanced "
            + "multi-frame file.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for PLANE.png.")
    Path out;

    @Option(names = "--plane", paramLabel = "P", defaultValue = "all",
            description = "axial, coronal, sagittal or all (default).")
    String plane;

    @Option(names = "--slab", paramLabel = "MM", defaultValue = "0",
            description = "Slab thickness in mm around the central plane (default 0: a plain plane).")
    double slab;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "mip", description = "Slab mode: mip (default), minip "
            + "or mean.")
    String mode;

    @Option(names = "--window", paramLabel = "C,W",
            description = "Window center and width in modality units (default: the series' first window, or its range).")
    String window;

    @Option(names = "--gantry-tilt", paramLabel = "T", defaultValue = "reject",
            description = "A series with gantry/detector tilt: reject (default) or correct (resample onto an "
                    + "orthogonal grid that holds the whole volume before taking the planes).")
    String gantryTilt;

    @Option(names = "--stack", paramLabel = "ID",
            description = "The stack of an enhanced multi-frame object holding several.")
    String stack;

    @Override
    public Integer call() throws IOException {
        List<Mpr.Orientation> planes = switch (plane.toLowerCase(Locale.ROOT)) {
            case "axial" -> List.of(Mpr.Orientation.AXIAL);
            case "coronal" -> List.of(Mpr.Orientation.CORONAL);
            case "sagittal" -> List.of(Mpr.Orientation.SAGITTAL);
            case "all" -> List.of(Mpr.Orientation.AXIAL, Mpr.Orientation.CORONAL, Mpr.Orientation.SAGITTAL);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--plane takes axial, coronal, sagittal or all");
        };
        SlabMode slabMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "mip" -> SlabMode.MAX;
            case "minip" -> SlabMode.MIN;
            case "mean" -> SlabMode.MEAN;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--mode takes mip, minip or mean");
        };
        if (!(slab >= 0) || !Double.isFinite(slab)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--slab takes a thickness in mm, >= 0");
        }
        Window w = window == null ? null : parseWindow(spec, window);
        ResampleCommand.Tilt tilt = ResampleCommand.Tilt.parse(spec, gantryTilt, false);
        long t0 = System.nanoTime();
        SeriesVolume series = ResampleCommand.readSeries(inputs, ResampleCommand.options(tilt, stack));
        Files.createDirectories(out);
        List<String> entries = new ArrayList<>();
        try {
            Volume modality = series.modalityValues();
            if (series.tilted()) {
                modality = GantryTilt.correct(modality, true, Resampler.of(Kernel.LINEAR)
                        .withOutside(Outside.constant(minimum(modality))), ForkJoinPool.commonPool());
            }
            Window win = w != null ? w : defaultWindow(series, modality);
            for (Mpr.Orientation o : planes) {
                BufferedImage img = render(modality, o, slab, slabMode, win);
                String name = o.name().toLowerCase(Locale.ROOT);
                Path f = out.resolve(name + ".png");
                Files.write(f, FrameImages.png(img));
                entries.add("{\"plane\":\"" + name + "\",\"file\":\"" + json(f.toString()) + "\",\"rows\":"
                        + img.getHeight() + ",\"columns\":" + img.getWidth() + "}");
            }
        } catch (ApertureException e) {
            throw new CliException("mpr: " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        spec.commandLine().getOut().println("{\"planes\":[" + String.join(",", entries) + "],\"millis\":" + ms + "}");
        return 0;
    }

    private static double minimum(Volume floats) {
        float min = Float.POSITIVE_INFINITY;
        for (float f : floats.floatArray()) {
            min = Math.min(min, f);
        }
        return Float.isFinite(min) ? min : 0;
    }

    static Window parseWindow(CommandSpec spec, String text) {
        String[] cw = text.split(",");
        try {
            if (cw.length != 2) {
                throw new NumberFormatException();
            }
            return Window.of(Double.parseDouble(cw[0].strip()), Double.parseDouble(cw[1].strip()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--window takes C,W with a width of at least 1, e.g. 40,400");
        }
    }

    /** The series' first Window Center/Width, or the range of its values. */
    static Window defaultWindow(SeriesVolume series, Volume modality) {
        double[] c = series.header().doubles(Tags.WindowCenter);
        double[] wd = series.header().doubles(Tags.WindowWidth);
        if (c.length > 0 && wd.length > 0 && wd[0] >= 1) {
            return Window.of(c[0], wd[0]);
        }
        float[] v = modality.floatArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return Window.of((lo + hi) / 2, Math.max(1, hi - lo));
    }

    /**
     * Renders the central plane (or a slab around it) of a float volume through a window into an
     * 8-bit image; points outside the volume are black.
     */
    static BufferedImage render(Volume modality, Mpr.Orientation o, double slabMm, SlabMode mode, Window w) {
        VolumeGeometry g = modality.geometry();
        VolumeGeometry planeGrid = Mpr.plane(g, o);
        double black = w.center() - w.width(); // below the window: maps to 0
        Resampler r = Resampler.of(Kernel.LINEAR).withOutside(Outside.constant(black));
        Volume p;
        if (slabMm > 0) {
            double step = Math.min(g.spacingX(), Math.min(g.spacingY(), g.spacingZ()));
            p = r.slab(modality, planeGrid, slabMm, step, mode, ForkJoinPool.commonPool());
        } else {
            p = r.resample(modality, planeGrid, ForkJoinPool.commonPool());
        }
        float[] v = p.floatArray();
        int rows = planeGrid.rows();
        int cols = planeGrid.columns();
        byte[] grey = new byte[rows * cols];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) Math.round(w.apply(v[i], 0, 255));
        }
        return FrameImages.grey(new ByteSamples(grey, 0, grey.length), rows, cols);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
