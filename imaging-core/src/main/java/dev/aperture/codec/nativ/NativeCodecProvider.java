// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provides native frame decoders and encoders for the uncompressed transfer syntaxes: Implicit
 * VR Little Endian (1.2.840.10008.1.2), Explicit VR Little Endian (1.2.840.10008.1.2.1),
 * Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, whose Pixel Data is native once
 * the data set is inflated) and Explicit VR Big Endian (1.2.840.10008.1.2.2, as
 * {@link NativeLayout#BIG_ENDIAN_OW}; a big-endian 8-bit value of VR OB needs
 * {@link NativeFrames#decoder(NativeLayout) NativeFrames.decoder(BIG_ENDIAN_OB)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class NativeCodecProvider implements CodecProvider {

    private static final FrameDecoder LE_DECODER = NativeFrames.decoder(NativeLayout.LITTLE_ENDIAN);
    private static final FrameDecoder BE_DECODER = NativeFrames.decoder(NativeLayout.BIG_ENDIAN_OW);
    private static final FrameEncoder LE_ENCODER = NativeFrames.encoder(NativeLayout.LITTLE_ENDIAN);
    private static final FrameEncoder BE_ENCODER = NativeFrames.encoder(NativeLayout.BIG_ENDIAN_OW);
    private static final String BIG = "1.2.840.10008.1.2.2";
    private static final Map<String, Boolean> SYNTAXES = Map.of(
            "1.2.840.10008.1.2", false,
            "1.2.840.10008.1.2.1", false,
            "1.2.840.10008.1.2.1.99", false,
            BIG, true);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public NativeCodecProvider() {
    }

    @Override
    public String name() {
        return "aperture-native";
    }

    @Override
    public Set<String> transferSyntaxes() {
        return SYNTAXES.keySet();
    }

    @Override
    public Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        Boolean big = SYNTAXES.get(transferSyntaxUid);
        return big == null ? Optional.empty() : Optional.of(big ? BE_DECODER : LE_DECODER);
    }

    @Override
    public Optional<FrameEncoder> encoder(String transferSyntaxUid) {
        Boolean big = SYNTAXES.get(transferSyntaxUid);
        return big == null ? Optional.empty() : Optional.of(big ? BE_ENCODER : LE_ENCODER);
    }
}
