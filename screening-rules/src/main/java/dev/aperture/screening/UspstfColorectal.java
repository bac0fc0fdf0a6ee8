// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/** {@code uspstf-colorectal-2021}: USPSTF colorectal cancer screening, May 2021 (GUIDELINES.md §13). Stateless. */
final class UspstfColorectal implements Rules {
    static final String CITATION = "USPSTF Colorectal Cancer: Screening (18 May 2021)";

    @Override
    public void evaluate(CaseView v, Out out) {
        if (v.examPresent) {
            v.requireExamDate();
            if (v.examModality == null && !v.hasError("exam.modality")) {
                v.error("exam.modality", "required");
            } else if (v.examModality != null && interval(v.examModality) == null) {
                v.error("exam.modality", "not a colorectal screening test");
            }
        }
        if (v.hasErrors()) {
            return;
        }
        if (v.risk("prior-colorectal-cancer") || v.risk("prior-adenomatous-polyps")
                || v.risk("inflammatory-bowel-disease") || v.risk("hereditary-crc-syndrome")) {
            out.rule("UC-OOS").decide(null, Action.OUT_OF_SCOPE);
            return;
        }
        int age = v.age(v.asOf);
        if (age < 45) {
            out.rule("UC-U45").decide(null, Action.NOT_ELIGIBLE);
        } else if (age <= 49) {
            out.rule("UC-B").decide("B", Action.ROUTINE_SCREENING);
            schedule(v, out);
        } else if (age <= 75) {
            out.rule("UC-A").decide("A", Action.ROUTINE_SCREENING);
            schedule(v, out);
        } else if (age <= 85) {
            out.rule("UC-C").decide("C", Action.INDIVIDUAL_DECISION);
        } else {
            out.rule("UC-O85").decide(null, Action.NOT_ELIGIBLE);
        }
    }

    private static void schedule(CaseView v, Out out) {
        if (v.examDate == null) {
            out.dueNow(v.asOf);
            return;
        }
        int[] range = interval(v.examModality);
        out.range(range[0], range[1], v.examDate);
    }

    /** Interval by the last test's modality, or null when the modality is not a CRC test. */
    private static int[] interval(String modality) {
        switch (modality) {
            case "CTC":
            case "FLEX_SIG":
                return new int[] {60, 60};
            case "COLONOSCOPY":
                return new int[] {120, 120};
            case "FIT":
            case "HSGFOBT":
                return new int[] {12, 12};
            case "SDNA_FIT":
                return new int[] {12, 36};
            default:
                return null;
        }
    }
}
