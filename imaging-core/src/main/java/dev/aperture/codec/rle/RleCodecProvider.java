// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the RLE Lossless decoder and encoder (1.2.840.10008.1.2.5).
 *
 * <p>Immutable and thread-safe.
 */
public final class RleCodecProvider implements CodecProvider {

    /** RLE Lossless. */
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private static final RleDecoder DECODER = new RleDecoder();
    private static final RleEncoder ENCODER = new RleEncoder();

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public RleCodecProvider() {
    }

    @Override
    public String name() {
        return "aperture-rle";
    }

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of(RLE_LOSSLESS);
    }

    @Override
    public Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        return RLE_LOSSLESS.equals(transferSyntaxUid) ? Optional.of(DECODER) : Optional.empty();
    }

    @Override
    public Optional<FrameEncoder> encoder(String transferSyntaxUid) {
        return RLE_LOSSLESS.equals(transferSyntaxUid) ? Optional.of(ENCODER) : Optional.empty();
    }
}
