// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/** Shared due-date rule of the eligibility programmes (GUIDELINES.md §2.3). */
final class Uspstf {
    private Uspstf() {
    }

    /** Interval from the last exam, or due now ({@code asOf}) when there is none. */
    static void schedule(CaseView v, Out out, int months) {
        if (v.examDate != null) {
            out.months(months, v.examDate);
        } else {
            out.months(months, null).dueNow(v.asOf);
        }
    }
}
