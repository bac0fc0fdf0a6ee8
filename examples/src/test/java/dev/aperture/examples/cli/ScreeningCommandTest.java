// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aperture screening ...} through {@link Aperture#run}, against the screening-case contract. */
class ScreeningCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Output of one run. */
    record Result(int status, String out, String err) { }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Aperture.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/screening/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static JsonNode expected(String name) throws IOException {
        try (InputStream in = ScreeningCommandTest.class.getResourceAsStream("/screening/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void workedExample1PassesVerbatim() throws IOException {
        Result r = run("screening", "evaluate", resource("contract-example-1-case.json").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(expected("contract-example-1-decision.json"), JSON.readTree(r.out()));
        assertEquals("", r.err());
    }

    @Test
    void workedExample2PassesVerbatimWithExitOneAndOneStderrLine() throws IOException {
        Path file = resource("contract-example-2-cases.json");
        Result r = run("screening", "evaluate", file.toString());
        assertEquals(1, r.status());
        assertEquals(expected("contract-example-2-decisions.json"), JSON.readTree(r.out()));
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains(file.toString()), lines[0]);
        assertTrue(lines[0].contains("ex-fl-2"), lines[0]);
        assertTrue(lines[0].contains("exam.date"), lines[0]);
    }

    @Test
    void notJsonIsExitOneWithNothingOnStdout() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"id\": \"x\",,}");
        Result r = run("screening", "evaluate", f.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().split("\n").length);
        assertTrue(r.err().contains("bad.json:1:"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void arrayOfNonObjectsIsExitOne() throws IOException {
        Path f = dir.resolve("nums.json");
        Files.writeString(f, "[1, 2]");
        Result r = run("screening", "evaluate", f.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        Files.writeString(f, "\"text\"");
        assertEquals(1, run("screening", "evaluate", f.toString()).status());
    }

    @Test
    void emptyArrayGivesEmptyArray() throws IOException {
        Path f = dir.resolve("empty.json");
        Files.writeString(f, "[]");
        Result r = run("screening", "evaluate", f.toString());
        assertEquals(0, r.status());
        assertEquals(JSON.readTree("[]"), JSON.readTree(r.out()));
    }

    @Test
    void missingFileIsExitOneWithoutStackTrace() {
        Result r = run("screening", "evaluate", dir.resolve("nope.json").toString());
        assertEquals(1, r.status());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, run("screening", "evaluate").status());
        assertEquals(2, run("screening", "evaluate", "a", "b").status());
        assertEquals(2, run("screening").status());
        assertEquals(2, run("screening", "worklist", "x.jsonl").status()); // --as-of missing
    }

    @Test
    void invalidUtf8IsExitOne() throws IOException {
        Path f = dir.resolve("latin1.json");
        Files.write(f, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}'});
        Result r = run("screening", "evaluate", f.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
    }

    @Test
    void programsListsTheTwelveContractProgrammes() throws IOException {
        Result r = run("screening", "programs");
        assertEquals(0, r.status());
        JsonNode list = JSON.readTree(r.out());
        String[] ids = {"bi-rads-5", "uspstf-breast-2024", "lung-rads-2022", "uspstf-lung-2021", "fleischner-2017",
                "aaa-svs-2018", "uspstf-aaa-2019", "dxa-gourlay-2012", "uspstf-osteoporosis-2025", "c-rads-2005",
                "uspstf-colorectal-2021", "ti-rads-2017"};
        assertEquals(ids.length, list.size());
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], list.get(i).get("id").asText());
            for (String k : new String[] {"title", "version", "source"}) {
                assertFalse(list.get(i).get(k).asText().isBlank(), ids[i] + " " + k);
            }
        }
    }

    @Test
    void siteRulesChangeTheDecision() throws IOException {
        Path rules = dir.resolve("rules.json");
        try (InputStream in = getClass().getResourceAsStream("/screening/site-rules/dense-breasts-annual.json")) {
            Files.copy(in, rules);
        }
        Path c = dir.resolve("case.json");
        Files.writeString(c, "{\"id\":\"d1\",\"program\":\"bi-rads-5\",\"asOf\":\"2025-03-01\","
                + "\"patient\":{\"birthDate\":\"1970-01-31\",\"sex\":\"female\"},"
                + "\"exam\":{\"date\":\"2025-01-31\",\"modality\":\"MG\"},"
                + "\"findings\":[{\"kind\":\"breast-assessment\",\"assessment\":\"2\",\"composition\":\"d\"}],"
                + "\"options\":{\"routineIntervalMonths\":24}}");
        JsonNode plain = JSON.readTree(run("screening", "evaluate", c.toString()).out());
        assertEquals(24, plain.get("recallMonths").asInt());
        Result r = run("screening", "evaluate", "--site-rules", rules.toString(), c.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode d = JSON.readTree(r.out());
        assertEquals(12, d.get("recallMonths").asInt());
        assertEquals("2026-01-31", d.get("dueDate").asText());
        assertEquals("SITE-DENSE-ANNUAL", d.get("rationale").get(1).get("rule").asText());
    }

    @Test
    void invalidSiteRulesNameFileLineAndField() throws IOException {
        Path rules = dir.resolve("bad-rules.json");
        Files.writeString(rules, "{\"format\":\"aperture-site-rules\",\"formatVersion\":1,\"site\":\"S\",\"version\":\"1\",\n"
                + "\"rules\":[{\"id\":\"R\",\"program\":\"bi-rads-5\",\"when\":{},\n\"then\":{\"recallMonths\":0}}]}");
        Result r = run("screening", "evaluate", "--site-rules", rules.toString(),
                resource("contract-example-1-case.json").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("bad-rules.json:3:"), r.err());
        assertTrue(r.err().contains("rules[0].then.recallMonths"), r.err());
    }

    @Test
    void worklistCsvJsonAndSummary() throws IOException {
        Path pop = dir.resolve("pop.jsonl");
        try (InputStream in = getClass().getResourceAsStream(ScreeningDemo.POPULATION)) {
            Files.copy(in, pop);
        }
        long records = Files.readAllLines(pop, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
        Result csv = run("screening", "worklist", pop.toString(), "--as-of", "2025-06-30");
        assertEquals(0, csv.status(), csv.err());
        String[] rows = csv.out().split("\n");
        assertEquals(records + 1, rows.length);
        assertTrue(rows[0].startsWith("line,id,program,status,overdueDays"));
        JsonNode summary = JSON.readTree(csv.err());
        assertEquals(records, summary.get("total").asLong());

        Result json = run("screening", "worklist", pop.toString(), "--as-of", "2025-06-30", "--format", "json");
        assertEquals(0, json.status(), json.err());
        String[] lines = json.out().split("\n");
        assertEquals(records, lines.length);
        long overdue = 0;
        for (String l : lines) {
            JsonNode e = JSON.readTree(l);
            if ("OVERDUE".equals(e.get("status").asText())) {
                overdue++;
                assertTrue(e.get("overdueDays").asLong() > 0);
            }
        }
        assertEquals(overdue, summary.get("byStatus").get("OVERDUE").asLong());

        Result only = run("screening", "worklist", pop.toString(), "--as-of", "2025-06-30", "--summary-only");
        assertEquals(summary, JSON.readTree(only.out()));
        assertEquals(2, run("screening", "worklist", pop.toString(), "--as-of", "30/06/2025").status());
    }

    @Test
    void worklistReadsCsvPopulations() throws IOException {
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "id,program,patient.birthDate,patient.sex,exam.date,findings[0].kind,findings[0].tScore\n"
                + "d1,dxa-gourlay-2012,1950-01-01,female,2024-01-31,bmd,-2.1\n"
                + "d2,dxa-gourlay-2012,1950-01-01,female,2024-01-31,bmd,-0.5\n");
        Result r = run("screening", "worklist", pop.toString(), "--as-of", "2025-06-30", "--format", "json");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length);
        assertEquals("OVERDUE", JSON.readTree(lines[0]).get("status").asText());
        assertEquals("NOT_YET_DUE", JSON.readTree(lines[1]).get("status").asText());
        Files.writeString(pop, "id,exam[0].date\n");
        Result bad = run("screening", "worklist", pop.toString(), "--as-of", "2025-06-30");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("pop.csv:1"), bad.err());
    }

    @Test
    void demoPrintsTheWorklistSummary() {
        Result r = run("demo");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("worklist of"), r.out());
        assertTrue(r.out().contains("OVERDUE="), r.out());
    }
}
