// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact case text ({@link CaseText}) gives back exactly the ASCII text it was given. */
class CaseTextTest {
    @Test
    void roundTripsAnyText() {
        Random rng = new Random(7);
        String[] pieces = {"\"kind\":", "\"lung-nodule\"", "\"", "\"20", "\"2", "\"k", "\"kin", ":", "é", "\u20ac",
            "\uD83D\uDE00", "\u00ff", "\u0080", "\u7fff", "\uffff", "\u0000", "a", " ", "\n", "\"lung-rads-2022\"",
            "\"status\" :", "{", "}", "\\\"", "\"lung-nodule"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rng.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(pieces[rng.nextInt(pieces.length)]);
            }
            String s = sb.toString();
            byte[] packed = CaseText.pack(s);
            if (s.chars().allMatch(c -> c < 0x80)) {
                assertEquals(s, CaseText.unpack(packed));
            } else {
                assertNull(packed, s); // not ASCII: not packed (the case keeps its tree)
            }
        }
    }

    @Test
    void typicalCaseShrinks() {
        String json = "{\"id\":\"LR-1\",\"program\":\"lung-rads-2022\",\"asOf\":\"2025-06-30\",\"patient\":"
                + "{\"birthDate\":\"1955-03-01\",\"sex\":\"male\"},\"exam\":{\"date\":\"2025-01-31\",\"modality\":"
                + "\"LDCT\",\"kind\":\"annual\"},\"findings\":[{\"kind\":\"lung-nodule\",\"composition\":\"solid\","
                + "\"meanDiameterMm\":6.5,\"status\":\"new\"}]}";
        byte[] packed = CaseText.pack(json);
        assertEquals(json, CaseText.unpack(packed));
        assertTrue(packed.length * 2 < json.length(), packed.length + " of " + json.length());
    }
}
