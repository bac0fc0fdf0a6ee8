// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import java.util.Optional;
import java.util.Set;

/**
 * Aperture's own JPEG-LS codec (ITU-T T.87 | ISO/IEC 14495-1), in pure Java: JPEG-LS Lossless
 * (1.2.840.10008.1.2.4.80) and JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81).
 *
 * <p>Decodes 2..16-bit frames of 1 to 4 components in every interleave mode, with any NEAR,
 * preset coding parameters, mapping tables and restart intervals, into 8-bit
 * ({@code ByteSamples}) or 16-bit ({@code ShortSamples}) destinations. Encodes lossless (.80,
 * NEAR always 0) or near-lossless (.81, NEAR from
 * {@link dev.aperture.codec.EncodeOptions#nearLossless()}), with the default parameters of T.87
 * C.2.4.1.1 or those of {@link dev.aperture.codec.EncodeOptions#jpegLsPreset()}, one scan for
 * monochrome and, for colour, the interleave mode of
 * {@link dev.aperture.codec.EncodeOptions#jpegLsInterleave()} (line interleave by default).
 *
 * <p>Immutable and thread-safe. Found through {@link java.util.ServiceLoader}; construct it
 * directly only in tests.
 */
public final class JpegLsCodecProvider implements CodecProvider {

    /** JPEG-LS Lossless Image Compression. */
    static final String LOSSLESS = "1.2.840.10008.1.2.4.80";
    /** JPEG-LS Lossy (Near-Lossless) Image Compression. */
    static final String NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    private static final FrameDecoder LOSSLESS_DECODER = new JpegLsDecoder(true);
    private static final FrameDecoder NEAR_DECODER = new JpegLsDecoder(false);
    private static final FrameEncoder LOSSLESS_ENCODER = new JpegLsEncoder(true);
    private static final FrameEncoder NEAR_ENCODER = new JpegLsEncoder(false);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public JpegLsCodecProvider() {
    }

    @Override
    public String name() {
        return "aperture-jpegls";
    }

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of(LOSSLESS, NEAR_LOSSLESS);
    }

    @Override
    public Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        if (LOSSLESS.equals(transferSyntaxUid)) {
            return Optional.of(LOSSLESS_DECODER);
        }
        return NEAR_LOSSLESS.equals(transferSyntaxUid) ? Optional.of(NEAR_DECODER) : Optional.empty();
    }

    @Override
    public Optional<FrameEncoder> encoder(String transferSyntaxUid) {
        if (LOSSLESS.equals(transferSyntaxUid)) {
            return Optional.of(LOSSLESS_ENCODER);
        }
        return NEAR_LOSSLESS.equals(transferSyntaxUid) ? Optional.of(NEAR_ENCODER) : Optional.empty();
    }
}
