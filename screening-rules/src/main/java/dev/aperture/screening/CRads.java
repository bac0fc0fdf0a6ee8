// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.util.Set;

/** {@code c-rads-2005}: CT Colonography Reporting and Data System (GUIDELINES.md §12). Stateless. */
final class CRads implements Rules {
    static final String CITATION = "C-RADS (Zalis et al., Radiology 2005;236:3-9)";
    private static final BigDecimal SIX = BigDecimal.valueOf(6);
    private static final BigDecimal TEN = BigDecimal.valueOf(10);
    private static final Set<String> REASONS = Set.of("preparation", "insufflation", "awaiting-comparison");
    private static final Set<String> E = Set.of("E0", "E1", "E2", "E3", "E4");

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        boolean mass = false;
        boolean inadequate = false;
        boolean indeterminate = false;
        int large = 0;   // polyps >= 10 mm
        int medium = 0;  // polyps in [6, 10) mm
        String extracolonic = null;
        int extracolonicCount = 0;
        for (int i = 0; i < v.findings.size(); i++) {
            String kind = v.kind(i);
            if (kind == null) {
                continue;
            }
            JsonNode f = v.findings.get(i);
            String p = CaseView.findingPath(i);
            switch (kind) {
                case "polyp": {
                    BigDecimal size = v.decimal(f, p, "sizeMm", true, true);
                    if (size != null) {
                        if (size.compareTo(TEN) >= 0) {
                            large++;
                        } else if (size.compareTo(SIX) >= 0) {
                            medium++;
                        }
                    }
                    break;
                }
                case "colonic-mass":
                    mass = true;
                    break;
                case "indeterminate":
                    indeterminate = true;
                    break;
                case "inadequate":
                    v.enumField(f, p, "reason", true, REASONS);
                    inadequate = true;
                    break;
                case "extracolonic":
                    extracolonicCount++;
                    if (extracolonicCount > 1) {
                        v.error(p, "at most one extracolonic finding");
                    }
                    String e = v.enumField(f, p, "category", true, E);
                    if (extracolonicCount == 1) {
                        extracolonic = e;
                    }
                    break;
                default:
                    v.error(p + ".kind", "unknown value");
            }
        }
        if (v.hasErrors()) {
            return;
        }
        out.secondaryCategory = extracolonic;
        if (mass) {
            out.rule("CR-C4").decide("C4", Action.SPECIALIST_REFERRAL);
        } else if (large > 0 || medium >= 3) {
            out.rule("CR-C3").decide("C3", Action.COLONOSCOPY);
        } else if (inadequate) {
            out.rule("CR-C0").decide("C0", Action.ADDITIONAL_IMAGING);
        } else if (medium > 0 || indeterminate) {
            out.rule("CR-C2").decide("C2", Action.SURVEILLANCE).months(36, v.examDate);
            out.also(Action.COLONOSCOPY);
        } else {
            out.rule("CR-C1").decide("C1", Action.ROUTINE_SCREENING).months(60, v.examDate);
        }
    }
}
