// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * One Huffman table as read from DHT (ITU-T T.81 B.2.4.2), prepared for decoding: a lookup table
 * over the next {@link #LOOKAHEAD} bits for short codes and the canonical
 * {@code maxCode}/{@code valPtr} arrays of T.81 F.2.2.3 for long ones.
 *
 * <p>Immutable once built; used by one decode at a time.
 */
final class HuffmanDecodeTable {

    /** Bits looked up at once. */
    static final int LOOKAHEAD = 9;

    /**
     * For each {@code LOOKAHEAD}-bit prefix: {@code (symbol << 8) | codeLength}, or 0 when the
     * code is longer than {@code LOOKAHEAD} bits (or the prefix matches no code).
     */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** Largest code of each length 1..16, -1 if none; index 17 is a sentinel. */
    final int[] maxCode = new int[18];
    /** Index into {@link #values} of the first code of each length, minus that code. */
    final int[] valOffset = new int[17];
    /** Symbols in order of increasing code length. */
    final int[] values;

    /**
     * Creates a table; {@link #build} fills it.
     *
     * @param counts  counts[1..16]: number of codes of each length (counts[0] unused)
     * @param symbols the symbols, {@code sum(counts)} of them (kept, not copied)
     */
    HuffmanDecodeTable(int[] counts, int[] symbols) {
        this.values = symbols;
    }

    private int[] dcFast;

    /**
     * For a DC table: for each AC_FAST-bit prefix that holds a whole code and its extra bits:
     * {@code (difference << 8) | bitsUsed} (never 0, since bitsUsed >= 1); 0 where the slow path
     * must decide (longer codes, categories above 11). Built on first use.
     */
    int[] dcFast() {
        int[] f = dcFast;
        if (f == null) {
            f = new int[1 << AC_FAST];
            for (int prefix = 0; prefix < (1 << LOOKAHEAD); prefix++) {
                int e = lookup[prefix];
                int len = e & 0xFF;
                if (e == 0 || len > AC_FAST || (prefix & ((1 << (LOOKAHEAD - len)) - 1)) != 0) {
                    continue;
                }
                int code = prefix >> (LOOKAHEAD - len);
                int sz = e >>> 8;
                int total = len + sz;
                if (sz > 11 || total > AC_FAST) {
                    continue;
                }
                for (int v = 0; v < (1 << sz); v++) {
                    int diff = sz == 0 ? 0 : (v < (1 << (sz - 1)) ? v - (1 << sz) + 1 : v);
                    int entry = (diff << 8) | total;
                    int head = ((code << sz) | v) << (AC_FAST - total);
                    for (int j = 0; j < (1 << (AC_FAST - total)); j++) {
                        f[head | j] = entry;
                    }
                }
            }
            dcFast = f;
        }
        return f;
    }

    /** Bits resolved by one lookup in {@link #acFast()} and {@link #dcFast()}. */
    static final int AC_FAST = 11;

    private int[] acFast;

    /**
     * For an AC table: for each AC_FAST-bit prefix that holds a whole code and, for a
     * coefficient, its extra bits: {@code (value << 16) | (run << 8) | bitsUsed}, where a
     * coefficient has value != 0, EOB is {@code value 0, run 0} and ZRL {@code value 0, run 15};
     * 0 where the slow path must decide. Built on first use (one decode owns the table).
     */
    int[] acFast() {
        int[] f = acFast;
        if (f == null) {
            f = new int[1 << AC_FAST];
            for (int prefix = 0; prefix < (1 << LOOKAHEAD); prefix++) {
                int e = lookup[prefix];
                int len = e & 0xFF;
                if (e == 0 || len > AC_FAST || (prefix & ((1 << (LOOKAHEAD - len)) - 1)) != 0) {
                    continue;
                }
                int code = prefix >> (LOOKAHEAD - len);
                int rs = e >>> 8;
                int r = rs >> 4;
                int sz = rs & 15;
                if (sz == 0) {
                    if (r != 0 && r != 15) {
                        continue; // not EOB or ZRL: leave to the slow path
                    }
                    int entry = (r << 8) | len;
                    int head = code << (AC_FAST - len);
                    for (int j = 0; j < (1 << (AC_FAST - len)); j++) {
                        f[head | j] = entry;
                    }
                    continue;
                }
                int total = len + sz;
                if (total > AC_FAST) {
                    continue;
                }
                for (int v = 0; v < (1 << sz); v++) {
                    int value = v < (1 << (sz - 1)) ? v - (1 << sz) + 1 : v;
                    int entry = (value << 16) | (r << 8) | total;
                    int head = ((code << sz) | v) << (AC_FAST - total);
                    for (int j = 0; j < (1 << (AC_FAST - total)); j++) {
                        f[head | j] = entry;
                    }
                }
            }
            acFast = f;
        }
        return f;
    }

    /** Set in an {@link #acPair()} entry whose symbols end the block (EOB); not a shift bit. */
    static final int END = 1 << 6;

    private int[] acPair;

    /**
     * For an AC table: for each AC_FAST-bit prefix that holds one or two whole symbols (code
     * and extra bits), their effect on the block as one entry: {@code bitsUsed | END? |
     * (d1 << 8) | (d2 << 12) | (v2 << 17) | (v1 << 24)}, v1 in 8 bits and v2 in 7 (signed).
     * The decoder at zig-zag position k puts v1 at k + d1 and v2 at k + d1 + d2 (v2 first, so
     * that with d2 = 0 it is v1 that stays), goes on at k + d1 + d2 + 1, and stops if END is
     * set. One coefficient (r, v): d1 = r, v1 = v, d2 = v2 = 0; ZRL: d1 = 15, v1 = 0; EOB:
     * END, the rest 0; a coefficient and then a second one (r2, v2): d2 = r2 + 1; a
     * coefficient and then EOB: END and d2 = 1 (so that the decoder stops past the
     * coefficient, and a block whose only AC term is at position 1 does not look DC-only).
     * The low 6 bits are the bits used (bits 4 and 5 are zero), so the decoder shifts its
     * buffer by the entry itself. Prefixes that need more than AC_FAST bits, or a value
     * outside those ranges, have 0 (then {@link #acFast()} or the slow path decides). The
     * table is as small as acFast (8 KB), which the decoder then rarely touches. Built on
     * first use.
     */
    int[] acPair() {
        int[] f = acPair;
        if (f == null) {
            int[] single = acFast();
            f = new int[single.length];
            for (int p = 0; p < f.length; p++) {
                int e1 = single[p];
                int v1 = e1 >> 16;
                int r1 = (e1 >> 8) & 0xFF;
                int t1 = e1 & 0xFF;
                if (e1 == 0 || v1 < -128 || v1 > 127) {
                    continue;
                }
                int e = t1 | (r1 << 8) | (v1 << 24);
                if (v1 == 0 && r1 == 0) {
                    e |= END;
                } else if (v1 != 0 && t1 < AC_FAST) {
                    // The bits after the first symbol, padded with zeros: an entry found there
                    // counts only if it uses no more than the bits really known.
                    int e2 = single[(p << t1) & ((1 << AC_FAST) - 1)];
                    int t2 = e2 & 0xFF;
                    int v2 = e2 >> 16;
                    int r2 = (e2 >> 8) & 0xFF;
                    if (e2 != 0 && t1 + t2 <= AC_FAST && v2 >= -64 && v2 <= 63 && !(v2 == 0 && r2 != 0)) {
                        e = (e & ~0xFF) | (t1 + t2);
                        e |= v2 == 0 ? END | (1 << 12) : ((r2 + 1) << 12) | ((v2 & 0x7F) << 17);
                    }
                }
                f[p] = e;
            }
            acPair = f;
        }
        return f;
    }

    /**
     * Fills the tables; returns false when the counts overflow the code space (T.81 Annex C:
     * a code must fit in its length, as libjpeg also requires).
     */
    boolean build(int[] counts) {
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len];
            valOffset[len] = k - code;
            if (n > 0) {
                // A code of length len: it must fit in len bits (all-ones allowed only for
                // encoders that got it wrong; libjpeg rejects codes that overflow len bits).
                for (int i = 0; i < n; i++) {
                    if (code >= (1 << len)) {
                        return false;
                    }
                    if (len <= LOOKAHEAD) {
                        int shift = LOOKAHEAD - len;
                        int base = code << shift;
                        int entry = (values[k] << 8) | len;
                        for (int j = 0; j < (1 << shift); j++) {
                            lookup[base + j] = entry;
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[len] = code - 1;
            } else {
                maxCode[len] = -1;
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        return true;
    }
}
