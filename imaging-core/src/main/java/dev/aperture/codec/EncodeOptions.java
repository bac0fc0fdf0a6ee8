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
 */
public record EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform,
                            boolean optimisedHuffman) {

    /**
     * Lossless where the codec allows, quality 90, predictor 1 (SV1), no point transform,
     * optimised Huffman tables.
     */
    public static final EncodeOptions DEFAULT = new EncodeOptions(0, 90, 1, 0, true);

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
    }

    /**
     * Options with optimised Huffman tables.
     *
     * @param nearLossless   JPEG-LS NEAR (0 = lossless)
     * @param quality        JPEG quality, 1..100
     * @param predictor      lossless JPEG predictor, 1..7
     * @param pointTransform lossless JPEG point transform, 0..15
     */
    public EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform) {
        this(nearLossless, quality, predictor, pointTransform, true);
    }

    /** Returns a copy with another NEAR. */
    public EncodeOptions withNearLossless(int near) {
        return new EncodeOptions(near, quality, predictor, pointTransform, optimisedHuffman);
    }

    /** Returns a copy with another quality. */
    public EncodeOptions withQuality(int q) {
        return new EncodeOptions(nearLossless, q, predictor, pointTransform, optimisedHuffman);
    }

    /** Returns a copy with another predictor. */
    public EncodeOptions withPredictor(int p) {
        return new EncodeOptions(nearLossless, quality, p, pointTransform, optimisedHuffman);
    }

    /** Returns a copy with optimised (true) or fixed (false) JPEG Huffman tables. */
    public EncodeOptions withOptimisedHuffman(boolean optimised) {
        return new EncodeOptions(nearLossless, quality, predictor, pointTransform, optimised);
    }
}
