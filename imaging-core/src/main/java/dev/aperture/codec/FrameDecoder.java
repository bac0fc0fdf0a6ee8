// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;

/**
 * Decodes one encoded frame of one transfer syntax into caller-owned samples.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every thread.
 * A decoder sees an {@link ImageDescriptor} and the encoded bytes, never a dataset.
 */
public interface FrameDecoder {

    /**
     * Decodes one frame.
     *
     * <p>{@code dst} receives {@code image.samplesPerFrame()} samples starting at its offset,
     * interleaved per pixel (R G B R G B ...) whatever the encoded planar configuration, and
     * nothing past them. The encoded buffer's position and limit bound the frame; the decoder
     * does not change them (it works on a duplicate).
     *
     * @param encoded the frame's encoded bytes, from position to limit
     * @param image   what the dataset says about the image ({@code frames} is ignored)
     * @param dst     where the samples go; its type must match {@code image.bitsAllocated()}
     * @return what was decoded: the photometric interpretation of the samples written, and any
     *         repairs made to accept non-conforming input
     * @throws dev.aperture.imaging.MalformedDataException   if the bytes are not a valid frame
     * @throws dev.aperture.imaging.UnsupportedDataException if the frame uses a feature not supported
     * @throws IllegalArgumentException if {@code dst} is too small or of the wrong type
     */
    DecodedFrame decode(ByteBuffer encoded, ImageDescriptor image, Samples dst);
}
