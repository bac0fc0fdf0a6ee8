// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;

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

    private final CharSequence s;
    private final int end;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonReader(CharSequence s) {
        this.s = s;
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
     * Parses one JSON text whose first line is numbered {@code firstLine} (for JSON Lines).
     *
     * @param text      the text
     * @param firstLine line number of the text's first line
     * @return the root value
     * @throws JsonSyntaxException if the text is not one valid JSON value
     */
    public static JsonNode parse(CharSequence text, int firstLine) {
        JsonReader r = new JsonReader(text);
        r.line = firstLine;
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
            case '"':
                return JsonNode.string(string(), l, c);
            case 't':
                literal("true");
                return JsonNode.bool(true, l, c);
            case 'f':
                literal("false");
                return JsonNode.bool(false, l, c);
            case 'n':
                literal("null");
                return JsonNode.nul(l, c);
            default:
                if (ch == '-' || (ch >= '0' && ch <= '9')) {
                    return JsonNode.number(number(), l, c);
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
        LinkedHashMap<String, JsonNode> members = new LinkedHashMap<>();
        skipWs();
        if (pos < end && s.charAt(pos) == '}') {
            pos++;
            return JsonNode.object(members, l, c);
        }
        while (true) {
            skipWs();
            if (pos >= end || s.charAt(pos) != '"') {
                throw error("expected a member name");
            }
            int kl = line;
            int kc = col();
            String key = string();
            skipWs();
            if (pos >= end || s.charAt(pos) != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWs();
            JsonNode v = value(depth);
            if (members.putIfAbsent(key, v) != null) {
                throw new JsonSyntaxException("duplicate member name", kl, kc);
            }
            skipWs();
            if (pos >= end) {
                throw error("unterminated object");
            }
            char ch = s.charAt(pos++);
            if (ch == '}') {
                return JsonNode.object(members, l, c);
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
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
                String out = s.subSequence(start, pos).toString();
                pos++;
                return out;
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
            if (digits > 4 || Integer.parseInt(s.subSequence(k, pos).toString()) > MAX_EXPONENT) {
                throw error("number out of range");
            }
        }
        if (pos - start > 200) {
            throw error("number too long");
        }
        return new BigDecimal(s.subSequence(start, pos).toString());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
