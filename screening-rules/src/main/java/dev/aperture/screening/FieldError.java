// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.Objects;

/**
 * A validation error on one field of a case.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field   JSON path into the case, e.g. {@code findings[0].meanDiameterMm}
 * @param message what is wrong
 */
public record FieldError(String field, String message) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
