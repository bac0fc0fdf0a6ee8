// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-side reading of a JPEG-LS codestream's headers: precision, the preset parameters of an
 * LSE segment, and per scan its NEAR, interleave mode and entropy-coded bytes (from after the SOS
 * header to the marker that ends the scan, restart markers included). Written independently of
 * the decoder so that entropy-coded data can be compared between encoders.
 */
record JlsStreamInfo(int precision, int[] preset, List<Integer> nears, List<Integer> ilvs, List<byte[]> scans) {

    static JlsStreamInfo parse(byte[] b) {
        int p = -1;
        int[] preset = null;
        List<Integer> nears = new ArrayList<>();
        List<Integer> ilvs = new ArrayList<>();
        List<byte[]> scans = new ArrayList<>();
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new IllegalStateException("marker expected at " + i);
            }
            int m = b[i + 1] & 0xFF;
            if (m == 0xFF) {
                i++;
                continue;
            }
            if (m == 0xD9) {
                break;
            }
            if (m == 0xD8) {
                i += 2;
                continue;
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            int seg = i + 4;
            if (m == 0xF7) {
                p = b[seg] & 0xFF;
            } else if (m == 0xF8 && b[seg] == 1) {
                preset = new int[5];
                for (int k = 0; k < 5; k++) {
                    preset[k] = ((b[seg + 1 + 2 * k] & 0xFF) << 8) | (b[seg + 2 + 2 * k] & 0xFF);
                }
            } else if (m == 0xDA) {
                int ns = b[seg] & 0xFF;
                nears.add(b[seg + 1 + 2 * ns] & 0xFF);
                ilvs.add(b[seg + 2 + 2 * ns] & 0xFF);
                int start = i + 2 + len;
                int e = start;
                while (e + 1 < b.length && !((b[e] & 0xFF) == 0xFF && (b[e + 1] & 0xFF) >= 0x80
                        && !((b[e + 1] & 0xFF) >= 0xD0 && (b[e + 1] & 0xFF) <= 0xD7))) {
                    e++;
                }
                scans.add(Arrays.copyOfRange(b, start, e));
                i = e;
                continue;
            }
            i += 2 + len;
        }
        return new JlsStreamInfo(p, preset, nears, ilvs, scans);
    }

    /** The preset as resolved parameters for {@code near}, or null when no LSE was present. */
    JlsParams params(int near) {
        if (preset == null) {
            return null;
        }
        return JlsParams.resolve(precision, near, preset[0], preset[1], preset[2], preset[3], preset[4]);
    }
}
