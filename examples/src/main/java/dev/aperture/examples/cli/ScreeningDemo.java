// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.screening.Programmes;
import dev.aperture.screening.Worklist;
import dev.aperture.screening.WorklistStatus;
import dev.aperture.screening.WorklistSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

/** The screening part of {@code aperture demo}: the worklist summary of a bundled synthetic population. */
final class ScreeningDemo {
    /** The bundled population (synthetic: no real patients). */
    static final String POPULATION = "/screening/synthetic-population.jsonl";
    /** The date the demo evaluates the population at. */
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

    private ScreeningDemo() {
    }

    static void run(PrintWriter out) {
        Programmes programmes = Programmes.standard();
        WorklistSummary s;
        try (InputStream in = ScreeningDemo.class.getResourceAsStream(POPULATION)) {
            if (in == null) {
                throw new CliException("screening demo: bundled population " + POPULATION + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            s = Worklist.of(programmes, AS_OF).run(r, POPULATION, e -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("screening: " + programmes.all().size() + " programmes; worklist of " + s.total()
                + " synthetic patients at " + AS_OF);
        StringBuilder sb = new StringBuilder("  status:");
        for (Map.Entry<WorklistStatus, Long> e : s.byStatus().entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        out.println(sb);
        if (s.overdueCount() > 0) {
            out.printf(java.util.Locale.ROOT, "  overdue days: n=%d mean=%.1f median~%.0f p90~%.0f max=%.0f%n",
                    s.overdueCount(), s.overdueMeanDays(), s.overdueMedianDays(), s.overdueP90Days(),
                    s.overdueMaxDays());
        }
        for (Map.Entry<String, Map<WorklistStatus, Long>> e : s.byProgramme().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue());
        }
    }
}
