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

    private JsonNode(Type type, Object value, int line, int column) {
        this.type = type;
        this.value = value;
        this.line = line;
        this.column = column;
    }

    /** Object members as parallel arrays: keys[i] -> values[i], in source order, no duplicates. */
    private record Members(String[] keys, JsonNode[] values, int size) {
    }

    static JsonNode object(String[] keys, JsonNode[] values, int size, int line, int column) {
        return new JsonNode(Type.OBJECT, new Members(keys, values, size), line, column);
    }

    static JsonNode object(Map<String, JsonNode> members, int line, int column) {
        String[] keys = members.keySet().toArray(new String[0]);
        JsonNode[] values = members.values().toArray(new JsonNode[0]);
        return object(keys, values, keys.length, line, column);
    }

    static JsonNode array(List<JsonNode> items, int line, int column) {
        return new JsonNode(Type.ARRAY, Collections.unmodifiableList(items), line, column);
    }

    /**
     * Creates a string node (used when building cases from Java values).
     *
     * @param s the string
     * @return the node, at position 0:0
     */
    public static JsonNode string(String s) {
        return new JsonNode(Type.STRING, s, 0, 0);
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
        return string(v.toString(), 0, 0);
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
        Members m = (Members) value;
        java.util.LinkedHashMap<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < m.size; i++) {
            out.put(m.keys[i], m.values[i]);
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
        Members m = (Members) value;
        java.util.Objects.checkIndex(i, m.size);
        return m.keys[i];
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
        Members m = (Members) value;
        java.util.Objects.checkIndex(i, m.size);
        return m.values[i];
    }

    /** @return the number of members of an object, or of items of an array (0 otherwise) */
    public int size() {
        if (type == Type.OBJECT) {
            return ((Members) value).size;
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
        Members m = (Members) value;
        String[] keys = m.keys;
        for (int i = 0, n = m.size; i < n; i++) {
            String k = keys[i];
            if (k == name || k.equals(name)) {
                return m.values[i];
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
