// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worklist statuses, summary statistics, and streaming of a generated population. */
class WorklistTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

    static String aaa(String id, String examDate, String cm) {
        return q("{'id':'" + id + "','program':'aaa-svs-2018','patient':{'birthDate':'1950-01-01','sex':'male'},"
                + "'exam':{'date':'" + examDate + "'},'findings':[{'kind':'aorta','maxDiameterCm':" + cm + "}]}");
    }

    @Test
    void statusesAndOverdueDays() throws IOException {
        String pop = String.join("\n",
                aaa("due-today", "2024-06-30", "4.2"),        // 12 months: due 2025-06-30
                aaa("overdue", "2024-05-31", "4.2"),          // due 2025-05-31: 30 days overdue
                aaa("not-yet", "2025-01-31", "4.2"),          // due 2026-01-31
                aaa("normal", "2025-01-31", "2.0"),           // no follow-up
                aaa("refer", "2025-01-31", "6.0"),            // act now
                "",                                           // blank lines are skipped
                "{not json",
                "[1]",
                aaa("future-exam", "2025-07-01", "4.2"),      // exam after the worklist date: invalid
                q("{'id':'uo','program':'uspstf-osteoporosis-2025','patient':{'birthDate':'1950-01-01','sex':'male'}}"),
                q("{'id':'x','program':'nope','patient':{}}"));
        List<WorklistEntry> entries = new ArrayList<>();
        WorklistSummary s = Worklist.of(Programmes.standard(), AS_OF)
                .run(new BufferedReader(new StringReader(pop)), "pop.jsonl", entries::add);
        List<WorklistStatus> statuses = entries.stream().map(WorklistEntry::status).toList();
        assertEquals(List.of(WorklistStatus.DUE, WorklistStatus.OVERDUE, WorklistStatus.NOT_YET_DUE,
                WorklistStatus.NOT_ELIGIBLE, WorklistStatus.DUE, WorklistStatus.INVALID, WorklistStatus.INVALID,
                WorklistStatus.INVALID, WorklistStatus.NO_SCHEDULE, WorklistStatus.INVALID), statuses);
        assertEquals(30, entries.get(1).overdueDays());
        assertEquals(7, entries.get(5).line()); // line numbers count the blank line
        assertEquals("(record)", entries.get(5).decision().errors().get(0).field());
        assertEquals(10, s.total());
        assertEquals(2, s.count(WorklistStatus.DUE));
        assertEquals(4, s.count(WorklistStatus.INVALID));
        assertEquals(1, s.overdueCount());
        assertEquals(30.0, s.overdueMeanDays());
        assertEquals(30.0, s.overdueMedianDays());
        assertEquals(5L, s.byProgramme().get("aaa-svs-2018").values().stream().mapToLong(Long::longValue).sum()
                - s.byProgramme().get("aaa-svs-2018").getOrDefault(WorklistStatus.INVALID, 0L));
        assertEquals(3L, s.byProgramme().get("(unknown)").get(WorklistStatus.INVALID));
        assertTrue(s.toJson().contains("\"OVERDUE\":1"), s.toJson());
    }

    @Test
    void csvPopulation() throws IOException {
        String csv = String.join("\n",
                "id,program,patient.birthDate,patient.sex,patient.riskFactors,exam.date,findings[0].kind,"
                        + "findings[0].maxDiameterCm,findings[0].symptomatic",
                "a1,aaa-svs-2018,1950-01-01,male,,2024-05-31,aorta,4.2,",
                "\"a,2\",aaa-svs-2018,1950-01-01,male,,2024-05-31,aorta,4.2,true",
                "a3,aaa-svs-2018,1950-01-01,male,,2024-05-31,aorta,big,",
                "u1,uspstf-aaa-2019,1955-01-01,female,family-history-aaa; postmenopausal,,,,",
                "a4,aaa-svs-2018,1950-01-01,male,,2024-05-31,aorta,4.2,,extra",
                "\"broken,aaa-svs-2018");
        List<WorklistEntry> entries = new ArrayList<>();
        WorklistSummary s = Worklist.of(Programmes.standard(), AS_OF)
                .runCsv(new BufferedReader(new StringReader(csv)), "pop.csv", entries::add);
        assertEquals(6, s.total());
        assertEquals(WorklistStatus.OVERDUE, entries.get(0).status());
        assertEquals(2, entries.get(0).line());
        assertEquals(30, entries.get(0).overdueDays());
        assertEquals("a,2", entries.get(1).decision().id().orElseThrow());
        assertEquals(Action.SPECIALIST_REFERRAL, entries.get(1).decision().action().orElseThrow());
        assertEquals("findings[0].maxDiameterCm", entries.get(2).decision().errors().get(0).field());
        // uspstf-aaa needs patient.smoking.status, which this file lacks: an error naming it.
        assertEquals("patient.smoking.status", entries.get(3).decision().errors().get(0).field());
        assertEquals(WorklistStatus.INVALID, entries.get(4).status());
        assertEquals(WorklistStatus.INVALID, entries.get(5).status());
        assertTrue(entries.get(5).decision().errors().get(0).message().startsWith("pop.csv:7:"));
        // Threads give the same entries.
        List<String> parallel = new ArrayList<>();
        Worklist.of(Programmes.standard(), AS_OF).withThreads(3)
                .runCsv(new BufferedReader(new StringReader(csv)), "pop.csv", e -> parallel.add(e.decision().toJson()));
        assertEquals(entries.stream().map(e -> e.decision().toJson()).toList(), parallel);
    }

    @Test
    void csvHeaderErrorsNameTheColumn() {
        for (String header : new String[] {"id,,program", "id,exam[0].date", "findings[64].kind", "findings[x].kind",
                "findings", "a.b.c.d"}) {
            ScreeningFormatException e = assertThrows(ScreeningFormatException.class, () -> Worklist.of(
                    Programmes.standard(), AS_OF).runCsv(new BufferedReader(new StringReader(header + "\n")), "h.csv",
                    x -> { }));
            assertEquals(1, e.line(), header);
            assertTrue(e.field().startsWith("column "), header);
        }
        assertThrows(ScreeningFormatException.class, () -> Worklist.of(Programmes.standard(), AS_OF)
                .runCsv(new BufferedReader(new StringReader("")), "empty.csv", x -> { }));
    }

    @Test
    void graceDaysDelayOverdue() throws IOException {
        Worklist w = Worklist.of(Programmes.standard(), AS_OF).withGraceDays(30);
        assertEquals(WorklistStatus.DUE, w.entry(ScreeningCase.parse(aaa("a", "2024-05-31", "4.2")), 0).status());
        WorklistEntry e = w.entry(ScreeningCase.parse(aaa("a", "2024-05-30", "4.2")), 0);
        assertEquals(WorklistStatus.OVERDUE, e.status());
        assertEquals(1, e.overdueDays());
        assertThrows(IllegalArgumentException.class, () -> w.withGraceDays(-1));
    }

    @Test
    void overdueStatisticsMatchAnExactComputation() throws IOException {
        StringBuilder pop = new StringBuilder();
        List<Long> overdue = new ArrayList<>();
        LocalDate exam = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 400; i++) {
            LocalDate d = exam.plusDays(i * 3L);
            pop.append(aaa("p" + i, d.toString(), "4.5")).append('\n');
            long days = java.time.temporal.ChronoUnit.DAYS.between(d.plusMonths(12), AS_OF);
            if (days > 0) {
                overdue.add(days);
            }
        }
        WorklistSummary s = Worklist.of(Programmes.standard(), AS_OF)
                .run(new BufferedReader(new StringReader(pop.toString())), "p", e -> { });
        assertEquals(overdue.size(), s.overdueCount());
        double mean = overdue.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertEquals(mean, s.overdueMeanDays(), 1e-9);
        assertEquals(overdue.stream().mapToLong(Long::longValue).max().orElseThrow(), (long) s.overdueMaxDays());
        List<Long> sorted = overdue.stream().sorted().toList();
        double exactMedian = sorted.get(sorted.size() / 2);
        // P-square is an estimate: within 5% of the range here.
        assertEquals(exactMedian, s.overdueMedianDays(), 0.05 * (sorted.get(sorted.size() - 1) - sorted.get(0)));
    }

    /** A population generated on the fly: nothing is held but the current line. */
    static final class GeneratedPopulation extends Reader {
        private final RandomCases gen = new RandomCases(7);
        private final long records;
        private long next;
        private String line = "";
        private int pos;

        GeneratedPopulation(long records) {
            this.records = records;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == line.length()) {
                if (next == records) {
                    return -1;
                }
                line = gen.next(next++) + "\n";
                pos = 0;
            }
            int n = Math.min(len, line.length() - pos);
            line.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void threadsGiveTheSameEntriesInTheSameOrder() throws IOException {
        List<String> sequential = new ArrayList<>();
        WorklistSummary s1 = Worklist.of(Programmes.standard(), AS_OF)
                .run(new BufferedReader(new GeneratedPopulation(5_000)), "g", e -> sequential.add(
                        e.line() + " " + e.status() + " " + e.overdueDays() + " " + e.decision().toJson()));
        List<String> parallel = new ArrayList<>();
        WorklistSummary s4 = Worklist.of(Programmes.standard(), AS_OF).withThreads(4)
                .run(new BufferedReader(new GeneratedPopulation(5_000)), "g", e -> parallel.add(
                        e.line() + " " + e.status() + " " + e.overdueDays() + " " + e.decision().toJson()));
        assertEquals(sequential, parallel);
        assertEquals(s1.toJson(), s4.toJson());
        assertThrows(IllegalArgumentException.class, () -> Worklist.of(Programmes.standard(), AS_OF).withThreads(0));
    }

    @Test
    void streamsAGeneratedPopulationInConstantMemory() throws IOException {
        long n = 50_000;
        long[] seen = {0};
        WorklistSummary s = Worklist.of(Programmes.standard(), AS_OF).withThreads(2)
                .run(new BufferedReader(new GeneratedPopulation(n)), "generated", e -> seen[0]++);
        assertEquals(n, s.total());
        assertEquals(n, seen[0]);
        long sum = 0;
        for (WorklistStatus st : WorklistStatus.values()) {
            sum += s.count(st);
        }
        assertEquals(n, sum);
        assertTrue(s.count(WorklistStatus.INVALID) > 0 && s.count(WorklistStatus.OVERDUE) > 0
                && s.count(WorklistStatus.NOT_ELIGIBLE) > 0, s.toJson());
        // Per-programme keys stay bounded by the programme ids.
        assertTrue(s.byProgramme().size() <= Programmes.standard().ids().size() + 1);
    }
}
