// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/** {@code uspstf-aaa-2019}: USPSTF AAA screening, December 2019 (GUIDELINES.md §9). Stateless. */
final class UspstfAaa implements Rules {
    static final String CITATION = "USPSTF Abdominal Aortic Aneurysm: Screening (10 Dec 2019)";

    @Override
    public void evaluate(CaseView v, Out out) {
        if (v.examPresent) {
            v.requireExamDate();
        }
        if (v.smokingStatus == null && !v.hasError("patient.smoking.status")) {
            v.error("patient.smoking.status", "required");
        }
        if (v.hasErrors()) {
            return;
        }
        boolean female = "female".equals(v.sex);
        boolean ever = !"never".equals(v.smokingStatus);
        boolean family = v.risk("family-history-aaa");
        int age = v.age(v.asOf);
        if (female && !ever && !family) {
            out.rule("UA-D").decide("D", Action.NOT_ELIGIBLE);
        } else if (age < 65 || age > 75) {
            out.rule("UA-AGE").decide(null, Action.NOT_ELIGIBLE);
        } else if (!female && ever && v.examPresent) {
            out.rule("UA-B-DONE").decide("B", Action.NO_FURTHER_SCREENING);
        } else if (!female && ever) {
            out.rule("UA-B").decide("B", Action.ROUTINE_SCREENING).dueNow(v.asOf);
        } else if (!female) {
            out.rule("UA-C").decide("C", Action.INDIVIDUAL_DECISION);
        } else {
            out.rule("UA-I").decide("I", Action.INDIVIDUAL_DECISION);
        }
    }
}
