// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Paired baseline-decode comparison for a loaded machine: for each {@link JpegBenchmark} data set,
 * Aperture's decoder and the JDK's ImageIO reader run in alternating rounds in one thread, and
 * each round is timed in thread CPU time; the best round of each is reported, in Mpixel per
 * CPU-second, with the ratio. CPU time leaves out the time the thread waits for a core, so the
 * ratio holds up better than JMH's wall-clock figures when other processes compete.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.JpegBaselineCpuTime
 * [rounds] [data sets...]} (defaults: 6 rounds; grey512 rgb420 rgb444 rgb512 mammo8).
 */
public final class JpegBaselineCpuTime {
    private JpegBaselineCpuTime() {
    }

    /**
     * Runs the comparison and prints one line per data set.
     *
     * @param args optional round count, then data set names
     * @throws Exception if a data set cannot be prepared
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        String[] sets = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"grey512", "rgb420", "rgb444", "rgb512", "mammo8"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String set : sets) {
            JpegBenchmark[] b = new JpegBenchmark[2];
            String[] names = {"aperture", "reference"};
            double[] best = new double[2];
            for (int i = 0; i < 2; i++) {
                b[i] = new JpegBenchmark();
                b[i].data = set;
                b[i].decoder = names[i];
                b[i].setUp();
            }
            JpegBenchmark.Pixels counter = new JpegBenchmark.Pixels();
            for (int r = -2; r < rounds; r++) {
                for (int i = 0; i < 2; i++) {
                    counter.pixels = 0;
                    long t0 = mx.getCurrentThreadCpuTime();
                    long t;
                    do {
                        b[i].decode(counter);
                        t = mx.getCurrentThreadCpuTime() - t0;
                    } while (t < 400_000_000L);
                    double mpix = counter.pixels / (t / 1e9) / 1e6;
                    if (r >= 0) {
                        best[i] = Math.max(best[i], mpix);
                    }
                }
            }
            System.out.printf("%-8s aperture %7.1f  imageio %7.1f  ratio %.2f%n", set, best[0], best[1],
                    best[0] / best[1]);
        }
    }
}
