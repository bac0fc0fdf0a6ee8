// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/** Marker codes of ITU-T T.81 Table B.1 (second byte after 0xFF), and the zig-zag order. */
final class JpegMarkers {
    private JpegMarkers() {
    }

    static final int SOF0 = 0xC0;
    static final int SOF1 = 0xC1;
    static final int SOF2 = 0xC2;
    static final int SOF3 = 0xC3;
    static final int DHT = 0xC4;
    static final int DAC = 0xCC;
    static final int RST0 = 0xD0;
    static final int RST7 = 0xD7;
    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DQT = 0xDB;
    static final int DNL = 0xDC;
    static final int DRI = 0xDD;
    static final int APP0 = 0xE0;
    static final int APP14 = 0xEE;
    static final int COM = 0xFE;

    /** ZIGZAG[k] = natural (row-major) index of the k-th coefficient in zig-zag order (T.81 Figure A.6). */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10,
        17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34,
        27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36,
        29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46,
        53, 60, 61, 54, 47, 55, 62, 63,
    };
}
