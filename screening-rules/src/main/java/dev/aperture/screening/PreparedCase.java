// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/**
 * A case validated once by one programme and held in typed form, so that later evaluations skip
 * the JSON tree and the validation. Kept by the {@link ScreeningCase} it was made from.
 * Subclasses are immutable once published (through a volatile field) and thread-safe.
 */
abstract class PreparedCase {
    /** The programme that validated the case. */
    final Programme programme;

    PreparedCase(Programme programme) {
        this.programme = programme;
    }

    /** @return the decision, identical to the one the reference path gives for the case */
    abstract Decision evaluate();
}
