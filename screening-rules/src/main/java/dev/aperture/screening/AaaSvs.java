// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;

/** {@code aaa-svs-2018}: SVS abdominal aortic aneurysm surveillance (GUIDELINES.md §8). Stateless. */
final class AaaSvs implements Rules {
    static final String CITATION = "SVS AAA guideline (Chaikof et al., J Vasc Surg 2018;67:2-77)";
    private static final BigDecimal D25 = new BigDecimal("2.5");
    private static final BigDecimal D30 = new BigDecimal("3.0");
    private static final BigDecimal D40 = new BigDecimal("4.0");
    private static final BigDecimal D50 = new BigDecimal("5.0");
    private static final BigDecimal D55 = new BigDecimal("5.5");

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        JsonNode f = v.single("aorta");
        BigDecimal d = null;
        boolean symptomatic = false;
        if (f != null) {
            d = v.decimal(f, "findings[0]", "maxDiameterCm", true, true);
            symptomatic = v.flag(f, "findings[0]", "symptomatic");
        }
        if (v.hasErrors()) {
            return;
        }
        // Values as given, compared exactly: 2.5 is normal, 2.51 subaneurysmal; [3.0, 4.0) etc.
        if (d.compareTo(D25) <= 0) {
            out.rule("AAA-N").decide("normal", Action.NO_FOLLOW_UP);
        } else if (d.compareTo(D30) < 0) {
            out.rule("AAA-SUB").decide("subaneurysmal", Action.SURVEILLANCE).months(120, v.examDate);
        } else if (d.compareTo(D40) < 0) {
            out.rule("AAA-3").decide("aaa-3.0-3.9", Action.SURVEILLANCE).months(36, v.examDate);
        } else if (d.compareTo(D50) < 0) {
            out.rule("AAA-4").decide("aaa-4.0-4.9", Action.SURVEILLANCE).months(12, v.examDate);
        } else if (d.compareTo(D55) < 0) {
            if ("male".equals(v.sex)) {
                out.rule("AAA-5M").decide("aaa-5.0-5.4", Action.SURVEILLANCE).months(6, v.examDate);
            } else {
                out.rule("AAA-5F").decide("aaa-5.0-5.4", Action.SPECIALIST_REFERRAL);
            }
        } else {
            out.rule("AAA-REP").decide("aaa-5.5-plus", Action.SPECIALIST_REFERRAL);
        }
        if (symptomatic) {
            out.rule("AAA-SYM");
            out.action = Action.SPECIALIST_REFERRAL;
            out.recallMonths = null;
            out.recallMonthsMin = null;
            out.recallMonthsMax = null;
            out.dueDate = null;
            out.dueDateLatest = null;
        }
    }
}
