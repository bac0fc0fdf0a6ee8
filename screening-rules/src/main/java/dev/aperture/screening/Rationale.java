// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.Objects;

/**
 * One rule that fired: a row ID of GUIDELINES.md (or of a site-rule file) and its citation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule     the row ID, e.g. {@code LR-SOL-N4A}
 * @param citation the source the row restates
 */
public record Rationale(String rule, String citation) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Rationale {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(citation, "citation");
    }
}
