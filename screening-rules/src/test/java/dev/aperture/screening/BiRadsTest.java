// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.assertNoRecall;
import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One test per BI-RADS row of GUIDELINES.md §3. */
class BiRadsTest {
    private static final String PATIENT = "{'birthDate':'1970-05-01','sex':'female'}";
    private static final String EXAM = "{'date':'2024-08-31','modality':'MG'}";

    static Decision mg(String finding, String options) {
        String j = json("bi-rads-5", "2025-01-15", PATIENT, EXAM, finding);
        if (options != null) {
            j = j.substring(0, j.length() - 1) + ",'options':" + options + "}";
        }
        return eval(j);
    }

    static Decision assessment(String a) {
        return mg("{'kind':'breast-assessment','assessment':'" + a + "'}", null);
    }

    @Test
    void br0() {
        Decision d = assessment("0");
        assertDecision(d, "0", Action.ADDITIONAL_IMAGING, "BR-0");
        assertNoRecall(d);
    }

    @Test
    void br1AndBr2() {
        for (String a : new String[] {"1", "2"}) {
            Decision d = assessment(a);
            assertDecision(d, a, Action.ROUTINE_SCREENING, "BR-" + a);
            assertNoRecall(d);
            d = mg("{'kind':'breast-assessment','assessment':'" + a + "','composition':'c'}",
                    "{'routineIntervalMonths':24}");
            assertDecision(d, a, Action.ROUTINE_SCREENING, "BR-" + a);
            assertRecall(d, 24, 24, "2026-08-31", "2026-08-31");
            assertEquals("c", d.secondaryCategory().orElseThrow());
        }
    }

    @Test
    void br3Schedule() {
        Decision d = assessment("3");
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "BR-3", "BR-3-0");
        // 31 August + 6 months clamps to 28 February.
        assertRecall(d, 6, 6, "2025-02-28", "2025-02-28");
        String f = "{'kind':'breast-assessment','assessment':'3','probablyBenignMonth':";
        d = mg(f + "0}", null);
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "BR-3", "BR-3-0");
        d = mg(f + "6}", null);
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "BR-3", "BR-3-6");
        assertRecall(d, 6, 6, "2025-02-28", "2025-02-28");
        d = mg(f + "12}", null);
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "BR-3", "BR-3-12");
        assertRecall(d, 12, 12, "2025-08-31", "2025-08-31");
        d = mg(f + "24}", null);
        assertDecision(d, "3", Action.SHORT_INTERVAL_FOLLOW_UP, "BR-3", "BR-3-24");
        assertRecall(d, 12, 12, "2025-08-31", "2025-08-31");
    }

    @Test
    void br4To5AreTissueSampling() {
        for (String a : new String[] {"4", "4A", "4B", "4C", "5"}) {
            Decision d = assessment(a);
            assertDecision(d, a, Action.TISSUE_SAMPLING, "BR-" + a);
            assertNoRecall(d);
        }
    }

    @Test
    void br6() {
        assertDecision(assessment("6"), "6", Action.SPECIALIST_REFERRAL, "BR-6");
    }

    @Test
    void compositionNeverChangesTheAction() {
        for (String c : new String[] {"a", "b", "c", "d"}) {
            Decision d = mg("{'kind':'breast-assessment','assessment':'4A','composition':'" + c + "'}", null);
            assertDecision(d, "4A", Action.TISSUE_SAMPLING, "BR-4A");
            assertEquals(c, d.secondaryCategory().orElseThrow());
        }
    }

    @Test
    void validation() {
        assertErrors(mg("{'kind':'breast-assessment','assessment':4}", null), "findings[0].assessment");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'4D'}", null), "findings[0].assessment");
        assertErrors(mg("{'kind':'breast-assessment'}", null), "findings[0].assessment");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2','composition':'e'}", null),
                "findings[0].composition");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'3','probablyBenignMonth':18}", null),
                "findings[0].probablyBenignMonth");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2','probablyBenignMonth':6}", null),
                "findings[0].probablyBenignMonth");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2'}", "{'routineIntervalMonths':0}"),
                "options.routineIntervalMonths");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2'}", "{'routineIntervalMonths':2147483647}"),
                "options.routineIntervalMonths");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2'}", "{'routineIntervalMonths':1201}"),
                "options.routineIntervalMonths");
        assertErrors(mg("{'kind':'breast-assessment','assessment':'2'},{'kind':'breast-assessment','assessment':'2'}",
                null), "findings");
        assertErrors(eval(json("bi-rads-5", "2025-01-15", PATIENT, EXAM, "")), "findings");
        assertErrors(mg("{'kind':'aorta','maxDiameterCm':3}", null), "findings[0].kind");
        assertErrors(eval(json("bi-rads-5", "2025-01-15", PATIENT, null,
                "{'kind':'breast-assessment','assessment':'1'}")), "exam.date");
    }
}
