// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * A {@code lung-rads-2022} case validated once and held as typed values: codes for every
 * enumerated field, sizes as integer tenths of a millimetre (GUIDELINES.md §5 rounds them half-up
 * to 0.1 mm, so the comparisons are exact), and the exam date. {@link #evaluate()} applies the
 * §5 tables to these values without touching the JSON tree, without map lookups or string
 * switches, and allocates only the decision, its rationale list and its due date.
 *
 * <p>Built by {@link #prepare} only from a case that the reference path ({@link LungRads} on a
 * {@link CaseView}) found valid. Immutable and thread-safe.
 */
final class LungRadsCase extends PreparedCase {

    // ---- codes ------------------------------------------------------------------------------

    private static final int C0 = 0;
    private static final int C1 = 1;
    private static final int C2 = 2;
    private static final int C3 = 3;
    private static final int C4A = 4;
    private static final int C4B = 5;
    private static final int C4X = 6;
    private static final String[] CATEGORY = {"0", "1", "2", "3", "4A", "4B", "4X"};
    private static final String[] CATEGORY_S = {"0S", "1S", "2S", "3S", "4AS", "4BS", "4XS"};

    private static final byte K_NODULE = 0;
    private static final byte K_AIRWAY = 1;
    private static final byte K_CYST = 2;
    private static final byte K_INCOMPLETE = 3;
    private static final byte K_INFECTIOUS = 4;
    private static final byte K_SIGNIFICANT = 5;

    private static final byte SOLID = 0;
    private static final byte PART_SOLID = 1;
    private static final byte NON_SOLID = 2;

    private static final byte S_NONE = -1;
    private static final byte S_BASELINE = 0;
    private static final byte S_NEW = 1;
    private static final byte S_GROWING = 2;
    private static final byte S_STABLE = 3;
    private static final byte S_DECREASED = 4;
    private static final byte S_SLOW = 5;
    private static final byte S_CHANGED = 6;

    private static final byte CH_MULTILOCULAR = 0;
    private static final byte CH_CYSTIC_COMPONENT = 1;
    private static final byte CH_OTHER = 2;

    private static final int F_JUXTA = 1;
    private static final int F_BENIGN = 2;
    private static final int F_SUSPICIOUS = 4;
    private static final int F_PROVEN_BENIGN = 8;
    private static final int F_SUBSEGMENTAL = 16;

    // Rule rows (index into RULES).
    private static final String[] RULE_IDS = {"LR-1-BEN", "LR-4B-BEN", "LR-JXP-2", "LR-NS-2A", "LR-NS-2B",
        "LR-NS-3", "LR-SLOW-4B", "LR-SOL-N2", "LR-SOL-N3", "LR-SOL-N4A", "LR-SOL-N4B", "LR-SOL-G4A",
        "LR-SOL-G4B", "LR-CROSS", "LR-SOL-B2", "LR-SOL-B3", "LR-SOL-B4A", "LR-SOL-B4B", "LR-PS-N4B", "LR-PS-N3",
        "LR-PS-N4A", "LR-PS-G4A", "LR-PS-G4B", "LR-PS-B2", "LR-PS-B3", "LR-PS-B4A", "LR-PS-B4B", "LR-4X",
        "LR-STEP-3TO2", "LR-STEP-4ATO3", "LR-STEP-4B", "LR-STEP-2", "LR-AW-2", "LR-AW-4A", "LR-AW-4B", "LR-CY-4A",
        "LR-CY-4A-ML", "LR-CY-3", "LR-CY-4B", "LR-0-CMP", "LR-0-EVAL", "LR-0-INF", "LR-1-NONE", "LR-S"};
    private static final int BEN = 0;
    private static final int BEN_4B = 1;
    private static final int JXP_2 = 2;
    private static final int NS_2A = 3;
    private static final int NS_2B = 4;
    private static final int NS_3 = 5;
    private static final int SLOW_4B = 6;
    private static final int SOL_N2 = 7;
    private static final int SOL_N3 = 8;
    private static final int SOL_N4A = 9;
    private static final int SOL_N4B = 10;
    private static final int SOL_G4A = 11;
    private static final int SOL_G4B = 12;
    private static final int CROSS = 13;
    private static final int SOL_B2 = 14; // SOL_B2 + band - C2 for bands 2, 3, 4A, 4B
    private static final int PS_N4B = 18;
    private static final int PS_N3 = 19;
    private static final int PS_N4A = 20;
    private static final int PS_G4A = 21;
    private static final int PS_G4B = 22;
    private static final int PS_B2 = 23; // PS_B2 + band - C2
    private static final int R_4X = 27;
    private static final int STEP_3TO2 = 28;
    private static final int STEP_4ATO3 = 29;
    private static final int STEP_4B = 30;
    private static final int STEP_2 = 31;
    private static final int AW_2 = 32;
    private static final int AW_4A = 33;
    private static final int AW_4B = 34;
    private static final int CY_4A = 35;
    private static final int CY_4A_ML = 36;
    private static final int CY_3 = 37;
    private static final int CY_4B = 38;
    private static final int R0_CMP = 39;
    private static final int R0_EVAL = 40;
    private static final int R0_INF = 41;
    private static final int R1_NONE = 42;
    private static final int R_S = 43;
    private static final Rationale[] RULES = new Rationale[RULE_IDS.length];

    static {
        for (int i = 0; i < RULE_IDS.length; i++) {
            RULES[i] = new Rationale(RULE_IDS[i], LungRads.CITATION);
        }
    }

    private static final List<Action> ALSO_NONE = List.of();
    private static final List<Action> ALSO_PET = List.of(Action.PET_CT);
    private static final List<Action> ALSO_WORKUP = List.of(Action.TISSUE_SAMPLING, Action.SPECIALIST_REFERRAL);
    private static final List<Action> ALSO_WORKUP_PET = List.of(Action.PET_CT, Action.TISSUE_SAMPLING,
            Action.SPECIALIST_REFERRAL);
    private static final Integer ONE = 1;
    private static final Integer THREE = 3;
    private static final Integer SIX = 6;
    private static final Integer TWELVE = 12;

    // ---- the case ---------------------------------------------------------------------------

    private final String id;
    private final String program;
    private final LocalDate examDate;
    private final boolean baselineExam;
    /** Finding kinds. */
    private final byte[] kind;
    /** Nodule composition; airway/cyst: unused. */
    private final byte[] composition;
    /** Status as given, or {@link #S_NONE} (then derived per §5.1). */
    private final byte[] status;
    /** Prior category rank (the "S" suffix dropped), or -1. */
    private final byte[] priorCategory;
    /** Cyst change code when the status is changed; incomplete: 1 when lungs not evaluable. */
    private final byte[] change;
    private final byte[] flags;
    /** Mean diameter in tenths of a mm (rounded half-up). */
    private final int[] mean;
    /** Solid component in tenths of a mm (part-solid only). */
    private final int[] solid;
    /** Prior mean diameter in tenths of a mm, or -1. */
    private final int[] priorMean;

    private LungRadsCase(Programme programme, String id, String program, LocalDate examDate, boolean baselineExam,
                         int n) {
        super(programme);
        this.id = id;
        this.program = program;
        this.examDate = examDate;
        this.baselineExam = baselineExam;
        this.kind = new byte[n];
        this.composition = new byte[n];
        this.status = new byte[n];
        this.priorCategory = new byte[n];
        this.change = new byte[n];
        this.flags = new byte[n];
        this.mean = new int[n];
        this.solid = new int[n];
        this.priorMean = new int[n];
    }

    /**
     * Builds the typed form of a case that {@link LungRads} has just validated without errors.
     *
     * @return the typed case, or null when a value does not fit the typed form (the reference
     *         path then keeps evaluating this case)
     */
    static LungRadsCase prepare(Programme programme, CaseView v) {
        if (v.hasErrors() || v.examDate == null || v.examKind == null) {
            return null;
        }
        int n = v.findings.size();
        LungRadsCase t = new LungRadsCase(programme, v.id, v.program, v.examDate, "baseline".equals(v.examKind), n);
        for (int i = 0; i < n; i++) {
            JsonNode f = v.findings.get(i);
            String k = v.kind(i);
            if (k == null) {
                return null;
            }
            switch (k) {
                case "lung-nodule":
                    t.kind[i] = K_NODULE;
                    if (!t.nodule(v, f, i)) {
                        return null;
                    }
                    break;
                case "airway-nodule":
                    t.kind[i] = K_AIRWAY;
                    t.status[i] = status(text(f, "status"));
                    t.flags[i] = (byte) ("subsegmental".equals(text(f, "level")) ? F_SUBSEGMENTAL : 0);
                    break;
                case "atypical-cyst": {
                    t.kind[i] = K_CYST;
                    t.status[i] = status(text(f, "status"));
                    String c = text(f, "change");
                    t.change[i] = "became-multilocular".equals(c) ? CH_MULTILOCULAR
                            : "growing-cystic-component".equals(c) ? CH_CYSTIC_COMPONENT : CH_OTHER;
                    t.priorCategory[i] = priorCategory(text(f, "priorCategory"));
                    break;
                }
                case "incomplete":
                    t.kind[i] = K_INCOMPLETE;
                    t.change[i] = (byte) ("prior-being-located".equals(text(f, "reason")) ? 0 : 1);
                    break;
                case "infectious-inflammatory":
                    t.kind[i] = K_INFECTIOUS;
                    break;
                case "significant-other":
                    t.kind[i] = K_SIGNIFICANT;
                    break;
                default:
                    return null;
            }
        }
        return t;
    }

    private boolean nodule(CaseView v, JsonNode f, int i) {
        // One pass over the members (names are unique: the reader rejects duplicates). The
        // reference path has checked every value it reads; the others (axes beside a mean
        // diameter, say) are read type-safely here. JSON null means absent.
        String comp = null;
        String st = null;
        String pc = null;
        BigDecimal meanMm = null;
        BigDecimal longMm = null;
        BigDecimal shortMm = null;
        BigDecimal solidMm = null;
        BigDecimal priorMm = null;
        int fl = 0;
        for (int m = 0, n = f.size(); m < n; m++) {
            JsonNode val = f.valueAt(m);
            if (val.isNull()) {
                continue;
            }
            switch (f.keyAt(m)) {
                case "composition":
                    comp = str(val);
                    break;
                case "status":
                    st = str(val);
                    break;
                case "priorCategory":
                    pc = str(val);
                    break;
                case "meanDiameterMm":
                    meanMm = num(val);
                    break;
                case "longAxisMm":
                    longMm = num(val);
                    break;
                case "shortAxisMm":
                    shortMm = num(val);
                    break;
                case "solidComponentMm":
                    solidMm = num(val);
                    break;
                case "priorMeanDiameterMm":
                    priorMm = num(val);
                    break;
                case "juxtapleuralBenign":
                    fl = bool(val) ? fl | F_JUXTA : fl & ~F_JUXTA;
                    break;
                case "benignCalcificationOrFat":
                    fl = bool(val) ? fl | F_BENIGN : fl & ~F_BENIGN;
                    break;
                case "suspiciousFeatures":
                    fl = bool(val) ? fl | F_SUSPICIOUS : fl & ~F_SUSPICIOUS;
                    break;
                case "provenBenign":
                    fl = bool(val) ? fl | F_PROVEN_BENIGN : fl & ~F_PROVEN_BENIGN;
                    break;
                default:
                    break;
            }
        }
        composition[i] = "solid".equals(comp) ? SOLID : "part-solid".equals(comp) ? PART_SOLID : NON_SOLID;
        int d;
        if (meanMm != null) {
            d = tenths(meanMm);
        } else if (longMm != null && shortMm != null) {
            d = tenths(longMm.add(shortMm).multiply(HALF)); // exact, as in Sizes.meanDiameter
        } else {
            return false;
        }
        int s = 0;
        if (composition[i] == PART_SOLID) {
            s = solidMm == null ? -1 : tenths(solidMm);
        }
        int prior = priorMm == null ? -1 : tenths(priorMm);
        if (d < 0 || s < 0 || (priorMm != null && prior < 0)) {
            return false;
        }
        mean[i] = d;
        solid[i] = s;
        priorMean[i] = prior;
        byte status = status(st);
        if (status == S_NONE && !baselineExam) {
            // Validated: the growth rule applies (prior diameter within 12 months of the prior exam).
            if (prior < 0 || v.priorExamDate == null || examDate.isAfter(v.priorExamDate.plusMonths(12))) {
                return false;
            }
        }
        this.status[i] = status;
        priorCategory[i] = priorCategory(pc);
        flags[i] = (byte) fl;
        return true;
    }

    private static String str(JsonNode n) {
        return n.type() == JsonNode.Type.STRING ? n.string() : null;
    }

    private static BigDecimal num(JsonNode n) {
        return n.type() == JsonNode.Type.NUMBER ? n.number() : null;
    }

    private static boolean bool(JsonNode n) {
        return n.type() == JsonNode.Type.BOOLEAN && n.bool();
    }

    private static String text(JsonNode f, String name) {
        JsonNode n = CaseView.field(f, name);
        return n != null && n.type() == JsonNode.Type.STRING ? n.string() : null;
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal MAX_MM = BigDecimal.valueOf(100_000_000L);

    /** Half-up tenths of a mm as an int, or -1 when negative or too large for the typed form. */
    private static int tenths(BigDecimal d) {
        if (d.signum() < 0 || d.compareTo(MAX_MM) > 0) {
            return -1;
        }
        return d.movePointRight(1).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    private static byte status(String s) {
        if (s == null) {
            return S_NONE;
        }
        switch (s) {
            case "baseline":
                return S_BASELINE;
            case "new":
                return S_NEW;
            case "growing":
                return S_GROWING;
            case "stable":
                return S_STABLE;
            case "decreased":
                return S_DECREASED;
            case "slow-growing":
                return S_SLOW;
            default: // changed (cysts)
                return S_CHANGED;
        }
    }

    private static byte priorCategory(String s) {
        if (s == null) {
            return -1;
        }
        for (byte r = 0; r < CATEGORY.length; r++) {
            if (CATEGORY[r].equals(s) || CATEGORY_S[r].equals(s)) {
                return r;
            }
        }
        return -1;
    }

    // ---- evaluation -------------------------------------------------------------------------

    // A finding's result packed in an int: rank (bits 0-2), PET-size flag (bit 3), first rule
    // (bits 8-15), second rule + 1 or 0 (bits 16-23).
    private static int result(int rank, int rule) {
        return rank | (rule << 8);
    }

    private static int rank(int r) {
        return r & 7;
    }

    @Override
    Decision evaluate() {
        int incomplete = -1;
        boolean infectious = false;
        boolean significant = false;
        int worst = -1;
        boolean petAtWorst = false;
        byte[] kinds = kind;
        for (int i = 0; i < kinds.length; i++) {
            int r;
            switch (kinds[i]) {
                case K_NODULE:
                    r = nodule(i);
                    break;
                case K_AIRWAY:
                    r = airway(i);
                    break;
                case K_CYST:
                    r = cyst(i);
                    break;
                case K_INCOMPLETE:
                    if (incomplete < 0) {
                        incomplete = change[i];
                    }
                    continue;
                case K_INFECTIOUS:
                    infectious = true;
                    continue;
                default:
                    significant = true;
                    continue;
            }
            if (worst < 0 || rank(r) > rank(worst)) {
                worst = r;
                petAtWorst = (r & 8) != 0;
            } else if (rank(r) == rank(worst)) {
                petAtWorst |= (r & 8) != 0;
            }
        }
        int rank;
        Action action;
        Integer single = null;
        Integer min = null;
        Integer max = null;
        LocalDate due = null;
        LocalDate dueLatest = null;
        boolean discretionary = false;
        List<Action> also = ALSO_NONE;
        int rule1;
        int rule2 = -1;
        if (incomplete >= 0) {
            rank = C0;
            rule1 = incomplete == 0 ? R0_CMP : R0_EVAL;
            action = Action.ADDITIONAL_IMAGING;
        } else if (infectious) {
            rank = C0;
            rule1 = R0_INF;
            action = Action.SHORT_INTERVAL_FOLLOW_UP;
            discretionary = true;
            min = ONE;
            max = THREE;
            due = examDate.plusMonths(1);
            dueLatest = examDate.plusMonths(3);
        } else {
            if (worst < 0) {
                rank = C1;
                rule1 = R1_NONE;
            } else {
                rank = rank(worst);
                rule1 = (worst >>> 8) & 0xff;
                rule2 = ((worst >>> 16) & 0xff) - 1;
            }
            switch (rank) {
                case C1:
                case C2:
                    action = Action.ROUTINE_SCREENING;
                    single = TWELVE;
                    due = examDate.plusMonths(12);
                    break;
                case C3:
                    action = Action.SHORT_INTERVAL_FOLLOW_UP;
                    single = SIX;
                    due = examDate.plusMonths(6);
                    break;
                case C4A:
                    action = Action.SHORT_INTERVAL_FOLLOW_UP;
                    single = THREE;
                    due = examDate.plusMonths(3);
                    also = petAtWorst ? ALSO_PET : ALSO_NONE;
                    break;
                default: // 4B, 4X
                    action = Action.DIAGNOSTIC_WORKUP;
                    also = petAtWorst ? ALSO_WORKUP_PET : ALSO_WORKUP;
                    break;
            }
            if (single != null) {
                min = single;
                max = single;
                dueLatest = due;
            }
        }
        List<Rationale> rationale;
        if (rule2 < 0) {
            rationale = significant ? List.of(RULES[rule1], RULES[R_S]) : List.of(RULES[rule1]);
        } else {
            rationale = significant ? List.of(RULES[rule1], RULES[rule2], RULES[R_S])
                    : List.of(RULES[rule1], RULES[rule2]);
        }
        return new Decision(id, program, significant ? CATEGORY_S[rank] : CATEGORY[rank], null, null, action, single,
                min, max, due, dueLatest, discretionary, also, rationale, List.of());
    }

    /** §5.2 table for one lung nodule. */
    private int nodule(int i) {
        int comp = composition[i];
        int d = mean[i];
        int s = solid[i];
        int prior = priorMean[i];
        int pc = priorCategory[i];
        int fl = flags[i];
        int st = status[i];
        if (st == S_NONE) {
            st = baselineExam ? S_BASELINE : d - prior > 15 ? S_GROWING : S_STABLE;
        }
        int pet = (comp == SOLID && d >= 80) || (comp == PART_SOLID && s >= 80) ? 8 : 0;
        if ((fl & F_BENIGN) != 0) {
            return result(C1, BEN) | pet;
        }
        if ((fl & F_PROVEN_BENIGN) != 0 && (pc == C4B || pc == C4X)) {
            return result(C2, BEN_4B) | pet;
        }
        if (comp == SOLID && (fl & F_JUXTA) != 0 && (st == S_BASELINE || st == S_NEW) && d < 100) {
            return result(C2, JXP_2) | pet;
        }
        boolean suspicious = (fl & F_SUSPICIOUS) != 0;
        int r;
        if (comp == NON_SOLID) {
            if (st != S_DECREASED) {
                if (d < 300) {
                    return result(C2, NS_2A) | pet;
                }
                if (st == S_STABLE || st == S_SLOW) {
                    return result(C2, NS_2B) | pet;
                }
                r = result(C3, NS_3);
            } else {
                r = stepped(pc, C2, NS_2A);
            }
        } else if (st == S_SLOW) {
            r = result(C4B, SLOW_4B);
        } else if (comp == SOLID) {
            switch (st) {
                case S_BASELINE:
                    r = solidBaseline(d);
                    break;
                case S_NEW:
                    r = d < 40 ? result(C2, SOL_N2) : d < 60 ? result(C3, SOL_N3)
                            : d < 80 ? result(C4A, SOL_N4A) : result(C4B, SOL_N4B);
                    break;
                case S_GROWING:
                    r = d < 80 ? result(C4A, SOL_G4A) : result(C4B, SOL_G4B);
                    break;
                default: { // stable, decreased
                    int band = solidBand(d);
                    if (st == S_STABLE && prior >= 0 && band > solidBand(prior)) {
                        r = result(band, CROSS);
                    } else if (pc == C0) {
                        r = solidBaseline(d);
                    } else {
                        r = stepped(pc, -1, -1);
                    }
                }
            }
        } else { // part-solid
            switch (st) {
                case S_BASELINE:
                    r = partSolidBaseline(d, s);
                    break;
                case S_NEW:
                    r = s >= 40 ? result(C4B, PS_N4B) : d < 60 ? result(C3, PS_N3) : result(C4A, PS_N4A);
                    break;
                case S_GROWING:
                    r = s < 40 ? result(C4A, PS_G4A) : result(C4B, PS_G4B);
                    break;
                default: // stable, decreased
                    if (st == S_STABLE && prior >= 0 && prior < 60 && d >= 60) {
                        r = result(partSolidBand(d, s), CROSS);
                    } else if (pc == C0) {
                        r = partSolidBaseline(d, s);
                    } else {
                        r = stepped(pc, -1, -1);
                    }
            }
        }
        if (suspicious && rank(r) >= C3 && rank(r) <= C4B) {
            r = (r & ~7) | C4X | ((R_4X + 1) << 16);
        }
        return r | pet;
    }

    private static int solidBand(int d) {
        return d < 60 ? C2 : d < 80 ? C3 : d < 150 ? C4A : C4B;
    }

    private static int solidBaseline(int d) {
        int band = solidBand(d);
        return result(band, SOL_B2 + band - C2);
    }

    private static int partSolidBand(int d, int s) {
        if (d < 60) {
            return C2;
        }
        return s < 60 ? C3 : s < 80 ? C4A : C4B;
    }

    private static int partSolidBaseline(int d, int s) {
        int band = partSolidBand(d, s);
        return result(band, PS_B2 + band - C2);
    }

    /** §5.3 stepped management by prior category; {@code zeroRule} for prior 0 when given (>= 0). */
    private static int stepped(int pc, int zeroRank, int zeroRule) {
        switch (pc) {
            case C3:
                return result(C2, STEP_3TO2);
            case C4A:
                return result(C3, STEP_4ATO3);
            case C4B:
            case C4X:
                return result(C4B, STEP_4B);
            case C0:
                return zeroRule >= 0 ? result(zeroRank, zeroRule) : result(C2, STEP_2);
            default: // 1, 2
                return result(C2, STEP_2);
        }
    }

    private int airway(int i) {
        if ((flags[i] & F_SUBSEGMENTAL) != 0) {
            return result(C2, AW_2);
        }
        int st = status[i] == S_NONE ? S_BASELINE : status[i];
        return st == S_BASELINE || st == S_NEW ? result(C4A, AW_4A) : result(C4B, AW_4B);
    }

    private int cyst(int i) {
        int st = status[i] == S_NONE ? S_BASELINE : status[i];
        switch (st) {
            case S_BASELINE:
            case S_NEW:
                return result(C4A, CY_4A);
            case S_CHANGED:
                return change[i] == CH_MULTILOCULAR ? result(C4A, CY_4A_ML)
                        : change[i] == CH_CYSTIC_COMPONENT ? result(C3, CY_3) : result(C4B, CY_4B);
            default: // stable, decreased
                return stepped(priorCategory[i], C4A, CY_4A);
        }
    }
}
