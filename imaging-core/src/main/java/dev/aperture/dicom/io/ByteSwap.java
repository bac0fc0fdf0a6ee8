// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

/** In-place byte swapping of 2-, 4- and 8-byte units. Stateless; thread-safe. */
final class ByteSwap {
    private ByteSwap() {
    }

    static void swap(byte[] b, int unit) {
        swap(b, 0, b.length, unit);
    }

    static void swap(byte[] b, int off, int len, int unit) {
        int end = off + len - len % unit;
        switch (unit) {
            case 2:
                for (int i = off; i < end; i += 2) {
                    byte t = b[i];
                    b[i] = b[i + 1];
                    b[i + 1] = t;
                }
                break;
            case 4:
                for (int i = off; i < end; i += 4) {
                    byte t0 = b[i];
                    byte t1 = b[i + 1];
                    b[i] = b[i + 3];
                    b[i + 1] = b[i + 2];
                    b[i + 2] = t1;
                    b[i + 3] = t0;
                }
                break;
            case 8:
                for (int i = off; i < end; i += 8) {
                    for (int k = 0; k < 4; k++) {
                        byte t = b[i + k];
                        b[i + k] = b[i + 7 - k];
                        b[i + 7 - k] = t;
                    }
                }
                break;
            default:
                break;
        }
    }
}
