// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.json.DicomJson;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aperture demo}: runs each capability on the bundled samples and prints a summary. */
@Command(name = "demo", description = "Run every capability on the bundled sample files and print a summary.")
final class DemoCommand implements Callable<Integer> {

    /** The bundled samples (examples/src/main/resources/samples, see MANIFEST.md there). */
    static final List<String> SAMPLES = List.of("CT_small.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm",
            "MR_small_RLE.dcm", "SC_rgb_rle_2frame.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jpeg_gdcm.dcm",
            "SC_rgb_jpeg_dcmtk.dcm");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("aperture-demo");
        try {
            out.println("Aperture demo: read, dump (DICOM JSON) and decode the bundled samples");
            out.printf(Locale.ROOT, "%-30s %-36s %-9s %-6s %-12s %8s %s%n", "file", "transfer syntax", "size",
                    "frames", "photometric", "decode", "stored-value range");
            int failures = 0;
            for (String name : SAMPLES) {
                Path f = extract(name, dir);
                failures += summarize(f, name, out) ? 0 : 1;
            }
            out.println();
            out.println(failures == 0 ? "all samples decoded" : failures + " sample(s) not decoded (see above)");
            out.println();
            CodecDemo.run(out, dir.resolve("CT_small.dcm"), Path.of(System.getProperty("java.io.tmpdir"), "aperture-demo"));
            out.println();
            MprDemo.run(out, Path.of(System.getProperty("java.io.tmpdir"), "aperture-demo-mpr"));
            out.println();
            ScreeningDemo.run(out);
            return 0;
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Path extract(String name, Path dir) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new CliException("bundled sample " + name + " is missing from the jar");
            }
            Files.copy(in, f);
        }
        return f;
    }

    private static boolean summarize(Path f, String name, PrintWriter out) throws IOException {
        DicomFile file = DicomReader.standard().read(f);
        int elements = DicomJson.standard().write(file.dataset()).split("\"vr\"", -1).length - 1;
        String ts = file.transferSyntax().name();
        try {
            PixelFrames frames = PixelFrames.of(file);
            ImageDescriptor image = frames.image();
            Samples samples = frames.allocateAll();
            long t0 = System.nanoTime();
            List<DecodedFrame> done = frames.decodeAll(samples, ForkJoinPool.commonPool());
            double ms = (System.nanoTime() - t0) / 1e6;
            long[] range = range(samples, image.signed());
            out.printf(Locale.ROOT, "%-30s %-36.36s %-9s %-6d %-12s %6.1fms [%d, %d]  (%d JSON elements)%n", name, ts,
                    image.columns() + "x" + image.rows(), frames.frameCount(), done.get(0).photometric().code(), ms,
                    range[0], range[1], elements);
            return true;
        } catch (ApertureException e) {
            out.printf(Locale.ROOT, "%-30s %-36.36s not decoded: %s  (%d JSON elements)%n", name, ts, e.getMessage(),
                    elements);
            return false;
        }
    }

    private static long[] range(Samples s, boolean signed) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = s.offset(); i < s.offset() + s.length(); i++) {
            long v;
            if (s instanceof ByteSamples b) {
                v = b.array()[i] & 0xFF;
            } else if (s instanceof ShortSamples b) {
                v = signed ? b.array()[i] : b.array()[i] & 0xFFFF;
            } else if (s instanceof IntSamples b) {
                v = signed ? b.array()[i] : b.array()[i] & 0xFFFFFFFFL;
            } else {
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new long[] {min, max};
    }
}
