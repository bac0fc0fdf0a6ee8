// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Parsers and formatters for the string VRs that carry numbers, dates and times (PS3.5 6.2): DA,
 * TM, DT, IS and DS. Each parser takes one value (already split at backslashes); leading and
 * trailing spaces (padding) are ignored, and a value that does not parse gives an empty result
 * rather than an exception. Date and time ranges (query matching) are not handled here.
 *
 * <p>Stateless; thread-safe.
 */
public final class DicomValues {
    private DicomValues() {
    }

    /**
     * Parses a DA value: {@code YYYYMMDD}, or the ACR-NEMA form {@code YYYY.MM.DD}.
     *
     * @param s the value
     * @return the date, or empty when the value is empty or not a valid date
     */
    public static Optional<LocalDate> parseDate(String s) {
        String v = s.strip();
        int n = v.length();
        try {
            if (n == 8 && digits(v, 0, 8)) {
                return Optional.of(LocalDate.of(num(v, 0, 4), num(v, 4, 6), num(v, 6, 8)));
            }
            if (n == 10 && v.charAt(4) == '.' && v.charAt(7) == '.' && digits(v, 0, 4) && digits(v, 5, 7)
                    && digits(v, 8, 10)) {
                return Optional.of(LocalDate.of(num(v, 0, 4), num(v, 5, 7), num(v, 8, 10)));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Parses a TM value: {@code HH}, {@code HHMM}, {@code HHMMSS} or {@code HHMMSS.F} with one to
     * six fraction digits, or the ACR-NEMA forms {@code HH:MM} and {@code HH:MM:SS[.F]}. Missing
     * parts are zero. A leap second ({@code SS} = 60) is read as 59.999999 seconds.
     *
     * @param s the value
     * @return the time, or empty when the value is empty or not a valid time
     */
    public static Optional<LocalTime> parseTime(String s) {
        String v = s.strip();
        long nanos = parseTimeNanos(v, 0, v.length());
        return nanos < 0 ? Optional.empty() : Optional.of(LocalTime.ofNanoOfDay(nanos));
    }

    /** Parses a TM in {@code v[from, to)} to nanoseconds of the day, or -1. */
    private static long parseTimeNanos(String v, int from, int to) {
        int n = to - from;
        if (n < 2 || !digits(v, from, from + 2)) {
            return -1;
        }
        int hh = num(v, from, from + 2);
        int mm = 0;
        int ss = 0;
        long frac = 0;
        boolean hasSeconds = false;
        int i = from + 2;
        boolean colons = i < to && v.charAt(i) == ':';
        if (i < to) {
            if (colons) {
                i++;
            }
            if (i + 2 > to || !digits(v, i, i + 2)) {
                return -1;
            }
            mm = num(v, i, i + 2);
            i += 2;
        }
        if (i < to) {
            if (colons) {
                if (v.charAt(i) != ':') {
                    return -1;
                }
                i++;
            }
            if (i + 2 > to || !digits(v, i, i + 2)) {
                return -1;
            }
            ss = num(v, i, i + 2);
            i += 2;
            hasSeconds = true;
        }
        if (i < to) {
            if (v.charAt(i) != '.' || !hasSeconds) { // a fraction needs seconds: HHMM.F is not a TM
                return -1;
            }
            i++;
            int digits = to - i;
            if (digits < 1 || digits > 6 || !digits(v, i, to)) {
                return -1;
            }
            frac = num(v, i, to);
            for (int k = digits; k < 9; k++) {
                frac *= 10;
            }
        }
        if (hh > 23 || mm > 59 || ss > 60) {
            return -1;
        }
        if (ss == 60) {
            ss = 59;
            frac = 999_999_000L;
        }
        return ((hh * 60L + mm) * 60L + ss) * 1_000_000_000L + frac;
    }

    /**
     * Parses a DT value: {@code YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]]} with an optional UTC offset
     * {@code &ZZXX} ({@code +} or {@code -}, hours and minutes). Missing parts take their minimum
     * (month and day 1, time 0).
     *
     * @param s the value
     * @return a {@link LocalDateTime}, or an {@link OffsetDateTime} when the value has an offset;
     *         empty when the value is empty or invalid
     */
    public static Optional<Temporal> parseDateTime(String s) {
        String v = s.strip();
        int end = v.length();
        ZoneOffset offset = null;
        int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
        try {
            if (sign >= 0) {
                if (end - sign != 5 || !digits(v, sign + 1, end)) {
                    return Optional.empty();
                }
                int oh = num(v, sign + 1, sign + 3);
                int om = num(v, sign + 3, sign + 5);
                if (om > 59) {
                    return Optional.empty();
                }
                int total = oh * 3600 + om * 60;
                offset = ZoneOffset.ofTotalSeconds(v.charAt(sign) == '-' ? -total : total);
                end = sign;
            }
            int dot = v.indexOf('.');
            int intEnd = dot >= 0 && dot < end ? dot : end;
            int n = intEnd;
            if (n < 4 || n > 14 || (n & 1) != 0 || !digits(v, 0, n)) {
                return Optional.empty();
            }
            if (dot >= 0 && dot < end && n != 14) {
                return Optional.empty(); // a fraction needs seconds
            }
            int year = num(v, 0, 4);
            int month = n >= 6 ? num(v, 4, 6) : 1;
            int day = n >= 8 ? num(v, 6, 8) : 1;
            LocalDate date = LocalDate.of(year, month, day);
            long nanos = 0;
            if (n > 8) {
                nanos = parseTimeNanos(v, 8, end);
                if (nanos < 0) {
                    return Optional.empty();
                }
            }
            LocalDateTime dt = date.atStartOfDay().with(ChronoField.NANO_OF_DAY, nanos);
            return Optional.of(offset == null ? dt : OffsetDateTime.of(dt, offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses an IS value: an optional sign and decimal digits.
     *
     * @param s the value
     * @return the integer, or empty when the value is empty, not an integer, or outside the range
     *         of {@code long}
     */
    public static OptionalLong parseInteger(String s) {
        String v = s.strip();
        int n = v.length();
        int i = n > 0 && (v.charAt(0) == '+' || v.charAt(0) == '-') ? 1 : 0;
        if (i == n || !digits(v, i, n)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Parses a DS value: a fixed or floating point number ({@code [+-]digits[.digits][E[+-]digits]}).
     *
     * @param s the value
     * @return the number, exactly as written, or empty when the value is empty or not a decimal
     *         string
     */
    public static Optional<BigDecimal> parseDecimal(String s) {
        String v = s.strip();
        if (!isDecimalString(v)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(v));
        } catch (NumberFormatException | ArithmeticException e) { // exponent beyond int range
            return Optional.empty();
        }
    }

    /**
     * Parses a DS value to the nearest {@code double}, without creating a {@link BigDecimal}.
     * Accepts what {@link #parseDecimal} accepts; values beyond the range of {@code double} give
     * infinity.
     *
     * @param s the value
     * @return the number, or empty when the value is empty or not a decimal string
     */
    public static OptionalDouble parseDouble(String s) {
        String v = s.strip();
        return isDecimalString(v) ? OptionalDouble.of(Double.parseDouble(v)) : OptionalDouble.empty();
    }

    /** True for {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}; rejects Java's extras (NaN, 1d, 0x1p3). */
    private static boolean isDecimalString(String v) {
        int n = v.length();
        int i = 0;
        if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            i++;
        }
        int mantissaDigits = 0;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && v.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
            i++;
            if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Formats a date as a DA value, {@code YYYYMMDD}.
     *
     * @param date the date, year 0 to 9999
     * @return the value
     * @throws IllegalArgumentException when the year has not four digits
     */
    public static String formatDate(LocalDate date) {
        int y = date.getYear();
        if (y < 0 || y > 9999) {
            throw new IllegalArgumentException("year must be 0..9999: " + y);
        }
        return String.format("%04d%02d%02d", y, date.getMonthValue(), date.getDayOfMonth());
    }

    /**
     * Formats a time as a TM value, {@code HHMMSS}, with {@code .FFFFFF} when it has a fraction
     * (truncated to microseconds).
     *
     * @param time the time
     * @return the value
     */
    public static String formatTime(LocalTime time) {
        int micros = time.getNano() / 1000;
        String base = String.format("%02d%02d%02d", time.getHour(), time.getMinute(), time.getSecond());
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    /**
     * Formats a {@link LocalDateTime} or {@link OffsetDateTime} as a DT value,
     * {@code YYYYMMDDHHMMSS[.FFFFFF][&ZZXX]}.
     *
     * @param dateTime a LocalDateTime or an OffsetDateTime
     * @return the value
     * @throws IllegalArgumentException for other temporals, or an offset with seconds
     */
    public static String formatDateTime(Temporal dateTime) {
        Objects.requireNonNull(dateTime, "dateTime");
        if (dateTime instanceof OffsetDateTime odt) {
            int total = odt.getOffset().getTotalSeconds();
            if (total % 60 != 0) {
                throw new IllegalArgumentException("offset with seconds: " + odt.getOffset());
            }
            int abs = Math.abs(total) / 60;
            return formatDateTime(odt.toLocalDateTime())
                    + String.format("%c%02d%02d", total < 0 ? '-' : '+', abs / 60, abs % 60);
        }
        if (dateTime instanceof LocalDateTime ldt) {
            return formatDate(ldt.toLocalDate()) + formatTime(ldt.toLocalTime());
        }
        throw new IllegalArgumentException("not a LocalDateTime or OffsetDateTime: " + dateTime.getClass());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Decimal value of {@code v[from, to)}, known to be at most 9 digits. */
    private static int num(String v, int from, int to) {
        int r = 0;
        for (int i = from; i < to; i++) {
            r = r * 10 + (v.charAt(i) - '0');
        }
        return r;
    }
}
