// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;

/**
 * A strict RFC 8259 JSON parser into {@link JsonNode} trees.
 *
 * <p>Strict: one value per text, no comments, no trailing commas, no duplicate object keys, no
 * leading zeros, no unescaped control characters. Numbers become
 * {@link BigDecimal} with their exact decimal value. Nesting deeper than {@link #MAX_DEPTH} and
 * exponents beyond {@link #MAX_EXPONENT} are rejected so that hostile input cannot exhaust the
 * stack or make later arithmetic slow.
 *
 * <p>Stateless entry point {@link #parse(CharSequence)}; each call uses its own cursor, so it
 * is thread-safe.
 */
public final class JsonReader {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;
    /** Largest absolute decimal exponent accepted in a number. */
    public static final int MAX_EXPONENT = 1000;

    /**
     * Member names of the screening-case contract and site-rule files, returned as these very
     * String instances (no allocation per key, identity hits in {@link JsonNode#get}).
     */
    private static final String[] KNOWN_KEYS = {"id", "program", "asOf", "patient", "birthDate", "sex", "smoking",
        "status", "packYears", "yearsSinceQuit", "lungCancerRisk", "riskFactors", "exam", "date", "modality", "kind",
        "priorExamDate", "findings", "options", "routineIntervalMonths", "assessment", "composition",
        "probablyBenignMonth", "meanDiameterMm", "longAxisMm", "shortAxisMm", "solidComponentMm",
        "priorMeanDiameterMm", "priorCategory", "juxtapleuralBenign", "benignCalcificationOrFat",
        "suspiciousFeatures", "provenBenign", "level", "cystType", "change", "reason", "multiplicity",
        "maxDiameterCm", "symptomatic", "tScore", "sizeMm", "category", "echogenicity", "shape", "margin",
        "echogenicFoci", "surveillanceYear", "levelIncreased"};
    private static final String[][] KNOWN_BY_LENGTH = byLength(KNOWN_KEYS);

    /**
     * String values of the screening-case contract's enumerations (and the programme ids),
     * returned as these shared String instances: no allocation per value at parse time, and
     * the rules' {@code switch} statements and {@code equals} calls hit on identity.
     */
    private static final String[] KNOWN_VALUES = {"lung-rads-2022", "bi-rads-5", "uspstf-breast-2024",
        "uspstf-lung-2021", "fleischner-2017", "aaa-svs-2018", "uspstf-aaa-2019", "dxa-gourlay-2012",
        "uspstf-osteoporosis-2025", "c-rads-2005", "uspstf-colorectal-2021", "ti-rads-2017",
        "female", "male", "current", "former", "never", "low", "high",
        "high-risk-genetic", "chest-radiation-young-age", "prior-breast-cancer", "high-risk-breast-lesion",
        "limited-life-expectancy", "not-surgical-candidate", "known-primary-cancer", "immunocompromised",
        "family-history-aaa", "postmenopausal", "increased-fracture-risk", "osteoporosis-treatment",
        "prior-hip-or-vertebral-fracture", "prior-fragility-fracture", "secondary-osteoporosis",
        "prior-colorectal-cancer", "prior-adenomatous-polyps", "inflammatory-bowel-disease", "hereditary-crc-syndrome",
        "MG", "DBT", "US", "LDCT", "CT", "CTC", "DXA", "COLONOSCOPY", "FLEX_SIG", "FIT", "HSGFOBT", "SDNA_FIT", "MRI",
        "baseline", "annual", "follow-up", "incidental", "screening", "diagnostic",
        "breast-assessment", "lung-nodule", "airway-nodule", "atypical-cyst", "incomplete", "infectious-inflammatory",
        "significant-other", "pulmonary-nodule", "aorta", "bmd", "polyp", "colonic-mass", "indeterminate",
        "inadequate", "extracolonic", "thyroid-nodule",
        "0", "1", "2", "3", "4", "5", "6", "4A", "4B", "4C", "4X", "0S", "1S", "2S", "3S", "4AS", "4BS", "4XS",
        "a", "b", "c", "d", "E0", "E1", "E2", "E3", "E4",
        "solid", "part-solid", "non-solid", "ground-glass", "new", "growing", "stable", "decreased", "slow-growing",
        "changed", "subsegmental", "segmental-or-proximal", "thick-walled", "multilocular", "became-multilocular",
        "growing-cystic-component", "growing-wall", "growing-multilocular", "increased-loculation-or-opacity",
        "prior-being-located", "lungs-not-evaluable", "single", "multiple", "preparation", "insufflation",
        "awaiting-comparison", "cystic", "spongiform", "mixed", "anechoic", "hyperechoic", "isoechoic", "hypoechoic",
        "very-hypoechoic", "wider-than-tall", "taller-than-wide", "smooth", "ill-defined", "lobulated", "irregular",
        "extrathyroidal-extension", "none", "large-comet-tail", "macrocalcification", "peripheral-calcification",
        "punctate"};
    private static final String[][] VALUES_BY_LENGTH = byLength(KNOWN_VALUES);

    /**
     * Leaf nodes shared by every tree that {@link #parseShared} makes: one per known value,
     * {@code true}, {@code false} and {@code null}, without a position (line and column 0).
     */
    private static final java.util.IdentityHashMap<String, JsonNode> SHARED_STRINGS = new java.util.IdentityHashMap<>();
    private static final JsonNode SHARED_TRUE = JsonNode.bool(true, 0, 0);
    private static final JsonNode SHARED_FALSE = JsonNode.bool(false, 0, 0);
    private static final JsonNode SHARED_NULL = JsonNode.nul(0, 0);

    static {
        for (String[] group : VALUES_BY_LENGTH) {
            for (String v : group) {
                SHARED_STRINGS.put(v, JsonNode.string(v, 0, 0));
            }
        }
    }

    /**
     * Shared number leaves for {@link #parseShared}: non-negative integers below 1,024 and
     * values with one decimal below 204.8 (sizes, diameters, years), filled on first use (a
     * benign race: nodes are immutable, so any thread sees a complete node or null).
     */
    private static final JsonNode[] SHARED_INTEGERS = new JsonNode[1024];
    private static final JsonNode[] SHARED_TENTHS = new JsonNode[2048];

    private static JsonNode sharedNumber(BigDecimal n, int l, int c) {
        int scale = n.scale();
        if ((scale == 0 || scale == 1) && n.signum() >= 0 && n.precision() <= 4) {
            int u = n.unscaledValue().intValue();
            JsonNode[] table = scale == 0 ? SHARED_INTEGERS : SHARED_TENTHS;
            if (u < table.length) {
                JsonNode shared = table[u];
                if (shared == null) {
                    shared = JsonNode.number(n, 0, 0);
                    table[u] = shared;
                }
                return shared;
            }
        }
        return JsonNode.number(n, l, c);
    }

    /** True when leaves are shared ({@link #parseShared}). */
    private boolean shareLeaves;

    private static String[][] byLength(String[] known) {
        String[][] out = new String[32][];
        for (int len = 0; len < out.length; len++) {
            final int l = len;
            out[len] = java.util.Arrays.stream(known).filter(k -> k.length() == l).distinct().toArray(String[]::new);
        }
        return out;
    }

    /** The shared instance of a known enumeration value, or {@code value} itself. */
    static String canonical(String value) {
        int len = value.length();
        if (len < VALUES_BY_LENGTH.length) {
            for (String k : VALUES_BY_LENGTH[len]) {
                if (k.equals(value)) {
                    return k;
                }
            }
        }
        return value;
    }

    private final String s;
    private final int end;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonReader(CharSequence s) {
        this.s = s.toString();
        this.end = s.length();
    }

    /**
     * Parses one JSON text.
     *
     * @param text the text
     * @return the root value
     * @throws JsonSyntaxException if the text is not one valid JSON value
     */
    public static JsonNode parse(CharSequence text) {
        JsonReader r = new JsonReader(text);
        r.skipWs();
        if (r.pos >= r.end) {
            throw r.error("empty input");
        }
        JsonNode v = r.value(0);
        r.skipWs();
        if (r.pos < r.end) {
            throw r.error("unexpected text after the JSON value");
        }
        return v;
    }

    /**
     * As {@link #parse(CharSequence, int)}, but object members whose values are known
     * enumeration strings, small numbers (integers below 1,024, one-decimal values below 204.8),
     * {@code true}, {@code false} or {@code null} get nodes shared between all trees, which
     * report line and column 0 (a smaller tree, for data whose errors name fields rather than
     * positions; the root and array items keep their positions).
     *
     * @param text      the text
     * @param firstLine line number of the text's first line
     * @return the root value
     * @throws JsonSyntaxException if the text is not one valid JSON value
     */
    public static JsonNode parseShared(CharSequence text, int firstLine) {
        JsonReader r = new JsonReader(text);
        r.shareLeaves = true;
        return r.run(firstLine);
    }

    /**
     * Parses one JSON text whose first line is numbered {@code firstLine} (for JSON Lines).
     *
     * @param text      the text
     * @param firstLine line number of the text's first line
     * @return the root value
     * @throws JsonSyntaxException if the text is not one valid JSON value
     */
    public static JsonNode parse(CharSequence text, int firstLine) {
        return new JsonReader(text).run(firstLine);
    }

    private JsonNode run(int firstLine) {
        line = firstLine;
        skipWs();
        if (pos >= end) {
            throw error("empty input");
        }
        JsonNode v = value(0);
        skipWs();
        if (pos < end) {
            throw error("unexpected text after the JSON value");
        }
        return v;
    }

    private int col() {
        return pos - lineStart + 1;
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(reason, line, col());
    }

    private void skipWs() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else {
                return;
            }
        }
    }

    private JsonNode value(int depth) {
        return value(depth, false);
    }

    /** One value; {@code member}: the value of an object member (the only leaves shared). */
    private JsonNode value(int depth, boolean member) {
        boolean share = shareLeaves && member;
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        int l = line;
        int c = col();
        char ch = s.charAt(pos);
        switch (ch) {
            case '{':
                return object(depth + 1, l, c);
            case '[':
                return array(depth + 1, l, c);
            case '"': {
                String str = string();
                JsonNode shared = share ? SHARED_STRINGS.get(str) : null;
                return shared != null ? shared : JsonNode.string(str, l, c);
            }
            case 't':
                literal("true");
                return share ? SHARED_TRUE : JsonNode.bool(true, l, c);
            case 'f':
                literal("false");
                return share ? SHARED_FALSE : JsonNode.bool(false, l, c);
            case 'n':
                literal("null");
                return share ? SHARED_NULL : JsonNode.nul(l, c);
            default:
                if (ch == '-' || (ch >= '0' && ch <= '9')) {
                    BigDecimal n = number();
                    return share ? sharedNumber(n, l, c) : JsonNode.number(n, l, c);
                }
                throw error("unexpected character");
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw error("invalid literal");
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(pos + i) != word.charAt(i)) {
                throw error("invalid literal");
            }
        }
        pos += n;
    }

    private JsonNode object(int depth, int l, int c) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        pos++; // '{'
        String[] keys = new String[8];
        JsonNode[] values = new JsonNode[8];
        int n = 0;
        java.util.HashSet<String> seen = null; // only for large objects: keeps duplicate checks linear
        skipWs();
        if (pos < end && s.charAt(pos) == '}') {
            pos++;
            return JsonNode.object(keys, values, 0, l, c);
        }
        while (true) {
            skipWs();
            if (pos >= end || s.charAt(pos) != '"') {
                throw error("expected a member name");
            }
            int kl = line;
            int kc = col();
            String key = key();
            skipWs();
            if (pos >= end || s.charAt(pos) != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWs();
            JsonNode v = value(depth, true);
            boolean duplicate;
            if (seen != null) {
                duplicate = !seen.add(key);
            } else {
                duplicate = false;
                for (int i = 0; i < n; i++) {
                    if (keys[i].equals(key)) {
                        duplicate = true;
                        break;
                    }
                }
                if (n >= 16) {
                    seen = new java.util.HashSet<>(java.util.Arrays.asList(keys).subList(0, n));
                    seen.add(key);
                }
            }
            if (duplicate) {
                throw new JsonSyntaxException("duplicate member name", kl, kc);
            }
            if (n == keys.length) {
                keys = java.util.Arrays.copyOf(keys, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            keys[n] = key;
            values[n++] = v;
            skipWs();
            if (pos >= end) {
                throw error("unterminated object");
            }
            char ch = s.charAt(pos++);
            if (ch == '}') {
                return JsonNode.object(keys, values, n, l, c);
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    /** A member name: a known constant when the unescaped text matches one, else a new string. */
    private String key() {
        int start = pos + 1;
        int q = start;
        while (q < end) {
            char ch = s.charAt(q);
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                break;
            }
            q++;
        }
        if (q < end && s.charAt(q) == '"') {
            int len = q - start;
            if (len < KNOWN_BY_LENGTH.length) {
                for (String k : KNOWN_BY_LENGTH[len]) {
                    if (s.regionMatches(start, k, 0, len)) {
                        pos = q + 1;
                        return k;
                    }
                }
            }
        }
        return string();
    }

    private JsonNode array(int depth, int l, int c) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        pos++; // '['
        ArrayList<JsonNode> items = new ArrayList<>();
        skipWs();
        if (pos < end && s.charAt(pos) == ']') {
            pos++;
            return JsonNode.array(items, l, c);
        }
        while (true) {
            skipWs();
            items.add(value(depth));
            skipWs();
            if (pos >= end) {
                throw error("unterminated array");
            }
            char ch = s.charAt(pos++);
            if (ch == ']') {
                return JsonNode.array(items, l, c);
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes.
        while (pos < end) {
            char ch = s.charAt(pos);
            if (ch == '"') {
                int len = pos - start;
                pos++;
                if (len < VALUES_BY_LENGTH.length) {
                    for (String k : VALUES_BY_LENGTH[len]) {
                        if (s.regionMatches(start, k, 0, len)) {
                            return k; // shared instance of an enumeration value
                        }
                    }
                }
                return s.substring(start, start + len);
            }
            if (ch == '\\' || ch < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(s, start, pos);
        while (true) {
            if (pos >= end) {
                throw error("unterminated string");
            }
            char ch = s.charAt(pos);
            if (ch == '"') {
                pos++;
                return sb.toString();
            }
            if (ch < 0x20) {
                throw error("control character in string");
            }
            if (ch == '\\') {
                pos++;
                if (pos >= end) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u': sb.append(hex4()); break;
                    default:
                        pos--;
                        throw error("invalid escape");
                }
                continue;
            }
            sb.append(ch);
            pos++;
        }
    }

    private char hex4() {
        if (pos + 4 > end) {
            throw error("invalid unicode escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid unicode escape");
            }
            v = (v << 4) | d;
        }
        pos += 4;
        return (char) v;
    }

    private BigDecimal number() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= end) {
            throw error("invalid number");
        }
        char ch = s.charAt(pos);
        if (ch == '0') {
            pos++;
            if (pos < end && isDigit(s.charAt(pos))) {
                throw error("leading zero in number");
            }
        } else if (isDigit(ch)) {
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        if (pos < end && s.charAt(pos) == '.') {
            pos++;
            if (pos >= end || !isDigit(s.charAt(pos))) {
                throw error("invalid number");
            }
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < end && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            int expStart = pos;
            if (pos >= end || !isDigit(s.charAt(pos))) {
                throw error("invalid number");
            }
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
            // Reject huge exponents before BigDecimal sees them: at most 4 significant digits.
            int digits = pos - expStart;
            int k = expStart;
            while (k < pos - 1 && s.charAt(k) == '0') {
                k++;
                digits--;
            }
            if (digits > 4 || Integer.parseInt(s, k, pos, 10) > MAX_EXPONENT) {
                throw error("number out of range");
            }
        }
        if (pos - start > 200) {
            throw error("number too long");
        }
        return number(start, pos);
    }

    /** Exact value of s[start, end); small plain integers without the BigDecimal string parser. */
    private BigDecimal number(int start, int stop) {
        int len = stop - start;
        if (len <= 9) {
            boolean neg = s.charAt(start) == '-';
            int v = 0;
            int i = neg ? start + 1 : start;
            for (; i < stop; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
            }
            if (i == stop) {
                // At most 9 digits: fits an int. "-0" keeps value 0 (BigDecimal has no negative zero).
                return BigDecimal.valueOf(neg ? -v : v);
            }
        }
        return new BigDecimal(s.substring(start, stop));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
