// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one case for one evaluation: the common validation of GUIDELINES.md §2.4 in the
 * constructor, then typed accessors that record a {@link FieldError} (named by JSON path) instead
 * of throwing. One instance per evaluation, one thread.
 */
final class CaseView {

    static final Set<String> RISK_FACTORS = Set.of("high-risk-genetic", "chest-radiation-young-age",
            "prior-breast-cancer", "high-risk-breast-lesion", "limited-life-expectancy", "not-surgical-candidate",
            "known-primary-cancer", "immunocompromised", "family-history-aaa", "postmenopausal",
            "increased-fracture-risk", "osteoporosis-treatment", "prior-hip-or-vertebral-fracture",
            "prior-fragility-fracture", "secondary-osteoporosis", "prior-colorectal-cancer",
            "prior-adenomatous-polyps", "inflammatory-bowel-disease", "hereditary-crc-syndrome");
    static final Set<String> SEXES = Set.of("female", "male");
    static final Set<String> SMOKING = Set.of("current", "former", "never");
    static final Set<String> RISK = Set.of("low", "high");
    static final Set<String> MODALITIES = Set.of("MG", "DBT", "US", "LDCT", "CT", "CTC", "DXA", "COLONOSCOPY",
            "FLEX_SIG", "FIT", "HSGFOBT", "SDNA_FIT", "MRI");
    static final Set<String> EXAM_KINDS = Set.of("baseline", "annual", "follow-up", "incidental", "screening",
            "diagnostic");

    /** Longest interval accepted from input (100 years), so that due dates stay representable. */
    static final int MAX_MONTHS = 1200;

    private final JsonNode root;
    private List<FieldError> errors; // created on the first error

    final String id;
    final String program;
    final LocalDate asOf;
    final LocalDate birthDate;
    final String sex;
    final String smokingStatus;
    final BigDecimal packYears;
    final BigDecimal yearsSinceQuit;
    final String lungCancerRisk;
    final List<String> riskFactors;
    /** True when the case has an {@code exam} object. */
    final boolean examPresent;
    final LocalDate examDate;
    private final boolean examDateAbsent;
    final LocalDate priorExamDate;
    final String examKind;
    final String examModality;
    final Integer routineIntervalMonths;
    final List<JsonNode> findings;
    /** True when {@code exam.kind} is absent (or JSON null). */
    private final boolean examKindAbsent;

    private static final String[] SEX_NAMES = {"female", "male"};
    private static final String[] SMOKING_NAMES = {"current", "former", "never"};
    private static final String[] RISK_NAMES = {"low", "high"};
    private static final String[] EXAM_KIND_NAMES = {"baseline", "annual", "follow-up", "incidental", "screening",
        "diagnostic"};

    /**
     * Reads a case for one evaluation: from the common fields read in one pass
     * ({@link CommonFields}) when they are all valid, else through the validating constructor,
     * which records every error. Both give the same view of a valid case.
     *
     * @param c         the case
     * @param programme the programme evaluating it: {@code program} must equal its id
     */
    static CaseView of(ScreeningCase c, String programme) {
        CommonFields f = programme == null ? null : CommonFields.read(c, programme);
        return f != null ? new CaseView(c, f) : new CaseView(c, programme);
    }

    /** A view of a case whose common fields are valid, from their typed form. */
    private CaseView(ScreeningCase c, CommonFields f) {
        this.root = c.root();
        this.id = f.id;
        this.program = f.program;
        this.asOf = c.asOfOverride() != null ? c.asOfOverride() : Dates.toLocalDate(f.asOf);
        this.birthDate = Dates.toLocalDate(f.birthDate);
        this.sex = SEX_NAMES[f.sex];
        this.smokingStatus = f.smokingStatus < 0 ? null : SMOKING_NAMES[f.smokingStatus];
        this.packYears = f.packYears;
        this.yearsSinceQuit = f.yearsSinceQuit;
        this.lungCancerRisk = f.lungCancerRisk < 0 ? null : RISK_NAMES[f.lungCancerRisk];
        if (f.riskFactors == 0) {
            this.riskFactors = List.of();
        } else {
            List<String> rf = new ArrayList<>(Integer.bitCount(f.riskFactors));
            for (int b = 0; b < CommonFields.RISK_FACTOR_NAMES.length; b++) {
                if (f.risk(b)) {
                    rf.add(CommonFields.RISK_FACTOR_NAMES[b]);
                }
            }
            this.riskFactors = rf;
        }
        this.examPresent = f.examPresent;
        this.examDate = f.examDate == CommonFields.ABSENT ? null : Dates.toLocalDate(f.examDate);
        this.examDateAbsent = f.examDate == CommonFields.ABSENT;
        this.priorExamDate = f.priorExamDate == CommonFields.ABSENT ? null : Dates.toLocalDate(f.priorExamDate);
        this.examKind = f.examKind < 0 ? null : EXAM_KIND_NAMES[f.examKind];
        this.examKindAbsent = f.examKind < 0;
        this.examModality = f.examModality < 0 ? null : CommonFields.MODALITY_NAMES[f.examModality];
        this.routineIntervalMonths = f.routineIntervalMonths < 0 ? null : f.routineIntervalMonths;
        this.findings = f.findings;
    }

    /**
     * Validates the common fields.
     *
     * @param c         the case
     * @param programme the programme evaluating it: {@code program} must equal its id
     */
    CaseView(ScreeningCase c, String programme) {
        this.root = c.root();
        JsonNode idNode = root.get("id");
        String idv = null;
        if (idNode != null && idNode.type() == JsonNode.Type.STRING) {
            idv = idNode.string();
            if (idv.isEmpty()) {
                error("id", "must not be empty");
            }
        } else if (idNode == null || idNode.isNull()) {
            error("id", "required");
        } else {
            error("id", "must be a string");
        }
        this.id = idv;

        JsonNode pn = root.get("program");
        String pv = null;
        if (pn != null && pn.type() == JsonNode.Type.STRING) {
            pv = pn.string();
            if (programme == null || !programme.equals(pv)) {
                error("program", "unknown program");
            }
        } else if (pn == null || pn.isNull()) {
            error("program", "required");
        } else {
            error("program", "must be a string");
        }
        this.program = pv;

        LocalDate a = c.asOfOverride();
        if (a == null) {
            a = date(root, "", "asOf", true);
        }
        this.asOf = a;

        JsonNode patient = object(root, "patient", false); // absent: birthDate and sex are reported
        LocalDate bd = date(patient, "patient", "birthDate", true);
        if (bd != null && asOf != null && bd.isAfter(asOf)) {
            error("patient.birthDate", bd + " is after asOf " + asOf);
        }
        this.birthDate = bd;
        this.sex = enumField(patient, "patient", "sex", true, SEXES);

        JsonNode smoking = patient == null ? null : object(patient, "patient.smoking", "smoking", false);
        this.smokingStatus = enumField(smoking, "patient.smoking", "status", false, SMOKING);
        this.packYears = decimal(smoking, "patient.smoking", "packYears", false, true);
        this.yearsSinceQuit = decimal(smoking, "patient.smoking", "yearsSinceQuit", false, true);
        this.lungCancerRisk = enumField(patient, "patient", "lungCancerRisk", false, RISK);
        this.riskFactors = riskFactors(patient);

        JsonNode ex = object(root, "exam", false);
        this.examKindAbsent = ex == null || field(ex, "kind") == null;
        this.examPresent = ex != null;
        LocalDate ed = date(ex, "exam", "date", false);
        this.examDateAbsent = ex == null || field(ex, "date") == null;
        if (ed != null) {
            if (asOf != null && ed.isAfter(asOf)) {
                error("exam.date", ed + " is after asOf " + asOf);
                ed = null;
            } else if (bd != null && ed.isBefore(bd)) {
                error("exam.date", ed + " is before patient.birthDate " + bd);
                ed = null;
            }
        }
        this.examDate = ed;
        LocalDate prior = date(ex, "exam", "priorExamDate", false);
        if (prior != null && ed != null && !prior.isBefore(ed)) {
            error("exam.priorExamDate", "must be before exam.date");
        }
        this.priorExamDate = prior;
        this.examKind = enumField(ex, "exam", "kind", false, EXAM_KINDS);
        this.examModality = enumField(ex, "exam", "modality", false, MODALITIES);

        JsonNode options = object(root, "options", false);
        Integer routine = integer(options, "options", "routineIntervalMonths", false, 1);
        if (routine != null && routine > MAX_MONTHS) {
            error("options.routineIntervalMonths", "must be <= " + MAX_MONTHS);
            routine = null;
        }
        this.routineIntervalMonths = routine;

        JsonNode f = field(root, "findings");
        List<JsonNode> list = List.of();
        if (f != null) {
            if (!f.isArray()) {
                error("findings", "must be an array");
            } else {
                list = f.items();
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    if (!item.isObject()) {
                        error(findingPath(i), "must be an object");
                    } else {
                        JsonNode k = item.get("kind");
                        if (k == null || k.isNull()) {
                            error(findingPath(i) + ".kind", "required");
                        } else if (k.type() != JsonNode.Type.STRING) {
                            error(findingPath(i) + ".kind", "must be a string");
                        }
                    }
                }
            }
        }
        this.findings = list;
    }

    // ---- errors -------------------------------------------------------------------------------

    void error(String field, String message) {
        if (errors == null) {
            errors = new ArrayList<>(4);
        }
        errors.add(new FieldError(field, message));
    }

    boolean hasError(String field) {
        if (errors == null) {
            return false;
        }
        for (FieldError e : errors) {
            if (e.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    boolean hasErrors() {
        return errors != null;
    }

    List<FieldError> errors() {
        return errors == null ? List.of() : errors;
    }

    // ---- programme requirements ---------------------------------------------------------------

    /** Requires {@code exam.date} (an error when absent; a present but invalid date already has one). */
    void requireExamDate() {
        if (examDateAbsent) {
            error("exam.date", "required");
        }
    }

    /** Requires {@code exam.kind}. */
    void requireExamKind() {
        if (examKindAbsent) {
            error("exam.kind", "required");
        }
    }

    /** True when the exam object is present and its date is valid. */
    boolean hasExamDate() {
        return examDate != null;
    }

    /**
     * The single finding of a programme that takes exactly one, of the given kind; records an
     * error on {@code findings} (wrong count) or {@code findings[0].kind} and returns null otherwise.
     */
    JsonNode single(String wantedKind) {
        if (findings.size() != 1) {
            if (hasError("findings")) {
                return null;
            }
            error("findings", "exactly one " + wantedKind + " finding required");
            return null;
        }
        JsonNode f = findings.get(0);
        if (!f.isObject()) {
            return null;
        }
        String k = kind(0);
        if (k == null) {
            return null;
        }
        if (!wantedKind.equals(k)) {
            error("findings[0].kind", "unknown value");
            return null;
        }
        return f;
    }

    /** Completed years between birth and {@code ref} (GUIDELINES.md §2.2). */
    int age(LocalDate ref) {
        return Period.between(birthDate, ref).getYears();
    }

    boolean risk(String factor) {
        return riskFactors.contains(factor);
    }

    /** The kind of finding i, or null when it has an error. */
    String kind(int i) {
        JsonNode item = findings.get(i);
        JsonNode k = item.get("kind");
        return k != null && k.type() == JsonNode.Type.STRING ? k.string() : null;
    }

    // ---- typed accessors ----------------------------------------------------------------------

    /** A member, treating JSON null as absent. */
    static JsonNode field(JsonNode obj, String name) {
        if (obj == null) {
            return null;
        }
        JsonNode n = obj.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private JsonNode object(JsonNode parent, String name, boolean required) {
        return object(parent, name, name, required);
    }

    private JsonNode object(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = field(parent, name);
        if (n == null) {
            if (required) {
                error(path, "required");
            }
            return null;
        }
        if (!n.isObject()) {
            error(path, "must be an object");
            return null;
        }
        return n;
    }

    LocalDate date(JsonNode obj, String prefix, String name, boolean required) {
        JsonNode n = field(obj, name);
        if (n == null) {
            if (required) {
                error(path(prefix, name), "required");
            }
            return null;
        }
        if (n.type() != JsonNode.Type.STRING) {
            error(path(prefix, name), "must be a date (yyyy-MM-dd)");
            return null;
        }
        LocalDate d = parseDate(n.string());
        if (d == null) {
            error(path(prefix, name), "must be a date (yyyy-MM-dd)");
        }
        return d;
    }

    /** Strict {@code yyyy-MM-dd} (four-digit year, real calendar date), or null. */
    static LocalDate parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
            return null;
        }
        // Day 29-31 may not exist in this month (2025-02-30): check before LocalDate.of throws.
        if (d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(y, m, d);
    }

    /** The decimal value of s[from, to), or -1 if any character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final String[] FINDING_PREFIX = new String[32];

    static {
        for (int i = 0; i < FINDING_PREFIX.length; i++) {
            FINDING_PREFIX[i] = "findings[" + i + "]";
        }
    }

    /** {@code findings[i]}, shared for small i. */
    static String findingPath(int i) {
        return i < FINDING_PREFIX.length ? FINDING_PREFIX[i] : "findings[" + i + "]";
    }

    String enumField(JsonNode obj, String prefix, String name, boolean required, Set<String> allowed) {
        JsonNode n = field(obj, name);
        if (n == null) {
            if (required) {
                error(path(prefix, name), "required");
            }
            return null;
        }
        if (n.type() != JsonNode.Type.STRING) {
            error(path(prefix, name), "must be a string");
            return null;
        }
        String s = n.string();
        if (!allowed.contains(s)) {
            error(path(prefix, name), "unknown value");
            return null;
        }
        return s;
    }

    BigDecimal decimal(JsonNode obj, String prefix, String name, boolean required, boolean nonNegative) {
        JsonNode n = field(obj, name);
        if (n == null) {
            if (required) {
                error(path(prefix, name), "required");
            }
            return null;
        }
        if (n.type() != JsonNode.Type.NUMBER) {
            error(path(prefix, name), "must be a number");
            return null;
        }
        BigDecimal d = n.number();
        if (nonNegative && d.signum() < 0) {
            error(path(prefix, name), "must be >= 0");
            return null;
        }
        return d;
    }

    Integer integer(JsonNode obj, String prefix, String name, boolean required, int min) {
        JsonNode n = field(obj, name);
        if (n == null) {
            if (required) {
                error(path(prefix, name), "required");
            }
            return null;
        }
        if (n.type() != JsonNode.Type.NUMBER) {
            error(path(prefix, name), "must be an integer");
            return null;
        }
        BigDecimal d = n.number();
        int v;
        try {
            v = d.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            error(path(prefix, name), "must be an integer");
            return null;
        }
        if (v < min) {
            error(path(prefix, name), "must be >= " + min);
            return null;
        }
        return v;
    }

    boolean flag(JsonNode obj, String prefix, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return false;
        }
        if (n.type() != JsonNode.Type.BOOLEAN) {
            error(path(prefix, name), "must be a boolean");
            return false;
        }
        return n.bool();
    }

    private List<String> riskFactors(JsonNode patient) {
        JsonNode n = field(patient, "riskFactors");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            error("patient.riskFactors", "must be an array");
            return List.of();
        }
        List<JsonNode> items = n.items();
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode it = items.get(i);
            if (it.type() != JsonNode.Type.STRING) {
                error("patient.riskFactors[" + i + "]", "must be a string");
            } else if (!RISK_FACTORS.contains(it.string())) {
                error("patient.riskFactors[" + i + "]", "unknown value");
            } else {
                out.add(it.string());
            }
        }
        return out;
    }
}
