// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the Deflated Image Frame Compression decoder and encoder (1.2.840.10008.1.2.8.1).
 *
 * <p>Immutable and thread-safe.
 */
public final class DeflatedFrameCodecProvider implements CodecProvider {

    /** Deflated Image Frame Compression. */
    public static final String DEFLATED_IMAGE_FRAME = "1.2.840.10008.1.2.8.1";

    private static final DeflatedFrameDecoder DECODER = new DeflatedFrameDecoder();
    private static final DeflatedFrameEncoder ENCODER = new DeflatedFrameEncoder(java.util.zip.Deflater.DEFAULT_COMPRESSION);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public DeflatedFrameCodecProvider() {
    }

    @Override
    public String name() {
        return "aperture-deflated-frame";
    }

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of(DEFLATED_IMAGE_FRAME);
    }

    @Override
    public Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        return DEFLATED_IMAGE_FRAME.equals(transferSyntaxUid) ? Optional.of(DECODER) : Optional.empty();
    }

    @Override
    public Optional<FrameEncoder> encoder(String transferSyntaxUid) {
        return DEFLATED_IMAGE_FRAME.equals(transferSyntaxUid) ? Optional.of(ENCODER) : Optional.empty();
    }
}
