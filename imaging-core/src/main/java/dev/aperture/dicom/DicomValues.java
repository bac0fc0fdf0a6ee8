// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Placeholder until the full implementation lands.
 *
 * <p>Stateless; thread-safe.
 */
public final class DicomValues {
    private DicomValues() {
    }

    /** Parses a DA value. */
    public static Optional<LocalDate> parseDate(String s) {
        try {
            String t = s.strip();
            return Optional.of(LocalDate.of(Integer.parseInt(t.substring(0, 4)),
                    Integer.parseInt(t.substring(4, 6)), Integer.parseInt(t.substring(6, 8))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a TM value. */
    public static Optional<LocalTime> parseTime(String s) {
        try {
            String t = s.strip();
            int h = Integer.parseInt(t.substring(0, 2));
            int m = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
            int sec = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 0;
            return Optional.of(LocalTime.of(h, m, sec));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a DT value. */
    public static Optional<Temporal> parseDateTime(String s) {
        return parseDate(s).map(d -> d.atStartOfDay());
    }

    /** Parses an IS value. */
    public static OptionalLong parseInteger(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Parses a DS value. */
    public static Optional<BigDecimal> parseDecimal(String s) {
        try {
            return Optional.of(new BigDecimal(s.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
