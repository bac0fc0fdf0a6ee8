// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import dev.aperture.screening.internal.json.JsonSyntaxException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The internal strict JSON reader. */
class JsonReaderTest {

    @Test
    void readsEveryType() {
        JsonNode n = JsonReader.parse(" {\"a\": [1, -0.50, 2e3, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}} ");
        assertEquals(new BigDecimal("1"), n.get("a").items().get(0).number());
        assertEquals(new BigDecimal("-0.50"), n.get("a").items().get(1).number());
        assertEquals(0, new BigDecimal("2000").compareTo(n.get("a").items().get(2).number()));
        assertTrue(n.get("a").items().get(3).bool());
        assertTrue(n.get("a").items().get(5).isNull());
        assertEquals("x\u00e9\n\"", n.get("a").items().get(6).string());
        assertTrue(n.get("b").members().isEmpty());
    }

    @Test
    void tracksLineAndColumn() {
        JsonNode n = JsonReader.parse("{\n  \"a\":\n     7}");
        assertEquals(3, n.get("a").line());
        assertEquals(6, n.get("a").column());
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("[1,\n 2,\n  x]"));
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "+1", "1e", "NaN", "Infinity",
            "'a'", "\"a", "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "{\"a\" 1}", "{a:1}", "[1 2]", "tru", "nul", "1 2",
            "{\"a\":1,\"a\":2}", "// c\n1", "1e99999", "1e1001", "[1]]"})
    void rejectsInvalidText(String text) {
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(text));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(deep));
        assertEquals("nesting too deep", e.reason());
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertTrue(JsonReader.parse(ok).isArray());
    }

    @Test
    void largeObjectsKeepOrderAndRejectDuplicatesQuickly() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        JsonNode n = JsonReader.parse(sb + "}");
        assertEquals(50_000, n.size());
        assertEquals(new BigDecimal("49999"), n.get("k49999").number());
        assertEquals("k0", n.members().keySet().iterator().next());
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(sb + ",\"k7\":1}"));
        assertEquals("duplicate member name", e.reason());
        // Known keys written with escapes are still the same name.
        assertEquals("x", JsonReader.parse("{\"i\\u0064\": \"x\"}").get("id").string());
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("{\"id\": 1, \"i\\u0064\": 2}"));
    }

    @Test
    void acceptsExponentsWithinLimits() {
        assertEquals(0, new BigDecimal("1e1000").compareTo(JsonReader.parse("1e1000").number()));
        assertEquals(0, new BigDecimal("1e-1000").compareTo(JsonReader.parse("1E-0001000").number()));
    }

    @Test
    void messagesNeverContainTheText() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class,
                () -> JsonReader.parse("{\"patientName\": DOE^JANE}"));
        assertTrue(!e.getMessage().contains("DOE"), e.getMessage());
    }
}
