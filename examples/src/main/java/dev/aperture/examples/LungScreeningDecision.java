// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples;

import dev.aperture.screening.Decision;
import dev.aperture.screening.Programmes;
import dev.aperture.screening.ScreeningCase;

/**
 * Evaluates a Lung-RADS case (the screening-case contract's worked example 1) and prints the
 * category, the action, the due date and the guideline rows behind them. Run: {@code java -cp
 * examples/target/aperture.jar dev.aperture.examples.LungScreeningDecision}.
 */
public final class LungScreeningDecision {
    private LungScreeningDecision() {
    }

    /**
     * Evaluates the example case.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        String json = """
                {"id": "ex-lung-1", "program": "lung-rads-2022", "asOf": "2025-02-10",
                 "patient": {"birthDate": "1958-07-04", "sex": "male",
                             "smoking": {"status": "current", "packYears": 40}},
                 "exam": {"date": "2025-01-31", "modality": "LDCT", "kind": "annual",
                          "priorExamDate": "2024-01-29"},
                 "findings": [
                   {"kind": "lung-nodule", "composition": "solid", "longAxisMm": 6.4, "shortAxisMm": 5.8,
                    "status": "new"},
                   {"kind": "significant-other"}]}
                """;
        Decision d = Programmes.standard().evaluate(ScreeningCase.parse(json));
        System.out.println("category " + d.category().orElse("-") + ", " + d.action().map(Enum::name).orElse("-")
                + ", due " + d.dueDate().map(Object::toString).orElse("-"));
        d.rationale().forEach(r -> System.out.println("  " + r.rule() + "  (" + r.citation() + ")"));
    }
}
