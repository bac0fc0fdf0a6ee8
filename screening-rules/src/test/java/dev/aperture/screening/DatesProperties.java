// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The packed-date arithmetic of the typed paths ({@link Dates}) equals {@link LocalDate}'s:
 * {@code plusMonths} with end-of-month clamping, parsing (as the strict reference parser), and
 * the order of packed dates; and {@link JsonNode#scaled(int)} equals half-up rounding of the
 * exact {@code BigDecimal}.
 */
class DatesProperties {

    @Property(tries = 3000)
    void plusMonthsEqualsLocalDate(@ForAll @LongRange(min = 0, max = 3_000_000) long epochDay,
                                   @ForAll @IntRange(min = 0, max = 1200) int months) {
        LocalDate d = LocalDate.ofEpochDay(epochDay - 719_528 + 365); // years 1 to about 8200
        assertEquals(d.plusMonths(months), Dates.toLocalDate(Dates.plusMonths(Dates.pack(d), months)), d + " + " + months);
    }

    @Test
    void plusMonthsClampsEveryMonthEndOf400Years() {
        // Every day 28-31 of every month over a full Gregorian cycle, for the programmes' intervals.
        int[] intervals = {1, 3, 6, 12, 24, 36, 60, 120, 180};
        for (LocalDate d = LocalDate.of(2000, 1, 28); d.getYear() < 2400; d = d.plusDays(1)) {
            if (d.getDayOfMonth() < 28) {
                continue;
            }
            for (int m : intervals) {
                assertEquals(d.plusMonths(m), Dates.toLocalDate(Dates.plusMonths(Dates.pack(d), m)));
            }
        }
    }

    @Property(tries = 3000)
    void packedOrderIsDateOrder(@ForAll @LongRange(min = -700_000, max = 2_900_000) long a,
                                @ForAll @IntRange(min = -400, max = 400) int delta) {
        LocalDate x = LocalDate.ofEpochDay(a);
        LocalDate y = x.plusDays(delta);
        assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(Integer.compare(Dates.pack(x), Dates.pack(y))));
    }

    @Property(tries = 3000)
    void parseEqualsStrictParser(@ForAll @LongRange(min = -719_528, max = 2_932_896) long day) {
        LocalDate d = LocalDate.ofEpochDay(day); // years 0000 to 9999
        String s = String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        assertEquals(Dates.pack(d), JsonNode.parseDate(s));
        assertEquals(d, CaseView.parseDate(s));
    }

    @Property(tries = 3000)
    void parseRejectsWhatTheReferenceRejects(@ForAll @StringLength(10) String s,
                                             @ForAll @IntRange(min = 0, max = 99) int m,
                                             @ForAll @IntRange(min = 0, max = 99) int d) {
        for (String t : new String[] {s, String.format("2024-%02d-%02d", m, d), String.format("2023-%02d-%02d", m, d)}) {
            LocalDate ref = CaseView.parseDate(t);
            int packed = JsonNode.parseDate(t);
            assertEquals(ref == null ? Dates.INVALID : Dates.pack(ref), packed, t);
            assertEquals(packed, JsonNode.string(t).packedDate(), t); // decoded with the tree
        }
    }

    @Property(tries = 3000)
    void scaledEqualsHalfUp(@ForAll @LongRange(min = -99_999_999_999L, max = 99_999_999_999L) long unscaled,
                            @ForAll @IntRange(min = -3, max = 8) int scale,
                            @ForAll @IntRange(min = 0, max = 4) int digits) {
        BigDecimal v = BigDecimal.valueOf(unscaled, scale);
        JsonNode n = JsonReader.parse(v.toString(), 1);
        BigDecimal expected = v.movePointRight(digits).setScale(0, RoundingMode.HALF_UP);
        long got = n.scaled(digits);
        if (expected.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            assertEquals(expected.longValueExact(), got, v + " digits " + digits);
        } else {
            assertEquals(JsonNode.NOT_SCALED, got);
        }
    }

    @Test
    void scaledEdges() {
        assertEquals(73, JsonReader.parse("7.25", 1).scaled(1));
        assertEquals(-73, JsonReader.parse("-7.25", 1).scaled(1));
        assertEquals(72, JsonReader.parse("7.249", 1).scaled(1));
        assertEquals(0, JsonReader.parse("0.04", 1).scaled(1));
        assertEquals(60, JsonReader.parse("6E0", 1).scaled(1));
        assertEquals(JsonNode.NOT_SCALED, JsonReader.parse("1e30", 1).scaled(1));
        assertEquals(JsonNode.NOT_SCALED, JsonReader.parse("12345678901234567890", 1).scaled(0));
        assertEquals(JsonNode.NOT_SCALED, JsonReader.parse("\"7\"", 1).scaled(1));
        assertTrue(JsonReader.parse("922337203685477580.7", 1).scaled(1) == JsonNode.NOT_SCALED);
    }
}
