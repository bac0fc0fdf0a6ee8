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
    /** Alternatives, created on the first one (most decisions have none). */
    private List<Action> alsoConsider;
    /** The first rationale rows in fields, further ones in a list (most decisions have one or two). */
    private Rationale r0;
    private Rationale r1;
    private List<Rationale> more;

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
        if (r0 == null) {
            r0 = r;
        } else if (r1 == null) {
            r1 = r;
        } else {
            if (more == null) {
                more = new ArrayList<>(2);
            }
            more.add(r);
        }
        return this;
    }

    /** Adds an alternative the guideline names. */
    Out also(Action a) {
        if (alsoConsider == null) {
            alsoConsider = new ArrayList<>(3);
        }
        alsoConsider.add(a);
        return this;
    }

    private List<Rationale> rationale() {
        if (r0 == null) {
            return List.of();
        }
        if (r1 == null) {
            return List.of(r0);
        }
        if (more == null) {
            return List.of(r0, r1);
        }
        List<Rationale> all = new ArrayList<>(2 + more.size());
        all.add(r0);
        all.add(r1);
        all.addAll(more);
        return all;
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
                recallMonthsMin, recallMonthsMax, dueDate, dueDateLatest, discretionary,
                alsoConsider == null ? List.of() : alsoConsider, rationale(), List.of());
    }
}
