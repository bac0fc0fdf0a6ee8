// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

/**
 * Parameters for encoders. Each codec reads the ones that apply to it and ignores the rest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param nearLossless     JPEG-LS NEAR (0 = lossless)
 * @param quality          JPEG baseline and extended quality, 1..100 (IJG scaling of the ITU-T
 *                         T.81 Annex K quantisation tables: 50 gives them as printed)
 * @param predictor        lossless JPEG predictor, 1..7
 * @param pointTransform   lossless JPEG point transform, 0..15
 * @param optimisedHuffman JPEG DCT encoders: true to build Huffman tables from the frame's own
 *                         statistics (T.81 Annex K.2; two passes, smaller output, same decoded
 *                         samples), false for fixed tables in one pass (the Annex K.3 tables at 8
 *                         bits, fixed tables covering the larger 12-bit categories otherwise)
 * @param jpegLsInterleave JPEG-LS interleave mode of colour frames (T.87 Annex B): 0 none (one
 *                         scan per component), 1 line, 2 sample; -1 lets the codec choose (line)
 * @param jpegLsPreset     JPEG-LS preset coding parameters, written in an LSE segment, or null for
 *                         the defaults of T.87 C.2.4.1.1
 * @param restartInterval  JPEG DCT and lossless encoders: MCUs per restart interval (T.81 B.2.4.4,
 *                         the DRI segment's Ri, with an RSTm marker between intervals), 0 for none.
 *                         The lossless encoder needs a multiple of the frame's Columns (whole rows,
 *                         as libjpeg's lossless codec does) and refuses others with an
 *                         {@link IllegalArgumentException}
 */
public record EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform,
                            boolean optimisedHuffman, int jpegLsInterleave, JpegLsPreset jpegLsPreset,
                            int restartInterval) {

    /**
     * Lossless where the codec allows, quality 90, predictor 1 (SV1), no point transform,
     * optimised Huffman tables, the JPEG-LS codec's defaults.
     */
    public static final EncodeOptions DEFAULT = new EncodeOptions(0, 90, 1, 0);

    /** Validates ranges. */
    public EncodeOptions {
        if (nearLossless < 0 || nearLossless > 255) {
            throw new IllegalArgumentException("nearLossless must be in 0..255");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be in 1..100");
        }
        if (predictor < 1 || predictor > 7) {
            throw new IllegalArgumentException("predictor must be in 1..7");
        }
        if (pointTransform < 0 || pointTransform > 15) {
            throw new IllegalArgumentException("pointTransform must be in 0..15");
        }
        if (jpegLsInterleave < -1 || jpegLsInterleave > 2) {
            throw new IllegalArgumentException("jpegLsInterleave must be -1 (codec default), 0, 1 or 2");
        }
        if (restartInterval < 0 || restartInterval > 0xFFFF) {
            throw new IllegalArgumentException("restartInterval must be in 0..65535");
        }
    }

    /**
     * Options without restart intervals (the record's shape before {@code restartInterval}).
     *
     * @param nearLossless     JPEG-LS NEAR (0 = lossless)
     * @param quality          JPEG quality, 1..100
     * @param predictor        lossless JPEG predictor, 1..7
     * @param pointTransform   lossless JPEG point transform, 0..15
     * @param optimisedHuffman true for optimised, false for fixed JPEG Huffman tables
     * @param jpegLsInterleave JPEG-LS interleave mode, or -1 for the codec's choice
     * @param jpegLsPreset     JPEG-LS preset coding parameters, or null for the defaults
     */
    public EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform, boolean optimisedHuffman,
                         int jpegLsInterleave, JpegLsPreset jpegLsPreset) {
        this(nearLossless, quality, predictor, pointTransform, optimisedHuffman, jpegLsInterleave, jpegLsPreset, 0);
    }

    /**
     * Options with the codecs' JPEG-LS defaults (interleave chosen by the codec, default presets).
     *
     * @param nearLossless   JPEG-LS NEAR (0 = lossless)
     * @param quality        JPEG baseline quality, 1..100
     * @param predictor      lossless JPEG predictor, 1..7
     * @param pointTransform lossless JPEG point transform, 0..15
     */
    public EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform) {
        this(nearLossless, quality, predictor, pointTransform, true, -1, null);
    }

    /**
     * Options with the given Huffman table choice and the JPEG-LS codec's defaults.
     *
     * @param nearLossless     JPEG-LS NEAR (0 = lossless)
     * @param quality          JPEG quality, 1..100
     * @param predictor        lossless JPEG predictor, 1..7
     * @param pointTransform   lossless JPEG point transform, 0..15
     * @param optimisedHuffman true for optimised, false for fixed JPEG Huffman tables
     */
    public EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform, boolean optimisedHuffman) {
        this(nearLossless, quality, predictor, pointTransform, optimisedHuffman, -1, null);
    }

    /**
     * Options with optimised JPEG Huffman tables and the given JPEG-LS choices.
     *
     * @param nearLossless     JPEG-LS NEAR (0 = lossless)
     * @param quality          JPEG quality, 1..100
     * @param predictor        lossless JPEG predictor, 1..7
     * @param pointTransform   lossless JPEG point transform, 0..15
     * @param jpegLsInterleave JPEG-LS interleave mode, or -1 for the codec's choice
     * @param jpegLsPreset     JPEG-LS preset coding parameters, or null for the defaults
     */
    public EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform, int jpegLsInterleave,
                         JpegLsPreset jpegLsPreset) {
        this(nearLossless, quality, predictor, pointTransform, true, jpegLsInterleave, jpegLsPreset, 0);
    }

    /** Returns a copy with another NEAR. */
    public EncodeOptions withNearLossless(int near) {
        return new EncodeOptions(near, quality, predictor, pointTransform, optimisedHuffman,
                jpegLsInterleave, jpegLsPreset, restartInterval);
    }

    /** Returns a copy with another quality. */
    public EncodeOptions withQuality(int q) {
        return new EncodeOptions(nearLossless, q, predictor, pointTransform, optimisedHuffman,
                jpegLsInterleave, jpegLsPreset, restartInterval);
    }

    /** Returns a copy with another predictor. */
    public EncodeOptions withPredictor(int p) {
        return new EncodeOptions(nearLossless, quality, p, pointTransform, optimisedHuffman,
                jpegLsInterleave, jpegLsPreset, restartInterval);
    }

    /** Returns a copy with optimised (true) or fixed (false) JPEG Huffman tables. */
    public EncodeOptions withOptimisedHuffman(boolean optimised) {
        return new EncodeOptions(nearLossless, quality, predictor, pointTransform, optimised, jpegLsInterleave,
                jpegLsPreset, restartInterval);
    }

    /**
     * Returns a copy with another JPEG-LS interleave mode.
     *
     * @param mode 0 none, 1 line, 2 sample, or -1 for the codec's choice
     * @return the copy
     */
    public EncodeOptions withJpegLsInterleave(int mode) {
        return new EncodeOptions(nearLossless, quality, predictor, pointTransform, optimisedHuffman,
                mode, jpegLsPreset, restartInterval);
    }

    /**
     * Returns a copy with other JPEG-LS preset coding parameters.
     *
     * @param preset the parameters, or null for the defaults
     * @return the copy
     */
    public EncodeOptions withJpegLsPreset(JpegLsPreset preset) {
        return new EncodeOptions(nearLossless, quality, predictor, pointTransform, optimisedHuffman,
                jpegLsInterleave, preset, restartInterval);
    }

    /**
     * Returns a copy with another JPEG restart interval.
     *
     * @param mcus MCUs per restart interval, 0..65535 (0 for none); see {@link #restartInterval()}
     * @return the copy
     */
    public EncodeOptions withRestartInterval(int mcus) {
        return new EncodeOptions(nearLossless, quality, predictor, pointTransform, optimisedHuffman,
                jpegLsInterleave, jpegLsPreset, mcus);
    }

    /**
     * JPEG-LS preset coding parameters (T.87 C.2.4.1.1): the gradient thresholds T1, T2, T3
     * and the context RESET interval; 0 means the default for that value. The encoder checks
     * them against the image (T.87 requires NEAR + 1 &lt;= T1 &lt;= T2 &lt;= T3 &lt;= MAXVAL and
     * 3 &lt;= RESET &lt;= max(255, MAXVAL)) and rejects those that do not fit with an
     * {@link IllegalArgumentException}.
     *
     * <p>Immutable and thread-safe.
     *
     * @param t1    first gradient threshold, 0 for the default
     * @param t2    second gradient threshold, 0 for the default
     * @param t3    third gradient threshold, 0 for the default
     * @param reset RESET, 0 for the default (64)
     */
    public record JpegLsPreset(int t1, int t2, int t3, int reset) {
        /** Validates that each value fits the LSE segment's 16 bits. */
        public JpegLsPreset {
            if (t1 < 0 || t1 > 0xFFFF || t2 < 0 || t2 > 0xFFFF || t3 < 0 || t3 > 0xFFFF
                    || reset < 0 || reset > 0xFFFF) {
                throw new IllegalArgumentException("JPEG-LS preset values must be in 0..65535");
            }
        }
    }
}
