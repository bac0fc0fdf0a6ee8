// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Common validation of GUIDELINES.md §2.4 and the contract's §4 error shape. */
class ValidationTest {
    private static final String GOOD = "{'id':'v1','program':'aaa-svs-2018','asOf':'2025-03-20',"
            + "'patient':{'birthDate':'1950-01-01','sex':'male'},'exam':{'date':'2025-01-31'},"
            + "'findings':[{'kind':'aorta','maxDiameterCm':3.1}]}";

    static Decision with(String from, String to) {
        String j = GOOD.replace(from, to);
        assertTrue(!j.equals(GOOD), "replacement did not apply: " + from);
        return eval(j);
    }

    @Test
    void goodCaseIsValid() {
        assertDecision(eval(GOOD), "aaa-3.0-3.9", Action.SURVEILLANCE, "AAA-3");
    }

    @Test
    void idAndProgram() {
        assertErrors(with("'id':'v1',", ""), "id");
        assertErrors(with("'id':'v1'", "'id':''"), "id");
        assertErrors(with("'id':'v1'", "'id':7"), "id");
        assertErrors(with("'program':'aaa-svs-2018'", "'program':'aaa-svs-2019'"), "program");
        assertErrors(with("'program':'aaa-svs-2018',", ""), "program");
        Decision d = with("'program':'aaa-svs-2018'", "'program':'nope'");
        assertEquals("v1", d.id().orElseThrow());
        assertEquals("nope", d.program().orElseThrow());
    }

    @Test
    void dates() {
        assertErrors(with("'asOf':'2025-03-20',", ""), "asOf");
        assertErrors(with("'asOf':'2025-03-20'", "'asOf':'2025-02-30'"), "asOf");
        assertErrors(with("'asOf':'2025-03-20'", "'asOf':'2025-3-20'"), "asOf");
        assertErrors(with("'asOf':'2025-03-20'", "'asOf':'20250320'"), "asOf");
        assertErrors(with("'asOf':'2025-03-20'", "'asOf':'+2025-03-2'"), "asOf");
        assertErrors(with("'birthDate':'1950-01-01'", "'birthDate':'2025-03-21'"), "patient.birthDate", "exam.date");
        assertErrors(with("'birthDate':'1950-01-01'", "'birthDate':'2025-02-01'"), "exam.date");
        Decision d = with("'date':'2025-01-31'", "'date':'2025-03-21'");
        assertErrors(d, "exam.date");
        assertEquals("2025-03-21 is after asOf 2025-03-20", d.errors().get(0).message());
        assertErrors(with("'date':'2025-01-31'", "'date':'2025-01-31','priorExamDate':'2025-01-31'"),
                "exam.priorExamDate");
        assertDecision(with("'date':'2025-01-31'", "'date':'2025-01-31','priorExamDate':'2025-01-30'"),
                "aaa-3.0-3.9", Action.SURVEILLANCE, "AAA-3");
        // An exam on the as-of date, or on the birth date, is allowed.
        assertDecision(with("'date':'2025-01-31'", "'date':'2025-03-20'"), "aaa-3.0-3.9", Action.SURVEILLANCE, "AAA-3");
    }

    @Test
    void patientFields() {
        assertErrors(with("'sex':'male'", "'sex':'M'"), "patient.sex");
        assertErrors(with(",'sex':'male'", ""), "patient.sex");
        assertErrors(with("'patient':{'birthDate':'1950-01-01','sex':'male'},", ""), "patient.birthDate", "patient.sex");
        assertErrors(with("'patient':{'birthDate':'1950-01-01','sex':'male'}", "'patient':[]"), "patient",
                "patient.birthDate", "patient.sex");
        assertErrors(with("'sex':'male'", "'sex':'male','riskFactors':['family-history-aaa','smoker']"),
                "patient.riskFactors[1]");
        assertErrors(with("'sex':'male'", "'sex':'male','riskFactors':'family-history-aaa'"), "patient.riskFactors");
        assertErrors(with("'sex':'male'", "'sex':'male','smoking':{'status':'sometimes'}"), "patient.smoking.status");
        assertErrors(with("'sex':'male'", "'sex':'male','smoking':{'status':'former','yearsSinceQuit':-2}"),
                "patient.smoking.yearsSinceQuit");
        assertErrors(with("'sex':'male'", "'sex':'male','lungCancerRisk':'medium'"), "patient.lungCancerRisk");
    }

    @Test
    void everyErrorIsReportedInOrder() {
        Decision d = eval("{'program':'aaa-svs-2018','asOf':'2025-03-20','patient':{'sex':'x'},"
                + "'exam':{'date':'2025-04-01'},'findings':[{'kind':'aorta','maxDiameterCm':-1}]}");
        assertErrors(d, "id", "patient.birthDate", "patient.sex", "exam.date", "findings[0].maxDiameterCm");
    }

    @Test
    void unknownExtraFieldsAreIgnoredButUnknownEnumsAreErrors() {
        assertDecision(with("'exam':{", "'extra':{'x':[1,2]},'exam':{'scanner':'X',"), "aaa-3.0-3.9",
                Action.SURVEILLANCE, "AAA-3");
        assertErrors(with("'date':'2025-01-31'", "'date':'2025-01-31','modality':'XR'"), "exam.modality");
        assertErrors(with("'date':'2025-01-31'", "'date':'2025-01-31','kind':'routine'"), "exam.kind");
        assertErrors(with("'findings':[", "'findings':[1,"), "findings[0]", "findings");
        assertErrors(with("'findings':[{'kind':'aorta','maxDiameterCm':3.1}]", "'findings':{}"), "findings");
        assertErrors(with("{'kind':'aorta',", "{'kind':7,"), "findings[0].kind");
    }

    @Test
    void javaApiBuildsTheSameCase() {
        ScreeningCase c = ScreeningCase.of(Map.of("id", "v1", "program", "aaa-svs-2018", "asOf", LocalDate.of(2025, 3, 20),
                "patient", Map.of("birthDate", "1950-01-01", "sex", "male"),
                "exam", Map.of("date", LocalDate.of(2025, 1, 31)),
                "findings", List.of(Map.of("kind", "aorta", "maxDiameterCm", new BigDecimal("3.1")))));
        Decision fromJava = Programmes.standard().evaluate(c);
        assertEquals(eval(GOOD).toJson(), fromJava.toJson());
        Programme aaa = Programmes.standard().get("aaa-svs-2018").orElseThrow();
        assertEquals(fromJava, aaa.evaluate(c));
        Decision wrong = Programmes.standard().get("bi-rads-5").orElseThrow().evaluate(c);
        assertEquals("program", wrong.errors().get(0).field());
    }

    @Test
    void decisionJsonHasEveryKeyInContractOrder() {
        JsonNode n = JsonReader.parse(eval(GOOD).toJson());
        assertEquals(List.of("id", "program", "category", "secondaryCategory", "score", "action", "recallMonths",
                "recallMonthsMin", "recallMonthsMax", "dueDate", "dueDateLatest", "discretionary", "alsoConsider",
                "rationale", "errors"), List.copyOf(n.members().keySet()));
        assertEquals("2028-01-31", n.get("dueDate").string());
        assertEquals(36, n.get("recallMonths").number().intValue());
        String escaped = q(GOOD).replace("\"id\":\"v1\"", "\"id\":\"a\\\"b\\\\c\\n\"");
        JsonNode bad = JsonReader.parse(Programmes.standard().evaluate(ScreeningCase.parse(escaped)).toJson());
        assertEquals("a\"b\\c\n", bad.get("id").string());
    }

    @Test
    void caseFilesMustBeAnObjectOrAnArrayOfObjects() {
        assertEquals(2, ScreeningCase.parseAll(q("[" + GOOD + "," + GOOD + "]"), "f.json").size());
        assertEquals(1, ScreeningCase.parseAll(q(GOOD), "f.json").size());
        ScreeningFormatException e = assertThrows(ScreeningFormatException.class,
                () -> ScreeningCase.parseAll("[{}, 3]", "f.json"));
        assertEquals("[1]", e.field());
        assertEquals(1, e.line());
        assertEquals(6, e.column());
        e = assertThrows(ScreeningFormatException.class, () -> ScreeningCase.parseAll("{\n  \"id\": tru }", "g.json"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("g.json:2:"), e.getMessage());
        assertThrows(ScreeningFormatException.class, () -> ScreeningCase.parseAll("42", "f.json"));
        assertThrows(ScreeningFormatException.class, () -> ScreeningCase.parse("[]"));
    }

    @Test
    void patientDataNeverAppearsInToStringOrFormatErrors() {
        String sentinel = "SENTINEL-DOE-JANE";
        String c = q(GOOD).replace("\"v1\"", "\"" + sentinel + "\"");
        ScreeningCase sc = ScreeningCase.parse(c);
        Decision d = Programmes.standard().evaluate(sc);
        assertTrue(!sc.toString().contains(sentinel) && !d.toString().contains(sentinel));
        assertTrue(!d.toString().contains("1950") && !d.toString().contains("2028"));
        ScreeningFormatException e = assertThrows(ScreeningFormatException.class,
                () -> ScreeningCase.parse("{\"id\": \"" + sentinel + "\", \"name\": " + sentinel + "}"));
        assertTrue(!e.getMessage().contains(sentinel), e.getMessage());
        ScreeningFormatException e2 = assertThrows(ScreeningFormatException.class,
                () -> SiteRules.parse("{\"format\": \"" + sentinel + "\"}", "r.json", Programmes.standard()));
        assertTrue(!e2.getMessage().contains(sentinel), e2.getMessage());
    }

    @Test
    void extremeNumbersNeverThrow() {
        for (String big : new String[] {"1e300", "1e-300", "123456789012345678901234567890.5", "0"}) {
            for (String c : new String[] {
                "{'id':'x','program':'fleischner-2017','asOf':'2025-03-20','patient':{'birthDate':'1950-01-01',"
                    + "'sex':'male','lungCancerRisk':'low'},'exam':{'date':'2025-01-31','kind':'incidental'},"
                    + "'findings':[{'kind':'pulmonary-nodule','composition':'solid','meanDiameterMm':N,'multiplicity':'single'}]}",
                "{'id':'x','program':'lung-rads-2022','asOf':'2025-03-20','patient':{'birthDate':'1950-01-01',"
                    + "'sex':'male'},'exam':{'date':'2025-01-31','kind':'annual','priorExamDate':'2024-03-01'},"
                    + "'findings':[{'kind':'lung-nodule','composition':'part-solid','longAxisMm':N,'shortAxisMm':N,"
                    + "'solidComponentMm':0,'priorMeanDiameterMm':N,'priorCategory':'3'}]}",
                "{'id':'x','program':'uspstf-lung-2021','asOf':'2025-03-20','patient':{'birthDate':'1950-01-01',"
                    + "'sex':'male','smoking':{'status':'former','packYears':N,'yearsSinceQuit':N}}}",
                "{'id':'x','program':'ti-rads-2017','asOf':'2025-03-20','patient':{'birthDate':'1950-01-01',"
                    + "'sex':'male'},'exam':{'date':'2025-01-31'},'findings':[{'kind':'thyroid-nodule','composition':'solid',"
                    + "'echogenicity':'isoechoic','shape':'wider-than-tall','margin':'smooth','echogenicFoci':[],"
                    + "'maxDiameterCm':N,'surveillanceYear':N}]}",
                "{'id':'x','program':'bi-rads-5','asOf':'2025-03-20','patient':{'birthDate':'1950-01-01','sex':'female'},"
                    + "'exam':{'date':'2025-01-31'},'findings':[{'kind':'breast-assessment','assessment':'1'}],"
                    + "'options':{'routineIntervalMonths':N}}"}) {
                Decision d = eval(c.replace("N", big));
                assertTrue(d.isValid() || !d.errors().isEmpty());
            }
        }
    }

    @Test
    void numbersAreExactDecimals() {
        // 2.5000000000000001 cm is above 2.5 (a double would read it as 2.5: normal).
        assertDecision(with("'maxDiameterCm':3.1", "'maxDiameterCm':2.5000000000000001"), "subaneurysmal",
                Action.SURVEILLANCE, "AAA-SUB");
        assertDecision(with("'maxDiameterCm':3.1", "'maxDiameterCm':25e-1"), "normal", Action.NO_FOLLOW_UP, "AAA-N");
        assertDecision(with("'maxDiameterCm':3.1", "'maxDiameterCm':0.3E1"), "aaa-3.0-3.9", Action.SURVEILLANCE,
                "AAA-3");
    }
}
