// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The typed path of {@code lung-rads-2022}. {@link #pack} reads a case tree once, when the
 * {@link ScreeningCase} is made, into one compact {@code int[]}: every enumerated value as a small
 * code, sizes as integer tenths of a millimetre (GUIDELINES.md §5 rounds them half-up to 0.1 mm,
 * so the comparisons are exact), dates packed as {@code int}s ({@link Dates}), findings as
 * fixed-width records. {@link #evaluate} then validates and decides from that array alone, on
 * every call: the as-of date checks, statuses against the exam kind, growth, required prior
 * categories and the §5 tables. No tree walk, no map lookups, no {@code BigDecimal} arithmetic,
 * no exceptions; it allocates the decision only (due dates packed in it, rationale lists
 * shared).
 *
 * <p>{@link #evaluate} decides only valid cases: on any error it returns null and the caller runs
 * the reference path ({@link LungRads} on a {@link CaseView}), which reports every error. The two
 * give identical decisions ({@code LungRadsFastEquivalenceTest}). Stateless.
 */
final class LungRadsFast {

    /** A finding that the fast path does not decide (an error somewhere): use the reference path. */
    private static final int INVALID = -1;

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

    private static final int SOLID = 0;
    private static final int PART_SOLID = 1;
    private static final int NON_SOLID = 2;

    private static final int S_NONE = -1;
    private static final int S_BASELINE = 0;
    private static final int S_NEW = 1;
    private static final int S_GROWING = 2;
    private static final int S_STABLE = 3;
    private static final int S_DECREASED = 4;
    private static final int S_SLOW = 5;
    private static final int S_CHANGED = 6;

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
    /** One-row rationale lists, without and with the trailing LR-S row, shared by all decisions. */
    private static final List<Rationale>[] ONE_RULE;
    private static final List<Rationale>[] ONE_RULE_S;
    /** Two-row lists (a row, then LR-4X), without and with LR-S. */
    private static final List<Rationale>[] WITH_4X;
    private static final List<Rationale>[] WITH_4X_S;

    static {
        @SuppressWarnings("unchecked")
        List<Rationale>[] one = new List[RULE_IDS.length];
        @SuppressWarnings("unchecked")
        List<Rationale>[] oneS = new List[RULE_IDS.length];
        @SuppressWarnings("unchecked")
        List<Rationale>[] x = new List[RULE_IDS.length];
        @SuppressWarnings("unchecked")
        List<Rationale>[] xS = new List[RULE_IDS.length];
        for (int i = 0; i < RULE_IDS.length; i++) {
            RULES[i] = new Rationale(RULE_IDS[i], LungRads.CITATION);
        }
        for (int i = 0; i < RULE_IDS.length; i++) {
            one[i] = List.of(RULES[i]);
            oneS[i] = List.of(RULES[i], RULES[R_S]);
            x[i] = List.of(RULES[i], RULES[R_4X]);
            xS[i] = List.of(RULES[i], RULES[R_4X], RULES[R_S]);
        }
        ONE_RULE = one;
        ONE_RULE_S = oneS;
        WITH_4X = x;
        WITH_4X_S = xS;
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

    private LungRadsFast() {
    }

    private static final String ID = "lung-rads-2022";

    // ---- the packed form (built once per case, at parse or construction time) ---------------

    // Header of the packed array: the case's own fields that the rules read, typed.
    private static final int H_AS_OF = 0;       // packed asOf, or Dates.INVALID (absent or bad)
    private static final int H_BIRTH = 1;       // packed birth date
    private static final int H_EXAM = 2;        // packed exam date, or ABSENT
    private static final int H_PRIOR_EXAM = 3;  // packed prior exam date, or ABSENT
    private static final int H_EXAM_KIND = 4;   // CommonFields exam kind code, or ABSENT
    private static final int H_FINDINGS = 5;    // number of findings
    private static final int HEADER = 6;

    // One finding: a fixed-width record after the header, REC ints (NODULE_REC for a lung
    // nodule). +0 kind. Lung nodule: +1 composition, +2 status (S_NONE when absent), +3 prior
    // category (-1 when absent), +4 flag bits, +5 mean diameter, +6 solid component (-1 when
    // absent), +7 prior mean diameter (-1 when absent), sizes in tenths of a mm. Airway nodule:
    // +1 subsegmental (1) or segmental-or-proximal (0), +2 status. Atypical cyst: +1 change
    // code (-1 when absent), +2 status, +3 prior category. Incomplete: +1 reason code.
    private static final int REC = 4;
    private static final int NODULE_REC = 8;
    private static final int K_NODULE = 0;
    private static final int K_AIRWAY = 1;
    private static final int K_CYST = 2;
    private static final int K_INCOMPLETE = 3;
    private static final int K_INFECTIOUS = 4;
    private static final int K_SIGNIFICANT = 5;
    private static final int R_A = 1;
    private static final int R_B = 2;
    private static final int R_C = 3;
    private static final int R_FLAGS = 4;
    private static final int R_D = 5;
    private static final int R_SOLID = 6;
    private static final int R_PRIOR = 7;

    /** Bound on findings taken by the packed form (more: reference path). */
    private static final int MAX_FINDINGS = 4096;

    /**
     * The common fields of a case tree whose {@code program} is {@code lung-rads-2022}, read
     * without the as-of date checks ({@link CommonFields#readTree}), for {@link #pack}.
     *
     * @return the fields, or null for another programme or a common field in error
     */
    static CommonFields commonFields(JsonNode root) {
        JsonNode program = root.get("program");
        if (program == null || program.type() != JsonNode.Type.STRING || !ID.equals(program.string())) {
            return null;
        }
        return CommonFields.readTree(root, ID);
    }

    /**
     * Builds the packed form of a case tree whose {@code program} is {@code lung-rads-2022}: the
     * common fields the rules read (dates packed, exam kind as a code) and one fixed-width
     * record per finding (kinds, compositions, statuses, prior categories and change codes as
     * small codes, flags as bits, sizes as half-up integer tenths of a millimetre). Only the
     * reading of types and enumerations happens here; every rule (statuses against the exam
     * kind, growth, required prior categories, solid component against the diameter, the as-of
     * date checks and the tables) runs at each evaluation.
     *
     * @param cf the case's common fields ({@link #commonFields})
     * @return the packed form, or null when the case has a finding field of a wrong type or value (the reference path then reports the errors), or a size beyond
     *         {@link #MAX_TENTHS}
     */
    static int[] pack(CommonFields cf) {
        List<JsonNode> findings = cf.findings;
        int n = findings.size();
        if (n > MAX_FINDINGS) {
            return null;
        }
        int len = HEADER;
        for (int i = 0; i < n; i++) {
            len += "lung-nodule".equals(findings.get(i).get("kind").string()) ? NODULE_REC : REC;
        }
        int[] p = new int[len];
        p[H_AS_OF] = cf.asOf;
        p[H_BIRTH] = cf.birthDate;
        p[H_EXAM] = cf.examDate;
        p[H_PRIOR_EXAM] = cf.priorExamDate;
        p[H_EXAM_KIND] = cf.examKind;
        p[H_FINDINGS] = n;
        int at = HEADER;
        for (int i = 0; i < n; i++) {
            JsonNode f = findings.get(i);
            boolean ok;
            switch (f.get("kind").string()) { // CommonFields checked: a string
                case "lung-nodule":
                    p[at] = K_NODULE;
                    if (!packNodule(f, p, at)) {
                        return null;
                    }
                    at += NODULE_REC;
                    continue;
                case "airway-nodule":
                    p[at] = K_AIRWAY;
                    ok = packAirway(f, p, at);
                    break;
                case "atypical-cyst":
                    p[at] = K_CYST;
                    ok = packCyst(f, p, at);
                    break;
                case "incomplete":
                    p[at] = K_INCOMPLETE;
                    p[at + R_A] = reason(CaseView.field(f, "reason"));
                    ok = p[at + R_A] >= 0;
                    break;
                case "infectious-inflammatory":
                    p[at] = K_INFECTIOUS;
                    ok = true;
                    break;
                case "significant-other":
                    p[at] = K_SIGNIFICANT;
                    ok = true;
                    break;
                default:
                    ok = false;
                    break;
            }
            if (!ok) {
                return null;
            }
            at += REC;
        }
        return p;
    }

    /** Reads one lung nodule into {@code p[at...]}; false on a wrong type or value. */
    private static boolean packNodule(JsonNode f, int[] p, int at) {
        int comp = -1;
        int st = S_NONE;
        int pc = -1;
        int fl = 0;
        JsonNode meanN = null;
        JsonNode longN = null;
        JsonNode shortN = null;
        JsonNode solidN = null;
        JsonNode priorN = null;
        for (int m = 0, n = f.size(); m < n; m++) {
            JsonNode val = f.valueAt(m);
            if (val.isNull()) {
                continue; // JSON null is absent
            }
            switch (f.keyAt(m)) {
                case "composition":
                    comp = val.type() == JsonNode.Type.STRING ? composition(val.string()) : -1;
                    if (comp < 0) {
                        return false;
                    }
                    break;
                case "status":
                    st = val.type() == JsonNode.Type.STRING ? noduleStatus(val.string()) : S_NONE;
                    if (st == S_NONE) {
                        return false;
                    }
                    break;
                case "priorCategory":
                    pc = priorCategory(val);
                    if (pc < 0) {
                        return false;
                    }
                    break;
                case "meanDiameterMm":
                    meanN = val;
                    break;
                case "longAxisMm":
                    longN = val;
                    break;
                case "shortAxisMm":
                    shortN = val;
                    break;
                case "solidComponentMm":
                    solidN = val;
                    break;
                case "priorMeanDiameterMm":
                    priorN = val;
                    break;
                case "juxtapleuralBenign":
                    fl = flag(val, fl, F_JUXTA);
                    break;
                case "benignCalcificationOrFat":
                    fl = flag(val, fl, F_BENIGN);
                    break;
                case "suspiciousFeatures":
                    fl = flag(val, fl, F_SUSPICIOUS);
                    break;
                case "provenBenign":
                    fl = flag(val, fl, F_PROVEN_BENIGN);
                    break;
                default:
                    break;
            }
            if (fl < 0) {
                return false;
            }
        }
        int d = meanN != null ? tenths(meanN) : meanOfAxes(longN, shortN);
        int s = solidN == null ? -1 : tenths(solidN);
        int prior = priorN == null ? -1 : tenths(priorN);
        if (comp < 0 || d < 0 || (solidN != null && s < 0) || (priorN != null && prior < 0)) {
            return false;
        }
        p[at + R_A] = comp;
        p[at + R_B] = st;
        p[at + R_C] = pc;
        p[at + R_FLAGS] = fl;
        p[at + R_D] = d;
        p[at + R_SOLID] = s;
        p[at + R_PRIOR] = prior;
        return true;
    }

    private static boolean packAirway(JsonNode f, int[] p, int at) {
        JsonNode level = CaseView.field(f, "level");
        if (level == null || level.type() != JsonNode.Type.STRING) {
            return false;
        }
        switch (level.string()) {
            case "subsegmental":
                p[at + R_A] = 1;
                break;
            case "segmental-or-proximal":
                p[at + R_A] = 0;
                break;
            default:
                return false;
        }
        p[at + R_B] = statusCode(CaseView.field(f, "status"), false);
        return p[at + R_B] != S_WRONG;
    }

    private static boolean packCyst(JsonNode f, int[] p, int at) {
        JsonNode type = CaseView.field(f, "cystType");
        if (type == null || type.type() != JsonNode.Type.STRING
                || !("thick-walled".equals(type.string()) || "multilocular".equals(type.string()))) {
            return false;
        }
        int st = statusCode(CaseView.field(f, "status"), true);
        if (st == S_WRONG) {
            return false;
        }
        JsonNode change = CaseView.field(f, "change");
        int ch = -1;
        if (change != null) {
            if (change.type() != JsonNode.Type.STRING) {
                return false;
            }
            switch (change.string()) {
                case "became-multilocular":
                    ch = 0;
                    break;
                case "growing-cystic-component":
                    ch = 1;
                    break;
                case "growing-wall":
                case "growing-multilocular":
                case "increased-loculation-or-opacity":
                    ch = 2;
                    break;
                default:
                    return false;
            }
        }
        JsonNode pcNode = CaseView.field(f, "priorCategory");
        int pc = -1;
        if (pcNode != null) {
            pc = priorCategory(pcNode);
            if (pc < 0) {
                return false;
            }
        }
        p[at + R_A] = ch;
        p[at + R_B] = st;
        p[at + R_C] = pc;
        return true;
    }

    /** A status of a wrong type or value (distinct from {@link #S_NONE}, absent). */
    private static final int S_WRONG = -2;

    /** Status of an airway nodule or cyst: S_NONE when absent, S_WRONG for a wrong value. */
    private static int statusCode(JsonNode v, boolean cyst) {
        if (v == null) {
            return S_NONE;
        }
        if (v.type() != JsonNode.Type.STRING) {
            return S_WRONG;
        }
        switch (v.string()) {
            case "baseline":
                return S_BASELINE;
            case "new":
                return S_NEW;
            case "stable":
                return S_STABLE;
            case "growing":
                return cyst ? S_WRONG : S_GROWING;
            case "decreased":
                return cyst ? S_DECREASED : S_WRONG;
            case "changed":
                return cyst ? S_CHANGED : S_WRONG;
            default:
                return S_WRONG;
        }
    }

    // ---- evaluation -------------------------------------------------------------------------

    // A finding's result packed in an int (never negative): rank (bits 0-2), PET-size flag
    // (bit 3), first rule (bits 8-15), second rule + 1 or 0 (bits 16-23).
    private static int result(int rank, int rule) {
        return rank | (rule << 8);
    }

    private static int rank(int r) {
        return r & 7;
    }

    /**
     * Validates and decides a case whose {@code program} should be {@code programme}, from the
     * case's packed form: every rule runs on every call, nothing is remembered.
     *
     * @return the decision, or null when the case has any error (the reference path reports them)
     */
    static Decision evaluate(ScreeningCase c, String programme) {
        int[] p = c.lungRads();
        if (p == null || !ID.equals(programme)) {
            return null;
        }
        int asOf = p[H_AS_OF];
        LocalDate override = c.asOfOverride();
        if (override != null) {
            int year = override.getYear();
            if (year < 0 || year > 9999) {
                return null; // outside the packed range: the reference path decides
            }
            asOf = Dates.pack(override);
        } else if (asOf == Dates.INVALID) {
            return null;
        }
        int exam = p[H_EXAM];
        if (exam == CommonFields.ABSENT || p[H_BIRTH] > asOf || exam > asOf) {
            return null;
        }
        int examKind = p[H_EXAM_KIND];
        if (examKind != CommonFields.BASELINE && examKind != CommonFields.ANNUAL
                && examKind != CommonFields.FOLLOW_UP) {
            return null; // absent, or not a Lung-RADS exam kind
        }
        boolean baselineExam = examKind == CommonFields.BASELINE;
        int incomplete = -1;
        boolean infectious = false;
        boolean significant = false;
        int worst = -1;
        boolean petAtWorst = false;
        int at = HEADER;
        for (int i = 0, n = p[H_FINDINGS]; i < n; i++) {
            int r;
            switch (p[at]) {
                case K_NODULE:
                    r = nodule(p, at, exam, p[H_PRIOR_EXAM], baselineExam);
                    at += NODULE_REC;
                    break;
                case K_AIRWAY:
                    r = airway(p, at, baselineExam);
                    at += REC;
                    break;
                case K_CYST:
                    r = cyst(p, at, baselineExam);
                    at += REC;
                    break;
                case K_INCOMPLETE:
                    if (incomplete < 0) {
                        incomplete = p[at + R_A];
                    }
                    at += REC;
                    continue;
                case K_INFECTIOUS:
                    infectious = true;
                    at += REC;
                    continue;
                default: // K_SIGNIFICANT
                    significant = true;
                    at += REC;
                    continue;
            }
            if (r == INVALID) {
                return null;
            }
            if (worst < 0 || rank(r) > rank(worst)) {
                worst = r;
                petAtWorst = (r & 8) != 0;
            } else if (rank(r) == rank(worst)) {
                petAtWorst |= (r & 8) != 0;
            }
        }
        return decide(c.lungRadsId(), programme, exam, incomplete, infectious, significant, worst, petAtWorst);
    }

    private static Decision decide(String id, String program, int exam, int incomplete, boolean infectious,
                                   boolean significant, int worst, boolean petAtWorst) {
        int rank;
        Action action;
        Integer single = null;
        Integer min = null;
        Integer max = null;
        int due = Decision.NO_DATE;
        int dueLatest = Decision.NO_DATE;
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
            due = Dates.plusMonths(exam, 1);
            dueLatest = Dates.plusMonths(exam, 3);
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
                    break;
                case C3:
                    action = Action.SHORT_INTERVAL_FOLLOW_UP;
                    single = SIX;
                    break;
                case C4A:
                    action = Action.SHORT_INTERVAL_FOLLOW_UP;
                    single = THREE;
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
                due = Dates.plusMonths(exam, single);
                dueLatest = due;
            }
        }
        List<Rationale> rationale;
        if (rule2 < 0) {
            rationale = significant ? ONE_RULE_S[rule1] : ONE_RULE[rule1];
        } else { // the only second row is LR-4X
            rationale = significant ? WITH_4X_S[rule1] : WITH_4X[rule1];
        }
        return new Decision(id, program, significant ? CATEGORY_S[rank] : CATEGORY[rank], action, single, min, max,
                due, dueLatest, discretionary, also, rationale);
    }

    // ---- the rules on one packed finding (INVALID for an error) -----------------------------

    private static final int F_JUXTA = 1;
    private static final int F_BENIGN = 2;
    private static final int F_SUSPICIOUS = 4;
    private static final int F_PROVEN_BENIGN = 8;

    /** Largest size in tenths of a mm taken by the fast path (larger ones: reference path). */
    private static final long MAX_TENTHS = 1_000_000_000L;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** §5.1 and §5.2: one lung nodule, its status checked or computed, then classified. */
    private static int nodule(int[] p, int at, int exam, int priorExam, boolean baselineExam) {
        int comp = p[at + R_A];
        int st = p[at + R_B];
        int pc = p[at + R_C];
        int d = p[at + R_D];
        int prior = p[at + R_PRIOR];
        int s = 0;
        if (comp == PART_SOLID) {
            s = p[at + R_SOLID];
            if (s < 0 || s > d) {
                return INVALID; // required, and at most the mean diameter
            }
        }
        // §5.1 status: defaulted on baseline exams, else given or computed from growth.
        if (baselineExam) {
            if (st == S_NONE) {
                st = S_BASELINE;
            } else if (st != S_BASELINE) {
                return INVALID;
            }
        } else if (st == S_BASELINE) {
            return INVALID;
        } else if (st == S_NONE) {
            // Growth = mean diameter increase > 1.5 mm within 12 months (exam.date <= prior + 12 months).
            if (prior < 0 || priorExam == CommonFields.ABSENT || exam > Dates.plusMonths(priorExam, 12)) {
                return INVALID;
            }
            st = d - prior > 15 ? S_GROWING : S_STABLE;
        }
        if (pc < 0 && (st == S_STABLE || st == S_DECREASED)) {
            return INVALID; // priorCategory required
        }
        return classify(comp, d, s, prior, pc, p[at + R_FLAGS], st);
    }

    /** Half-up tenths of a mm of a non-negative number member, or {@link #INVALID}. */
    private static int tenths(JsonNode n) {
        if (n.type() != JsonNode.Type.NUMBER || n.signum() < 0) {
            return INVALID;
        }
        long t = n.scaled(1);
        if (t < 0 || t > MAX_TENTHS) {
            return INVALID; // too large for the fast path (or not compact): reference path
        }
        return (int) t;
    }

    /** Half-up tenths of (long + short) / 2 (both required, non-negative), or {@link #INVALID}. */
    private static int meanOfAxes(JsonNode longN, JsonNode shortN) {
        if (longN == null || shortN == null || longN.type() != JsonNode.Type.NUMBER
                || shortN.type() != JsonNode.Type.NUMBER || longN.signum() < 0 || shortN.signum() < 0) {
            return INVALID;
        }
        if (longN.scale() <= 2 && shortN.scale() <= 2) {
            // At most two decimals: scaled(2) is exact (no rounding), in hundredths. The mean is
            // (l + s) / 2 hundredths = (l + s) * 5 thousandths; half-up to tenths adds 50
            // thousandths and truncates (non-negative).
            long l = longN.scaled(2);
            long s = shortN.scaled(2);
            if (l >= 0 && s >= 0 && l <= MAX_TENTHS && s <= MAX_TENTHS) {
                return (int) (((l + s) * 5 + 50) / 100);
            }
            return INVALID;
        }
        // More decimals: exact decimal arithmetic, as Sizes.meanDiameter.
        BigDecimal mean = longN.number().add(shortN.number()).multiply(HALF);
        if (mean.compareTo(BigDecimal.valueOf(MAX_TENTHS / 10)) > 0) {
            return INVALID;
        }
        return mean.movePointRight(1).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    private static int flag(JsonNode v, int fl, int bit) {
        if (v.type() != JsonNode.Type.BOOLEAN) {
            return -1;
        }
        return v.bool() ? fl | bit : fl & ~bit;
    }

    private static int composition(String s) {
        switch (s) {
            case "solid":
                return SOLID;
            case "part-solid":
                return PART_SOLID;
            case "non-solid":
                return NON_SOLID;
            default:
                return -1;
        }
    }

    private static int noduleStatus(String s) {
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
            default:
                return S_NONE;
        }
    }

    /** Prior category rank with any "S" suffix dropped, or -1 for a wrong value. */
    private static int priorCategory(JsonNode v) {
        if (v.type() != JsonNode.Type.STRING) {
            return -1;
        }
        switch (v.string()) {
            case "0":
            case "0S":
                return C0;
            case "1":
            case "1S":
                return C1;
            case "2":
            case "2S":
                return C2;
            case "3":
            case "3S":
                return C3;
            case "4A":
            case "4AS":
                return C4A;
            case "4B":
            case "4BS":
                return C4B;
            case "4X":
            case "4XS":
                return C4X;
            default:
                return -1;
        }
    }

    private static int reason(JsonNode v) {
        if (v == null || v.type() != JsonNode.Type.STRING) {
            return -1;
        }
        switch (v.string()) {
            case "prior-being-located":
                return 0;
            case "lungs-not-evaluable":
                return 1;
            default:
                return -1;
        }
    }

    /** Status of an airway nodule or cyst: required except on a baseline exam (which defaults it). */
    private static int requiredStatus(int st, boolean baselineExam) {
        if (st == S_NONE) {
            return baselineExam ? S_BASELINE : INVALID;
        }
        return baselineExam != (st == S_BASELINE) ? INVALID : st; // baseline exactly on baseline exams
    }

    private static int airway(int[] p, int at, boolean baselineExam) {
        int st = requiredStatus(p[at + R_B], baselineExam);
        if (st == INVALID) {
            return INVALID;
        }
        if (p[at + R_A] != 0) { // subsegmental
            return result(C2, AW_2);
        }
        return st == S_BASELINE || st == S_NEW ? result(C4A, AW_4A) : result(C4B, AW_4B);
    }

    private static int cyst(int[] p, int at, boolean baselineExam) {
        int st = requiredStatus(p[at + R_B], baselineExam);
        if (st == INVALID) {
            return INVALID;
        }
        int ch = p[at + R_A];
        if ((st == S_CHANGED) != (ch >= 0)) {
            return INVALID; // change exactly when status is changed
        }
        int pc = p[at + R_C];
        if (pc < 0 && (st == S_STABLE || st == S_DECREASED)) {
            return INVALID;
        }
        switch (st) {
            case S_BASELINE:
            case S_NEW:
                return result(C4A, CY_4A);
            case S_CHANGED:
                return ch == 0 ? result(C4A, CY_4A_ML) : ch == 1 ? result(C3, CY_3) : result(C4B, CY_4B);
            default: // stable, decreased
                return stepped(pc, C4A, CY_4A);
        }
    }

    // ---- §5.2 and §5.3 tables on typed values ------------------------------------------------

    /** One lung nodule: sizes in tenths of a mm, prior -1 when unknown, pc -1 when absent. */
    private static int classify(int comp, int d, int s, int prior, int pc, int fl, int st) {
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
}
