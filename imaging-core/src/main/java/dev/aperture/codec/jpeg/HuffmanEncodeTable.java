// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * An optimal Huffman code for the symbol frequencies of one image, limited to 16-bit codes, built
 * as ITU-T T.81 Annex K.2 describes (Figures K.1 to K.4), plus the DHT form of it (Annex C).
 *
 * <p>Immutable once built.
 */
final class HuffmanEncodeTable {
    /** counts[1..16]: number of codes of each length. */
    final int[] counts = new int[17];
    /** Symbols in order of increasing code length. */
    final int[] symbols;
    /** Code of each symbol 0..255 (valid where size &gt; 0). */
    final int[] code = new int[256];
    /** Code length of each symbol 0..255, 0 for unused symbols. */
    final int[] size = new int[256];

    /** A code given in DHT form (counts[1..16], symbols), such as the Annex K.3 tables. */
    HuffmanEncodeTable(int[] counts, int[] symbols) {
        System.arraycopy(counts, 0, this.counts, 0, 17);
        this.symbols = symbols.clone();
        assignCodes();
    }

    /**
     * Builds the code.
     *
     * @param freq frequencies of symbols 0..255 (not modified)
     */
    HuffmanEncodeTable(long[] freq) {
        // K.2: one extra symbol (256) with frequency 1 so that no code is all ones.
        long[] f = new long[257];
        System.arraycopy(freq, 0, f, 0, 256);
        f[256] = 1;
        int[] codesize = new int[257];
        int[] others = new int[257];
        java.util.Arrays.fill(others, -1);
        // Figure K.1: repeatedly merge the two least frequent entries.
        while (true) {
            int v1 = -1;
            int v2 = -1;
            for (int i = 0; i <= 256; i++) {
                if (f[i] == 0) {
                    continue;
                }
                if (v1 < 0 || f[i] <= f[v1]) {
                    v2 = v1;
                    v1 = i;
                } else if (v2 < 0 || f[i] <= f[v2]) {
                    v2 = i;
                }
            }
            if (v2 < 0) {
                break;
            }
            // v1 has the smallest frequency (ties: the larger index), v2 the next smallest.
            f[v2] += f[v1];
            f[v1] = 0;
            codesize[v2]++;
            int k = v2;
            while (others[k] >= 0) {
                k = others[k];
                codesize[k]++;
            }
            others[k] = v1;
            codesize[v1]++;
            k = v1;
            while (others[k] >= 0) {
                k = others[k];
                codesize[k]++;
            }
        }
        // Figure K.2: count codes of each size.
        int[] bits = new int[33];
        for (int i = 0; i <= 256; i++) {
            if (codesize[i] > 0) {
                if (codesize[i] > 32) {
                    throw new IllegalStateException("Huffman code size above 32");
                }
                bits[codesize[i]]++;
            }
        }
        // Figure K.3: limit code lengths to 16 bits.
        for (int i = 32; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        // Remove the reserved symbol's code (the longest one).
        int i = 16;
        while (bits[i] == 0) {
            i--;
        }
        bits[i]--;
        int total = 0;
        for (int len = 1; len <= 16; len++) {
            counts[len] = bits[len];
            total += bits[len];
        }
        // Figure K.4: symbols sorted by code size (ties in symbol order).
        symbols = new int[total];
        int k = 0;
        for (int len = 1; len <= 32 && k < total; len++) {
            for (int s = 0; s < 256; s++) {
                if (codesize[s] == len) {
                    symbols[k++] = s;
                }
            }
        }
        assignCodes();
    }

    /** Annex C: assigns the canonical codes by length, in symbol-list order. */
    private void assignCodes() {
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int n = 0; n < counts[len]; n++) {
                code[symbols[k]] = c;
                size[symbols[k]] = len;
                c++;
                k++;
            }
            c <<= 1;
        }
    }
}
