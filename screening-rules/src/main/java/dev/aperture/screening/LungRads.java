// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lung-rads-2022}: ACR Lung-RADS v2022 (GUIDELINES.md §5). Stateless.
 *
 * <p>Categories are ranked 1 &lt; 2 &lt; 3 &lt; 4A &lt; 4B &lt; 4X; the exam takes the worst finding
 * (category 0 for incomplete or infectious exams wins), and "S" is appended for a significant
 * other finding. Sizes are exact decimals rounded half-up to 0.1 mm.
 */
final class LungRads implements Rules {
    static final String CITATION = "ACR Lung-RADS v2022 (Nov 2022)";

    private static final String[] CATEGORY = {"0", "1", "2", "3", "4A", "4B", "4X"};
    private static final int C1 = 1;
    private static final int C2 = 2;
    private static final int C3 = 3;
    private static final int C4A = 4;
    private static final int C4B = 5;
    private static final int C4X = 6;

    private static final Set<String> EXAM_KINDS = Set.of("baseline", "annual", "follow-up");
    private static final Set<String> COMPOSITIONS = Set.of("solid", "part-solid", "non-solid");
    private static final Set<String> NODULE_STATUS = Set.of("baseline", "new", "growing", "stable", "decreased",
            "slow-growing");
    private static final Set<String> AIRWAY_STATUS = Set.of("baseline", "new", "stable", "growing");
    private static final Set<String> LEVELS = Set.of("subsegmental", "segmental-or-proximal");
    private static final Set<String> CYST_TYPES = Set.of("thick-walled", "multilocular");
    private static final Set<String> CYST_STATUS = Set.of("baseline", "new", "stable", "decreased", "changed");
    private static final Set<String> CHANGES = Set.of("became-multilocular", "growing-cystic-component",
            "growing-wall", "growing-multilocular", "increased-loculation-or-opacity");
    private static final Set<String> PRIOR = Set.of("0", "1", "2", "3", "4A", "4B", "4X", "0S", "1S", "2S", "3S",
            "4AS", "4BS", "4XS");
    private static final Set<String> REASONS = Set.of("prior-being-located", "lungs-not-evaluable");

    private static final BigDecimal D1_5 = new BigDecimal("1.5");
    private static final BigDecimal D4 = new BigDecimal("4.0");
    private static final BigDecimal D6 = new BigDecimal("6.0");
    private static final BigDecimal D8 = new BigDecimal("8.0");
    private static final BigDecimal D10 = new BigDecimal("10.0");
    private static final BigDecimal D15 = new BigDecimal("15.0");
    private static final BigDecimal D30 = new BigDecimal("30.0");

    /** The category of one finding and the rows that gave it. */
    private static final class Result {
        int rank;
        final List<String> rules = new ArrayList<>(2);
        boolean petSize;

        Result set(int r, String rule) {
            rank = r;
            rules.add(rule);
            return this;
        }
    }

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public Decision fast(String programme, ScreeningCase c) {
        return LungRadsFast.evaluate(c, programme);
    }

    @Override
    public void evaluate(CaseView v, Out out) {
        v.requireExamDate();
        v.requireExamKind();
        String kind = v.examKind;
        if (kind != null && !EXAM_KINDS.contains(kind)) {
            v.error("exam.kind", "unknown value");
            kind = null;
        }
        String incomplete = null;
        boolean infectious = false;
        boolean significant = false;
        Result worst = null;
        boolean petAtWorst = false;
        for (int i = 0; i < v.findings.size(); i++) {
            String k = v.kind(i);
            if (k == null) {
                continue;
            }
            JsonNode f = v.findings.get(i);
            String p = CaseView.findingPath(i);
            Result r = null;
            switch (k) {
                case "lung-nodule":
                    r = nodule(v, f, p, kind);
                    break;
                case "airway-nodule":
                    r = airway(v, f, p, kind);
                    break;
                case "atypical-cyst":
                    r = cyst(v, f, p, kind);
                    break;
                case "incomplete": {
                    String reason = v.enumField(f, p, "reason", true, REASONS);
                    if (incomplete == null && reason != null) {
                        incomplete = reason;
                    }
                    break;
                }
                case "infectious-inflammatory":
                    infectious = true;
                    break;
                case "significant-other":
                    significant = true;
                    break;
                default:
                    v.error(p + ".kind", "unknown value");
            }
            if (r != null) {
                if (worst == null || r.rank > worst.rank) {
                    worst = r;
                    petAtWorst = r.petSize;
                } else if (r.rank == worst.rank) {
                    petAtWorst |= r.petSize;
                }
            }
        }
        if (v.hasErrors()) {
            return;
        }
        int rank;
        if (incomplete != null) {
            rank = 0;
            out.rule("prior-being-located".equals(incomplete) ? "LR-0-CMP" : "LR-0-EVAL");
            out.action = Action.ADDITIONAL_IMAGING;
        } else if (infectious) {
            rank = 0;
            out.rule("LR-0-INF");
            out.action = Action.SHORT_INTERVAL_FOLLOW_UP;
            out.discretionary = true;
            out.range(1, 3, v.examDate);
        } else {
            if (worst == null) {
                rank = C1;
                out.rule("LR-1-NONE");
            } else {
                rank = worst.rank;
                for (String rule : worst.rules) {
                    out.rule(rule);
                }
            }
            manage(rank, petAtWorst, v, out);
        }
        out.category = significant ? CATEGORY[rank] + "S" : CATEGORY[rank];
        if (significant) {
            out.rule("LR-S");
        }
    }

    /** §5.4 management table for categories 1 to 4X. */
    private static void manage(int rank, boolean pet, CaseView v, Out out) {
        switch (rank) {
            case C1:
            case C2:
                out.action = Action.ROUTINE_SCREENING;
                out.months(12, v.examDate);
                break;
            case C3:
                out.action = Action.SHORT_INTERVAL_FOLLOW_UP;
                out.months(6, v.examDate);
                break;
            case C4A:
                out.action = Action.SHORT_INTERVAL_FOLLOW_UP;
                out.months(3, v.examDate);
                if (pet) {
                    out.also(Action.PET_CT);
                }
                break;
            default: // 4B, 4X
                out.action = Action.DIAGNOSTIC_WORKUP;
                if (pet) {
                    out.also(Action.PET_CT);
                }
                out.also(Action.TISSUE_SAMPLING);
                out.also(Action.SPECIALIST_REFERRAL);
                break;
        }
    }

    private static BigDecimal tenth(BigDecimal d) {
        return d == null ? null : d.setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * Status per §5.1: defaulted on baseline exams, computed from the prior diameter when omitted,
     * and checked against the exam kind. Returns null after recording an error.
     */
    private static String status(CaseView v, JsonNode f, String p, String examKind, Set<String> allowed,
                                 BigDecimal d, BigDecimal prior) {
        String status = v.enumField(f, p, "status", false, allowed);
        if (status == null && CaseView.field(f, "status") != null) {
            return null; // invalid value, error recorded
        }
        if (examKind == null) {
            return status;
        }
        if ("baseline".equals(examKind)) {
            if (status == null) {
                return "baseline";
            }
            if (!"baseline".equals(status)) {
                v.error(p + ".status", "must be baseline on a baseline exam");
                return null;
            }
            return status;
        }
        if ("baseline".equals(status)) {
            v.error(p + ".status", "baseline on a non-baseline exam");
            return null;
        }
        if (status != null) {
            return status;
        }
        // Growth = mean diameter increase > 1.5 mm within 12 months (exam.date <= prior + 12 months).
        if (d != null && prior != null && v.priorExamDate != null && v.examDate != null
                && !v.examDate.isAfter(v.priorExamDate.plusMonths(12))) {
            return d.subtract(prior).compareTo(D1_5) > 0 ? "growing" : "stable";
        }
        if (d != null || prior != null) {
            v.error(p + ".status", "required (growth cannot be computed)");
        }
        return null;
    }

    private static String priorCategory(CaseView v, JsonNode f, String p, String status) {
        String prior = v.enumField(f, p, "priorCategory", false, PRIOR);
        if (prior != null && prior.endsWith("S")) {
            prior = prior.substring(0, prior.length() - 1);
        }
        if (prior == null && ("stable".equals(status) || "decreased".equals(status))
                && CaseView.field(f, "priorCategory") == null) {
            v.error(p + ".priorCategory", "required for a stable or decreased finding");
        }
        return prior;
    }

    private Result nodule(CaseView v, JsonNode f, String p, String examKind) {
        String comp = v.enumField(f, p, "composition", true, COMPOSITIONS);
        BigDecimal d = tenth(Sizes.meanDiameter(v, f, p));
        BigDecimal s = null;
        if ("part-solid".equals(comp)) {
            s = tenth(v.decimal(f, p, "solidComponentMm", true, true));
            if (s != null && d != null && s.compareTo(d) > 0) {
                v.error(p + ".solidComponentMm", "larger than the mean diameter");
            }
        } else if (CaseView.field(f, "solidComponentMm") != null) {
            v.decimal(f, p, "solidComponentMm", false, true);
        }
        BigDecimal prior = tenth(v.decimal(f, p, "priorMeanDiameterMm", false, true));
        boolean missingSize = d == null;
        String status = missingSize ? null : status(v, f, p, examKind, NODULE_STATUS, d, prior);
        if (missingSize) {
            // Still validate the status value itself.
            v.enumField(f, p, "status", false, NODULE_STATUS);
        }
        String priorCat = priorCategory(v, f, p, status);
        boolean juxta = v.flag(f, p, "juxtapleuralBenign");
        boolean benign = v.flag(f, p, "benignCalcificationOrFat");
        boolean suspicious = v.flag(f, p, "suspiciousFeatures");
        boolean provenBenign = v.flag(f, p, "provenBenign");
        if (v.hasErrors() || comp == null || status == null) {
            return null;
        }
        Result r = new Result();
        boolean solid = "solid".equals(comp);
        boolean partSolid = "part-solid".equals(comp);
        r.petSize = (solid && d.compareTo(D8) >= 0) || (partSolid && s.compareTo(D8) >= 0);
        boolean stableLike = "stable".equals(status) || "decreased".equals(status);
        if (benign) {
            return r.set(C1, "LR-1-BEN");
        }
        if (provenBenign && ("4B".equals(priorCat) || "4X".equals(priorCat))) {
            return r.set(C2, "LR-4B-BEN");
        }
        if (solid && juxta && ("baseline".equals(status) || "new".equals(status)) && d.compareTo(D10) < 0) {
            return r.set(C2, "LR-JXP-2");
        }
        if ("non-solid".equals(comp)) {
            if (!"decreased".equals(status)) {
                if (d.compareTo(D30) < 0) {
                    return r.set(C2, "LR-NS-2A");
                }
                if ("stable".equals(status) || "slow-growing".equals(status)) {
                    return r.set(C2, "LR-NS-2B");
                }
                return suspicious(r.set(C3, "LR-NS-3"), suspicious); // baseline, new; growing (interp.)
            }
            return suspicious(stepped(r, priorCat, C2, "LR-NS-2A"), suspicious);
        }
        if ("slow-growing".equals(status)) {
            return suspicious(r.set(C4B, "LR-SLOW-4B"), suspicious);
        }
        if (solid) {
            switch (status) {
                case "baseline":
                    solidBaseline(r, d);
                    break;
                case "new":
                    if (d.compareTo(D4) < 0) {
                        r.set(C2, "LR-SOL-N2");
                    } else if (d.compareTo(D6) < 0) {
                        r.set(C3, "LR-SOL-N3");
                    } else if (d.compareTo(D8) < 0) {
                        r.set(C4A, "LR-SOL-N4A");
                    } else {
                        r.set(C4B, "LR-SOL-N4B");
                    }
                    break;
                case "growing":
                    r.set(d.compareTo(D8) < 0 ? C4A : C4B, d.compareTo(D8) < 0 ? "LR-SOL-G4A" : "LR-SOL-G4B");
                    break;
                default: { // stable, decreased
                    int band = solidBand(d);
                    if ("stable".equals(status) && prior != null && band > solidBand(prior)) {
                        r.set(band, "LR-CROSS");
                    } else if ("0".equals(priorCat)) {
                        solidBaseline(r, d);
                    } else {
                        stepped(r, priorCat, 0, null);
                    }
                }
            }
        } else { // part-solid
            switch (status) {
                case "baseline":
                    partSolidBaseline(r, d, s);
                    break;
                case "new":
                    if (s.compareTo(D4) >= 0) {
                        r.set(C4B, "LR-PS-N4B");
                    } else if (d.compareTo(D6) < 0) {
                        r.set(C3, "LR-PS-N3");
                    } else {
                        r.set(C4A, "LR-PS-N4A");
                    }
                    break;
                case "growing":
                    r.set(s.compareTo(D4) < 0 ? C4A : C4B, s.compareTo(D4) < 0 ? "LR-PS-G4A" : "LR-PS-G4B");
                    break;
                default: { // stable, decreased
                    // Only the whole-nodule threshold can be seen to cross: the prior solid part is unknown.
                    if ("stable".equals(status) && prior != null && prior.compareTo(D6) < 0 && d.compareTo(D6) >= 0) {
                        r.set(partSolidBand(d, s), "LR-CROSS");
                    } else if ("0".equals(priorCat)) {
                        partSolidBaseline(r, d, s);
                    } else {
                        stepped(r, priorCat, 0, null);
                    }
                }
            }
        }
        return suspicious(r, suspicious);
    }

    /** 4X: a nodule that would be 3, 4A or 4B with suspicious features. */
    private static Result suspicious(Result r, boolean suspicious) {
        if (suspicious && r.rank >= C3 && r.rank <= C4B) {
            r.rank = C4X;
            r.rules.add("LR-4X");
        }
        return r;
    }

    /** Baseline size band of a solid nodule: 2 / 3 / 4A / 4B at 6.0 / 8.0 / 15.0 mm. */
    private static int solidBand(BigDecimal d) {
        return d.compareTo(D6) < 0 ? C2 : d.compareTo(D8) < 0 ? C3 : d.compareTo(D15) < 0 ? C4A : C4B;
    }

    private static void solidBaseline(Result r, BigDecimal d) {
        int band = solidBand(d);
        r.set(band, band == C2 ? "LR-SOL-B2" : band == C3 ? "LR-SOL-B3" : band == C4A ? "LR-SOL-B4A" : "LR-SOL-B4B");
    }

    /** Baseline band of a part-solid nodule: d &lt; 6.0 is 2, then by solid part at 6.0 / 8.0. */
    private static int partSolidBand(BigDecimal d, BigDecimal s) {
        if (d.compareTo(D6) < 0) {
            return C2;
        }
        return s.compareTo(D6) < 0 ? C3 : s.compareTo(D8) < 0 ? C4A : C4B;
    }

    private static void partSolidBaseline(Result r, BigDecimal d, BigDecimal s) {
        int band = partSolidBand(d, s);
        r.set(band, band == C2 ? "LR-PS-B2" : band == C3 ? "LR-PS-B3" : band == C4A ? "LR-PS-B4A" : "LR-PS-B4B");
    }

    /**
     * Stepped management (§5.3) by prior category. For prior category 0 (after the 1-3 month LDCT)
     * {@code zeroRank}/{@code zeroRule} is used when given.
     */
    private static Result stepped(Result r, String priorCat, int zeroRank, String zeroRule) {
        switch (priorCat) {
            case "3":
                return r.set(C2, "LR-STEP-3TO2");
            case "4A":
                return r.set(C3, "LR-STEP-4ATO3");
            case "4B":
            case "4X":
                return r.set(C4B, "LR-STEP-4B");
            case "0":
                if (zeroRule != null) {
                    return r.set(zeroRank, zeroRule);
                }
                return r.set(C2, "LR-STEP-2");
            default: // 1, 2
                return r.set(C2, "LR-STEP-2");
        }
    }

    private Result airway(CaseView v, JsonNode f, String p, String examKind) {
        String level = v.enumField(f, p, "level", true, LEVELS);
        String status = requiredStatus(v, f, p, examKind, AIRWAY_STATUS);
        if (level == null || status == null) {
            return null;
        }
        Result r = new Result();
        if ("subsegmental".equals(level)) {
            return r.set(C2, "LR-AW-2");
        }
        if ("baseline".equals(status) || "new".equals(status)) {
            return r.set(C4A, "LR-AW-4A");
        }
        return r.set(C4B, "LR-AW-4B");
    }

    /** Status of an airway nodule or cyst: required, except that a baseline exam defaults it. */
    private static String requiredStatus(CaseView v, JsonNode f, String p, String examKind, Set<String> allowed) {
        if (CaseView.field(f, "status") == null && !"baseline".equals(examKind)) {
            if (examKind != null) {
                v.error(p + ".status", "required");
            }
            return null;
        }
        return status(v, f, p, examKind, allowed, null, null);
    }

    private Result cyst(CaseView v, JsonNode f, String p, String examKind) {
        String type = v.enumField(f, p, "cystType", true, CYST_TYPES);
        String status = requiredStatus(v, f, p, examKind, CYST_STATUS);
        String change = null;
        if ("changed".equals(status)) {
            change = v.enumField(f, p, "change", true, CHANGES);
        } else if (CaseView.field(f, "change") != null) {
            v.error(p + ".change", "only when status is changed");
        }
        String priorCat = priorCategory(v, f, p, status);
        if (v.hasErrors() || type == null || status == null) {
            return null;
        }
        Result r = new Result();
        switch (status) {
            case "baseline":
            case "new":
                return r.set(C4A, "LR-CY-4A");
            case "changed":
                switch (change) {
                    case "became-multilocular":
                        return r.set(C4A, "LR-CY-4A-ML");
                    case "growing-cystic-component":
                        return r.set(C3, "LR-CY-3");
                    default: // growing-wall, growing-multilocular, increased-loculation-or-opacity
                        return r.set(C4B, "LR-CY-4B");
                }
            default: // stable, decreased
                return stepped(r, priorCat, C4A, "LR-CY-4A");
        }
    }
}
