// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.nio.charset.StandardCharsets;

/**
 * A case's JSON text kept compactly beside its packed form, for the rare evaluations that need
 * the tree again (the reference path reporting errors, other programmes): ASCII characters as
 * one byte, the contract's member names (with their quote and colon) and enumeration values
 * (with their quotes) as one byte of 0x80 to 0xFE, any other character as 0xFF and two bytes.
 * Lossless for any text: {@code unpack(pack(s)).equals(s)}. Typical case text shrinks to about a
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
        "\"changed\"", "\"prior-being-located\"", "\"lungs-not-evaluable\"", "\"high\"", "\"low\"", "\"19", "\"20"};
    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];
    /** For each character after the opening quote: the words starting with it, longest first. */
    private static final int[][] BY_SECOND = new int[128][];
    private static final int ESCAPE = 0xFF;

    static {
        if (WORDS.length >= ESCAPE - 0x80) {
            throw new ExceptionInInitializerError("too many words");
        }
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
        }
        for (int c = 0; c < 128; c++) {
            int n = 0;
            int[] list = new int[WORDS.length];
            for (int len = 64; len > 0; len--) {
                for (int i = 0; i < WORDS.length; i++) {
                    if (WORDS[i].length() == len && WORDS[i].charAt(1) == c) {
                        list[n++] = i;
                    }
                }
            }
            BY_SECOND[c] = java.util.Arrays.copyOf(list, n);
        }
    }

    private CaseText() {
    }

    static byte[] pack(String s) {
        int n = s.length();
        byte[] out = new byte[n * 3];
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"' && i + 1 < n && s.charAt(i + 1) < 128) {
                int w = match(s, i);
                if (w >= 0) {
                    out[o++] = (byte) (0x80 + w);
                    i += WORDS[w].length();
                    continue;
                }
            }
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else {
                out[o++] = (byte) ESCAPE;
                out[o++] = (byte) (c >>> 8);
                out[o++] = (byte) c;
            }
            i++;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static int match(String s, int at) {
        int[] candidates = BY_SECOND[s.charAt(at + 1)];
        for (int w : candidates) {
            if (s.startsWith(WORDS[w], at)) {
                return w;
            }
        }
        return -1;
    }

    static String unpack(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            if (v < 0x80) {
                sb.append((char) v);
            } else if (v == ESCAPE) {
                sb.append((char) (((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF)));
                i += 2;
            } else {
                sb.append(WORDS[v - 0x80]);
            }
        }
        return sb.toString();
    }
}
