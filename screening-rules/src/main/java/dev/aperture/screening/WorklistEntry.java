// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.Objects;

/**
 * One patient on a worklist: the programme decision and the status at the as-of date.
 *
 * <p>Immutable and thread-safe.
 *
 * @param line        1-based line of the record in the population file (0 when not from a file)
 * @param decision    the programme decision (with errors when {@code status} is INVALID)
 * @param status      the worklist status
 * @param overdueDays days after {@code dueDateLatest} plus grace when OVERDUE, else 0
 */
public record WorklistEntry(long line, Decision decision, WorklistStatus status, long overdueDays) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException     if decision or status is null
     * @throws IllegalArgumentException if overdueDays is negative
     */
    public WorklistEntry {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        if (overdueDays < 0) {
            throw new IllegalArgumentException("overdueDays must be >= 0");
        }
    }
}
