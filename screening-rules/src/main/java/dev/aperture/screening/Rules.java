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
     * The typed path: validates and decides a case in one pass without the {@link CaseView},
     * giving exactly the decision of {@link #evaluate} for a valid case.
     *
     * @param programme the id of the programme evaluating (the case's {@code program} must equal it)
     * @param c         the case
     * @return the decision, or null when the case has an error or a shape the typed path does not
     *         take (the reference path then decides and reports the errors)
     */
    default Decision fast(String programme, ScreeningCase c) {
        return null;
    }

    /** @return true when {@link #fast} can give a decision */
    default boolean typed() {
        return false;
    }
}
