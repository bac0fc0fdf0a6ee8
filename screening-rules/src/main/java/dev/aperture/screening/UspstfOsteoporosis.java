// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/** {@code uspstf-osteoporosis-2025}: USPSTF osteoporosis screening, January 2025 (GUIDELINES.md §11). Stateless. */
final class UspstfOsteoporosis implements Rules {
    static final String CITATION = "USPSTF Osteoporosis to Prevent Fractures: Screening (14 Jan 2025)";

    @Override
    public void evaluate(CaseView v, Out out) {
        if (v.examPresent) {
            v.requireExamDate();
        }
        if (v.hasErrors()) {
            return;
        }
        if (v.risk("prior-fragility-fracture") || v.risk("secondary-osteoporosis")) {
            out.rule("UO-OOS").decide(null, Action.OUT_OF_SCOPE);
        } else if ("male".equals(v.sex)) {
            out.rule("UO-M").decide("I", Action.INDIVIDUAL_DECISION);
        } else if (v.age(v.asOf) >= 65) {
            out.rule("UO-65").decide("B", Action.ROUTINE_SCREENING);
            dates(v, out);
        } else if (v.risk("postmenopausal") && v.risk("increased-fracture-risk")) {
            out.rule("UO-PM").decide("B", Action.ROUTINE_SCREENING);
            dates(v, out);
        } else {
            out.rule("UO-NE").decide(null, Action.NOT_ELIGIBLE);
        }
    }

    /** No prior DXA: due now. With one, the interval is dxa-gourlay-2012's, so no dates here. */
    private static void dates(CaseView v, Out out) {
        if (!v.examPresent) {
            out.dueNow(v.asOf);
        }
    }
}
