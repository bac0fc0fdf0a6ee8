// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A DICOM lookup table: LUT Descriptor (number of entries, first stored value mapped, bits per
 * entry) and LUT Data, as used by the Modality LUT (C.11.1), VOI LUT (C.11.2) and Palette Color
 * LUTs (C.7.6.3.1.5, C.7.9). Inputs below the first mapped value map to the first entry, inputs
 * past the last map to the last entry (C.11.1.1, C.11.2.1.1).
 *
 * <p>Immutable and thread-safe: the entries are copied in and out.
 *
 * @param firstMapped the second descriptor value: the input mapped to entry 0 (the caller reads
 *                    it as US or SS as the pixel representation requires)
 * @param bits        the third descriptor value: bits per entry, 1..16
 * @param entries     the table, unsigned values
 */
public record LookupTable(int firstMapped, int bits, int[] entries) {

    /** Validates and copies. */
    public LookupTable {
        Objects.requireNonNull(entries, "entries");
        if (entries.length < 1 || entries.length > 65536) {
            throw new IllegalArgumentException("a LUT has 1..65536 entries");
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits per entry must be in 1..16");
        }
        entries = entries.clone();
    }

    /** Returns a copy of the entries. */
    @Override
    public int[] entries() {
        return entries.clone();
    }

    /** Returns the number of entries. */
    public int size() {
        return entries.length;
    }

    /**
     * Looks up one input, clamping to the first and last entry.
     *
     * @param input the input value
     * @return the entry
     */
    public int lookup(long input) {
        long i = input - firstMapped;
        return entries[(int) Math.max(0, Math.min(entries.length - 1, i))];
    }

    /**
     * Builds a table from a LUT Descriptor and LUT Data as read from the dataset.
     *
     * <p>16-bit entries take two bytes each in {@code order}; 8-bit entries take one byte each
     * when the data has one byte per entry (rounded up to even), else one 16-bit word each.
     * A descriptor count of 0 means 65536 entries.
     *
     * @param descriptor the three descriptor values: entries, first mapped, bits per entry
     * @param data       the LUT Data bytes
     * @param order      byte order of the dataset
     * @return the table
     * @throws MalformedDataException if the descriptor is invalid or the data length does not
     *                                match it
     */
    public static LookupTable of(int[] descriptor, byte[] data, ByteOrder order) {
        int n = entriesOf(descriptor);
        int bits = bitsOf(descriptor);
        int[] e = new int[n];
        if (data.length >= 2 * n && data.length <= 2 * n + 1) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            for (int i = 0; i < n; i++) {
                int lo = data[2 * i] & 0xFF;
                int hi = data[2 * i + 1] & 0xFF;
                e[i] = le ? lo | hi << 8 : hi | lo << 8;
            }
        } else if (bits <= 8 && data.length >= n && data.length <= n + 1) {
            for (int i = 0; i < n; i++) {
                e[i] = data[i] & 0xFF;
            }
        } else {
            throw new MalformedDataException("LUT data length does not match its descriptor", data.length,
                    ApertureException.NO_TAG);
        }
        return new LookupTable(descriptor[1], bits, e);
    }

    /**
     * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2): discrete (opcode 0),
     * linear (1) and indirect (2) segments. Values are 16-bit words for 16-bit entries and bytes
     * for 8-bit entries; linear segments round to the nearest integer, ties to even (as pydicom);
     * the offset of an indirect segment counts entries from the start of the data (as pydicom and
     * GDCM read it). Indirect segments may not nest.
     *
     * @param descriptor the three descriptor values
     * @param data       the segmented data bytes
     * @param order      byte order of the dataset
     * @return the expanded table
     * @throws MalformedDataException if the segments are invalid or do not expand to the
     *                                descriptor's number of entries
     */
    public static LookupTable segmented(int[] descriptor, byte[] data, ByteOrder order) {
        int n = entriesOf(descriptor);
        int bits = bitsOf(descriptor);
        int[] words;
        if (bits > 8) {
            words = new int[data.length / 2];
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            for (int i = 0; i < words.length; i++) {
                int lo = data[2 * i] & 0xFF;
                int hi = data[2 * i + 1] & 0xFF;
                words[i] = le ? lo | hi << 8 : hi | lo << 8;
            }
        } else {
            words = new int[data.length];
            for (int i = 0; i < words.length; i++) {
                words[i] = data[i] & 0xFF;
            }
        }
        int[] out = new int[n];
        int produced = expand(words, 0, Integer.MAX_VALUE, out, 0, bits, false);
        if (produced != n) {
            throw new MalformedDataException("segmented LUT expands to a different number of entries than its descriptor",
                    -1, ApertureException.NO_TAG);
        }
        return new LookupTable(descriptor[1], bits, out);
    }

    /** Expands up to {@code maxSegments} segments from word {@code at}; returns the new fill count. */
    private static int expand(int[] w, int at, int maxSegments, int[] out, int filled, int bits, boolean nested) {
        int p = at;
        int segments = 0;
        int k = filled;
        while (segments < maxSegments && p + 1 < w.length) {
            int op = w[p];
            int len = w[p + 1];
            p += 2;
            switch (op) {
                case 0 -> {
                    if (len > w.length - p || len > out.length - k) {
                        throw malformed(p);
                    }
                    System.arraycopy(w, p, out, k, len);
                    p += len;
                    k += len;
                }
                case 1 -> {
                    if (k == 0 || p >= w.length || len > out.length - k) {
                        throw malformed(p);
                    }
                    int y0 = out[k - 1];
                    int y1 = w[p++];
                    double step = (double) (y1 - y0) / len;
                    for (int i = 1; i <= len; i++) {
                        out[k++] = (int) Math.rint(y0 + step * i);
                    }
                }
                case 2 -> {
                    int offWords = bits > 8 ? 2 : 4;
                    if (nested || k == 0 || offWords > w.length - p) {
                        throw malformed(p);
                    }
                    long offset = bits > 8 ? (w[p] | (long) w[p + 1] << 16)
                            : (w[p] | w[p + 1] << 8 | (long) w[p + 2] << 16 | (long) w[p + 3] << 24);
                    p += offWords;
                    if (offset < 0 || offset >= w.length) {
                        throw malformed(p);
                    }
                    k = expand(w, (int) offset, len, out, k, bits, true);
                }
                default -> throw malformed(p - 2);
            }
            segments++;
        }
        return k;
    }

    private static MalformedDataException malformed(long at) {
        return new MalformedDataException("invalid segment in segmented LUT data", at, ApertureException.NO_TAG);
    }

    private static int entriesOf(int[] descriptor) {
        if (descriptor.length != 3) {
            throw new MalformedDataException("a LUT descriptor has three values");
        }
        int n = descriptor[0];
        if (n < 0 || n > 65535) {
            throw new MalformedDataException("LUT descriptor: number of entries must be in 0..65535");
        }
        return n == 0 ? 65536 : n;
    }

    private static int bitsOf(int[] descriptor) {
        int bits = descriptor[2];
        if (bits < 1 || bits > 16) {
            throw new MalformedDataException("LUT descriptor: bits per entry must be in 1..16");
        }
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupTable t && t.firstMapped == firstMapped && t.bits == bits
                && Arrays.equals(t.entries, entries);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * firstMapped + bits) + Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "LookupTable[firstMapped=" + firstMapped + ", bits=" + bits + ", size=" + entries.length + "]";
    }
}
