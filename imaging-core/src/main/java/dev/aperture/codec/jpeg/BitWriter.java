// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.util.Arrays;

/**
 * Growable output for an encoder: marker segments written as bytes, entropy-coded data written
 * as bits with 0xFF byte stuffing (ITU-T T.81 F.1.2.3) and 1-bit padding (F.1.2.3, B.1.1.5).
 *
 * <p>Used by one thread.
 */
final class BitWriter {
    private byte[] out;
    private int len;
    private long acc;
    private int nbits;

    BitWriter(int initialCapacity) {
        out = new byte[Math.max(1024, initialCapacity)];
    }

    private void ensure(int more) {
        if (len + more > out.length) {
            long want = Math.max((long) out.length * 2, (long) len + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("encoded frame above 2 GiB");
            }
            out = Arrays.copyOf(out, (int) want);
        }
    }

    void u8(int v) {
        ensure(1);
        out[len++] = (byte) v;
    }

    void u16(int v) {
        u8(v >> 8);
        u8(v);
    }

    void marker(int code) {
        u8(0xFF);
        u8(code);
    }

    /**
     * Appends the low {@code n} bits of {@code v} (n in 0..32): fewer than 32 bits are pending
     * before, so at most 63 after, which the 64-bit accumulator holds.
     */
    void bits(int v, int n) {
        acc = (acc << n) | (v & ((1L << n) - 1));
        nbits += n;
        if (nbits >= 32) {
            flushWhole();
        }
    }

    private void flushWhole() {
        ensure(16);
        if (nbits >= 32) {
            int word = (int) (acc >>> (nbits - 32));
            // Fast path: no byte of the word is 0xFF, i.e. no byte of ~word is zero (the
            // classic "has zero byte" test: (t - 0x01010101) & ~t & 0x80808080 is non-zero iff
            // some byte of t is zero), so the four bytes need no stuffing.
            int t = ~word;
            if (((t - 0x01010101) & ~t & 0x80808080) == 0) {
                out[len] = (byte) (word >>> 24);
                out[len + 1] = (byte) (word >>> 16);
                out[len + 2] = (byte) (word >>> 8);
                out[len + 3] = (byte) word;
                len += 4;
                nbits -= 32;
            }
        }
        while (nbits >= 8) {
            int b = (int) (acc >>> (nbits - 8)) & 0xFF;
            nbits -= 8;
            out[len++] = (byte) b;
            if (b == 0xFF) {
                out[len++] = 0;
            }
        }
    }

    /** Pads the last byte with 1 bits and ends the entropy-coded segment. */
    void flushBits() {
        flushWhole();
        if (nbits > 0) {
            bits((1 << (8 - nbits)) - 1, 8 - nbits);
            flushWhole();
        }
        acc = 0;
        nbits = 0;
    }

    void huffmanTable(int tcth, HuffmanEncodeTable t) {
        u8(tcth);
        for (int i = 1; i <= 16; i++) {
            u8(t.counts[i]);
        }
        for (int s : t.symbols) {
            u8(s);
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(out, len);
    }
}
