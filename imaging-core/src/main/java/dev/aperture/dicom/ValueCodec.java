// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decodes and encodes element values (PS3.5 6.2). Binary numbers are little endian here:
 * datasets hold them so whatever the transfer syntax.
 *
 * <p>Stateless; thread-safe.
 */
final class ValueCodec {
    private ValueCodec() {
    }

    // ---- strings ----------------------------------------------------------------------------

    static List<String> strings(Vr vr, byte[] b, SpecificCharacterSet cs) {
        switch (vr.kind()) {
            case STRING: {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                if (vr == Vr.UR) {
                    return List.of(stripTrailing(s));
                }
                return split(s, vr);
            }
            case TEXT_MULTI:
                return split(cs.decode(b, 0, b.length, vr == Vr.PN), vr);
            case TEXT:
                return List.of(stripTrailing(cs.decode(b, 0, b.length, false)));
            case BINARY:
                return binaryStrings(vr, b);
            default:
                return List.of();
        }
    }

    private static List<String> split(String s, Vr vr) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        int n = s.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || s.charAt(i) == '\\') {
                out.add(trim(s.substring(start, i), vr));
                start = i + 1;
            }
        }
        if (out.size() == 1 && out.get(0).isEmpty()) {
            return List.of();
        }
        return out;
    }

    /** PS3.5 6.2: leading and trailing spaces are insignificant except leading ones in PN/DT/UC. */
    private static String trim(String v, Vr vr) {
        if (vr == Vr.PN || vr == Vr.UC || vr == Vr.DT) {
            return stripTrailing(v);
        }
        int a = 0;
        int z = v.length();
        while (a < z && (v.charAt(a) == ' ' || v.charAt(a) == 0)) {
            a++;
        }
        while (z > a && (v.charAt(z - 1) == ' ' || v.charAt(z - 1) == 0)) {
            z--;
        }
        return v.substring(a, z);
    }

    private static String stripTrailing(String v) {
        int z = v.length();
        while (z > 0 && (v.charAt(z - 1) == ' ' || v.charAt(z - 1) == 0)) {
            z--;
        }
        return v.substring(0, z);
    }

    private static List<String> binaryStrings(Vr vr, byte[] b) {
        switch (vr) {
            case AT: {
                List<String> out = new ArrayList<>(b.length / 4);
                for (int i = 0; i + 4 <= b.length; i += 4) {
                    out.add(Tag.toHex(u16(b, i) << 16 | u16(b, i + 2)));
                }
                return out;
            }
            case FL: case FD: case OF: case OD: {
                double[] d = doubles(vr, b, Integer.MAX_VALUE);
                List<String> out = new ArrayList<>(d.length);
                boolean single = vr == Vr.FL || vr == Vr.OF;
                for (double x : d) {
                    out.add(single ? formatFloat((float) x) : formatDouble(x));
                }
                return out;
            }
            case US: case SS: case UL: case SL: case UV: case SV: {
                long[] l = longs(vr, b, Integer.MAX_VALUE);
                List<String> out = new ArrayList<>(l.length);
                for (long x : l) {
                    out.add(vr == Vr.UV ? Long.toUnsignedString(x) : Long.toString(x));
                }
                return out;
            }
            default:
                return List.of();
        }
    }

    // ---- numbers ----------------------------------------------------------------------------

    static long[] longs(Vr vr, byte[] b, int max) {
        switch (vr) {
            case US: case OW: {
                int n = Math.min(max, b.length / 2);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = u16(b, 2 * i);
                }
                return out;
            }
            case SS: {
                int n = Math.min(max, b.length / 2);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (short) u16(b, 2 * i);
                }
                return out;
            }
            case UL: case OL: {
                int n = Math.min(max, b.length / 4);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = i32(b, 4 * i) & 0xFFFFFFFFL;
                }
                return out;
            }
            case SL: {
                int n = Math.min(max, b.length / 4);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = i32(b, 4 * i);
                }
                return out;
            }
            case AT: {
                int n = Math.min(max, b.length / 4);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (long) u16(b, 4 * i) << 16 | u16(b, 4 * i + 2);
                }
                return out;
            }
            case UV: case SV: case OV: {
                int n = Math.min(max, b.length / 8);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = i64(b, 8 * i);
                }
                return out;
            }
            case IS: case DS: {
                List<String> s = split(new String(b, StandardCharsets.ISO_8859_1), vr);
                long[] out = new long[Math.min(max, s.size())];
                int k = 0;
                for (int i = 0; i < out.length; i++) {
                    try {
                        out[k] = vr == Vr.IS ? Long.parseLong(s.get(i).startsWith("+") ? s.get(i).substring(1) : s.get(i))
                                : new BigDecimal(s.get(i)).longValueExact();
                        k++;
                    } catch (NumberFormatException | ArithmeticException e) {
                        // not an integer: left out
                    }
                }
                return k == out.length ? out : Arrays.copyOf(out, k);
            }
            case FL: case FD: {
                double[] d = doubles(vr, b, max);
                long[] out = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (long) d[i];
                }
                return out;
            }
            default:
                return new long[0];
        }
    }

    static double[] doubles(Vr vr, byte[] b, int max) {
        switch (vr) {
            case FL: case OF: {
                int n = Math.min(max, b.length / 4);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat(i32(b, 4 * i));
                }
                return out;
            }
            case FD: case OD: {
                int n = Math.min(max, b.length / 8);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Double.longBitsToDouble(i64(b, 8 * i));
                }
                return out;
            }
            case DS: case IS: {
                List<String> s = split(new String(b, StandardCharsets.ISO_8859_1), vr);
                double[] out = new double[Math.min(max, s.size())];
                int k = 0;
                for (int i = 0; i < out.length; i++) {
                    try {
                        out[k] = Double.parseDouble(s.get(i));
                        k++;
                    } catch (NumberFormatException e) {
                        // not a number: left out
                    }
                }
                return k == out.length ? out : Arrays.copyOf(out, k);
            }
            default: {
                long[] l = longs(vr, b, max);
                double[] out = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    out[i] = l[i];
                }
                return out;
            }
        }
    }

    static byte[] encodeLongs(Vr vr, long[] v) {
        switch (vr) {
            case US: case SS: case OW: {
                byte[] b = new byte[2 * v.length];
                for (int i = 0; i < v.length; i++) {
                    long lo = vr == Vr.SS ? Short.MIN_VALUE : 0;
                    long hi = vr == Vr.SS ? Short.MAX_VALUE : 0xFFFF;
                    check(v[i], lo, hi, vr);
                    b[2 * i] = (byte) v[i];
                    b[2 * i + 1] = (byte) (v[i] >> 8);
                }
                return b;
            }
            case UL: case SL: case OL: case AT: {
                byte[] b = new byte[4 * v.length];
                for (int i = 0; i < v.length; i++) {
                    long x = v[i];
                    if (vr == Vr.SL) {
                        check(x, Integer.MIN_VALUE, Integer.MAX_VALUE, vr);
                    } else {
                        check(x, 0, 0xFFFFFFFFL, vr);
                    }
                    if (vr == Vr.AT) {
                        x = (x >>> 16) | (x & 0xFFFF) << 16;
                    }
                    for (int k = 0; k < 4; k++) {
                        b[4 * i + k] = (byte) (x >> (8 * k));
                    }
                }
                return b;
            }
            case UV: case SV: case OV: {
                byte[] b = new byte[8 * v.length];
                for (int i = 0; i < v.length; i++) {
                    for (int k = 0; k < 8; k++) {
                        b[8 * i + k] = (byte) (v[i] >> (8 * k));
                    }
                }
                return b;
            }
            case IS: {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < v.length; i++) {
                    check(v[i], -(1L << 31), (1L << 31) - 1, vr);
                    if (i > 0) {
                        sb.append('\\');
                    }
                    sb.append(v[i]);
                }
                return sb.toString().getBytes(StandardCharsets.US_ASCII);
            }
            default:
                throw new IllegalArgumentException(vr + " does not hold integers");
        }
    }

    static byte[] encodeDoubles(Vr vr, double[] v) {
        switch (vr) {
            case FL: case OF: {
                byte[] b = new byte[4 * v.length];
                for (int i = 0; i < v.length; i++) {
                    int x = Float.floatToRawIntBits((float) v[i]);
                    for (int k = 0; k < 4; k++) {
                        b[4 * i + k] = (byte) (x >> (8 * k));
                    }
                }
                return b;
            }
            case FD: case OD: {
                byte[] b = new byte[8 * v.length];
                for (int i = 0; i < v.length; i++) {
                    long x = Double.doubleToRawLongBits(v[i]);
                    for (int k = 0; k < 8; k++) {
                        b[8 * i + k] = (byte) (x >> (8 * k));
                    }
                }
                return b;
            }
            case DS: {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < v.length; i++) {
                    if (i > 0) {
                        sb.append('\\');
                    }
                    sb.append(formatDecimalString(v[i]));
                }
                return sb.toString().getBytes(StandardCharsets.US_ASCII);
            }
            default:
                throw new IllegalArgumentException(vr + " does not hold floating-point numbers");
        }
    }

    /** Formats a value for DS: at most 16 characters (PS3.5 6.2), as precise as that allows. */
    static String formatDecimalString(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("DS cannot hold " + d);
        }
        String s = formatDouble(d);
        if (s.length() <= 16) {
            return s;
        }
        for (int p = 15; p >= 1; p--) {
            String t = new BigDecimal(d).round(new java.math.MathContext(p)).stripTrailingZeros().toString();
            if (t.length() <= 16) {
                return t;
            }
        }
        throw new IllegalArgumentException("DS cannot hold " + d);
    }

    /** Shortest decimal text that reads back as the same double; integral values without ".0". */
    static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        return s.toUpperCase(Locale.ROOT).contains("E") ? new BigDecimal(s).stripTrailingZeros().toString() : s;
    }

    /** Shortest decimal text that reads back as the same float. */
    static String formatFloat(float f) {
        if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
            return Long.toString((long) f);
        }
        String s = Float.toString(f);
        return s.toUpperCase(Locale.ROOT).contains("E") ? new BigDecimal(s).stripTrailingZeros().toString() : s;
    }

    private static void check(long v, long lo, long hi, Vr vr) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(v + " is outside the range of " + vr);
        }
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }

    static long i64(byte[] b, int i) {
        return (i32(b, i) & 0xFFFFFFFFL) | (long) i32(b, i + 4) << 32;
    }
}
