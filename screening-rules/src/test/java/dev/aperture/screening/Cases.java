// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Test helpers: cases written as JSON with single quotes, and decision assertions. */
final class Cases {
    private Cases() {
    }

    /** Replaces single quotes by double quotes, so that JSON reads well inside Java strings. */
    static String q(String s) {
        return s.replace('\'', '"');
    }

    static Decision eval(String json) {
        return Programmes.standard().evaluate(ScreeningCase.parse(q(json)));
    }

    /** A case with the usual fields; {@code exam} and {@code findings} are JSON (null to omit). */
    static String json(String program, String asOf, String patient, String exam, String findings) {
        StringBuilder sb = new StringBuilder("{'id':'t','program':'").append(program).append("','asOf':'")
                .append(asOf).append("','patient':").append(patient);
        if (exam != null) {
            sb.append(",'exam':").append(exam);
        }
        if (findings != null) {
            sb.append(",'findings':[").append(findings).append(']');
        }
        return sb.append('}').toString();
    }

    static List<String> rules(Decision d) {
        return d.rationale().stream().map(Rationale::rule).toList();
    }

    static List<String> errorFields(Decision d) {
        return d.errors().stream().map(FieldError::field).toList();
    }

    static void assertValid(Decision d) {
        assertTrue(d.isValid(), () -> "errors: " + d.errors());
    }

    /** Category (null for none), action and rules. */
    static void assertDecision(Decision d, String category, Action action, String... rules) {
        assertValid(d);
        assertEquals(category, d.category().orElse(null), "category");
        assertEquals(action, d.action().orElse(null), "action");
        assertEquals(Arrays.asList(rules), rules(d), "rules");
    }

    static void assertRecall(Decision d, Integer min, Integer max, String due, String dueLatest) {
        assertEquals(min, d.recallMonthsMin().isPresent() ? d.recallMonthsMin().getAsInt() : null, "recallMonthsMin");
        assertEquals(max, d.recallMonthsMax().isPresent() ? d.recallMonthsMax().getAsInt() : null, "recallMonthsMax");
        Integer single = min != null && min.equals(max) ? min : null;
        assertEquals(single, d.recallMonths().isPresent() ? d.recallMonths().getAsInt() : null, "recallMonths");
        assertEquals(due == null ? null : LocalDate.parse(due), d.dueDate().orElse(null), "dueDate");
        assertEquals(dueLatest == null ? null : LocalDate.parse(dueLatest), d.dueDateLatest().orElse(null),
                "dueDateLatest");
    }

    static void assertNoRecall(Decision d) {
        assertRecall(d, null, null, null, null);
    }

    /** The errors name exactly these fields, in order, and every decision field is empty. */
    static void assertErrors(Decision d, String... fields) {
        assertEquals(Arrays.asList(fields), errorFields(d), () -> "errors: " + d.errors());
        assertTrue(d.category().isEmpty() && d.action().isEmpty() && d.recallMonthsMin().isEmpty()
                && d.dueDate().isEmpty() && d.rationale().isEmpty() && d.alsoConsider().isEmpty()
                && !d.discretionary() && d.score().isEmpty() && d.secondaryCategory().isEmpty());
    }
}
