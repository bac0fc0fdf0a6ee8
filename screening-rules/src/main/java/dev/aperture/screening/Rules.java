// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/**
 * The decision logic of one programme. Implementations are stateless (thread-safe): they read
 * the case through the {@link CaseView}, record programme-specific validation errors on it, and
 * fill {@link Out} only when there are none.
 */
interface Rules {
    /**
     * Validates and decides.
     *
     * @param v   the case, with common validation done
     * @param out the decision to fill
     */
    void evaluate(CaseView v, Out out);

    /**
     * The typed form of a case that {@link #evaluate} has just found valid, for fast repeated
     * evaluation; null when the programme has none (the default) or the case does not fit it.
     *
     * @param programme the programme evaluating
     * @param v         the validated case
     * @return the typed case, or null
     */
    default PreparedCase prepare(Programme programme, CaseView v) {
        return null;
    }

    /** @return true when {@link #prepare} can give a typed form */
    default boolean typed() {
        return false;
    }
}
