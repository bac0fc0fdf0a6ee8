// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes one frame as a JPEG-LS codestream: SOI, SOF55, an LSE for custom presets and (as
 * CharLS does) for every precision above 12 bits, one SOS per scan, EOI. Precision P is Bits Stored; samples are taken as their low P bits (so
 * signed samples are coded in two's complement, as DCMTK and GDCM do).
 *
 * <p>Stateless and thread-safe.
 */
final class JpegLsEncoder implements FrameEncoder {

    /** Interleave modes of T.87 Annex B. */
    static final int ILV_NONE = 0;
    static final int ILV_LINE = 1;
    static final int ILV_SAMPLE = 2;

    private final boolean lossless;

    /**
     * @param lossless true for transfer syntax .80, which always codes with NEAR 0
     */
    JpegLsEncoder(boolean lossless) {
        this.lossless = lossless;
    }

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        int near = lossless ? 0 : options.nearLossless();
        int ilv = image.samplesPerPixel() == 1 ? ILV_NONE
                : (options.jpegLsInterleave() < 0 ? ILV_LINE : options.jpegLsInterleave());
        JlsParams preset = null;
        EncodeOptions.JpegLsPreset custom = options.jpegLsPreset();
        if (custom != null) {
            int p = image.bitsStored();
            if (p < 2 || p > 16) {
                throw new UnsupportedDataException("JPEG-LS needs Bits Stored 2..16");
            }
            if (near > Math.min(255, ((1 << p) - 1) / 2)) {
                throw new UnsupportedDataException("NEAR must be in 0..min(255, (2^P - 1) / 2) for Bits Stored P");
            }
            preset = JlsParams.resolve(p, near, 0, custom.t1(), custom.t2(), custom.t3(), custom.reset());
            if (preset == null) {
                throw new IllegalArgumentException("JPEG-LS preset must satisfy NEAR + 1 <= T1 <= T2 <= T3 <= MAXVAL"
                        + " and 3 <= RESET <= max(255, MAXVAL) (T.87 C.2.4.1.1)");
            }
        }
        byte[] bytes = encode(src, image, near, ilv, preset);
        return new EncodedFrame(bytes, image.photometric(), near > 0);
    }

    /**
     * Encodes with every choice explicit.
     *
     * @param near   NEAR, 0 for lossless
     * @param ilv    interleave mode ({@link #ILV_NONE}, {@link #ILV_LINE}, {@link #ILV_SAMPLE})
     * @param preset preset coding parameters written in an LSE segment, or null for the defaults
     */
    static byte[] encode(Samples src, ImageDescriptor image, int near, int ilv, JlsParams preset) {
        // Above 12 bits the parameters are always written, as CharLS does: decoders built on the
        // JAI-ImageIO codec assume other defaults there, and an explicit LSE leaves no doubt.
        return encode(src, image, near, ilv, preset, preset != null || image.bitsStored() > 12);
    }

    /** As above; {@code writePreset} false codes with {@code preset} but leaves out the LSE (tests only). */
    static byte[] encode(Samples src, ImageDescriptor image, int near, int ilv, JlsParams preset,
                         boolean writePreset) {
        return encode(src, image, near, ilv, preset, writePreset, 0);
    }

    /** As above, with a restart interval in lines (0 for none), written in a DRI segment. */
    static byte[] encode(Samples src, ImageDescriptor image, int near, int ilv, JlsParams preset,
                         boolean writePreset, int restart) {
        if (restart < 0 || restart > 0xFFFF) {
            throw new IllegalArgumentException("restart interval must be in 0..65535");
        }
        Objects.requireNonNull(src, "src");
        int p = image.bitsStored();
        if (p < 2 || p > 16) {
            throw new UnsupportedDataException("JPEG-LS needs Bits Stored 2..16");
        }
        if (image.bitsAllocated() != 8 && image.bitsAllocated() != 16) {
            throw new UnsupportedDataException("JPEG-LS encodes Bits Allocated 8 or 16");
        }
        short[] srcS = null;
        byte[] srcB = null;
        int off;
        int need = image.samplesPerFrame();
        if (image.bitsAllocated() == 16 && src instanceof ShortSamples s) {
            srcS = s.array();
            off = s.offset();
            if (s.length() < need) {
                throw new IllegalArgumentException("source holds fewer samples than the frame");
            }
        } else if (image.bitsAllocated() == 8 && src instanceof ByteSamples s) {
            srcB = s.array();
            off = s.offset();
            if (s.length() < need) {
                throw new IllegalArgumentException("source holds fewer samples than the frame");
            }
        } else {
            throw new IllegalArgumentException("samples must be ByteSamples for 8 bits or ShortSamples for 16");
        }
        int maxFull = (1 << p) - 1;
        if (near < 0 || near > Math.min(255, maxFull / 2)) {
            throw new UnsupportedDataException("NEAR must be in 0..min(255, (2^P - 1) / 2) for Bits Stored P");
        }
        int nc = image.samplesPerPixel();
        if (ilv < 0 || ilv > 2) {
            throw new IllegalArgumentException("interleave mode must be 0, 1 or 2");
        }
        if (nc == 1) {
            ilv = ILV_NONE;
        }
        JlsParams params = preset != null ? preset : JlsParams.defaults(maxFull, near);
        int w = image.columns();
        int h = image.rows();
        // half the raw size to start with (lossless coding of real images rarely needs more);
        // the scan encoder grows the array when a line could overflow it
        byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 64L, (long) need * ((p + 7) / 8) / 2 + 1024)];
        int len = 0;
        // SOI, SOF55 (T.87 C.2.2)
        out[len++] = (byte) 0xFF;
        out[len++] = (byte) 0xD8;
        out[len++] = (byte) 0xFF;
        out[len++] = (byte) 0xF7;
        len = put16(out, len, 8 + 3 * nc);
        out[len++] = (byte) p;
        len = put16(out, len, h);
        len = put16(out, len, w);
        out[len++] = (byte) nc;
        for (int i = 0; i < nc; i++) {
            out[len++] = (byte) (i + 1);
            out[len++] = 0x11;
            out[len++] = 0;
        }
        if (writePreset) {
            // LSE type 1, preset coding parameters (T.87 C.2.4.1.1)
            out[len++] = (byte) 0xFF;
            out[len++] = (byte) 0xF8;
            len = put16(out, len, 13);
            out[len++] = 1;
            len = put16(out, len, params.maxVal());
            len = put16(out, len, params.t1());
            len = put16(out, len, params.t2());
            len = put16(out, len, params.t3());
            len = put16(out, len, params.reset());
        }
        if (restart > 0) {
            // DRI (T.87 C.2.5 / T.81 B.2.4.4)
            out[len++] = (byte) 0xFF;
            out[len++] = (byte) 0xDD;
            len = put16(out, len, 4);
            len = put16(out, len, restart);
        }
        int[][] scans;
        if (ilv == ILV_NONE) {
            scans = new int[nc][];
            for (int i = 0; i < nc; i++) {
                scans[i] = new int[] {i};
            }
        } else {
            int[] all = new int[nc];
            for (int i = 0; i < nc; i++) {
                all[i] = i;
            }
            scans = new int[][] {all};
        }
        for (int[] comps : scans) {
            if (out.length - len < 32) {
                out = Arrays.copyOf(out, out.length + 64);
            }
            // SOS (T.87 C.2.3)
            out[len++] = (byte) 0xFF;
            out[len++] = (byte) 0xDA;
            len = put16(out, len, 6 + 2 * comps.length);
            out[len++] = (byte) comps.length;
            for (int cmp : comps) {
                out[len++] = (byte) (cmp + 1);
                out[len++] = 0;
            }
            out[len++] = (byte) near;
            out[len++] = (byte) ilv;
            out[len++] = 0;
            ScanEncoder se = new ScanEncoder(params, near, out, len, w, nc, srcS, srcB, off, p);
            se.encode(comps, ilv, h, restart);
            out = se.out();
            len = se.length();
        }
        if (out.length - len < 2) {
            out = Arrays.copyOf(out, len + 2);
        }
        out[len++] = (byte) 0xFF;
        out[len++] = (byte) 0xD9;
        return Arrays.copyOf(out, len);
    }

    private static int put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
        return at + 2;
    }
}
