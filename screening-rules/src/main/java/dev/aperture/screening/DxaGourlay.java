// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;

/** {@code dxa-gourlay-2012}: BMD rescreening interval by T-score (GUIDELINES.md §10). Stateless. */
final class DxaGourlay implements Rules {
    static final String CITATION = "Gourlay et al., N Engl J Med 2012;366:225-233";
    private static final BigDecimal M100 = new BigDecimal("-1.00");
    private static final BigDecimal M150 = new BigDecimal("-1.50");
    private static final BigDecimal M200 = new BigDecimal("-2.00");
    private static final BigDecimal M250 = new BigDecimal("-2.50");

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        JsonNode f = v.single("bmd");
        BigDecimal t = null;
        if (f != null) {
            t = v.decimal(f, "findings[0]", "tScore", true, false);
        }
        if (v.hasErrors()) {
            return;
        }
        if ("male".equals(v.sex) || v.age(v.examDate) < 65 || v.risk("osteoporosis-treatment")
                || v.risk("prior-hip-or-vertebral-fracture")) {
            out.rule("DX-OOS").decide(null, Action.OUT_OF_SCOPE);
        } else if (t.compareTo(M100) >= 0) {
            out.rule("DX-N").decide("normal", Action.ROUTINE_SCREENING).months(180, v.examDate);
        } else if (t.compareTo(M150) > 0) {
            out.rule("DX-MILD").decide("mild-osteopenia", Action.ROUTINE_SCREENING).months(180, v.examDate);
        } else if (t.compareTo(M200) > 0) {
            out.rule("DX-MOD").decide("moderate-osteopenia", Action.ROUTINE_SCREENING).months(60, v.examDate);
        } else if (t.compareTo(M250) > 0) {
            out.rule("DX-ADV").decide("advanced-osteopenia", Action.ROUTINE_SCREENING).months(12, v.examDate);
        } else {
            out.rule("DX-OP").decide("osteoporosis", Action.SPECIALIST_REFERRAL);
        }
    }
}
