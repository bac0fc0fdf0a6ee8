// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The common fields of a case (screening-case contract §1) read in one pass over each JSON
 * object, for the typed evaluation paths: dates packed as {@code int}s ({@link Dates}),
 * enumerations as small codes, risk factors as a bit set, numbers left in the tree.
 *
 * <p>{@link #read} accepts only a case that the common validation of {@link CaseView} finds
 * free of errors, and returns null on anything else, without saying why: the caller then runs the
 * reference path, which reports every error. One instance per evaluation, one thread.
 */
final class CommonFields {
    static final int ABSENT = -1;

    static final int FEMALE = 0;
    static final int MALE = 1;

    static final int CURRENT = 0;
    static final int FORMER = 1;
    static final int NEVER = 2;

    static final int LOW = 0;
    static final int HIGH = 1;

    static final int BASELINE = 0;
    static final int ANNUAL = 1;
    static final int FOLLOW_UP = 2;
    static final int INCIDENTAL = 3;
    static final int SCREENING = 4;
    static final int DIAGNOSTIC = 5;

    /** Modalities in {@link CaseView#MODALITIES} order of the contract. */
    static final String[] MODALITY_NAMES = {"MG", "DBT", "US", "LDCT", "CT", "CTC", "DXA", "COLONOSCOPY", "FLEX_SIG",
        "FIT", "HSGFOBT", "SDNA_FIT", "MRI"};

    /** Risk factors in contract order (§1.1); bit i of {@link #riskFactors} is entry i. */
    static final String[] RISK_FACTOR_NAMES = {"high-risk-genetic", "chest-radiation-young-age", "prior-breast-cancer",
        "high-risk-breast-lesion", "limited-life-expectancy", "not-surgical-candidate", "known-primary-cancer",
        "immunocompromised", "family-history-aaa", "postmenopausal", "increased-fracture-risk",
        "osteoporosis-treatment", "prior-hip-or-vertebral-fracture", "prior-fragility-fracture",
        "secondary-osteoporosis", "prior-colorectal-cancer", "prior-adenomatous-polyps", "inflammatory-bowel-disease",
        "hereditary-crc-syndrome"};

    String id;
    String program;
    int asOf;
    int birthDate;
    int sex = ABSENT;
    int smokingStatus = ABSENT;
    BigDecimal packYears;
    BigDecimal yearsSinceQuit;
    int lungCancerRisk = ABSENT;
    int riskFactors;
    boolean examPresent;
    /** Packed exam date, or {@link #ABSENT}. */
    int examDate = ABSENT;
    /** Packed prior exam date, or {@link #ABSENT}. */
    int priorExamDate = ABSENT;
    int examKind = ABSENT;
    int examModality = ABSENT;
    int routineIntervalMonths = ABSENT;
    List<JsonNode> findings = List.of();

    private CommonFields() {
    }

    /**
     * Reads the common fields of {@code c} for programme {@code programme}.
     *
     * @return the fields, or null when the common validation would record any error
     */
    static CommonFields read(ScreeningCase c, String programme) {
        CommonFields f = new CommonFields();
        return f.readRoot(c.root(), c.asOfOverride(), programme, false) ? f : null;
    }

    /**
     * Reads the common fields of a case tree without its as-of date checks (for the packed form
     * built once per case, {@link LungRadsFast#pack}): {@link #asOf} is {@link Dates#INVALID}
     * when the case's own {@code asOf} is absent or invalid, and the checks that involve the
     * as-of date ({@code birthDate <= asOf}, {@code exam.date <= asOf}) are left to the caller.
     *
     * @return the fields, or null when the common validation would record an error that does
     *         not depend on the as-of date
     */
    static CommonFields readTree(JsonNode root, String programme) {
        CommonFields f = new CommonFields();
        return f.readRoot(root, null, programme, true) ? f : null;
    }

    boolean risk(int bit) {
        return (riskFactors & (1 << bit)) != 0;
    }

    private boolean readRoot(JsonNode root, java.time.LocalDate override, String programme, boolean deferAsOf) {
        boolean asOfSeen = false;
        boolean asOfBad = false;
        boolean patientSeen = false;
        for (int i = 0, n = root.size(); i < n; i++) {
            JsonNode v = root.valueAt(i);
            switch (root.keyAt(i)) {
                case "id":
                    if (v.type() != JsonNode.Type.STRING || v.string().isEmpty()) {
                        return false;
                    }
                    id = v.string();
                    break;
                case "program":
                    if (v.type() != JsonNode.Type.STRING || !programme.equals(v.string())) {
                        return false;
                    }
                    program = v.string();
                    break;
                case "asOf":
                    if (override == null) {
                        asOf = date(v);
                        if (asOf == Dates.INVALID) {
                            if (!deferAsOf) {
                                return false;
                            }
                            asOfBad = true;
                        }
                        asOfSeen = true;
                    }
                    break;
                case "patient":
                    if (v.type() != JsonNode.Type.OBJECT || !patient(v)) {
                        return false;
                    }
                    patientSeen = true;
                    break;
                case "exam":
                    if (v.isNull()) {
                        break;
                    }
                    if (v.type() != JsonNode.Type.OBJECT || !exam(v)) {
                        return false;
                    }
                    examPresent = true;
                    break;
                case "options":
                    if (!v.isNull() && !options(v)) {
                        return false;
                    }
                    break;
                case "findings":
                    if (!v.isNull() && !findings(v)) {
                        return false;
                    }
                    break;
                default:
                    break; // unknown fields are ignored
            }
        }
        if (override != null) {
            int year = override.getYear();
            if (year < 0 || year > 9999) {
                return false; // outside the packed range: the reference path decides
            }
            asOf = Dates.pack(override);
            asOfSeen = true;
        }
        if (deferAsOf) {
            if (asOfBad || !asOfSeen) {
                asOf = Dates.INVALID;
            }
            return id != null && program != null && patientSeen && birthDate != 0 && sex != ABSENT
                    && (examDate == ABSENT || examDate >= birthDate)
                    && (priorExamDate == ABSENT || examDate == ABSENT || priorExamDate < examDate);
        }
        if (id == null || program == null || !asOfSeen || !patientSeen || birthDate == 0 || sex == ABSENT
                || birthDate > asOf) {
            return false;
        }
        if (examDate != ABSENT && (examDate > asOf || examDate < birthDate)) {
            return false;
        }
        return priorExamDate == ABSENT || examDate == ABSENT || priorExamDate < examDate;
    }

    /** A date member: packed, or {@link Dates#INVALID} (JSON null included: required dates fail). */
    private static int date(JsonNode v) {
        return v.packedDate(); // -1 (Dates.INVALID) for anything but a date string
    }

    private boolean patient(JsonNode p) {
        for (int i = 0, n = p.size(); i < n; i++) {
            JsonNode v = p.valueAt(i);
            switch (p.keyAt(i)) {
                case "birthDate":
                    birthDate = date(v);
                    if (birthDate == Dates.INVALID) {
                        return false;
                    }
                    break;
                case "sex":
                    if (v.type() != JsonNode.Type.STRING) {
                        return false;
                    }
                    switch (v.string()) {
                        case "female":
                            sex = FEMALE;
                            break;
                        case "male":
                            sex = MALE;
                            break;
                        default:
                            return false;
                    }
                    break;
                case "smoking":
                    if (!v.isNull() && (v.type() != JsonNode.Type.OBJECT || !smoking(v))) {
                        return false;
                    }
                    break;
                case "lungCancerRisk":
                    if (v.isNull()) {
                        break;
                    }
                    if (v.type() != JsonNode.Type.STRING) {
                        return false;
                    }
                    switch (v.string()) {
                        case "low":
                            lungCancerRisk = LOW;
                            break;
                        case "high":
                            lungCancerRisk = HIGH;
                            break;
                        default:
                            return false;
                    }
                    break;
                case "riskFactors":
                    if (!v.isNull() && !riskFactors(v)) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    private boolean smoking(JsonNode s) {
        for (int i = 0, n = s.size(); i < n; i++) {
            JsonNode v = s.valueAt(i);
            if (v.isNull()) {
                continue;
            }
            switch (s.keyAt(i)) {
                case "status":
                    if (v.type() != JsonNode.Type.STRING) {
                        return false;
                    }
                    switch (v.string()) {
                        case "current":
                            smokingStatus = CURRENT;
                            break;
                        case "former":
                            smokingStatus = FORMER;
                            break;
                        case "never":
                            smokingStatus = NEVER;
                            break;
                        default:
                            return false;
                    }
                    break;
                case "packYears":
                    packYears = nonNegative(v);
                    if (packYears == null) {
                        return false;
                    }
                    break;
                case "yearsSinceQuit":
                    yearsSinceQuit = nonNegative(v);
                    if (yearsSinceQuit == null) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    private static BigDecimal nonNegative(JsonNode v) {
        return v.type() == JsonNode.Type.NUMBER && v.signum() >= 0 ? v.number() : null;
    }

    private boolean riskFactors(JsonNode a) {
        if (a.type() != JsonNode.Type.ARRAY) {
            return false;
        }
        List<JsonNode> items = a.items();
        for (int i = 0, n = items.size(); i < n; i++) {
            JsonNode it = items.get(i);
            if (it.type() != JsonNode.Type.STRING) {
                return false;
            }
            int bit = riskFactor(it.string());
            if (bit < 0) {
                return false;
            }
            riskFactors |= 1 << bit;
        }
        return true;
    }

    static int riskFactor(String s) {
        switch (s) {
            case "high-risk-genetic":
                return 0;
            case "chest-radiation-young-age":
                return 1;
            case "prior-breast-cancer":
                return 2;
            case "high-risk-breast-lesion":
                return 3;
            case "limited-life-expectancy":
                return 4;
            case "not-surgical-candidate":
                return 5;
            case "known-primary-cancer":
                return 6;
            case "immunocompromised":
                return 7;
            case "family-history-aaa":
                return 8;
            case "postmenopausal":
                return 9;
            case "increased-fracture-risk":
                return 10;
            case "osteoporosis-treatment":
                return 11;
            case "prior-hip-or-vertebral-fracture":
                return 12;
            case "prior-fragility-fracture":
                return 13;
            case "secondary-osteoporosis":
                return 14;
            case "prior-colorectal-cancer":
                return 15;
            case "prior-adenomatous-polyps":
                return 16;
            case "inflammatory-bowel-disease":
                return 17;
            case "hereditary-crc-syndrome":
                return 18;
            default:
                return -1;
        }
    }

    private boolean exam(JsonNode e) {
        for (int i = 0, n = e.size(); i < n; i++) {
            JsonNode v = e.valueAt(i);
            if (v.isNull()) {
                continue;
            }
            switch (e.keyAt(i)) {
                case "date":
                    examDate = date(v);
                    if (examDate == Dates.INVALID) {
                        return false;
                    }
                    break;
                case "priorExamDate":
                    priorExamDate = date(v);
                    if (priorExamDate == Dates.INVALID) {
                        return false;
                    }
                    break;
                case "kind":
                    examKind = v.type() == JsonNode.Type.STRING ? examKind(v.string()) : ABSENT;
                    if (examKind == ABSENT) {
                        return false;
                    }
                    break;
                case "modality":
                    examModality = v.type() == JsonNode.Type.STRING ? modality(v.string()) : ABSENT;
                    if (examModality == ABSENT) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    private static int examKind(String s) {
        switch (s) {
            case "baseline":
                return BASELINE;
            case "annual":
                return ANNUAL;
            case "follow-up":
                return FOLLOW_UP;
            case "incidental":
                return INCIDENTAL;
            case "screening":
                return SCREENING;
            case "diagnostic":
                return DIAGNOSTIC;
            default:
                return ABSENT;
        }
    }

    private static int modality(String s) {
        switch (s) {
            case "MG":
                return 0;
            case "DBT":
                return 1;
            case "US":
                return 2;
            case "LDCT":
                return 3;
            case "CT":
                return 4;
            case "CTC":
                return 5;
            case "DXA":
                return 6;
            case "COLONOSCOPY":
                return 7;
            case "FLEX_SIG":
                return 8;
            case "FIT":
                return 9;
            case "HSGFOBT":
                return 10;
            case "SDNA_FIT":
                return 11;
            case "MRI":
                return 12;
            default:
                return ABSENT;
        }
    }

    private boolean options(JsonNode o) {
        if (o.type() != JsonNode.Type.OBJECT) {
            return false;
        }
        JsonNode r = CaseView.field(o, "routineIntervalMonths");
        if (r == null) {
            return true;
        }
        if (r.type() != JsonNode.Type.NUMBER) {
            return false;
        }
        long months = r.scaled(0);
        // Integral (the scaled value equals the exact one), 1 to MAX_MONTHS.
        if (months < 1 || months > CaseView.MAX_MONTHS || r.number().compareTo(BigDecimal.valueOf(months)) != 0) {
            return false;
        }
        routineIntervalMonths = (int) months;
        return true;
    }

    private boolean findings(JsonNode a) {
        if (a.type() != JsonNode.Type.ARRAY) {
            return false;
        }
        List<JsonNode> items = a.items();
        for (int i = 0, n = items.size(); i < n; i++) {
            JsonNode it = items.get(i);
            if (it.type() != JsonNode.Type.OBJECT) {
                return false;
            }
            JsonNode k = it.get("kind");
            if (k == null || k.type() != JsonNode.Type.STRING) {
                return false;
            }
        }
        findings = items;
        return true;
    }
}
