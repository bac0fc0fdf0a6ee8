// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.util.Objects;

/**
 * A Person Name (PN) value, PS3.5 6.2.1: up to three component groups (alphabetic, ideographic,
 * phonetic), each of five components (family name, given name, middle name, prefix, suffix).
 *
 * <p>Immutable and thread-safe.
 *
 * @param alphabetic  the single-byte (alphabetic) representation
 * @param ideographic the ideographic representation, e.g. Kanji or Hanja
 * @param phonetic    the phonetic representation, e.g. Hiragana or Hangul
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /** The empty name. */
    public static final PersonName EMPTY = new PersonName(Group.EMPTY, Group.EMPTY, Group.EMPTY);

    /**
     * One component group of a person name.
     *
     * <p>Immutable and thread-safe.
     *
     * @param family family name complex
     * @param given  given name complex
     * @param middle middle name
     * @param prefix name prefix, e.g. "Dr."
     * @param suffix name suffix, e.g. "Jr."
     */
    public record Group(String family, String given, String middle, String prefix, String suffix) {
        /** The empty group. */
        public static final Group EMPTY = new Group("", "", "", "", "");

        /** Validates that no component is null. */
        public Group {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(given, "given");
            Objects.requireNonNull(middle, "middle");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(suffix, "suffix");
        }

        /** Returns true when every component is empty. */
        public boolean isEmpty() {
            return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
        }

        /**
         * Parses one component group ({@code family^given^middle^prefix^suffix}). Components past
         * the fifth are kept in the suffix, joined by {@code ^}, so that nothing is lost.
         *
         * @param s the group, without {@code =}
         * @return the group
         */
        public static Group parse(String s) {
            String[] c = new String[5];
            int start = 0;
            for (int i = 0; i < 4; i++) {
                int caret = s.indexOf('^', start);
                if (caret < 0) {
                    c[i] = s.substring(start);
                    for (int j = i + 1; j < 5; j++) {
                        c[j] = "";
                    }
                    return new Group(c[0], c[1], c[2], c[3], c[4]);
                }
                c[i] = s.substring(start, caret);
                start = caret + 1;
            }
            c[4] = s.substring(start);
            return new Group(c[0], c[1], c[2], c[3], c[4]);
        }

        /** Returns the group in DICOM form, trailing empty components and their {@code ^} removed. */
        public String toDicomString() {
            String[] c = {family, given, middle, prefix, suffix};
            int n = 5;
            while (n > 0 && c[n - 1].isEmpty()) {
                n--;
            }
            return String.join("^", java.util.Arrays.asList(c).subList(0, n));
        }

        /**
         * Returns the group for display: {@code prefix family, given middle, suffix}, leaving out
         * empty parts.
         */
        public String formatted() {
            StringBuilder sb = new StringBuilder();
            append(sb, prefix, " ");
            append(sb, family, " ");
            String givenMiddle = given.isEmpty() ? middle : middle.isEmpty() ? given : given + " " + middle;
            append(sb, givenMiddle, family.isEmpty() ? " " : ", ");
            append(sb, suffix, ", ");
            return sb.toString();
        }

        private static void append(StringBuilder sb, String part, String separator) {
            String p = part.strip();
            if (!p.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(separator);
                }
                sb.append(p);
            }
        }
    }

    /** Validates that no group is null. */
    public PersonName {
        Objects.requireNonNull(alphabetic, "alphabetic");
        Objects.requireNonNull(ideographic, "ideographic");
        Objects.requireNonNull(phonetic, "phonetic");
    }

    /**
     * Parses a decoded PN value ({@code alphabetic=ideographic=phonetic}, each group
     * {@code family^given^middle^prefix^suffix}). Trailing spaces (padding) are removed; a fourth
     * and further {@code =} are kept in the phonetic group, so that nothing is lost.
     *
     * @param value one PN value (already split at backslashes)
     * @return the name
     */
    public static PersonName parse(String value) {
        String s = value.stripTrailing();
        if (s.isEmpty()) {
            return EMPTY;
        }
        int eq1 = s.indexOf('=');
        if (eq1 < 0) {
            return new PersonName(Group.parse(s), Group.EMPTY, Group.EMPTY);
        }
        int eq2 = s.indexOf('=', eq1 + 1);
        if (eq2 < 0) {
            return new PersonName(Group.parse(s.substring(0, eq1)), Group.parse(s.substring(eq1 + 1)), Group.EMPTY);
        }
        return new PersonName(Group.parse(s.substring(0, eq1)), Group.parse(s.substring(eq1 + 1, eq2)),
                Group.parse(s.substring(eq2 + 1)));
    }

    /** Returns true when all groups are empty. */
    public boolean isEmpty() {
        return alphabetic.isEmpty() && ideographic.isEmpty() && phonetic.isEmpty();
    }

    /**
     * Returns the name in DICOM form, with trailing empty components and groups (and their
     * delimiters) removed, PS3.5 6.2.1: {@code "Yamada^Tarou=山田^太郎=やまだ^たろう"}.
     *
     * @return the value, not padded
     */
    public String toDicomString() {
        String a = alphabetic.toDicomString();
        String i = ideographic.toDicomString();
        String p = phonetic.toDicomString();
        if (!p.isEmpty()) {
            return a + '=' + i + '=' + p;
        }
        if (!i.isEmpty()) {
            return a + '=' + i;
        }
        return a;
    }

    /**
     * Returns the name for display: the first non-empty group formatted by
     * {@link Group#formatted()}, followed by the other non-empty groups in parentheses, e.g.
     * {@code "Yamada, Tarou (山田, 太郎; やまだ, たろう)"}.
     *
     * @return the display form, empty for an empty name
     */
    public String formatted() {
        StringBuilder main = new StringBuilder();
        StringBuilder others = new StringBuilder();
        for (Group g : new Group[] {alphabetic, ideographic, phonetic}) {
            String f = g.formatted();
            if (f.isEmpty()) {
                continue;
            }
            if (main.length() == 0) {
                main.append(f);
            } else {
                others.append(others.length() == 0 ? "" : "; ").append(f);
            }
        }
        if (others.length() > 0) {
            main.append(" (").append(others).append(')');
        }
        return main.toString();
    }
}
