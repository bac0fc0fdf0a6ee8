// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonWriter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.rank.PSquarePercentile;

/**
 * Counts by status and by programme, and the distribution of overdue days, of one worklist run.
 * Built in constant memory whatever the population size: Commons Math {@link SummaryStatistics}
 * for count, mean, standard deviation, minimum and maximum, and the P-square estimator
 * ({@link PSquarePercentile}) for the median and 90th percentile.
 *
 * <p>Immutable and thread-safe once returned by {@link Worklist}.
 */
public final class WorklistSummary {
    private final long total;
    private final Map<WorklistStatus, Long> byStatus;
    private final Map<String, Map<WorklistStatus, Long>> byProgramme;
    private final long overdueCount;
    private final double overdueMean;
    private final double overdueStdDev;
    private final double overdueMin;
    private final double overdueMax;
    private final double overdueMedian;
    private final double overdueP90;

    private WorklistSummary(Accumulator a) {
        this.total = a.total;
        EnumMap<WorklistStatus, Long> s = new EnumMap<>(WorklistStatus.class);
        for (WorklistStatus st : WorklistStatus.values()) {
            s.put(st, a.byStatus[st.ordinal()]);
        }
        this.byStatus = Collections.unmodifiableMap(s);
        Map<String, Map<WorklistStatus, Long>> bp = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : a.byProgramme.entrySet()) {
            EnumMap<WorklistStatus, Long> m = new EnumMap<>(WorklistStatus.class);
            for (WorklistStatus st : WorklistStatus.values()) {
                if (e.getValue()[st.ordinal()] > 0) {
                    m.put(st, e.getValue()[st.ordinal()]);
                }
            }
            bp.put(e.getKey(), Collections.unmodifiableMap(m));
        }
        this.byProgramme = Collections.unmodifiableMap(bp);
        SummaryStatistics st = a.overdue;
        this.overdueCount = st.getN();
        boolean any = st.getN() > 0;
        this.overdueMean = any ? st.getMean() : Double.NaN;
        this.overdueStdDev = any ? st.getStandardDeviation() : Double.NaN;
        this.overdueMin = any ? st.getMin() : Double.NaN;
        this.overdueMax = any ? st.getMax() : Double.NaN;
        this.overdueMedian = any ? a.median.getResult() : Double.NaN;
        this.overdueP90 = any ? a.p90.getResult() : Double.NaN;
    }

    /** @return the number of records */
    public long total() {
        return total;
    }

    /** @return counts for every status (unmodifiable, all statuses present) */
    public Map<WorklistStatus, Long> byStatus() {
        return byStatus;
    }

    /**
     * Count of one status.
     *
     * @param status the status
     * @return the count
     */
    public long count(WorklistStatus status) {
        return byStatus.get(status);
    }

    /** @return per programme id (sorted; "(unknown)" for records without a known programme), non-zero counts by status */
    public Map<String, Map<WorklistStatus, Long>> byProgramme() {
        return byProgramme;
    }

    /** @return the number of overdue records */
    public long overdueCount() {
        return overdueCount;
    }

    /** @return mean days overdue (NaN when none) */
    public double overdueMeanDays() {
        return overdueMean;
    }

    /** @return standard deviation of days overdue (NaN when none) */
    public double overdueStdDevDays() {
        return overdueStdDev;
    }

    /** @return fewest days overdue (NaN when none) */
    public double overdueMinDays() {
        return overdueMin;
    }

    /** @return most days overdue (NaN when none) */
    public double overdueMaxDays() {
        return overdueMax;
    }

    /** @return estimated median days overdue (P-square; exact for up to 5 values; NaN when none) */
    public double overdueMedianDays() {
        return overdueMedian;
    }

    /** @return estimated 90th percentile of days overdue (P-square; NaN when none) */
    public double overdueP90Days() {
        return overdueP90;
    }

    /** @return the summary as one JSON object */
    public String toJson() {
        StringBuilder sb = new StringBuilder(512).append('{');
        JsonWriter.key(sb, "total").append(total).append(',');
        JsonWriter.key(sb, "byStatus").append('{');
        boolean first = true;
        for (Map.Entry<WorklistStatus, Long> e : byStatus.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonWriter.key(sb, e.getKey().name()).append(e.getValue());
        }
        sb.append("},");
        JsonWriter.key(sb, "byProgram").append('{');
        first = true;
        for (Map.Entry<String, Map<WorklistStatus, Long>> e : byProgramme.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonWriter.key(sb, e.getKey()).append('{');
            boolean f2 = true;
            for (Map.Entry<WorklistStatus, Long> c : e.getValue().entrySet()) {
                if (!f2) {
                    sb.append(',');
                }
                f2 = false;
                JsonWriter.key(sb, c.getKey().name()).append(c.getValue());
            }
            sb.append('}');
        }
        sb.append("},");
        JsonWriter.key(sb, "overdueDays").append('{');
        JsonWriter.key(sb, "count").append(overdueCount).append(',');
        JsonWriter.key(sb, "mean").append(num(overdueMean)).append(',');
        JsonWriter.key(sb, "stdDev").append(num(overdueStdDev)).append(',');
        JsonWriter.key(sb, "min").append(num(overdueMin)).append(',');
        JsonWriter.key(sb, "median").append(num(overdueMedian)).append(',');
        JsonWriter.key(sb, "p90").append(num(overdueP90)).append(',');
        JsonWriter.key(sb, "max").append(num(overdueMax));
        return sb.append("}}").toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "null";
        }
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    @Override
    public String toString() {
        return "WorklistSummary" + toJson();
    }

    /** Mutable accumulator for one run (one thread). */
    static final class Accumulator {
        long total;
        final long[] byStatus = new long[WorklistStatus.values().length];
        final Map<String, long[]> byProgramme = new TreeMap<>();
        final SummaryStatistics overdue = new SummaryStatistics();
        final PSquarePercentile median = new PSquarePercentile(50);
        final PSquarePercentile p90 = new PSquarePercentile(90);

        void add(WorklistEntry e) {
            total++;
            int s = e.status().ordinal();
            byStatus[s]++;
            String p = e.decision().program().orElse("(unknown)");
            long[] counts = byProgramme.get(p);
            if (counts == null) {
                // Bounded: only programme ids that evaluated are keys; unknown ones share one key.
                if (e.status() == WorklistStatus.INVALID && !Programmes.standard().get(p).isPresent()) {
                    p = "(unknown)";
                    counts = byProgramme.get(p);
                }
                if (counts == null) {
                    counts = new long[WorklistStatus.values().length];
                    byProgramme.put(p, counts);
                }
            }
            counts[s]++;
            if (e.status() == WorklistStatus.OVERDUE) {
                double d = e.overdueDays();
                overdue.addValue(d);
                median.increment(d);
                p90.increment(d);
            }
        }

        WorklistSummary build() {
            return new WorklistSummary(this);
        }
    }
}
