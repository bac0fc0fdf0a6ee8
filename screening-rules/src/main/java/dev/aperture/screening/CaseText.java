// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.Arrays;

/**
 * A case's JSON text kept compactly beside its packed form, for the rare evaluations that need
 * the tree again (the reference path reporting errors, other programmes): ASCII characters as
 * one byte, the contract's member names (with their quote and colon) and enumeration values
 * (with their quotes) as one byte of 0x80 and above. Only for ASCII text (other text is not
 * packed); lossless: {@code unpack(pack(s)).equals(s)}. Typical case text shrinks to about a
 * third, so cold cases lie closer together in memory. Stateless.
 */
final class CaseText {
    private static final String[] WORDS = {
        "\"id\":", "\"program\":", "\"asOf\":", "\"patient\":", "\"birthDate\":", "\"sex\":", "\"smoking\":",
        "\"status\":", "\"packYears\":", "\"yearsSinceQuit\":", "\"lungCancerRisk\":", "\"riskFactors\":", "\"exam\":",
        "\"date\":", "\"priorExamDate\":", "\"kind\":", "\"modality\":", "\"options\":", "\"routineIntervalMonths\":",
        "\"findings\":", "\"composition\":", "\"meanDiameterMm\":", "\"longAxisMm\":", "\"shortAxisMm\":",
        "\"solidComponentMm\":", "\"priorMeanDiameterMm\":", "\"priorCategory\":", "\"juxtapleuralBenign\":",
        "\"benignCalcificationOrFat\":", "\"suspiciousFeatures\":", "\"provenBenign\":", "\"level\":",
        "\"cystType\":", "\"change\":", "\"reason\":",
        "\"lung-rads-2022\"", "\"female\"", "\"male\"", "\"current\"", "\"former\"", "\"never\"", "\"baseline\"",
        "\"annual\"", "\"follow-up\"", "\"LDCT\"", "\"CT\"", "\"lung-nodule\"", "\"airway-nodule\"",
        "\"atypical-cyst\"", "\"incomplete\"", "\"infectious-inflammatory\"", "\"significant-other\"", "\"solid\"",
        "\"part-solid\"", "\"non-solid\"", "\"new\"", "\"stable\"", "\"growing\"", "\"decreased\"",
        "\"slow-growing\"", "\"subsegmental\"", "\"segmental-or-proximal\"", "\"thick-walled\"", "\"multilocular\"",
        "\"changed\"", "\"prior-being-located\"", "\"lungs-not-evaluable\"", "\"high\"", "\"low\""};
    /** Open-addressing table: hash of a word's text between its quotes (and colon) to index + 1. */
    private static final int[] TABLE = new int[512];

    static {
        if (WORDS.length > 0x80) {
            throw new ExceptionInInitializerError("too many words");
        }
        for (int i = 0; i < WORDS.length; i++) {
            String w = WORDS[i];
            boolean key = w.endsWith(":");
            int h = 0;
            for (int k = 1, end = w.length() - (key ? 2 : 1); k < end; k++) {
                h = h * 31 + w.charAt(k);
            }
            int slot = slot(h, key);
            while (TABLE[slot] != 0) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = i + 1;
        }
    }

    private static int slot(int h, boolean key) {
        int x = (h ^ (key ? 0x5bd1e995 : 0)) * 0x9E3779B9;
        return (x >>> 16 ^ x) & (TABLE.length - 1);
    }

    private CaseText() {
    }

    /**
     * Packs an ASCII text.
     *
     * @return the compact form, or null when the text has a character outside ASCII (the caller
     *         then keeps the tree)
     */
    static byte[] pack(String s) {
        int n = s.length();
        byte[] out = new byte[n]; // words only shrink the text
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c == '"') {
                int w = match(s, i, n);
                if (w >= 0) {
                    out[o++] = (byte) (0x80 + w);
                    i += WORDS[w].length();
                    continue;
                }
            }
            out[o++] = (byte) c;
            i++;
        }
        return Arrays.copyOf(out, o);
    }

    /** The word (quoted string, with a colon right after it for member names) at {@code at}, or -1. */
    private static int match(String s, int at, int n) {
        int h = 0;
        int j = at + 1;
        for (; j < n; j++) {
            char c = s.charAt(j);
            if (c == '"') {
                break;
            }
            if (c == '\\' || c >= 0x80 || j - at > 32) {
                return -1;
            }
            h = h * 31 + c;
        }
        if (j >= n) {
            return -1;
        }
        boolean key = j + 1 < n && s.charAt(j + 1) == ':';
        int len = j - at + (key ? 2 : 1);
        for (int slot = slot(h, key);; slot = (slot + 1) & (TABLE.length - 1)) {
            int e = TABLE[slot];
            if (e == 0) {
                return -1;
            }
            String w = WORDS[e - 1];
            if (w.length() == len && s.startsWith(w, at)) {
                return e - 1;
            }
        }
    }

    static String unpack(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            if (v < 0x80) {
                sb.append((char) v);
            } else {
                sb.append(WORDS[v - 0x80]);
            }
        }
        return sb.toString();
    }
}
