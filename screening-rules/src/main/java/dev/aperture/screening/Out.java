// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision being built by one evaluation (one instance per evaluation, one thread).
 * Due dates follow GUIDELINES.md §2.3: exam date plus calendar months, end-of-month clamped by
 * {@link LocalDate#plusMonths(long)}; never days.
 */
final class Out {
    private final String citation;
    String category;
    String secondaryCategory;
    Integer score;
    Action action;
    Integer recallMonths;
    Integer recallMonthsMin;
    Integer recallMonthsMax;
    LocalDate dueDate;
    LocalDate dueDateLatest;
    boolean discretionary;
    final List<Action> alsoConsider = new ArrayList<>(3);
    final List<Rationale> rationale = new ArrayList<>(3);

    Out(String citation) {
        this.citation = citation;
    }

    /** Shared rationale values: rule ids are unique across the built-in programmes. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Rationale> RATIONALE =
            new java.util.concurrent.ConcurrentHashMap<>();

    Out rule(String rowId) {
        Rationale r = RATIONALE.get(rowId);
        if (r == null || !r.citation().equals(citation)) {
            // Bounded: only the built-in row ids reach here (a few hundred at most).
            r = RATIONALE.computeIfAbsent(rowId, id -> new Rationale(id, citation));
            if (!r.citation().equals(citation)) {
                r = new Rationale(rowId, citation);
            }
        }
        rationale.add(r);
        return this;
    }

    Out decide(String cat, Action act) {
        this.category = cat;
        this.action = act;
        return this;
    }

    /** A single interval in months, counted from {@code from} (null: no dates). */
    Out months(int months, LocalDate from) {
        recallMonths = months;
        recallMonthsMin = months;
        recallMonthsMax = months;
        if (from != null) {
            dueDate = from.plusMonths(months);
            dueDateLatest = dueDate;
        }
        return this;
    }

    /** A range of months, counted from {@code from} (null: no dates). */
    Out range(int min, int max, LocalDate from) {
        recallMonths = min == max ? min : null;
        recallMonthsMin = min;
        recallMonthsMax = max;
        if (from != null) {
            dueDate = from.plusMonths(min);
            dueDateLatest = from.plusMonths(max);
        }
        return this;
    }

    /** Due now: both dates are {@code asOf}. */
    Out dueNow(LocalDate asOf) {
        dueDate = asOf;
        dueDateLatest = asOf;
        return this;
    }

    Decision build(CaseView v) {
        if (v.hasErrors()) {
            return Decision.invalid(v.id, v.program, v.errors());
        }
        return new Decision(v.id, v.program, category, secondaryCategory, score, action, recallMonths,
                recallMonthsMin, recallMonthsMax, dueDate, dueDateLatest, discretionary, alsoConsider, rationale,
                List.of());
    }
}
