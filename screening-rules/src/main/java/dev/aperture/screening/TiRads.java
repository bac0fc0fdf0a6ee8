// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code ti-rads-2017}: ACR TI-RADS (GUIDELINES.md §14). Stateless. */
final class TiRads implements Rules {
    static final String CITATION = "ACR TI-RADS (Tessler et al., J Am Coll Radiol 2017;14:587-595)";

    private static final Map<String, Integer> COMPOSITION = Map.of("cystic", 0, "spongiform", 0, "mixed", 1,
            "solid", 2, "indeterminate", 2);
    private static final Map<String, Integer> ECHOGENICITY = Map.of("anechoic", 0, "hyperechoic", 1,
            "isoechoic", 1, "hypoechoic", 2, "very-hypoechoic", 3, "indeterminate", 1);
    private static final Map<String, Integer> SHAPE = Map.of("wider-than-tall", 0, "taller-than-wide", 3);
    private static final Map<String, Integer> MARGIN = Map.of("smooth", 0, "ill-defined", 0, "lobulated", 2,
            "irregular", 2, "extrathyroidal-extension", 3, "indeterminate", 0);
    private static final Map<String, Integer> FOCI = Map.of("none", 0, "large-comet-tail", 0,
            "macrocalcification", 1, "peripheral-calcification", 2, "punctate", 3);

    /** Follow-up schedules in years after the exam that started follow-up (TR3, TR4, TR5). */
    private static final int[][] SCHEDULE = {{1, 3, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5}};
    /** FNA and follow-up size thresholds in cm (TR3, TR4, TR5). */
    private static final BigDecimal[] FNA = {new BigDecimal("2.5"), new BigDecimal("1.5"), new BigDecimal("1.0")};
    private static final BigDecimal[] FOLLOW = {new BigDecimal("1.5"), new BigDecimal("1.0"), new BigDecimal("0.5")};

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        JsonNode f = v.single("thyroid-nodule");
        if (f == null) {
            return;
        }
        String p = "findings[0]";
        Integer c = points(v, f, p, "composition", COMPOSITION);
        Integer e = points(v, f, p, "echogenicity", ECHOGENICITY);
        Integer s = points(v, f, p, "shape", SHAPE);
        Integer m = points(v, f, p, "margin", MARGIN);
        int foci = foci(v, f, p);
        BigDecimal size = v.decimal(f, p, "maxDiameterCm", true, true);
        Integer year = v.integer(f, p, "surveillanceYear", false, 0);
        boolean levelIncreased = v.flag(f, p, "levelIncreased");
        if (v.hasErrors()) {
            return;
        }
        boolean spongiform = "spongiform".equals(CaseView.field(f, "composition").string());
        // A spongiform nodule scores 0 and takes no points from any other feature.
        int score = spongiform ? 0 : c + e + s + m + foci;
        if (score == 1) {
            v.error(p, "feature set totals 1 point, which no TI-RADS level has");
            return;
        }
        out.score = score;
        int tr = score == 0 ? 1 : score == 2 ? 2 : score == 3 ? 3 : score <= 6 ? 4 : 5;
        out.category = "TR" + tr;
        out.rule("TI-TR" + tr);
        if (tr <= 2) {
            out.rule("TI-NOFNA").action = Action.NO_FOLLOW_UP;
            return;
        }
        int k = tr - 3;
        if (size.compareTo(FNA[k]) >= 0) {
            out.rule("TI-FNA").action = Action.TISSUE_SAMPLING;
        } else if (size.compareTo(FOLLOW[k]) >= 0) {
            if (levelIncreased) {
                out.rule("TI-LEVELUP").decide(out.category, Action.SURVEILLANCE).months(12, v.examDate);
                return;
            }
            int y = year == null ? 0 : year;
            int next = -1;
            for (int point : SCHEDULE[k]) {
                if (point > y) {
                    next = point;
                    break;
                }
            }
            if (next < 0) {
                out.rule("TI-SURV-DONE").action = Action.NO_FOLLOW_UP;
            } else {
                out.rule("TI-SURV").decide(out.category, Action.SURVEILLANCE).months(12 * (next - y), v.examDate);
            }
        } else {
            out.rule("TI-SMALL").action = Action.NO_FOLLOW_UP;
        }
    }

    private static Integer points(CaseView v, JsonNode f, String p, String name, Map<String, Integer> table) {
        String value = v.enumField(f, p, name, true, table.keySet());
        return value == null ? null : table.get(value);
    }

    private static int foci(CaseView v, JsonNode f, String p) {
        JsonNode n = CaseView.field(f, "echogenicFoci");
        if (n == null) {
            v.error(p + ".echogenicFoci", "required");
            return 0;
        }
        if (!n.isArray()) {
            v.error(p + ".echogenicFoci", "must be an array");
            return 0;
        }
        List<JsonNode> items = n.items();
        int sum = 0;
        int seen = 0; // bit per value in FOCI order below
        List<String> order = List.of("none", "large-comet-tail", "macrocalcification", "peripheral-calcification",
                "punctate");
        for (int i = 0; i < items.size(); i++) {
            JsonNode it = items.get(i);
            String path = p + ".echogenicFoci[" + i + "]";
            if (it.type() != JsonNode.Type.STRING) {
                v.error(path, "must be a string");
                continue;
            }
            int idx = order.indexOf(it.string());
            if (idx < 0) {
                v.error(path, "unknown value");
                continue;
            }
            if ((seen & (1 << idx)) != 0) {
                v.error(path, "duplicate value");
                continue;
            }
            seen |= 1 << idx;
            sum += FOCI.get(it.string());
        }
        return sum;
    }
}
