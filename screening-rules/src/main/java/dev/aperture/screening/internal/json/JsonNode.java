// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening.internal.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One immutable JSON value with its position (1-based line and column) in the source text.
 *
 * <p>Immutable and thread-safe once built by {@link JsonReader}.
 */
public final class JsonNode {

    /** The JSON type of a node. */
    public enum Type {
        /** An object. */
        OBJECT,
        /** An array. */
        ARRAY,
        /** A string. */
        STRING,
        /** A number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL
    }

    private final Type type;
    private final Object value;
    private final int line;
    private final int column;

    /** Numbers: the unscaled value when it has at most 18 digits (else unused). */
    private final long unscaled;
    /** Numbers: the scale of {@link #unscaled}, or {@link #NOT_COMPACT}. */
    private final int scale;
    private static final int NOT_COMPACT = Integer.MIN_VALUE;

    private JsonNode(Type type, Object value, int line, int column) {
        this.type = type;
        this.value = value;
        this.line = line;
        this.column = column;
        long u = 0;
        int sc = NOT_COMPACT;
        if (value instanceof BigDecimal d && d.precision() <= 18) {
            // Kept with the tree so that rules compare sizes as exact integers without allocating.
            u = d.unscaledValue().longValue();
            sc = d.scale();
        } else if (value instanceof String str && str.length() == 10) {
            // A strict yyyy-MM-dd date, decoded once with the tree (packed; see packedDate).
            u = parseDate(str);
        }
        this.unscaled = u;
        this.scale = sc;
    }

    static JsonNode object(String[] keys, JsonNode[] values, int size, int line, int column) {
        // Objects hold their members in one array, key and value alternating, in source order
        // (no duplicates): one indirection from the node, names beside their values.
        Object[] kv = new Object[2 * size];
        for (int i = 0; i < size; i++) {
            kv[2 * i] = keys[i];
            kv[2 * i + 1] = values[i];
        }
        return new JsonNode(Type.OBJECT, kv, line, column);
    }

    static JsonNode object(Map<String, JsonNode> members, int line, int column) {
        String[] keys = members.keySet().toArray(new String[0]);
        JsonNode[] values = members.values().toArray(new JsonNode[0]);
        return object(keys, values, keys.length, line, column);
    }

    static JsonNode array(List<JsonNode> items, int line, int column) {
        return new JsonNode(Type.ARRAY, List.copyOf(items), line, column);
    }

    /**
     * Creates a string node (used when building cases from Java values).
     *
     * @param s the string
     * @return the node, at position 0:0
     */
    public static JsonNode string(String s) {
        return new JsonNode(Type.STRING, JsonReader.canonical(s), 0, 0);
    }

    static JsonNode string(String s, int line, int column) {
        return new JsonNode(Type.STRING, s, line, column);
    }

    static JsonNode number(BigDecimal n, int line, int column) {
        return new JsonNode(Type.NUMBER, n, line, column);
    }

    static JsonNode bool(boolean b, int line, int column) {
        return new JsonNode(Type.BOOLEAN, b, line, column);
    }

    static JsonNode nul(int line, int column) {
        return new JsonNode(Type.NULL, null, line, column);
    }

    /**
     * Converts a tree of plain Java values (Map with String keys, List, String, Number, Boolean,
     * null, or {@code toString()} of anything else such as a LocalDate) into nodes.
     *
     * @param v the value
     * @return the node
     * @throws IllegalArgumentException if a map key is not a string
     */
    public static JsonNode fromJava(Object v) {
        if (v == null) {
            return nul(0, 0);
        }
        if (v instanceof Map<?, ?> m) {
            java.util.LinkedHashMap<String, JsonNode> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("map keys must be strings");
                }
                out.put(k, fromJava(e.getValue()));
            }
            return object(out, 0, 0);
        }
        if (v instanceof List<?> l) {
            java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>(l.size());
            for (Object o : l) {
                out.add(fromJava(o));
            }
            return array(out, 0, 0);
        }
        if (v instanceof Boolean b) {
            return bool(b, 0, 0);
        }
        if (v instanceof BigDecimal d) {
            return number(d, 0, 0);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return number(BigDecimal.valueOf(((Number) v).longValue()), 0, 0);
        }
        if (v instanceof java.math.BigInteger bi) {
            return number(new BigDecimal(bi), 0, 0);
        }
        if (v instanceof Number n) {
            // Float/double: through their shortest decimal string, never their binary value.
            return number(new BigDecimal(n.toString()), 0, 0);
        }
        return string(JsonReader.canonical(v.toString()), 0, 0);
    }

    /** @return the JSON type */
    public Type type() {
        return type;
    }

    /** @return the 1-based line where the value starts (0 when built from Java values) */
    public int line() {
        return line;
    }

    /** @return the 1-based column where the value starts (0 when built from Java values) */
    public int column() {
        return column;
    }

    /** @return true for an object */
    public boolean isObject() {
        return type == Type.OBJECT;
    }

    /** @return true for an array */
    public boolean isArray() {
        return type == Type.ARRAY;
    }

    /** @return true for JSON null */
    public boolean isNull() {
        return type == Type.NULL;
    }

    /**
     * The members of an object, in source order (a new unmodifiable map per call).
     *
     * @return an unmodifiable map
     * @throws IllegalStateException if not an object
     */
    public Map<String, JsonNode> members() {
        check(Type.OBJECT);
        Object[] kv = (Object[]) value;
        java.util.LinkedHashMap<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], (JsonNode) kv[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The name of one member of an object, by position (source order; see {@link #size()}).
     *
     * @param i the position
     * @return the name
     * @throws IllegalStateException if not an object
     */
    public String keyAt(int i) {
        check(Type.OBJECT);
        Object[] kv = (Object[]) value;
        java.util.Objects.checkIndex(i, kv.length >> 1);
        return (String) kv[2 * i];
    }

    /**
     * The value of one member of an object, by position (source order; see {@link #size()}).
     *
     * @param i the position
     * @return the value
     * @throws IllegalStateException if not an object
     */
    public JsonNode valueAt(int i) {
        check(Type.OBJECT);
        Object[] kv = (Object[]) value;
        java.util.Objects.checkIndex(i, kv.length >> 1);
        return (JsonNode) kv[2 * i + 1];
    }

    /** @return the number of members of an object, or of items of an array (0 otherwise) */
    public int size() {
        if (type == Type.OBJECT) {
            return ((Object[]) value).length >> 1;
        }
        return type == Type.ARRAY ? ((List<?>) value).size() : 0;
    }

    /**
     * One member of an object.
     *
     * @param name the member name
     * @return the member, or null when absent (or when this is not an object)
     */
    public JsonNode get(String name) {
        if (type != Type.OBJECT) {
            return null;
        }
        // Linear scan: case objects have a handful of members, and keys are usually the
        // reader's interned constants, so most comparisons succeed on identity.
        Object[] kv = (Object[]) value;
        for (int i = 0; i < kv.length; i += 2) {
            String k = (String) kv[i];
            if (k == name || k.equals(name)) {
                return (JsonNode) kv[i + 1];
            }
        }
        return null;
    }

    /**
     * The items of an array.
     *
     * @return an unmodifiable list
     * @throws IllegalStateException if not an array
     */
    @SuppressWarnings("unchecked")
    public List<JsonNode> items() {
        check(Type.ARRAY);
        return (List<JsonNode>) value;
    }

    /**
     * @return the string value
     * @throws IllegalStateException if not a string
     */
    public String string() {
        check(Type.STRING);
        return (String) value;
    }

    /**
     * @return the exact decimal value
     * @throws IllegalStateException if not a number
     */
    public BigDecimal number() {
        check(Type.NUMBER);
        return (BigDecimal) value;
    }

    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /**
     * The sign of a number, from its compact form when it has one (no {@code BigDecimal} read).
     *
     * @return -1, 0 or 1
     * @throws IllegalStateException if not a number
     */
    public int signum() {
        check(Type.NUMBER);
        return scale != NOT_COMPACT ? Long.signum(unscaled) : ((BigDecimal) value).signum();
    }

    /**
     * The scale of a number (digits after the decimal point; negative for a power of ten).
     *
     * @return the scale
     * @throws IllegalStateException if not a number
     */
    public int scale() {
        check(Type.NUMBER);
        return scale != NOT_COMPACT ? scale : ((BigDecimal) value).scale();
    }

    /**
     * The value of a string that is a strict {@code yyyy-MM-dd} date (four-digit year, real
     * calendar date), packed as {@code year << 9 | month << 5 | day} (packed dates sort as the
     * dates do); decoded when the node was made.
     *
     * @return the packed date, or -1 when this is not such a string
     */
    public int packedDate() {
        return type == Type.STRING && unscaled > 0 ? (int) unscaled : -1;
    }

    /**
     * Parses a strict {@code yyyy-MM-dd} date (years 0000 to 9999, a real calendar date).
     *
     * @param s the text
     * @return the date packed as {@code year << 9 | month << 5 | day}, or -1
     */
    public static int parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return -1;
        }
        int y = 0;
        for (int i = 0; i < 4; i++) {
            int c = s.charAt(i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            y = y * 10 + c;
        }
        int m1 = s.charAt(5) - '0';
        int m2 = s.charAt(6) - '0';
        int d1 = s.charAt(8) - '0';
        int d2 = s.charAt(9) - '0';
        if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        int m = m1 * 10 + m2;
        int d = d1 * 10 + d2;
        if (m < 1 || m > 12 || d < 1) {
            return -1;
        }
        boolean leap = (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
        // Bit m of 0x15AA is set for the 31-day months (1, 3, 5, 7, 8, 10, 12).
        int length = m == 2 ? (leap ? 29 : 28) : 30 + ((0x15AA >>> m) & 1);
        return d > length ? -1 : y << 9 | m << 5 | d;
    }

    /** Returned by {@link #scaled(int)} when the value has no exact {@code long} form. */
    public static final long NOT_SCALED = Long.MIN_VALUE;

    /**
     * The number times 10^{@code digits}, rounded half-up (half away from zero, as
     * {@link java.math.RoundingMode#HALF_UP}), as a {@code long}; computed from the exact
     * decimal without allocating. For example {@code 7.25} with {@code digits} 1 gives 73.
     *
     * @param digits decimal places to keep, 0 to 18
     * @return the scaled value, or {@link #NOT_SCALED} when this is not a number or the result
     *         does not fit a {@code long} (callers then use {@link #number()})
     */
    public long scaled(int digits) {
        if (type != Type.NUMBER || scale == NOT_COMPACT || digits < 0 || digits > 18) {
            return NOT_SCALED;
        }
        long u = unscaled;
        if (scale <= digits) {
            long k = (long) digits - scale;
            if (u == 0) {
                return 0;
            }
            if (k > 18) {
                return NOT_SCALED;
            }
            long p = POW10[(int) k];
            long r = u * p;
            // |u| < 10^18 and p <= 10^18: the product overflows exactly when the high word is
            // not the sign extension of the low word.
            if (Math.multiplyHigh(u, p) != (r >> 63) || r == NOT_SCALED) {
                return NOT_SCALED;
            }
            return r;
        }
        int k = scale - digits;
        if (k > 18) {
            return 0; // |u| < 10^18 <= 10^k / 10: |value| < 0.1, rounds to 0
        }
        long p = POW10[k];
        long q = u / p;
        long rem = u % p;
        // |rem| < p <= 10^18, so 2|rem| does not overflow.
        if (Math.abs(rem) * 2 >= p) {
            q += Long.signum(u);
        }
        return q;
    }

    /**
     * @return the boolean value
     * @throws IllegalStateException if not a boolean
     */
    public boolean bool() {
        check(Type.BOOLEAN);
        return (Boolean) value;
    }

    private void check(Type t) {
        if (type != t) {
            throw new IllegalStateException("not a " + t);
        }
    }

    @Override
    public String toString() {
        return type + "@" + line + ":" + column;
    }
}
