// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.util.Set;

/** {@code bi-rads-5}: ACR BI-RADS Atlas 5th edition, mammography (GUIDELINES.md §3). Stateless. */
final class BiRads implements Rules {
    static final String CITATION = "ACR BI-RADS Atlas, 5th ed. (2013)";
    private static final Set<String> ASSESSMENTS = Set.of("0", "1", "2", "3", "4", "4A", "4B", "4C", "5", "6");
    private static final Set<String> COMPOSITIONS = Set.of("a", "b", "c", "d");

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        JsonNode f = v.single("breast-assessment");
        String assessment = null;
        String composition = null;
        Integer month = null;
        if (f != null) {
            assessment = v.enumField(f, "findings[0]", "assessment", true, ASSESSMENTS);
            composition = v.enumField(f, "findings[0]", "composition", false, COMPOSITIONS);
            month = v.integer(f, "findings[0]", "probablyBenignMonth", false, 0);
            if (month != null && month != 0 && month != 6 && month != 12 && month != 24) {
                v.error("findings[0].probablyBenignMonth", "must be 0, 6, 12 or 24");
            } else if (month != null && assessment != null && !"3".equals(assessment)) {
                v.error("findings[0].probablyBenignMonth", "only for assessment 3");
            }
        }
        if (v.hasErrors()) {
            return;
        }
        out.secondaryCategory = composition;
        out.category = assessment;
        switch (assessment) {
            case "0":
                out.rule("BR-0").action = Action.ADDITIONAL_IMAGING;
                break;
            case "1":
            case "2":
                out.rule("BR-" + assessment).action = Action.ROUTINE_SCREENING;
                if (v.routineIntervalMonths != null) {
                    out.months(v.routineIntervalMonths, v.examDate);
                }
                break;
            case "3": {
                int m = month == null ? 0 : month;
                // BR-3 schedule: 6 months after the first category-3 exam, 6 more at month 6,
                // then 12 at months 12 and 24 (the 36-month exam is optional).
                int recall = m <= 6 ? 6 : 12;
                out.rule("BR-3").rule("BR-3-" + m).action = Action.SHORT_INTERVAL_FOLLOW_UP;
                out.months(recall, v.examDate);
                break;
            }
            case "6":
                out.rule("BR-6").action = Action.SPECIALIST_REFERRAL;
                break;
            default: // 4, 4A, 4B, 4C, 5
                out.rule("BR-" + assessment).action = Action.TISSUE_SAMPLING;
                break;
        }
    }
}
