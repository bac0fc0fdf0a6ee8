// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;

/** Nodule size helpers shared by Lung-RADS and Fleischner (exact decimals, never double). */
final class Sizes {
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private Sizes() {
    }

    /**
     * The unrounded mean diameter in mm: {@code meanDiameterMm} if given, else
     * (longAxisMm + shortAxisMm) / 2, exact in decimal. Records errors and returns null when
     * neither is usable.
     */
    static BigDecimal meanDiameter(CaseView v, JsonNode f, String p) {
        JsonNode mean = CaseView.field(f, "meanDiameterMm");
        if (mean != null) {
            return v.decimal(f, p, "meanDiameterMm", true, true);
        }
        boolean hasLong = CaseView.field(f, "longAxisMm") != null;
        boolean hasShort = CaseView.field(f, "shortAxisMm") != null;
        if (!hasLong && !hasShort) {
            v.error(p + ".meanDiameterMm", "required");
            return null;
        }
        BigDecimal l = v.decimal(f, p, "longAxisMm", true, true);
        BigDecimal s = v.decimal(f, p, "shortAxisMm", true, true);
        if (l == null || s == null) {
            return null;
        }
        return l.add(s).multiply(HALF); // exact: halving adds at most one decimal digit
    }
}
