// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

/**
 * Placeholder until the full implementation lands.
 *
 * @param alphabetic  alphabetic group
 * @param ideographic ideographic group
 * @param phonetic    phonetic group
 */
public record PersonName(String alphabetic, String ideographic, String phonetic) {
    /** Parses a PN value. */
    public static PersonName parse(String s) {
        String[] g = s.split("=", -1);
        return new PersonName(g[0], g.length > 1 ? g[1] : "", g.length > 2 ? g[2] : "");
    }
}
