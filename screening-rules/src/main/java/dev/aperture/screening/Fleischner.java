// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/** {@code fleischner-2017}: incidental pulmonary nodules (GUIDELINES.md §7). Stateless. */
final class Fleischner implements Rules {
    static final String CITATION = "Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)";
    private static final Set<String> COMPOSITIONS = Set.of("solid", "ground-glass", "part-solid");
    private static final Set<String> MULTIPLICITY = Set.of("single", "multiple");

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        v.requireExamKind();
        JsonNode f = v.single("pulmonary-nodule");
        String composition = null;
        BigDecimal mean = null;
        String multiplicity = null;
        if (f != null) {
            composition = v.enumField(f, "findings[0]", "composition", true, COMPOSITIONS);
            mean = Sizes.meanDiameter(v, f, "findings[0]");
            multiplicity = v.enumField(f, "findings[0]", "multiplicity", true, MULTIPLICITY);
        }
        if (v.hasErrors()) {
            return;
        }
        if (!"incidental".equals(v.examKind) || v.age(v.examDate) < 35 || v.risk("known-primary-cancer")
                || v.risk("immunocompromised")) {
            out.rule("F-OOS").decide(null, Action.OUT_OF_SCOPE);
            return;
        }
        boolean solid = "solid".equals(composition);
        if (solid && v.lungCancerRisk == null) {
            if (!v.hasError("patient.lungCancerRisk")) {
                v.error("patient.lungCancerRisk", "required");
            }
            return;
        }
        // Bankier 2017: mean of long and short axis, rounded to the nearest whole millimetre.
        // Clamped so that absurd sizes (1e300 mm) still land in the largest band.
        int d = mean.setScale(0, RoundingMode.HALF_UP).min(BigDecimal.valueOf(1_000_000)).intValue();
        boolean single = "single".equals(multiplicity);
        boolean high = "high".equals(v.lungCancerRisk);
        String risk = high ? "high" : "low";
        String r = high ? "H" : "L";
        if (solid && single) {
            if (d <= 5) {
                if (high) {
                    out.rule("F-SS-LT6-H").decide("solid-single-lt6-high", Action.SURVEILLANCE).months(12, v.examDate);
                    out.discretionary = true;
                } else {
                    out.rule("F-SS-LT6-L").decide("solid-single-lt6-low", Action.NO_FOLLOW_UP);
                }
            } else if (d <= 8) {
                out.rule("F-SS-68-" + r).decide("solid-single-6to8-" + risk, Action.SURVEILLANCE)
                        .range(6, 12, v.examDate);
            } else {
                out.rule("F-SS-GT8").decide("solid-single-gt8", Action.DIAGNOSTIC_WORKUP).months(3, v.examDate);
                out.discretionary = true;
                out.also(Action.PET_CT);
                out.also(Action.TISSUE_SAMPLING);
            }
        } else if (solid) {
            if (d <= 5) {
                if (high) {
                    out.rule("F-SM-LT6-H").decide("solid-multiple-lt6-high", Action.SURVEILLANCE)
                            .months(12, v.examDate);
                    out.discretionary = true;
                } else {
                    out.rule("F-SM-LT6-L").decide("solid-multiple-lt6-low", Action.NO_FOLLOW_UP);
                }
            } else {
                out.rule("F-SM-GE6-" + r).decide("solid-multiple-ge6-" + risk, Action.SURVEILLANCE)
                        .range(3, 6, v.examDate);
            }
        } else if (single && "ground-glass".equals(composition)) {
            if (d <= 5) {
                out.rule("F-GG-LT6").decide("ggn-single-lt6", Action.NO_FOLLOW_UP);
            } else {
                out.rule("F-GG-GE6").decide("ggn-single-ge6", Action.SURVEILLANCE).range(6, 12, v.examDate);
            }
        } else if (single) {
            if (d <= 5) {
                out.rule("F-PS-LT6").decide("part-solid-single-lt6", Action.NO_FOLLOW_UP);
            } else {
                out.rule("F-PS-GE6").decide("part-solid-single-ge6", Action.SURVEILLANCE).range(3, 6, v.examDate);
            }
        } else {
            if (d <= 5) {
                out.rule("F-SSM-LT6").decide("subsolid-multiple-lt6", Action.SURVEILLANCE).range(3, 6, v.examDate);
            } else {
                out.rule("F-SSM-GE6").decide("subsolid-multiple-ge6", Action.SURVEILLANCE).range(3, 6, v.examDate);
            }
        }
    }
}
