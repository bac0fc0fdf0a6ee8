// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.time.LocalDate;

/**
 * Calendar dates packed in one {@code int} for the typed evaluation paths:
 * {@code year << 9 | month << 5 | day}. With month below 16 and day below 32 the packed values
 * sort as the dates do, so dates compare as {@code int}s. Month arithmetic follows
 * {@link LocalDate#plusMonths(long)} (GUIDELINES.md §2.3: calendar months, the day clamped to the
 * end of a shorter month), which {@code DatesProperties} checks against the JDK.
 */
final class Dates {
    /** What {@code JsonNode.packedDate()} gives for anything but a strict {@code yyyy-MM-dd} date. */
    static final int INVALID = -1;

    private Dates() {
    }

    static int pack(int year, int month, int day) {
        return year << 9 | month << 5 | day;
    }

    static int year(int packed) {
        return packed >>> 9;
    }

    static int month(int packed) {
        return (packed >>> 5) & 15;
    }

    static int day(int packed) {
        return packed & 31;
    }

    static int pack(LocalDate d) {
        return pack(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    static LocalDate toLocalDate(int packed) {
        return LocalDate.of(year(packed), month(packed), day(packed));
    }

    static boolean isLeap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    static int lengthOfMonth(int y, int m) {
        // Bit m of 0x15AA is set for the 31-day months (1, 3, 5, 7, 8, 10, 12).
        return m == 2 ? (isLeap(y) ? 29 : 28) : 30 + ((0x15AA >>> m) & 1);
    }

    /**
     * {@code date.plusMonths(months)}, packed, for a packed date of year 0 to 9999 and months
     * 0 to 1200 (the caller's bounds): the year and month advance, the day is clamped to the
     * length of the new month.
     */
    static int plusMonths(int packed, int months) {
        int total = year(packed) * 12 + month(packed) - 1 + months;
        int y = total / 12;
        int m = total % 12 + 1;
        int d = Math.min(day(packed), lengthOfMonth(y, m));
        return pack(y, m, d);
    }
}
