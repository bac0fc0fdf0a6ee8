// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.Photometric;
import java.util.Objects;

/**
 * One encoded frame and what the encoding changed about the image.
 *
 * <p>Immutable: the array is owned by this value once created and must not be modified.
 *
 * @param bytes       the encoded bytes
 * @param photometric photometric interpretation the dataset must declare for these bytes
 * @param lossy       whether the encoding lost information
 * @param valueOffset 0 normally; otherwise the encoder coded signed samples as unsigned ones
 *                    {@code valueOffset} higher (a codec defined for unsigned samples only, such
 *                    as JPEG's DCT processes), so the dataset must declare Pixel Representation
 *                    0 and move Rescale Intercept by {@code -valueOffset * slope} for the
 *                    modality values to stay the same
 */
public record EncodedFrame(byte[] bytes, Photometric photometric, boolean lossy, int valueOffset) {
    /** Validates the arguments. */
    public EncodedFrame {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(photometric, "photometric");
        if (valueOffset < 0) {
            throw new IllegalArgumentException("valueOffset must not be negative");
        }
    }

    /**
     * A frame whose decoded samples are the source samples (or, lossy, close to them).
     *
     * @param bytes       the encoded bytes
     * @param photometric photometric interpretation the dataset must declare for these bytes
     * @param lossy       whether the encoding lost information
     */
    public EncodedFrame(byte[] bytes, Photometric photometric, boolean lossy) {
        this(bytes, photometric, lossy, 0);
    }
}
