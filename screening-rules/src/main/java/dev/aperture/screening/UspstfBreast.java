// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/** {@code uspstf-breast-2024}: USPSTF breast cancer screening, April 2024 (GUIDELINES.md §4). Stateless. */
final class UspstfBreast implements Rules {
    static final String CITATION = "USPSTF Breast Cancer: Screening (30 Apr 2024)";

    @Override
    public void evaluate(CaseView v, Out out) {
        if (v.examPresent) {
            v.requireExamDate();
        }
        if (v.hasErrors()) {
            return;
        }
        if ("male".equals(v.sex) || v.risk("high-risk-genetic") || v.risk("chest-radiation-young-age")
                || v.risk("prior-breast-cancer") || v.risk("high-risk-breast-lesion")) {
            out.rule("UB-OOS").decide(null, Action.OUT_OF_SCOPE);
            return;
        }
        int age = v.age(v.asOf);
        if (age < 40) {
            out.rule("UB-U40").decide(null, Action.NOT_ELIGIBLE);
        } else if (age <= 74) {
            out.rule("UB-B").decide("B", Action.ROUTINE_SCREENING);
            Uspstf.schedule(v, out, 24);
        } else {
            out.rule("UB-I75").decide("I", Action.INDIVIDUAL_DECISION);
        }
    }
}
