// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties: more risk never means a later recall; due date = exam date + calendar months
 * (end-of-month clamped); evaluation is deterministic and gives identical results from many
 * threads.
 */
class ScreeningProperties {
    private static final Programmes P = Programmes.standard();

    /**
     * Months until the next action: 0 for act-now actions, the shortest interval otherwise,
     * and "never" for no follow-up.
     */
    static int horizon(Decision d) {
        assertTrue(d.isValid(), () -> d.errors().toString());
        if (d.recallMonthsMin().isPresent()) {
            return d.recallMonthsMin().getAsInt();
        }
        Action a = d.action().orElseThrow();
        if (a == Action.NO_FOLLOW_UP || a == Action.ROUTINE_SCREENING) {
            return Integer.MAX_VALUE;
        }
        return 0;
    }

    static String tenths(int t) {
        return (t / 10) + "." + (t % 10);
    }

    static Decision lung(String status, String composition, int dTenths, int sTenths) {
        String kind = "baseline".equals(status) ? "baseline" : "annual";
        String nodule = "{'kind':'lung-nodule','composition':'" + composition + "','meanDiameterMm':" + tenths(dTenths)
                + ("part-solid".equals(composition) ? ",'solidComponentMm':" + tenths(sTenths) : "")
                + ",'status':'" + status + "'}";
        return Cases.eval(Cases.json("lung-rads-2022", "2025-02-10", "{'birthDate':'1958-07-04','sex':'male'}",
                "{'date':'2025-01-31','kind':'" + kind + "'}", nodule));
    }

    @Property(tries = 300)
    void largerSolidNoduleNeverGetsALaterRecall(@ForAll("lungStatus") String status,
                                                @ForAll @IntRange(min = 0, max = 400) int a,
                                                @ForAll @IntRange(min = 0, max = 400) int b) {
        int small = Math.min(a, b);
        int large = Math.max(a, b);
        assertTrue(horizon(lung(status, "solid", large, 0)) <= horizon(lung(status, "solid", small, 0)),
                () -> status + " " + small + " vs " + large);
    }

    @Property(tries = 300)
    void largerPartSolidNoduleNeverGetsALaterRecall(@ForAll("lungStatus") String status,
                                                    @ForAll @IntRange(min = 0, max = 300) int d,
                                                    @ForAll @IntRange(min = 0, max = 300) int s1,
                                                    @ForAll @IntRange(min = 0, max = 300) int s2) {
        int lo = Math.min(s1, s2);
        int hi = Math.max(s1, s2);
        Assume.that(hi <= d);
        assertTrue(horizon(lung(status, "part-solid", d, hi)) <= horizon(lung(status, "part-solid", d, lo)));
        if (d < 300) {
            assertTrue(horizon(lung(status, "part-solid", d + 1, lo)) <= horizon(lung(status, "part-solid", d, lo)));
        }
    }

    @Provide
    Arbitrary<String> lungStatus() {
        return Arbitraries.of("baseline", "new", "growing");
    }

    @Property(tries = 200)
    void largerFleischnerNoduleNeverGetsALaterRecall(@ForAll @IntRange(min = 0, max = 300) int a,
                                                     @ForAll @IntRange(min = 0, max = 300) int b,
                                                     @ForAll boolean high, @ForAll boolean single) {
        int small = Math.min(a, b);
        int large = Math.max(a, b);
        assertTrue(horizon(fleischner(large, high, single)) <= horizon(fleischner(small, high, single)));
    }

    static Decision fleischner(int dTenths, boolean high, boolean single) {
        return Cases.eval(Cases.json("fleischner-2017", "2025-03-20", "{'birthDate':'1966-11-02','sex':'female',"
                        + "'lungCancerRisk':'" + (high ? "high" : "low") + "'}", "{'date':'2025-03-15','kind':'incidental'}",
                "{'kind':'pulmonary-nodule','composition':'solid','meanDiameterMm':" + tenths(dTenths)
                        + ",'multiplicity':'" + (single ? "single" : "multiple") + "'}"));
    }

    @Property(tries = 100)
    void higherBiRadsAssessmentNeverALongerInterval(@ForAll @IntRange(min = 0, max = 7) int i,
                                                    @ForAll @IntRange(min = 0, max = 7) int j,
                                                    @ForAll("pbMonth") int month) {
        String[] order = {"1", "2", "3", "4", "4A", "4B", "4C", "5"};
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        assertTrue(horizon(biRads(order[hi], month)) <= horizon(biRads(order[lo], month)),
                () -> order[lo] + " vs " + order[hi]);
    }

    @Provide
    Arbitrary<Integer> pbMonth() {
        return Arbitraries.of(0, 6, 12, 24);
    }

    static Decision biRads(String assessment, int month) {
        return Cases.eval(Cases.json("bi-rads-5", "2025-03-20", "{'birthDate':'1966-11-02','sex':'female'}",
                "{'date':'2025-03-15'}", "{'kind':'breast-assessment','assessment':'" + assessment + "'"
                        + ("3".equals(assessment) ? ",'probablyBenignMonth':" + month : "") + "}")
                .replace("}]}", "}],\"options\":{\"routineIntervalMonths\":24}}"));
    }

    @Property(tries = 200)
    void largerAorticDiameterNeverGetsALaterRecall(@ForAll @IntRange(min = 0, max = 800) int a,
                                                   @ForAll @IntRange(min = 0, max = 800) int b) {
        int small = Math.min(a, b);
        int large = Math.max(a, b);
        assertTrue(horizon(aaa(large)) <= horizon(aaa(small)));
    }

    static Decision aaa(int hundredths) {
        return Cases.eval(Cases.json("aaa-svs-2018", "2025-03-20", "{'birthDate':'1950-01-01','sex':'male'}",
                "{'date':'2025-01-31'}", "{'kind':'aorta','maxDiameterCm':" + (hundredths / 100) + "."
                        + String.format("%02d", hundredths % 100) + "}"));
    }

    @Property(tries = 300)
    void dueDateIsExamDatePlusCalendarMonthsClamped(@ForAll @LongRange(min = 16000, max = 20000) long epochDay,
                                                    @ForAll @IntRange(min = -350, max = 100) int tHundredths) {
        LocalDate exam = LocalDate.ofEpochDay(epochDay);
        String t = (tHundredths < 0 ? "-" : "") + Math.abs(tHundredths) / 100 + "."
                + String.format("%02d", Math.abs(tHundredths) % 100);
        Decision d = Cases.eval(Cases.json("dxa-gourlay-2012", exam.plusDays(3).toString(),
                "{'birthDate':'1940-01-01','sex':'female'}", "{'date':'" + exam + "'}", "{'kind':'bmd','tScore':" + t + "}"));
        Assume.that(d.recallMonthsMin().isPresent());
        int months = d.recallMonthsMin().getAsInt();
        LocalDate due = d.dueDate().orElseThrow();
        // Same day of month, or the last day when the target month is shorter; never a day count.
        LocalDate firstOfTarget = exam.withDayOfMonth(1).plusMonths(months);
        assertEquals(firstOfTarget.withDayOfMonth(Math.min(exam.getDayOfMonth(), firstOfTarget.lengthOfMonth())), due);
        assertEquals(due, d.dueDateLatest().orElseThrow());
        assertTrue(months == 12 || months == 60 || months == 180);
    }

    @Property(tries = 100)
    void rangesKeepBothEndsFromTheExamDate(@ForAll @LongRange(min = 16000, max = 20000) long epochDay,
                                           @ForAll @IntRange(min = 55, max = 84) int dTenths) {
        LocalDate exam = LocalDate.ofEpochDay(epochDay);
        Decision d = Cases.eval(Cases.json("fleischner-2017", exam.toString(),
                "{'birthDate':'1950-01-01','sex':'male','lungCancerRisk':'low'}",
                "{'date':'" + exam + "','kind':'incidental'}",
                "{'kind':'pulmonary-nodule','composition':'solid','meanDiameterMm':" + tenths(dTenths)
                        + ",'multiplicity':'single'}"));
        assertTrue(d.recallMonths().isEmpty());
        assertEquals(exam.plusMonths(6), d.dueDate().orElseThrow());
        assertEquals(exam.plusMonths(12), d.dueDateLatest().orElseThrow());
    }

    @Property(tries = 50)
    void evaluationIsDeterministic(@ForAll long seed) {
        RandomCases gen = new RandomCases(seed);
        for (int i = 0; i < 20; i++) {
            String json = gen.next(i);
            String first = P.evaluate(ScreeningCase.parse(json)).toJson();
            assertEquals(first, P.evaluate(ScreeningCase.parse(json)).toJson());
            assertEquals(first, P.evaluate(ScreeningCase.parse(json)).toJson());
        }
    }

    @Property(tries = 3)
    void identicalResultsUnderConcurrentEvaluation(@ForAll long seed) throws Exception {
        RandomCases gen = new RandomCases(seed);
        List<ScreeningCase> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ScreeningCase c = ScreeningCase.parse(gen.next(i));
            cases.add(c);
            expected.add(P.evaluate(c).toJson());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                final int offset = t * 25;
                futures.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>(cases.size());
                    for (int k = 0; k < cases.size(); k++) {
                        out.add(null);
                    }
                    // Each thread walks the shared cases from a different start.
                    for (int k = 0; k < cases.size(); k++) {
                        int idx = (k + offset) % cases.size();
                        out.set(idx, P.evaluate(cases.get(idx)).toJson());
                    }
                    return out;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertEquals(expected, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
