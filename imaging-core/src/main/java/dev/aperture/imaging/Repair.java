// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

import java.util.Objects;

/**
 * One repair a lenient reader or decoder made to accept non-conforming input: what was fixed and
 * where. Returned to the caller with the result, never only logged.
 *
 * <p>Immutable and thread-safe. {@code description} is fixed text and never contains element values.
 *
 * @param description what was wrong and what was done about it
 * @param offset      byte offset in the input, or -1
 * @param tag         tag concerned, or {@link ApertureException#NO_TAG}
 */
public record Repair(String description, long offset, int tag) {
    /** Validates the description. */
    public Repair {
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(description);
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (tag != ApertureException.NO_TAG) {
            sb.append(" in ").append(ApertureException.tagString(tag));
        }
        return sb.toString();
    }
}
