// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paired comparison for a noisy shared machine: for each benchmark frame, alternates timed
 * rounds of Aperture (in this warm JVM) with runs of the native CharLS harness
 * ({@code benchmarks/native/charls_bench}), several times, and prints the best round of each.
 * Each alternation gives both sides five counted rounds of 0.25 s for decoding and five for
 * encoding (charls_bench discards a sixth, first round as warm-up), so both get the same chances
 * at a quiet moment. Both sides count CPU time, not wall time (this thread's, through
 * {@link ThreadMXBean}; charls_bench its process's), so that time spent descheduled on the shared
 * machine counts against neither. The RGB frame is coded twice: line interleaved (what the SPI
 * writes by default) and sample interleaved ({@code us640x480rgb/ilv2}).
 *
 * <pre>
 * gcc -O2 -o /tmp/charls_bench benchmarks/native/charls_bench.c -lcharls
 * java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.JpegLsBenchData /tmp/jlsbench
 * java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.JpegLsVersusCharLs /tmp/charls_bench /tmp/jlsbench 8
 * java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.JpegLsVersusCharLs /tmp/charls_bench /tmp/jlsbench 4 ct512x12
 * </pre>
 */
public final class JpegLsVersusCharLs {

    private JpegLsVersusCharLs() {
    }

    /**
     * Runs the comparison.
     *
     * @param args path of charls_bench, folder of the raw frames, number of alternations, and
     *     optionally a comma-separated list of the frames to run (e.g. {@code ct512x12,us640x480rgb/ilv2})
     * @throws Exception if the native harness cannot be run
     */
    public static void main(String[] args) throws Exception {
        String nativeBench = args[0];
        Path dir = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        CodecProvider p = ServiceLoader.load(CodecProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals("aperture-jpegls")).findFirst().orElseThrow();
        FrameDecoder dec = p.decoder("1.2.840.10008.1.2.4.80").orElseThrow();
        FrameEncoder enc = p.encoder("1.2.840.10008.1.2.4.80").orElseThrow();
        Pattern out = Pattern.compile("decode ([0-9.]+) Mpixel/s, encode ([0-9.]+) Mpixel/s");
        System.out.println("frame | Aperture decode | CharLS decode | ratio | Aperture encode | CharLS encode | ratio"
                + " (best Mpixel/s of CPU time)");
        String[] labels = args.length > 3 ? args[3].split(",")
                : new String[] {"ct512x16", "ct512x12", "ct2048x12", "mg3328x4096x14", "us640x480rgb", "us640x480rgb/ilv2"};
        for (String label : labels) {
            String name = label.replace("/ilv2", "");
            int ilv = label.endsWith("/ilv2") ? 2 : 1;
            JpegLsBenchData.Frame f = JpegLsBenchData.frame(name);
            ImageDescriptor d = f.image();
            Samples src = f.samples() instanceof byte[] b ? ByteSamples.of(b) : ShortSamples.of((short[]) f.samples());
            Samples dst = Samples.allocate(d, 1);
            EncodeOptions options = EncodeOptions.DEFAULT.withJpegLsInterleave(ilv);
            ByteBuffer coded = ByteBuffer.wrap(enc.encode(src, d, options).bytes());
            time(() -> dec.decode(coded, d, dst), 3.0, d);   // warm-up
            time(() -> enc.encode(src, d, options), 3.0, d);
            double[] best = new double[4];
            for (int r = 0; r < rounds; r++) {
                // the same rounds as charls_bench makes: five counted rounds of 0.25 s each
                for (int i = 0; i < 5; i++) {
                    best[0] = Math.max(best[0], time(() -> dec.decode(coded, d, dst), 0.25, d));
                }
                for (int i = 0; i < 5; i++) {
                    best[2] = Math.max(best[2], time(() -> enc.encode(src, d, options), 0.25, d));
                }
                String line = run(nativeBench, dir.resolve(name + ".raw").toString(), "" + d.columns(), "" + d.rows(),
                        "" + d.bitsStored(), "" + d.samplesPerPixel(), d.samplesPerPixel() > 1 ? "" + ilv : "0", "0.25");
                Matcher m = out.matcher(line);
                if (!m.find()) {
                    throw new IllegalStateException("unexpected output: " + line);
                }
                best[1] = Math.max(best[1], Double.parseDouble(m.group(1)));
                best[3] = Math.max(best[3], Double.parseDouble(m.group(2)));
            }
            System.out.printf("%s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f%n", label, best[0], best[1], best[0] / best[1],
                    best[2], best[3], best[2] / best[3]);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Mpixel per second of this thread's CPU time, over at least {@code seconds} of it. */
    private static double time(Runnable r, double seconds, ImageDescriptor d) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        long t;
        do {
            r.run();
            n++;
            t = THREADS.getCurrentThreadCpuTime();
        } while (t - t0 < seconds * 1e9);
        return n * (double) d.pixelsPerFrame() / ((t - t0) / 1e9) / 1e6;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s;
        try (InputStream in = pr.getInputStream()) {
            s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        pr.waitFor();
        return s;
    }
}
