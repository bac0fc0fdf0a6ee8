// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.assertNoRecall;
import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleischner 2017, SVS AAA 2018, Gourlay DXA 2012 and C-RADS 2005 (GUIDELINES.md §7, §8, §10, §12):
 * one test per row, both sides of every boundary.
 */
class ImagingProgrammesTest {

    // ---- Fleischner ---------------------------------------------------------------------------

    static Decision fl(String risk, String comp, String d, String multiplicity, String kind, String birth) {
        String patient = "{'birthDate':'" + birth + "','sex':'female'" + (risk == null ? "" : ",'lungCancerRisk':'" + risk + "'") + "}";
        String exam = "{'date':'2025-01-31','modality':'CT','kind':'" + kind + "'}";
        return eval(json("fleischner-2017", "2025-03-20", patient, exam,
                "{'kind':'pulmonary-nodule','composition':'" + comp + "','meanDiameterMm':" + d + ",'multiplicity':'"
                        + multiplicity + "'}"));
    }

    static Decision fl(String risk, String comp, String d, String multiplicity) {
        return fl(risk, comp, d, multiplicity, "incidental", "1966-11-02");
    }

    @Test
    void fleischnerSolidSingle() {
        Decision d = fl("low", "solid", "5.49", "single");
        assertDecision(d, "solid-single-lt6-low", Action.NO_FOLLOW_UP, "F-SS-LT6-L");
        assertNoRecall(d);
        d = fl("high", "solid", "5.4", "single");
        assertDecision(d, "solid-single-lt6-high", Action.SURVEILLANCE, "F-SS-LT6-H");
        assertTrue(d.discretionary());
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        d = fl("low", "solid", "5.5", "single"); // rounds to 6
        assertDecision(d, "solid-single-6to8-low", Action.SURVEILLANCE, "F-SS-68-L");
        assertFalse(d.discretionary());
        assertRecall(d, 6, 12, "2025-07-31", "2026-01-31");
        d = fl("high", "solid", "8.49", "single");
        assertDecision(d, "solid-single-6to8-high", Action.SURVEILLANCE, "F-SS-68-H");
        d = fl("low", "solid", "8.5", "single"); // rounds to 9
        assertDecision(d, "solid-single-gt8", Action.DIAGNOSTIC_WORKUP, "F-SS-GT8");
        assertTrue(d.discretionary());
        assertRecall(d, 3, 3, "2025-04-30", "2025-04-30");
        assertEquals(List.of(Action.PET_CT, Action.TISSUE_SAMPLING), d.alsoConsider());
        assertDecision(fl("high", "solid", "20", "single"), "solid-single-gt8", Action.DIAGNOSTIC_WORKUP, "F-SS-GT8");
    }

    @Test
    void fleischnerSolidMultiple() {
        assertDecision(fl("low", "solid", "5.4", "multiple"), "solid-multiple-lt6-low", Action.NO_FOLLOW_UP,
                "F-SM-LT6-L");
        Decision d = fl("high", "solid", "5.4", "multiple");
        assertDecision(d, "solid-multiple-lt6-high", Action.SURVEILLANCE, "F-SM-LT6-H");
        assertTrue(d.discretionary());
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        d = fl("low", "solid", "5.5", "multiple");
        assertDecision(d, "solid-multiple-ge6-low", Action.SURVEILLANCE, "F-SM-GE6-L");
        assertRecall(d, 3, 6, "2025-04-30", "2025-07-31");
        assertDecision(fl("high", "solid", "12", "multiple"), "solid-multiple-ge6-high", Action.SURVEILLANCE,
                "F-SM-GE6-H");
    }

    @Test
    void fleischnerSubsolid() {
        assertDecision(fl(null, "ground-glass", "5.4", "single"), "ggn-single-lt6", Action.NO_FOLLOW_UP, "F-GG-LT6");
        Decision d = fl(null, "ground-glass", "5.5", "single");
        assertDecision(d, "ggn-single-ge6", Action.SURVEILLANCE, "F-GG-GE6");
        assertRecall(d, 6, 12, "2025-07-31", "2026-01-31");
        assertDecision(fl("low", "part-solid", "5.4", "single"), "part-solid-single-lt6", Action.NO_FOLLOW_UP,
                "F-PS-LT6");
        d = fl("low", "part-solid", "5.5", "single");
        assertDecision(d, "part-solid-single-ge6", Action.SURVEILLANCE, "F-PS-GE6");
        assertRecall(d, 3, 6, "2025-04-30", "2025-07-31");
        d = fl(null, "ground-glass", "5.4", "multiple");
        assertDecision(d, "subsolid-multiple-lt6", Action.SURVEILLANCE, "F-SSM-LT6");
        assertRecall(d, 3, 6, "2025-04-30", "2025-07-31");
        assertDecision(fl(null, "part-solid", "5.5", "multiple"), "subsolid-multiple-ge6", Action.SURVEILLANCE,
                "F-SSM-GE6");
    }

    @Test
    void fleischnerOutOfScope() {
        assertDecision(fl("low", "solid", "7", "single", "annual", "1966-11-02"), null, Action.OUT_OF_SCOPE, "F-OOS");
        assertDecision(fl("low", "solid", "7", "single", "incidental", "1990-02-01"), null, Action.OUT_OF_SCOPE,
                "F-OOS"); // 34 at the exam
        assertDecision(fl("low", "solid", "7", "single", "incidental", "1990-01-31"), "solid-single-6to8-low",
                Action.SURVEILLANCE, "F-SS-68-L"); // 35 on the exam date
        String exam = "{'date':'2025-01-31','kind':'incidental'}";
        String nodule = "{'kind':'pulmonary-nodule','composition':'solid','meanDiameterMm':7,'multiplicity':'single'}";
        for (String rf : new String[] {"known-primary-cancer", "immunocompromised"}) {
            Decision d = eval(json("fleischner-2017", "2025-03-20", "{'birthDate':'1966-11-02','sex':'male',"
                    + "'lungCancerRisk':'low','riskFactors':['" + rf + "']}", exam, nodule));
            assertDecision(d, null, Action.OUT_OF_SCOPE, "F-OOS");
        }
    }

    @Test
    void fleischnerValidation() {
        assertErrors(fl(null, "solid", "7", "single"), "patient.lungCancerRisk");
        assertErrors(fl("low", "solid", "7", "several"), "findings[0].multiplicity");
        assertErrors(fl("low", "solid", "-3", "single"), "findings[0].meanDiameterMm");
        assertErrors(eval(json("fleischner-2017", "2025-03-20", "{'birthDate':'1966-11-02','sex':'female'}",
                "{'date':'2025-01-31'}", "{'kind':'pulmonary-nodule','composition':'ground-glass',"
                        + "'longAxisMm':7,'shortAxisMm':5,'multiplicity':'single'}")), "exam.kind");
    }

    // ---- AAA (SVS) ----------------------------------------------------------------------------

    static Decision aaa(String sex, String d, boolean symptomatic) {
        return eval(json("aaa-svs-2018", "2025-03-20", "{'birthDate':'1950-01-01','sex':'" + sex + "'}",
                "{'date':'2024-08-31','modality':'US'}",
                "{'kind':'aorta','maxDiameterCm':" + d + (symptomatic ? ",'symptomatic':true" : "") + "}"));
    }

    @Test
    void aaaRows() {
        Decision d = aaa("male", "2.5", false);
        assertDecision(d, "normal", Action.NO_FOLLOW_UP, "AAA-N");
        assertNoRecall(d);
        d = aaa("male", "2.51", false);
        assertDecision(d, "subaneurysmal", Action.SURVEILLANCE, "AAA-SUB");
        assertRecall(d, 120, 120, "2034-08-31", "2034-08-31");
        assertDecision(aaa("male", "2.99", false), "subaneurysmal", Action.SURVEILLANCE, "AAA-SUB");
        d = aaa("male", "3.0", false);
        assertDecision(d, "aaa-3.0-3.9", Action.SURVEILLANCE, "AAA-3");
        assertRecall(d, 36, 36, "2027-08-31", "2027-08-31");
        assertDecision(aaa("male", "3.95", false), "aaa-3.0-3.9", Action.SURVEILLANCE, "AAA-3");
        d = aaa("female", "4.0", false);
        assertDecision(d, "aaa-4.0-4.9", Action.SURVEILLANCE, "AAA-4");
        assertRecall(d, 12, 12, "2025-08-31", "2025-08-31");
        assertDecision(aaa("male", "4.99", false), "aaa-4.0-4.9", Action.SURVEILLANCE, "AAA-4");
        d = aaa("male", "5.0", false);
        assertDecision(d, "aaa-5.0-5.4", Action.SURVEILLANCE, "AAA-5M");
        assertRecall(d, 6, 6, "2025-02-28", "2025-02-28");
        assertDecision(aaa("male", "5.49", false), "aaa-5.0-5.4", Action.SURVEILLANCE, "AAA-5M");
        d = aaa("female", "5.0", false);
        assertDecision(d, "aaa-5.0-5.4", Action.SPECIALIST_REFERRAL, "AAA-5F");
        assertNoRecall(d);
        assertDecision(aaa("male", "5.5", false), "aaa-5.5-plus", Action.SPECIALIST_REFERRAL, "AAA-REP");
        assertDecision(aaa("female", "5.5", false), "aaa-5.5-plus", Action.SPECIALIST_REFERRAL, "AAA-REP");
        d = aaa("male", "3.2", true);
        assertDecision(d, "aaa-3.0-3.9", Action.SPECIALIST_REFERRAL, "AAA-3", "AAA-SYM");
        assertNoRecall(d);
        assertErrors(aaa("male", "-0.1", false), "findings[0].maxDiameterCm");
        assertErrors(aaa("male", "'3.0'", false), "findings[0].maxDiameterCm");
    }

    // ---- DXA (Gourlay) ------------------------------------------------------------------------

    static Decision dxa(String birth, String sex, String t, String rf) {
        return eval(json("dxa-gourlay-2012", "2025-03-20", "{'birthDate':'" + birth + "','sex':'" + sex + "'" + rf + "}",
                "{'date':'2025-01-31','modality':'DXA'}", "{'kind':'bmd','tScore':" + t + "}"));
    }

    @Test
    void dxaRows() {
        String b = "1950-01-01";
        Decision d = dxa(b, "female", "-1.00", "");
        assertDecision(d, "normal", Action.ROUTINE_SCREENING, "DX-N");
        assertRecall(d, 180, 180, "2040-01-31", "2040-01-31");
        assertDecision(dxa(b, "female", "0.5", ""), "normal", Action.ROUTINE_SCREENING, "DX-N");
        d = dxa(b, "female", "-1.01", "");
        assertDecision(d, "mild-osteopenia", Action.ROUTINE_SCREENING, "DX-MILD");
        assertRecall(d, 180, 180, "2040-01-31", "2040-01-31");
        assertDecision(dxa(b, "female", "-1.005", ""), "mild-osteopenia", Action.ROUTINE_SCREENING, "DX-MILD");
        assertDecision(dxa(b, "female", "-1.49", ""), "mild-osteopenia", Action.ROUTINE_SCREENING, "DX-MILD");
        d = dxa(b, "female", "-1.50", "");
        assertDecision(d, "moderate-osteopenia", Action.ROUTINE_SCREENING, "DX-MOD");
        assertRecall(d, 60, 60, "2030-01-31", "2030-01-31");
        assertDecision(dxa(b, "female", "-1.99", ""), "moderate-osteopenia", Action.ROUTINE_SCREENING, "DX-MOD");
        d = dxa(b, "female", "-2.00", "");
        assertDecision(d, "advanced-osteopenia", Action.ROUTINE_SCREENING, "DX-ADV");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        assertDecision(dxa(b, "female", "-2.49", ""), "advanced-osteopenia", Action.ROUTINE_SCREENING, "DX-ADV");
        d = dxa(b, "female", "-2.50", "");
        assertDecision(d, "osteoporosis", Action.SPECIALIST_REFERRAL, "DX-OP");
        assertNoRecall(d);
        assertDecision(dxa(b, "male", "-1.2", ""), null, Action.OUT_OF_SCOPE, "DX-OOS");
        assertDecision(dxa("1960-02-01", "female", "-1.2", ""), null, Action.OUT_OF_SCOPE, "DX-OOS"); // 64 at exam
        assertDecision(dxa("1960-01-31", "female", "-1.2", ""), "mild-osteopenia", Action.ROUTINE_SCREENING,
                "DX-MILD"); // 65 on the exam date
        assertDecision(dxa(b, "female", "-1.2", ",'riskFactors':['osteoporosis-treatment']"), null,
                Action.OUT_OF_SCOPE, "DX-OOS");
        assertDecision(dxa(b, "female", "-1.2", ",'riskFactors':['prior-hip-or-vertebral-fracture']"), null,
                Action.OUT_OF_SCOPE, "DX-OOS");
        assertErrors(dxa(b, "female", "null", ""), "findings[0].tScore");
    }

    // ---- C-RADS -------------------------------------------------------------------------------

    static Decision ctc(String... findings) {
        return eval(json("c-rads-2005", "2025-03-20", "{'birthDate':'1960-01-01','sex':'male'}",
                "{'date':'2025-01-31','modality':'CTC'}", String.join(",", findings)));
    }

    static String polyp(String mm) {
        return "{'kind':'polyp','sizeMm':" + mm + "}";
    }

    @Test
    void cradsRows() {
        Decision d = ctc(polyp("12"), "{'kind':'colonic-mass'}");
        assertDecision(d, "C4", Action.SPECIALIST_REFERRAL, "CR-C4");
        assertNoRecall(d);
        d = ctc(polyp("10"));
        assertDecision(d, "C3", Action.COLONOSCOPY, "CR-C3");
        assertNoRecall(d);
        assertDecision(ctc(polyp("6"), polyp("7"), polyp("9.9")), "C3", Action.COLONOSCOPY, "CR-C3");
        assertDecision(ctc(polyp("10"), "{'kind':'inadequate','reason':'preparation'}"), "C3", Action.COLONOSCOPY,
                "CR-C3");
        d = ctc(polyp("7"), "{'kind':'inadequate','reason':'insufflation'}");
        assertDecision(d, "C0", Action.ADDITIONAL_IMAGING, "CR-C0");
        assertNoRecall(d);
        d = ctc(polyp("9.9"), polyp("6"));
        assertDecision(d, "C2", Action.SURVEILLANCE, "CR-C2");
        assertRecall(d, 36, 36, "2028-01-31", "2028-01-31");
        assertEquals(List.of(Action.COLONOSCOPY), d.alsoConsider());
        assertDecision(ctc("{'kind':'indeterminate'}"), "C2", Action.SURVEILLANCE, "CR-C2");
        d = ctc(polyp("5.9"), polyp("5"), polyp("3"), polyp("4"));
        assertDecision(d, "C1", Action.ROUTINE_SCREENING, "CR-C1");
        assertRecall(d, 60, 60, "2030-01-31", "2030-01-31");
        assertDecision(ctc(), "C1", Action.ROUTINE_SCREENING, "CR-C1");
    }

    @Test
    void cradsExtracolonic() {
        for (String e : new String[] {"E0", "E1", "E2", "E3", "E4"}) {
            Decision d = ctc(polyp("4"), "{'kind':'extracolonic','category':'" + e + "'}");
            assertDecision(d, "C1", Action.ROUTINE_SCREENING, "CR-C1");
            assertEquals(e, d.secondaryCategory().orElseThrow());
        }
        assertErrors(ctc("{'kind':'extracolonic','category':'E1'}", "{'kind':'extracolonic','category':'E2'}"),
                "findings[1]");
        assertErrors(ctc("{'kind':'extracolonic','category':'E5'}"), "findings[0].category");
        assertErrors(ctc("{'kind':'inadequate'}"), "findings[0].reason");
        assertErrors(ctc(polyp("-1")), "findings[0].sizeMm");
        assertErrors(ctc("{'kind':'polyp'}"), "findings[0].sizeMm");
    }
}
