// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DicomValuesTest {

    @Test
    void dates() {
        assertEquals(LocalDate.of(2004, 1, 19), DicomValues.parseDate("20040119").orElseThrow());
        assertEquals(LocalDate.of(2004, 1, 19), DicomValues.parseDate(" 20040119 ").orElseThrow());
        assertEquals(LocalDate.of(1993, 8, 22), DicomValues.parseDate("1993.08.22").orElseThrow());
        assertEquals(LocalDate.of(2000, 2, 29), DicomValues.parseDate("20000229").orElseThrow());
        for (String bad : new String[] {"", "  ", "2004011", "200401190", "20040230", "20041301", "2004-01-19x",
            "1993.8.22", "2004011a", "19930822-", "20040119-20040120", "+2004011", "٢٠٠٤٠١١٩"}) {
            assertTrue(DicomValues.parseDate(bad).isEmpty(), bad);
        }
    }

    @Test
    void times() {
        assertEquals(LocalTime.of(7, 0), DicomValues.parseTime("07").orElseThrow());
        assertEquals(LocalTime.of(7, 27), DicomValues.parseTime("0727").orElseThrow());
        assertEquals(LocalTime.of(7, 27, 31), DicomValues.parseTime("072731").orElseThrow());
        assertEquals(LocalTime.of(7, 27, 31, 100_000_000), DicomValues.parseTime("072731.1").orElseThrow());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), DicomValues.parseTime("235959.999999").orElseThrow());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), DicomValues.parseTime("235960").orElseThrow());
        assertEquals(LocalTime.of(7, 27, 31), DicomValues.parseTime("07:27:31").orElseThrow());
        assertEquals(LocalTime.of(7, 27, 31, 500_000_000), DicomValues.parseTime("07:27:31.5 ").orElseThrow());
        assertEquals(LocalTime.of(7, 27), DicomValues.parseTime("07:27").orElseThrow());
        for (String bad : new String[] {"", "7", "072", "07273", "0727.5", "072731.", "072731.1234567", "240000",
            "076000", "075961", "07:2731", "0727:31", "07-27-31", "072731,5", "07:27:", "ab"}) {
            assertTrue(DicomValues.parseTime(bad).isEmpty(), bad);
        }
    }

    @Test
    void dateTimes() {
        assertEquals(LocalDateTime.of(2004, 1, 1, 0, 0), DicomValues.parseDateTime("2004").orElseThrow());
        assertEquals(LocalDateTime.of(2004, 3, 1, 0, 0), DicomValues.parseDateTime("200403").orElseThrow());
        assertEquals(LocalDateTime.of(2004, 3, 9, 0, 0), DicomValues.parseDateTime("20040309").orElseThrow());
        assertEquals(LocalDateTime.of(2004, 3, 9, 13, 0), DicomValues.parseDateTime("2004030913").orElseThrow());
        assertEquals(LocalDateTime.of(2004, 3, 9, 13, 5, 7, 123_456_000),
                DicomValues.parseDateTime("20040309130507.123456").orElseThrow());
        assertEquals(OffsetDateTime.of(2004, 3, 9, 13, 5, 7, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                DicomValues.parseDateTime("20040309130507-0530").orElseThrow());
        assertEquals(OffsetDateTime.of(2004, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)),
                DicomValues.parseDateTime("2004+1400").orElseThrow());
        for (String bad : new String[] {"", "200", "20041", "200413", "20040230", "2004030925", "200403091360",
            "20040309130560.5x", "20040309.5", "2004030913.5", "20040309130507+05", "20040309130507+1900",
            "20040309130507+0560", "2004-03-09", "20040309130507.1234567"}) {
            assertTrue(DicomValues.parseDateTime(bad).isEmpty(), bad);
        }
    }

    @Test
    void integers() {
        assertEquals(OptionalLong.of(42), DicomValues.parseInteger("42"));
        assertEquals(OptionalLong.of(-42), DicomValues.parseInteger(" -42 "));
        assertEquals(OptionalLong.of(42), DicomValues.parseInteger("+0042"));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), DicomValues.parseInteger(Long.toString(Long.MAX_VALUE)));
        for (String bad : new String[] {"", " ", "+", "-", "4 2", "42.0", "1e3", "0x10", "99999999999999999999", "٤٢"}) {
            assertTrue(DicomValues.parseInteger(bad).isEmpty(), bad);
        }
    }

    @Test
    void decimals() {
        assertEquals(new BigDecimal("1.5"), DicomValues.parseDecimal(" 1.5 ").orElseThrow());
        assertEquals(new BigDecimal("-0.25E-3"), DicomValues.parseDecimal("-0.25E-3").orElseThrow());
        assertEquals(new BigDecimal("12"), DicomValues.parseDecimal("+12").orElseThrow());
        assertEquals(new BigDecimal("0.5"), DicomValues.parseDecimal(".5").orElseThrow());
        assertEquals(new BigDecimal("5"), DicomValues.parseDecimal("5.").orElseThrow());
        assertEquals(new BigDecimal("1e10"), DicomValues.parseDecimal("1e10").orElseThrow());
        assertEquals(1.5e-7, DicomValues.parseDouble("1.5e-7").orElseThrow());
        assertEquals(-0.0, DicomValues.parseDouble("-0").orElseThrow());
        assertEquals(Double.POSITIVE_INFINITY, DicomValues.parseDouble("1e400").orElseThrow());
        for (String bad : new String[] {"", ".", "e5", "1e", "1e+", "NaN", "Infinity", "1.0d", "1f", "0x1p3", "1,5",
            "1.5.2", "--1", "1e99999999999", "+.e1"}) {
            assertTrue(DicomValues.parseDecimal(bad).isEmpty(), bad);
            if (!bad.equals("1e99999999999")) {
                assertTrue(DicomValues.parseDouble(bad).isEmpty(), bad);
            }
        }
    }

    @Test
    void formatting() {
        assertEquals("20040119", DicomValues.formatDate(LocalDate.of(2004, 1, 19)));
        assertEquals("072731", DicomValues.formatTime(LocalTime.of(7, 27, 31)));
        assertEquals("072731.000100", DicomValues.formatTime(LocalTime.of(7, 27, 31, 100_000)));
        assertEquals("20040119072731-0530", DicomValues.formatDateTime(
                OffsetDateTime.of(2004, 1, 19, 7, 27, 31, 0, ZoneOffset.ofHoursMinutes(-5, -30))));
        assertThrows(IllegalArgumentException.class, () -> DicomValues.formatDate(LocalDate.of(10000, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> DicomValues.formatDateTime(LocalDate.of(2000, 1, 1)));
        assertEquals(Optional.empty(), DicomValues.parseDate("20041"));
    }
}
