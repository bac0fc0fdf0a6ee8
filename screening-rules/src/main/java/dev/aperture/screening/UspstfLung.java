// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.math.BigDecimal;

/** {@code uspstf-lung-2021}: USPSTF lung cancer screening, March 2021 (GUIDELINES.md §6). Stateless. */
final class UspstfLung implements Rules {
    static final String CITATION = "USPSTF Lung Cancer: Screening (9 Mar 2021)";
    private static final BigDecimal TWENTY = BigDecimal.valueOf(20);
    private static final BigDecimal FIFTEEN = BigDecimal.valueOf(15);

    @Override
    public void evaluate(CaseView v, Out out) {
        if (v.examPresent) {
            v.requireExamDate();
        }
        if (v.smokingStatus == null && !v.hasError("patient.smoking.status")) {
            v.error("patient.smoking.status", "required");
        }
        if (v.packYears == null && !"never".equals(v.smokingStatus) && !v.hasError("patient.smoking.packYears")) {
            v.error("patient.smoking.packYears", "required");
        }
        if ("former".equals(v.smokingStatus) && v.yearsSinceQuit == null
                && !v.hasError("patient.smoking.yearsSinceQuit")) {
            v.error("patient.smoking.yearsSinceQuit", "required");
        }
        if (v.hasErrors()) {
            return;
        }
        int age = v.age(v.asOf);
        if (age < 50 || age > 80) {
            out.rule("UL-AGE").decide(null, Action.NOT_ELIGIBLE);
        } else if ("never".equals(v.smokingStatus)) {
            out.rule("UL-NEVER").decide(null, Action.NOT_ELIGIBLE);
        } else if (v.packYears.compareTo(TWENTY) < 0) {
            out.rule("UL-PY").decide(null, Action.NOT_ELIGIBLE);
        } else if ("former".equals(v.smokingStatus) && v.yearsSinceQuit.compareTo(FIFTEEN) >= 0) {
            out.rule("UL-QUIT").decide(null, Action.NO_FURTHER_SCREENING);
        } else if (v.risk("limited-life-expectancy") || v.risk("not-surgical-candidate")) {
            out.rule("UL-LIFE").decide(null, Action.NO_FURTHER_SCREENING);
        } else {
            out.rule("UL-B").decide("B", Action.ROUTINE_SCREENING);
            Uspstf.schedule(v, out, 12);
        }
    }
}
