// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;

/**
 * Encodes one frame into the encoded form of one transfer syntax.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every thread.
 */
public interface FrameEncoder {

    /**
     * Encodes one frame.
     *
     * @param src     {@code image.samplesPerFrame()} samples, interleaved per pixel, from its offset
     * @param image   the image the samples belong to ({@code frames} is ignored)
     * @param options codec parameters; a codec ignores those that do not apply to it
     * @return the encoded frame, exactly as it goes into one frame of Pixel Data (even-length
     *         padding is the writer's job)
     * @throws dev.aperture.imaging.UnsupportedDataException if the codec cannot encode this image
     */
    EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options);
}
