// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DicomValuesProperties {

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Arbitraries.longs().between(0, 86_399_999_999L).map(us -> LocalTime.ofNanoOfDay(us * 1000));
    }

    @Property(tries = 300)
    void dateRoundTrip(@ForAll("dates") LocalDate d) {
        assertEquals(d, DicomValues.parseDate(DicomValues.formatDate(d)).orElseThrow());
    }

    @Property(tries = 300)
    void timeRoundTrip(@ForAll("times") LocalTime t) {
        assertEquals(t, DicomValues.parseTime(DicomValues.formatTime(t)).orElseThrow());
    }

    @Property(tries = 300)
    void dateTimeRoundTrip(@ForAll("dates") LocalDate d, @ForAll("times") LocalTime t,
            @ForAll @IntRange(min = -12 * 60, max = 14 * 60) int offsetMinutes, @ForAll boolean withOffset) {
        LocalDateTime ldt = LocalDateTime.of(d, t);
        if (withOffset) {
            OffsetDateTime odt = OffsetDateTime.of(ldt, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            assertEquals(odt, DicomValues.parseDateTime(DicomValues.formatDateTime(odt)).orElseThrow());
        } else {
            assertEquals(ldt, DicomValues.parseDateTime(DicomValues.formatDateTime(ldt)).orElseThrow());
        }
    }

    /** A DT truncated to any even precision parses to the minimum of the truncated fields. */
    @Property(tries = 200)
    void partialDateTimeFillsMinimum(@ForAll("dates") LocalDate d, @ForAll("times") LocalTime t,
            @ForAll @IntRange(min = 2, max = 7) int pairs) {
        String full = DicomValues.formatDateTime(LocalDateTime.of(d, t.withNano(0)));
        String partial = full.substring(0, 2 * pairs);
        LocalDateTime expected = LocalDateTime.parse(
                (full.substring(0, 2 * pairs) + "0101000000".substring(Math.max(0, 2 * pairs - 4))).replaceFirst(
                        "(\\d{4})(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)", "$1-$2-$3T$4:$5:$6"));
        assertEquals(expected, DicomValues.parseDateTime(partial).orElseThrow(), partial);
    }

    @Property(tries = 300)
    void integerRoundTrip(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long v) {
        assertEquals(v, DicomValues.parseInteger(" " + v + " ").orElseThrow());
    }

    @Property(tries = 300)
    void decimalRoundTrip(@ForAll double v) {
        if (Double.isFinite(v)) {
            String s = Double.toString(v);
            assertEquals(new BigDecimal(s), DicomValues.parseDecimal(s).orElseThrow());
            assertEquals(v, DicomValues.parseDouble(s + " ").orElseThrow());
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.strings().withChars("0123456789.:+-eE ,x").ofMaxLength(24);
    }

    /** Nothing throws on arbitrary input, and whatever parses re-parses from its canonical form. */
    @Property(tries = 1000)
    void lenientOnGarbage(@ForAll("garbage") String s) {
        DicomValues.parseDate(s).ifPresent(d -> assertEquals(d, DicomValues.parseDate(DicomValues.formatDate(d)).orElseThrow()));
        DicomValues.parseTime(s).ifPresent(t -> assertEquals(t, DicomValues.parseTime(DicomValues.formatTime(t)).orElseThrow()));
        DicomValues.parseDateTime(s);
        DicomValues.parseInteger(s);
        DicomValues.parseDecimal(s).ifPresent(b -> assertEquals(b.doubleValue(), DicomValues.parseDouble(s).orElseThrow(), 0.0));
    }

    @Provide
    Arbitrary<String> components() {
        return Arbitraries.strings().withChars("AbZ 山田やまだ홍.-").ofMaxLength(5);
    }

    @Provide
    Arbitrary<PersonName.Group> groups() {
        Arbitrary<String> c = components();
        return Combinators.combine(c, c, c, c, c).as(PersonName.Group::new);
    }

    /** parse(toDicomString(x)) == x for names without trailing spaces in their last component. */
    @Property(tries = 500)
    void personNameRoundTrip(@ForAll("groups") PersonName.Group a, @ForAll("groups") PersonName.Group i,
            @ForAll("groups") PersonName.Group p) {
        PersonName pn = new PersonName(a, i, p);
        String s = pn.toDicomString();
        if (s.equals(s.stripTrailing())) {
            assertEquals(pn, PersonName.parse(s));
            assertEquals(s, PersonName.parse(s).toDicomString());
        }
    }
}
