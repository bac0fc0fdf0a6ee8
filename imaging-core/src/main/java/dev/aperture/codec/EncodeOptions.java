// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

/**
 * Parameters for encoders. Each codec reads the ones that apply to it and ignores the rest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param nearLossless   JPEG-LS NEAR (0 = lossless)
 * @param quality        JPEG baseline quality, 1..100
 * @param predictor      lossless JPEG predictor, 1..7
 * @param pointTransform lossless JPEG point transform, 0..15
 */
public record EncodeOptions(int nearLossless, int quality, int predictor, int pointTransform) {

    /** Lossless where the codec allows, quality 90, predictor 1 (SV1), no point transform. */
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
    }

    /** Returns a copy with another NEAR. */
    public EncodeOptions withNearLossless(int near) {
        return new EncodeOptions(near, quality, predictor, pointTransform);
    }

    /** Returns a copy with another quality. */
    public EncodeOptions withQuality(int q) {
        return new EncodeOptions(nearLossless, q, predictor, pointTransform);
    }

    /** Returns a copy with another predictor. */
    public EncodeOptions withPredictor(int p) {
        return new EncodeOptions(nearLossless, quality, p, pointTransform);
    }
}
