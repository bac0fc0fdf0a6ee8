// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import java.util.Optional;
import java.util.Set;

/**
 * Aperture's pure-Java JPEG codecs (ITU-T T.81), for the transfer syntaxes
 * JPEG Baseline (Process 1) {@value #BASELINE}, JPEG Extended (Process 2 &amp; 4) {@value #EXTENDED},
 * JPEG Lossless, Non-Hierarchical (Process 14) {@value #LOSSLESS} and JPEG Lossless, First-Order
 * Prediction (Process 14, Selection Value 1) {@value #LOSSLESS_SV1}.
 *
 * <p>Found through {@link java.util.ServiceLoader}; immutable and thread-safe. The decoders write
 * 8-bit samples into {@link dev.aperture.image.ByteSamples} and 9..16-bit samples into
 * {@link dev.aperture.image.ShortSamples}. Encoders: lossless for {@value #LOSSLESS} (the
 * predictor and point transform of {@link dev.aperture.codec.EncodeOptions}) and
 * {@value #LOSSLESS_SV1} (predictor 1), 2..16 bits, 1 or 3 samples; baseline for {@value #BASELINE}
 * (8-bit) and extended for {@value #EXTENDED} (SOF1, 8-bit or 12-bit, grey or colour; RGB goes to
 * YCbCr 4:2:2, YBR_FULL_422; signed grey samples shifted into the unsigned range, see
 * {@link dev.aperture.codec.EncodedFrame#valueOffset()}), both with
 * {@link dev.aperture.codec.EncodeOptions#quality()} and optimised or fixed Huffman tables
 * ({@link dev.aperture.codec.EncodeOptions#optimisedHuffman()}). Every JPEG encoder writes restart
 * intervals when {@link dev.aperture.codec.EncodeOptions#restartInterval()} asks for them.
 */
public final class JpegCodecProvider implements CodecProvider {

    /** JPEG Baseline (Process 1). */
    public static final String BASELINE = "1.2.840.10008.1.2.4.50";
    /** JPEG Extended (Process 2 &amp; 4). */
    public static final String EXTENDED = "1.2.840.10008.1.2.4.51";
    /** JPEG Lossless, Non-Hierarchical (Process 14). */
    public static final String LOSSLESS = "1.2.840.10008.1.2.4.57";
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1]). */
    public static final String LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private static final FrameDecoder LOSSY_DECODER = new JpegDecoder(true, false);
    private static final FrameDecoder LOSSLESS_DECODER = new JpegDecoder(false, true);
    private static final FrameEncoder BASELINE_ENCODER = new DctEncoder(false, 0, false, false);
    private static final FrameEncoder EXTENDED_ENCODER = new DctEncoder(true, 0, false, false);
    private static final FrameEncoder LOSSLESS_ENCODER = new LosslessEncoder(false, 0);
    private static final FrameEncoder SV1_ENCODER = new LosslessEncoder(true, 0);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public JpegCodecProvider() {
    }

    @Override
    public String name() {
        return "aperture-jpeg";
    }

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of(BASELINE, EXTENDED, LOSSLESS, LOSSLESS_SV1);
    }

    @Override
    public Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        return switch (transferSyntaxUid) {
            case BASELINE, EXTENDED -> Optional.of(LOSSY_DECODER);
            case LOSSLESS, LOSSLESS_SV1 -> Optional.of(LOSSLESS_DECODER);
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<FrameEncoder> encoder(String transferSyntaxUid) {
        return switch (transferSyntaxUid) {
            case BASELINE -> Optional.of(BASELINE_ENCODER);
            case EXTENDED -> Optional.of(EXTENDED_ENCODER);
            case LOSSLESS -> Optional.of(LOSSLESS_ENCODER);
            case LOSSLESS_SV1 -> Optional.of(SV1_ENCODER);
            default -> Optional.empty();
        };
    }
}
