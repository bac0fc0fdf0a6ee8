// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of evaluating one case: category, action, recall interval and dates, alternatives,
 * the rules that fired, and field-level errors (screening-case contract §4).
 *
 * <p>When {@link #errors()} is non-empty every decision field is empty, {@link #discretionary()}
 * is false and the lists are empty. Immutable and thread-safe.
 */
public final class Decision {
    private final String id;
    private final String program;
    private final String category;
    private final String secondaryCategory;
    private final Integer score;
    private final Action action;
    private final Integer recallMonths;
    private final Integer recallMonthsMin;
    private final Integer recallMonthsMax;
    private final LocalDate dueDate;
    private final LocalDate dueDateLatest;
    /** Due dates packed ({@link Dates}) by the typed paths, {@link #NO_DATE} otherwise; see {@link #due()}. */
    private final int duePacked;
    private final int dueLatestPacked;
    private final boolean discretionary;
    private final List<Action> alsoConsider;
    private final List<Rationale> rationale;
    private final List<FieldError> errors;

    // Package-private: decisions are made by programmes (and site rules) only.
    Decision(String id, String program, String category, String secondaryCategory, Integer score,
             Action action, Integer recallMonths, Integer recallMonthsMin, Integer recallMonthsMax,
             LocalDate dueDate, LocalDate dueDateLatest, boolean discretionary,
             List<Action> alsoConsider, List<Rationale> rationale, List<FieldError> errors) {
        this.id = id;
        this.program = program;
        this.category = category;
        this.secondaryCategory = secondaryCategory;
        this.score = score;
        this.action = action;
        this.recallMonths = recallMonths;
        this.recallMonthsMin = recallMonthsMin;
        this.recallMonthsMax = recallMonthsMax;
        this.dueDate = dueDate;
        this.dueDateLatest = dueDateLatest;
        this.duePacked = NO_DATE;
        this.dueLatestPacked = NO_DATE;
        this.discretionary = discretionary;
        this.alsoConsider = List.copyOf(alsoConsider);
        this.rationale = List.copyOf(rationale);
        this.errors = List.copyOf(errors);
    }

    /** No packed date. */
    static final int NO_DATE = -1;

    /**
     * A valid decision of a typed path: due dates packed ({@link Dates}, {@link #NO_DATE} when
     * none), turned into {@code LocalDate}s only when asked for; lists already immutable.
     */
    Decision(String id, String program, String category, Action action, Integer recallMonths,
             Integer recallMonthsMin, Integer recallMonthsMax, int duePacked, int dueLatestPacked,
             boolean discretionary, List<Action> alsoConsider, List<Rationale> rationale) {
        this.id = id;
        this.program = program;
        this.category = category;
        this.secondaryCategory = null;
        this.score = null;
        this.action = action;
        this.recallMonths = recallMonths;
        this.recallMonthsMin = recallMonthsMin;
        this.recallMonthsMax = recallMonthsMax;
        this.dueDate = null;
        this.dueDateLatest = null;
        this.duePacked = duePacked;
        this.dueLatestPacked = dueLatestPacked;
        this.discretionary = discretionary;
        this.alsoConsider = List.copyOf(alsoConsider);
        this.rationale = List.copyOf(rationale);
        this.errors = List.of();
    }

    private LocalDate due() {
        return dueDate != null ? dueDate : duePacked == NO_DATE ? null : Dates.toLocalDate(duePacked);
    }

    private LocalDate dueLatest() {
        return dueDateLatest != null ? dueDateLatest
                : dueLatestPacked == NO_DATE ? null : Dates.toLocalDate(dueLatestPacked);
    }

    static Decision invalid(String id, String program, List<FieldError> errors) {
        return new Decision(id, program, null, null, null, null, null, null, null, null, null, false,
                List.of(), List.of(), errors);
    }

    /** @return the echoed case id, if the case had a string id */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** @return the echoed programme id, if the case had a string program */
    public Optional<String> program() {
        return Optional.ofNullable(program);
    }

    /** @return the category as the guideline writes it ({@code "4A"}, {@code "C2"}, {@code "B"}, a row label) */
    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    /** @return BI-RADS breast composition or C-RADS extracolonic category */
    public Optional<String> secondaryCategory() {
        return Optional.ofNullable(secondaryCategory);
    }

    /** @return TI-RADS points */
    public OptionalInt score() {
        return score == null ? OptionalInt.empty() : OptionalInt.of(score);
    }

    /** @return the main action */
    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    /** @return the interval in months when the guideline gives a single value */
    public OptionalInt recallMonths() {
        return recallMonths == null ? OptionalInt.empty() : OptionalInt.of(recallMonths);
    }

    /** @return the shortest interval in months (equal to {@link #recallMonths()} for a single value) */
    public OptionalInt recallMonthsMin() {
        return recallMonthsMin == null ? OptionalInt.empty() : OptionalInt.of(recallMonthsMin);
    }

    /** @return the longest interval in months (equal to {@link #recallMonths()} for a single value) */
    public OptionalInt recallMonthsMax() {
        return recallMonthsMax == null ? OptionalInt.empty() : OptionalInt.of(recallMonthsMax);
    }

    /** @return exam date plus the shortest interval, or {@code asOf} when due now */
    public Optional<LocalDate> dueDate() {
        return Optional.ofNullable(due());
    }

    /** @return exam date plus the longest interval, or {@code asOf} when due now */
    public Optional<LocalDate> dueDateLatest() {
        return Optional.ofNullable(dueLatest());
    }

    /** @return true when the guideline words the main action as optional */
    public boolean discretionary() {
        return discretionary;
    }

    /** @return alternatives the guideline names alongside the main action (unmodifiable) */
    public List<Action> alsoConsider() {
        return alsoConsider;
    }

    /** @return the rules applied, in order (unmodifiable) */
    public List<Rationale> rationale() {
        return rationale;
    }

    /** @return the validation errors, empty when the case was valid (unmodifiable) */
    public List<FieldError> errors() {
        return errors;
    }

    /** @return true when there are no errors */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * Returns a copy with other recall fields, action and extra rationale (used by site rules).
     */
    Decision withOverride(Action newAction, Integer single, Integer min, Integer max, LocalDate due,
                          LocalDate dueLatest, boolean newDiscretionary, List<Action> newAlso,
                          List<Rationale> newRationale) {
        return new Decision(id, program, category, secondaryCategory, score, newAction, single, min, max,
                due, dueLatest, newDiscretionary, newAlso, newRationale, errors);
    }

    /**
     * The decision as one JSON object in the contract's field order (compact, UTF-16 text).
     *
     * @return the JSON text
     */
    public String toJson() {
        return appendJson(new StringBuilder(384)).toString();
    }

    /**
     * Appends {@link #toJson()} to a builder.
     *
     * @param sb the destination
     * @return {@code sb}
     */
    public StringBuilder appendJson(StringBuilder sb) {
        sb.append('{');
        JsonWriter.string(JsonWriter.key(sb, "id"), id).append(',');
        JsonWriter.string(JsonWriter.key(sb, "program"), program).append(',');
        JsonWriter.string(JsonWriter.key(sb, "category"), category).append(',');
        JsonWriter.string(JsonWriter.key(sb, "secondaryCategory"), secondaryCategory).append(',');
        JsonWriter.key(sb, "score").append(score).append(',');
        JsonWriter.string(JsonWriter.key(sb, "action"), action == null ? null : action.name()).append(',');
        JsonWriter.key(sb, "recallMonths").append(recallMonths).append(',');
        JsonWriter.key(sb, "recallMonthsMin").append(recallMonthsMin).append(',');
        JsonWriter.key(sb, "recallMonthsMax").append(recallMonthsMax).append(',');
        LocalDate due = due();
        LocalDate dueLatest = dueLatest();
        JsonWriter.string(JsonWriter.key(sb, "dueDate"), due == null ? null : due.toString()).append(',');
        JsonWriter.string(JsonWriter.key(sb, "dueDateLatest"), dueLatest == null ? null : dueLatest.toString())
                .append(',');
        JsonWriter.key(sb, "discretionary").append(discretionary).append(',');
        JsonWriter.key(sb, "alsoConsider").append('[');
        for (int i = 0; i < alsoConsider.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonWriter.string(sb, alsoConsider.get(i).name());
        }
        sb.append("],");
        JsonWriter.key(sb, "rationale").append('[');
        for (int i = 0; i < rationale.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            JsonWriter.string(JsonWriter.key(sb, "rule"), rationale.get(i).rule()).append(',');
            JsonWriter.string(JsonWriter.key(sb, "citation"), rationale.get(i).citation()).append('}');
        }
        sb.append("],");
        JsonWriter.key(sb, "errors").append('[');
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            JsonWriter.string(JsonWriter.key(sb, "field"), errors.get(i).field()).append(',');
            JsonWriter.string(JsonWriter.key(sb, "message"), errors.get(i).message()).append('}');
        }
        return sb.append("]}");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && toJson().equals(d.toJson());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, program, category, action, recallMonthsMin, due(), rationale, errors);
    }

    @Override
    public String toString() {
        // Category, action and rules only: no id, no dates (they can identify a patient).
        return "Decision[" + program + " " + category + " " + action + " " + rationale.size() + " rules, "
                + errors.size() + " errors]";
    }
}
