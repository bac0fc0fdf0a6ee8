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
 */
public record EncodedFrame(byte[] bytes, Photometric photometric, boolean lossy) {
    /** Validates the arguments. */
    public EncodedFrame {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(photometric, "photometric");
    }
}
