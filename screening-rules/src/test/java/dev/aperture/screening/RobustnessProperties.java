// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Mutated cases (members removed, values replaced by other JSON types or out-of-range values)
 * never make evaluation throw: they give a decision, with errors naming fields when invalid.
 */
class RobustnessProperties {
    private static final Object[] REPLACEMENTS = {null, "", "x", "2025-02-30", "1999-12-31", new BigDecimal("-1"),
        BigDecimal.ZERO, new BigDecimal("1e300"), new BigDecimal("0.05"), 7, true, List.of(), List.of(1, "a"),
        Map.of(), Map.of("kind", "polyp"), "4A", "stable", "baseline", "male", "changed"};

    static Object toJava(JsonNode n) {
        switch (n.type()) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                n.members().forEach((k, v) -> m.put(k, toJava(v)));
                return m;
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                n.items().forEach(v -> l.add(toJava(v)));
                return l;
            }
            case STRING:
                return n.string();
            case NUMBER:
                return n.number();
            case BOOLEAN:
                return n.bool();
            default:
                return null;
        }
    }

    /** A mutable copy of a replacement value. */
    static Object fresh(Object v) {
        if (v instanceof Map<?, ?> m) {
            return new LinkedHashMap<>(m);
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return v;
    }

    /** Replaces or removes one random value somewhere in the tree. */
    @SuppressWarnings("unchecked")
    static void mutate(Object tree, Random rng) {
        Object node = tree;
        for (int depth = 0; depth < 6; depth++) {
            if (node instanceof Map<?, ?> m && !m.isEmpty()) {
                Map<String, Object> map = (Map<String, Object>) m;
                List<String> keys = new ArrayList<>(map.keySet());
                String k = keys.get(rng.nextInt(keys.size()));
                Object child = map.get(k);
                if ((child instanceof Map || child instanceof List) && rng.nextInt(3) > 0) {
                    node = child;
                    continue;
                }
                if (rng.nextInt(4) == 0) {
                    map.remove(k);
                } else {
                    map.put(k, fresh(REPLACEMENTS[rng.nextInt(REPLACEMENTS.length)]));
                }
                return;
            } else if (node instanceof List<?> l && !l.isEmpty()) {
                List<Object> list = (List<Object>) l;
                int i = rng.nextInt(list.size());
                Object child = list.get(i);
                if ((child instanceof Map || child instanceof List) && rng.nextInt(3) > 0) {
                    node = child;
                    continue;
                }
                list.set(i, fresh(REPLACEMENTS[rng.nextInt(REPLACEMENTS.length)]));
                return;
            } else {
                return;
            }
        }
    }

    @Property(tries = 200)
    void mutatedCasesNeverThrow(@ForAll long seed) {
        RandomCases gen = new RandomCases(seed);
        Random rng = new Random(seed);
        for (int i = 0; i < 25; i++) {
            Object tree = toJava(JsonReader.parse(gen.next(i)));
            int mutations = 1 + rng.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(tree, rng);
            }
            @SuppressWarnings("unchecked")
            ScreeningCase c = ScreeningCase.of((Map<String, ?>) tree);
            Decision d = Programmes.standard().evaluate(c);
            if (!d.isValid()) {
                assertTrue(d.action().isEmpty() && d.rationale().isEmpty());
                d.errors().forEach(e -> assertTrue(!e.field().isEmpty()));
            } else {
                assertTrue(d.action().isPresent() && !d.rationale().isEmpty(), d::toJson);
            }
            // The decision JSON always parses back with every key.
            assertEquals(15, JsonReader.parse(d.toJson()).size());
        }
    }
}
