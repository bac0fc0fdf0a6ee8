// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/**
 * Where a patient stands on a worklist at the as-of date.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum WorklistStatus {
    /** The recall window has opened and not closed: {@code dueDate <= asOf <= dueDateLatest + grace};
     *  also every decision that asks for action now without an interval (additional imaging,
     *  tissue sampling, diagnostic work-up, colonoscopy, referral). */
    DUE,
    /** {@code asOf} is after {@code dueDateLatest} plus the grace period. */
    OVERDUE,
    /** {@code asOf} is before {@code dueDate}. */
    NOT_YET_DUE,
    /** Not eligible, out of scope, no further screening, or no follow-up needed. */
    NOT_ELIGIBLE,
    /** Eligible but without a default schedule (individual decision, or an interval set elsewhere). */
    NO_SCHEDULE,
    /** The record could not be evaluated: the decision lists the errors. */
    INVALID
}
