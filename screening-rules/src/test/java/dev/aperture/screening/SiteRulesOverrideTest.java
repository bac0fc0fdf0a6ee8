// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A site rule table can override the action and the interval of every built-in programme, row by
 * row: for each of the twelve programmes, a table with one rule per row ID that fired on seeded
 * random cases (invented data) replaces action and interval, and the decision shows the site's
 * action, interval, due dates (exam date + months, or {@code asOf} without an exam) and the site
 * row appended to the rationale. A rule with an empty {@code when} overrides every decision of
 * its programme, and can clear the interval.
 */
class SiteRulesOverrideTest {
    private static final Action[] ACTIONS = {Action.SURVEILLANCE, Action.ROUTINE_SCREENING,
        Action.SHORT_INTERVAL_FOLLOW_UP, Action.SPECIALIST_REFERRAL};

    private record Valid(ScreeningCase c, Decision d) {
    }

    private static Map<String, List<Valid>> validCasesByProgramme() {
        RandomCases gen = new RandomCases(424242L);
        Map<String, List<Valid>> out = new LinkedHashMap<>();
        for (String id : Programmes.standard().ids()) {
            out.put(id, new ArrayList<>());
        }
        for (int i = 0; i < 6_000; i++) {
            ScreeningCase c = ScreeningCase.parse(gen.next(i));
            Decision d = Programmes.standard().evaluate(c);
            if (d.isValid()) {
                out.get(d.program().orElseThrow()).add(new Valid(c, d));
            }
        }
        return out;
    }

    @Test
    void everyFiredRowOfEveryProgrammeCanBeOverridden() {
        Map<String, List<Valid>> cases = validCasesByProgramme();
        StringBuilder table = new StringBuilder("{\"format\":\"aperture-site-rules\",\"formatVersion\":1,"
                + "\"site\":\"Override Clinic\",\"version\":\"1\",\"rules\":[");
        // Rule k: programme, row, action, min, max (in table order).
        List<String[]> rules = new ArrayList<>();
        for (Map.Entry<String, List<Valid>> e : cases.entrySet()) {
            List<String> rows = new ArrayList<>();
            for (Valid v : e.getValue()) {
                for (Rationale r : v.d().rationale()) {
                    if (!rows.contains(r.rule())) {
                        rows.add(r.rule());
                    }
                }
            }
            for (String row : rows) {
                int k = rules.size();
                int min = 1 + k % 18;
                int max = min + k % 3 * 6;
                rules.add(new String[] {e.getKey(), row, ACTIONS[k % ACTIONS.length].name(), "" + min, "" + max});
                table.append(k > 0 ? "," : "").append("{\"id\":\"SITE-").append(k).append("\",\"program\":\"")
                        .append(e.getKey()).append("\",\"when\":{\"firedRule\":[\"").append(row)
                        .append("\"]},\"then\":{\"action\":\"").append(ACTIONS[k % ACTIONS.length].name())
                        .append("\",\"recallMonthsMin\":").append(min).append(",\"recallMonthsMax\":").append(max)
                        .append("}}");
            }
        }
        table.append("]}");
        Programmes site = Programmes.standard().withSiteRules(
                SiteRules.parse(table.toString(), "override.json", Programmes.standard()));
        Map<String, Integer> overridden = new LinkedHashMap<>();
        for (Map.Entry<String, List<Valid>> e : cases.entrySet()) {
            for (Valid v : e.getValue()) {
                // The first rule in table order for this programme whose row fired.
                int k = -1;
                for (int j = 0; j < rules.size() && k < 0; j++) {
                    String[] r = rules.get(j);
                    if (r[0].equals(e.getKey()) && v.d().rationale().stream().anyMatch(x -> x.rule().equals(r[1]))) {
                        k = j;
                    }
                }
                String[] r = rules.get(k);
                Decision d = site.evaluate(v.c());
                int min = Integer.parseInt(r[3]);
                int max = Integer.parseInt(r[4]);
                assertEquals(Action.valueOf(r[2]), d.action().orElseThrow(), r[1]);
                assertEquals(min, d.recallMonthsMin().getAsInt(), r[1]);
                assertEquals(max, d.recallMonthsMax().getAsInt(), r[1]);
                assertEquals(min == max, d.recallMonths().isPresent(), r[1]);
                CaseView view = new CaseView(v.c(), e.getKey());
                LocalDate due = view.examDate == null ? view.asOf : view.examDate.plusMonths(min);
                LocalDate latest = view.examDate == null ? view.asOf : view.examDate.plusMonths(max);
                assertEquals(due, d.dueDate().orElseThrow(), r[1]);
                assertEquals(latest, d.dueDateLatest().orElseThrow(), r[1]);
                assertEquals(v.d().category(), d.category());
                List<Rationale> why = new ArrayList<>(v.d().rationale());
                why.add(new Rationale("SITE-" + k, "Override Clinic site rules 1"));
                assertEquals(why, d.rationale());
                overridden.merge(e.getKey(), 1, Integer::sum);
            }
        }
        assertEquals(Programmes.standard().ids(), new ArrayList<>(overridden.keySet()), "every programme overridden");
    }

    @Test
    void anEmptyWhenOverridesEveryDecisionOfItsProgrammeAndCanClearTheInterval() {
        Map<String, List<Valid>> cases = validCasesByProgramme();
        StringBuilder table = new StringBuilder("{\"format\":\"aperture-site-rules\",\"formatVersion\":1,"
                + "\"site\":\"Clear\",\"version\":\"2\",\"rules\":[");
        int k = 0;
        for (String id : cases.keySet()) {
            table.append(k++ > 0 ? "," : "").append("{\"id\":\"ALL-").append(id).append("\",\"program\":\"").append(id)
                    .append("\",\"when\":{},\"then\":{\"action\":\"INDIVIDUAL_DECISION\",\"recallMonths\":null,"
                            + "\"discretionary\":true,\"alsoConsider\":[\"PET_CT\"]}}");
        }
        table.append("]}");
        Programmes site = Programmes.standard().withSiteRules(SiteRules.parse(table.toString(), "clear.json",
                Programmes.standard()));
        int n = 0;
        for (Map.Entry<String, List<Valid>> e : cases.entrySet()) {
            assertTrue(!e.getValue().isEmpty(), e.getKey());
            for (Valid v : e.getValue()) {
                Decision d = site.evaluate(v.c());
                assertEquals(Action.INDIVIDUAL_DECISION, d.action().orElseThrow());
                assertTrue(d.recallMonthsMin().isEmpty() && d.dueDate().isEmpty() && d.dueDateLatest().isEmpty());
                assertTrue(d.discretionary());
                assertEquals(List.of(Action.PET_CT), d.alsoConsider());
                assertEquals("ALL-" + e.getKey(), d.rationale().get(d.rationale().size() - 1).rule());
                n++;
            }
        }
        assertTrue(n > 1_000, "cases: " + n);
    }
}
