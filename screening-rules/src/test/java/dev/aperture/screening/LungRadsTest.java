// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.assertNoRecall;
import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per Lung-RADS v2022 row of GUIDELINES.md §5, with both sides of each boundary. */
class LungRadsTest {
    private static final String PATIENT = "{'birthDate':'1958-07-04','sex':'male'}";

    /** Evaluates findings on an exam of the given kind dated 2025-01-31 (prior 2024-01-31). */
    static Decision exam(String kind, String... findings) {
        String exam = "{'date':'2025-01-31','modality':'LDCT','kind':'" + kind + "','priorExamDate':'2024-01-31'}";
        return eval(json("lung-rads-2022", "2025-02-10", PATIENT, exam, String.join(",", findings)));
    }

    static String solid(String d, String status) {
        return "{'kind':'lung-nodule','composition':'solid','meanDiameterMm':" + d
                + (status == null ? "" : ",'status':'" + status + "'") + "}";
    }

    static String partSolid(String d, String s, String status) {
        return "{'kind':'lung-nodule','composition':'part-solid','meanDiameterMm':" + d + ",'solidComponentMm':" + s
                + ",'status':'" + status + "'}";
    }

    static String nonSolid(String d, String status, String extra) {
        return "{'kind':'lung-nodule','composition':'non-solid','meanDiameterMm':" + d + ",'status':'" + status + "'"
                + extra + "}";
    }

    static String kindOf(String status) {
        return "baseline".equals(status) ? "baseline" : "annual";
    }

    static void nodule(String finding, String status, String category, String... rules) {
        Decision d = exam(kindOf(status), finding);
        assertEquals(category, d.category().orElse(null), () -> finding + " " + d.errors() + " " + Cases.rules(d));
        assertEquals(List.of(rules), Cases.rules(d), finding);
    }

    @Test
    void lr1Benign() {
        nodule("{'kind':'lung-nodule','composition':'solid','meanDiameterMm':20,'benignCalcificationOrFat':true}",
                "baseline", "1", "LR-1-BEN");
    }

    @Test
    void lrJuxtapleural() {
        String j = "{'kind':'lung-nodule','composition':'solid','juxtapleuralBenign':true,'meanDiameterMm':";
        nodule(j + "9.9}", "baseline", "2", "LR-JXP-2");
        nodule(j + "10.0}", "baseline", "4A", "LR-SOL-B4A");
        nodule(j + "9.9,'status':'new'}", "new", "2", "LR-JXP-2");
        nodule(j + "9.9,'status':'growing'}", "growing", "4B", "LR-SOL-G4B");
    }

    @Test
    void lrSolidBaseline() {
        nodule(solid("5.9", null), "baseline", "2", "LR-SOL-B2");
        nodule(solid("6.0", null), "baseline", "3", "LR-SOL-B3");
        nodule(solid("7.9", "baseline"), "baseline", "3", "LR-SOL-B3");
        nodule(solid("8.0", null), "baseline", "4A", "LR-SOL-B4A");
        nodule(solid("14.9", null), "baseline", "4A", "LR-SOL-B4A");
        nodule(solid("15.0", null), "baseline", "4B", "LR-SOL-B4B");
    }

    @Test
    void lrSolidNew() {
        nodule(solid("3.9", "new"), "new", "2", "LR-SOL-N2");
        nodule(solid("4.0", "new"), "new", "3", "LR-SOL-N3");
        nodule(solid("5.9", "new"), "new", "3", "LR-SOL-N3");
        nodule(solid("6.0", "new"), "new", "4A", "LR-SOL-N4A");
        nodule(solid("7.9", "new"), "new", "4A", "LR-SOL-N4A");
        nodule(solid("8.0", "new"), "new", "4B", "LR-SOL-N4B");
    }

    @Test
    void lrSolidGrowing() {
        nodule(solid("7.9", "growing"), "growing", "4A", "LR-SOL-G4A");
        nodule(solid("8.0", "growing"), "growing", "4B", "LR-SOL-G4B");
    }

    @Test
    void lrPartSolidBaseline() {
        nodule(partSolid("5.9", "5.9", "baseline"), "baseline", "2", "LR-PS-B2");
        nodule(partSolid("6.0", "5.9", "baseline"), "baseline", "3", "LR-PS-B3");
        nodule(partSolid("9.0", "6.0", "baseline"), "baseline", "4A", "LR-PS-B4A");
        nodule(partSolid("9.0", "7.9", "baseline"), "baseline", "4A", "LR-PS-B4A");
        nodule(partSolid("9.0", "8.0", "baseline"), "baseline", "4B", "LR-PS-B4B");
    }

    @Test
    void lrPartSolidNew() {
        nodule(partSolid("5.9", "3.9", "new"), "new", "3", "LR-PS-N3");
        nodule(partSolid("6.0", "3.9", "new"), "new", "4A", "LR-PS-N4A");
        nodule(partSolid("6.0", "4.0", "new"), "new", "4B", "LR-PS-N4B");
        nodule(partSolid("5.9", "4.0", "new"), "new", "4B", "LR-PS-N4B"); // (interp.) d < 6 with s >= 4
    }

    @Test
    void lrPartSolidGrowing() {
        nodule(partSolid("10.0", "3.9", "growing"), "growing", "4A", "LR-PS-G4A");
        nodule(partSolid("10.0", "4.0", "growing"), "growing", "4B", "LR-PS-G4B");
    }

    @Test
    void lrSlowGrowing() {
        nodule(solid("5.0", "slow-growing"), "slow-growing", "4B", "LR-SLOW-4B");
        nodule(partSolid("7.0", "2.0", "slow-growing"), "slow-growing", "4B", "LR-SLOW-4B");
    }

    @Test
    void lrNonSolid() {
        nodule(nonSolid("29.9", "baseline", ""), "baseline", "2", "LR-NS-2A");
        nodule(nonSolid("29.9", "growing", ""), "growing", "2", "LR-NS-2A");
        nodule(nonSolid("29.9", "stable", ",'priorCategory':'2'"), "stable", "2", "LR-NS-2A");
        nodule(nonSolid("30.0", "stable", ",'priorCategory':'3'"), "stable", "2", "LR-NS-2B");
        nodule(nonSolid("30.0", "slow-growing", ""), "slow-growing", "2", "LR-NS-2B");
        nodule(nonSolid("30.0", "baseline", ""), "baseline", "3", "LR-NS-3");
        nodule(nonSolid("30.0", "new", ""), "new", "3", "LR-NS-3");
    }

    @Test
    void lrAirway() {
        String sub = "{'kind':'airway-nodule','level':'subsegmental','status':'";
        String seg = "{'kind':'airway-nodule','level':'segmental-or-proximal','status':'";
        nodule(sub + "baseline'}", "baseline", "2", "LR-AW-2");
        nodule(sub + "new'}", "new", "2", "LR-AW-2");
        nodule(sub + "stable'}", "stable", "2", "LR-AW-2");
        nodule(seg + "baseline'}", "baseline", "4A", "LR-AW-4A");
        nodule(seg + "new'}", "new", "4A", "LR-AW-4A");
        nodule(seg + "stable'}", "stable", "4B", "LR-AW-4B");
        nodule(seg + "growing'}", "growing", "4B", "LR-AW-4B");
    }

    @Test
    void lrAtypicalCysts() {
        String thick = "{'kind':'atypical-cyst','cystType':'thick-walled','status':'";
        String multi = "{'kind':'atypical-cyst','cystType':'multilocular','status':'";
        nodule(thick + "baseline'}", "baseline", "4A", "LR-CY-4A");
        nodule(multi + "baseline'}", "baseline", "4A", "LR-CY-4A");
        nodule(thick + "new'}", "new", "4A", "LR-CY-4A");
        nodule(multi + "changed','change':'became-multilocular'}", "changed", "4A", "LR-CY-4A-ML");
        nodule(thick + "changed','change':'growing-cystic-component'}", "changed", "3", "LR-CY-3");
        nodule(thick + "changed','change':'growing-wall'}", "changed", "4B", "LR-CY-4B");
        nodule(multi + "changed','change':'growing-multilocular'}", "changed", "4B", "LR-CY-4B");
        nodule(multi + "changed','change':'increased-loculation-or-opacity'}", "changed", "4B", "LR-CY-4B");
        nodule(thick + "stable','priorCategory':'4A'}", "stable", "3", "LR-STEP-4ATO3");
    }

    @Test
    void lrCrossAndSteppedManagement() {
        String stable = "{'kind':'lung-nodule','composition':'solid','status':'stable','meanDiameterMm':";
        // A threshold crossed without growth re-classifies by size (5.9 -> 6.0 is +0.1 mm).
        nodule(stable + "6.0,'priorMeanDiameterMm':5.9,'priorCategory':'2'}", "stable", "3", "LR-CROSS");
        nodule(stable + "7.0,'priorMeanDiameterMm':6.0,'priorCategory':'3'}", "stable", "2", "LR-STEP-3TO2");
        nodule(stable + "7.0,'priorCategory':'3'}", "stable", "2", "LR-STEP-3TO2");
        nodule(stable + "9.0,'priorCategory':'4A'}", "stable", "3", "LR-STEP-4ATO3");
        nodule(stable + "5.0,'priorCategory':'2'}", "stable", "2", "LR-STEP-2");
        nodule(stable + "5.0,'priorCategory':'1'}", "stable", "2", "LR-STEP-2");
        nodule(stable + "16.0,'priorCategory':'4B'}", "stable", "4B", "LR-STEP-4B");
        nodule(stable + "16.0,'priorCategory':'4B','provenBenign':true}", "stable", "2", "LR-4B-BEN");
        nodule("{'kind':'lung-nodule','composition':'solid','status':'decreased','meanDiameterMm':5,"
                + "'priorCategory':'4A'}", "decreased", "3", "LR-STEP-4ATO3");
        // Part-solid crossing 6.0 mm on the whole nodule.
        nodule("{'kind':'lung-nodule','composition':'part-solid','status':'stable','meanDiameterMm':6.0,"
                + "'solidComponentMm':2,'priorMeanDiameterMm':5.9,'priorCategory':'2'}", "stable", "3", "LR-CROSS");
    }

    @Test
    void growthNeedsMoreThanOnePointFiveMillimetresWithinTwelveMonths() {
        String n = "{'kind':'lung-nodule','composition':'solid','priorCategory':'3','meanDiameterMm':";
        // 5.4 - 3.9 is 1.5000000000000004 in doubles: exactly 1.5 here, so not growth.
        nodule(n + "5.4,'priorMeanDiameterMm':3.9}", "stable", "2", "LR-STEP-3TO2");
        nodule(n + "5.5,'priorMeanDiameterMm':3.9}", "growing", "4A", "LR-SOL-G4A");
        // Exactly 12 months apart (prior 2024-01-31) still counts; a longer interval cannot be computed.
        String far = "{'date':'2025-02-01','modality':'LDCT','kind':'annual','priorExamDate':'2024-01-31'}";
        Decision d = eval(json("lung-rads-2022", "2025-02-10", PATIENT, far, n + "5.5,'priorMeanDiameterMm':3.9}"));
        assertErrors(d, "findings[0].status");
    }

    @Test
    void meanOfAxesRoundedHalfUpToTenths() {
        nodule("{'kind':'lung-nodule','composition':'solid','longAxisMm':6.4,'shortAxisMm':5.5}", "baseline", "3",
                "LR-SOL-B3"); // 5.95 -> 6.0
        nodule("{'kind':'lung-nodule','composition':'solid','longAxisMm':6.4,'shortAxisMm':5.4}", "baseline", "2",
                "LR-SOL-B2"); // 5.9
        nodule("{'kind':'lung-nodule','composition':'solid','meanDiameterMm':5.95}", "baseline", "3", "LR-SOL-B3");
    }

    @Test
    void examLevelCategoriesAndManagement() {
        Decision d = exam("annual", "{'kind':'incomplete','reason':'prior-being-located'}", solid("9", "new"));
        assertDecision(d, "0", Action.ADDITIONAL_IMAGING, "LR-0-CMP");
        assertNoRecall(d);
        d = exam("baseline", "{'kind':'incomplete','reason':'lungs-not-evaluable'}");
        assertDecision(d, "0", Action.ADDITIONAL_IMAGING, "LR-0-EVAL");
        d = exam("baseline", "{'kind':'infectious-inflammatory'}", solid("9", null));
        assertDecision(d, "0", Action.SHORT_INTERVAL_FOLLOW_UP, "LR-0-INF");
        assertTrue(d.discretionary());
        assertRecall(d, 1, 3, "2025-02-28", "2025-04-30");
        d = exam("annual");
        assertDecision(d, "1", Action.ROUTINE_SCREENING, "LR-1-NONE");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        d = exam("baseline", solid("6.0", null));
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "LR-SOL-B3");
        assertRecall(d, 6, 6, "2025-07-31", "2025-07-31");
        // 4A: PET/CT only for a solid nodule or component >= 8.0 mm.
        d = exam("baseline", solid("8.0", null));
        assertDecision(d, "4A", Action.SHORT_INTERVAL_FOLLOW_UP, "LR-SOL-B4A");
        assertRecall(d, 3, 3, "2025-04-30", "2025-04-30");
        assertEquals(List.of(Action.PET_CT), d.alsoConsider());
        d = exam("annual", solid("7.9", "new"));
        assertEquals(List.of(), d.alsoConsider());
        d = exam("baseline", solid("15.0", null));
        assertDecision(d, "4B", Action.DIAGNOSTIC_WORKUP, "LR-SOL-B4B");
        assertNoRecall(d);
        assertEquals(List.of(Action.PET_CT, Action.TISSUE_SAMPLING, Action.SPECIALIST_REFERRAL), d.alsoConsider());
        d = exam("annual", partSolid("6.0", "4.0", "new"));
        assertEquals(List.of(Action.TISSUE_SAMPLING, Action.SPECIALIST_REFERRAL), d.alsoConsider());
    }

    @Test
    void worstFindingWinsAnd4xAndS() {
        Decision d = exam("annual", solid("3.0", "new"), solid("6.5", "new"), solid("4.0", "new"));
        assertDecision(d, "4A", Action.SHORT_INTERVAL_FOLLOW_UP, "LR-SOL-N4A");
        d = exam("baseline", "{'kind':'lung-nodule','composition':'solid','meanDiameterMm':7,'suspiciousFeatures':true}");
        assertDecision(d, "4X", Action.DIAGNOSTIC_WORKUP, "LR-SOL-B3", "LR-4X");
        d = exam("baseline", "{'kind':'lung-nodule','composition':'solid','meanDiameterMm':5,'suspiciousFeatures':true}");
        assertDecision(d, "2", Action.ROUTINE_SCREENING, "LR-SOL-B2");
        d = exam("baseline", nonSolid("31", "baseline", ",'suspiciousFeatures':true"));
        assertDecision(d, "4X", Action.DIAGNOSTIC_WORKUP, "LR-NS-3", "LR-4X");
        d = exam("baseline", nonSolid("12", "baseline", ",'suspiciousFeatures':true"));
        assertDecision(d, "2", Action.ROUTINE_SCREENING, "LR-NS-2A");
        d = exam("baseline", solid("5", null), "{'kind':'significant-other'}");
        assertDecision(d, "2S", Action.ROUTINE_SCREENING, "LR-SOL-B2", "LR-S");
        d = exam("baseline", "{'kind':'incomplete','reason':'lungs-not-evaluable'}", "{'kind':'significant-other'}");
        assertDecision(d, "0S", Action.ADDITIONAL_IMAGING, "LR-0-EVAL", "LR-S");
    }

    @Test
    void validation() {
        assertErrors(exam("annual", solid("5", "baseline")), "findings[0].status");
        assertErrors(exam("baseline", solid("5", "new")), "findings[0].status");
        assertErrors(exam("annual", solid("5", null)), "findings[0].status");
        assertErrors(exam("annual", solid("5", "stable")), "findings[0].priorCategory");
        assertErrors(exam("annual", partSolid("5", "5.1", "new")), "findings[0].solidComponentMm");
        assertErrors(exam("baseline", "{'kind':'lung-nodule','composition':'part-solid','meanDiameterMm':5}"),
                "findings[0].solidComponentMm");
        assertErrors(exam("baseline", "{'kind':'lung-nodule','composition':'solid','longAxisMm':5}"),
                "findings[0].shortAxisMm");
        assertErrors(exam("baseline", "{'kind':'lung-nodule','composition':'solid'}"), "findings[0].meanDiameterMm");
        assertErrors(exam("baseline", solid("-1", null)), "findings[0].meanDiameterMm");
        assertErrors(exam("baseline", "{'kind':'lung-nodule','composition':'glass','meanDiameterMm':5}"),
                "findings[0].composition");
        assertErrors(exam("baseline", "{'kind':'lung-mass'}"), "findings[0].kind");
        assertErrors(exam("annual", "{'kind':'atypical-cyst','cystType':'thick-walled','status':'changed'}"),
                "findings[0].change");
        assertErrors(exam("annual", "{'kind':'airway-nodule','level':'subsegmental'}"), "findings[0].status");
        assertErrors(exam("incidental"), "exam.kind");
        assertErrors(eval(json("lung-rads-2022", "2025-02-10", PATIENT, "{'date':'2025-01-31'}", null)), "exam.kind");
        assertErrors(eval(json("lung-rads-2022", "2025-02-10", PATIENT, null, null)), "exam.date", "exam.kind");
    }
}
