// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.screening.Decision;
import dev.aperture.screening.Programmes;
import dev.aperture.screening.ScreeningCase;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Thread CPU time and allocation per screening evaluation, per programme, measured in-process
 * with {@code ThreadMXBean} (which load on a shared machine inflates much less than
 * wall-clock time). Same {@value ScreeningBenchmark#CASES} distinct synthetic cases per programme
 * as {@link ScreeningBenchmark}, cycled; every evaluation validates and decides (nothing is
 * remembered between evaluations).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.ScreeningCpuTime [evaluations-per-round] [programme...]
 * </pre>
 *
 * <p>{@code -Dfresh=true} evaluates {@code withAsOf} copies (a new case object per evaluation,
 * same as-of date), which defeats any per-case memoisation (the code before this benchmark's
 * revision remembered validated cases). {@code -Dcases=N} changes the number of distinct cases.
 * {@code -Dparse=true} measures parse, evaluate and write of the decision JSON per case instead
 * (the work of {@code aperture screening evaluate} per case, as {@code parseEvaluateWrite}).
 *
 * <p>Prints, per programme, the thread CPU nanoseconds and bytes allocated per evaluation of the
 * last three of six rounds, and the evaluations per CPU-second they imply.
 */
public final class ScreeningCpuTime {
    private ScreeningCpuTime() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional evaluations per round (default 2,000,000), then programme ids (default all twelve and mixed)
     */
    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Programmes programmes = Programmes.standard();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            ids.add(args[i]);
        }
        if (ids.isEmpty()) {
            ids.addAll(programmes.ids());
            ids.add("mixed");
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        String[] all = programmes.ids().toArray(new String[0]);
        long sink = 0;
        boolean fresh = Boolean.getBoolean("fresh");
        boolean parse = Boolean.getBoolean("parse");
        for (String id : ids) {
            SplittableRandom rng = new SplittableRandom(20251128L);
            ScreeningCase[] cases = new ScreeningCase[Integer.getInteger("cases", ScreeningBenchmark.CASES)];
            LocalDate[] asOf = new LocalDate[cases.length];
            String[] texts = new String[cases.length];
            for (int i = 0; i < cases.length; i++) {
                String p = "mixed".equals(id) ? all[rng.nextInt(all.length)] : id;
                String json = ScreeningBenchmark.synthetic(rng, p, i);
                cases[i] = ScreeningCase.parse(json);
                texts[i] = json;
                int at = json.indexOf("\"asOf\":\"") + 8;
                asOf[i] = LocalDate.parse(json.substring(at, at + 10));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", id));
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long bytes0 = mx.getThreadAllocatedBytes(tid);
                int mask = cases.length - 1;
                for (int k = 0; k < perRound; k++) {
                    int i = k & mask;
                    if (parse) {
                        // What `aperture screening evaluate` does per case: parse, evaluate, write.
                        sink += programmes.evaluate(ScreeningCase.parse(texts[i])).toJson().length();
                        continue;
                    }
                    Decision d = programmes.evaluate(fresh ? cases[i].withAsOf(asOf[i]) : cases[i]);
                    sink += d.rationale().size();
                }
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                long bytes = mx.getThreadAllocatedBytes(tid) - bytes0;
                if (round >= 3) {
                    double ns = (double) cpu / perRound;
                    best = Math.min(best, ns);
                    line.append(String.format(Locale.ROOT, "  %6.1f ns %5.0f B", ns, (double) bytes / perRound));
                }
            }
            line.append(String.format(Locale.ROOT, "  -> %.1f M/s per core (best round)", 1_000.0 / best));
            System.out.println(line);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
