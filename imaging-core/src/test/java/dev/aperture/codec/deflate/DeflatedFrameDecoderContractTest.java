// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import dev.aperture.codec.Oracles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder contract for Deflated Image Frame Compression, on native frames of the pydicom
 * test files (16-bit grey, 8-bit RGB of odd length, 32-bit, 1-bit) deflated by
 * {@code java.util.zip.Deflater} in raw mode, with pydicom's samples as the expectation.
 */
class DeflatedFrameDecoderContractTest extends FrameDecoderContract {

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return new DeflatedFrameCodecProvider().decoder(DeflatedFrameCodecProvider.DEFLATED_IMAGE_FRAME).orElseThrow();
    }

    @Override
    protected synchronized List<Case> cases() {
        if (cases == null) {
            try {
                Path tmp = Files.createTempDirectory("deflate-contract");
                cases = new ArrayList<>();
                Oracles.prefetch("MR_small.dcm", "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm", "liver_1frame.dcm");
                for (String name : List.of("MR_small.dcm", "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm",
                        "liver_1frame.dcm")) {
                    Case c = NativeCases.fromFile(name, tmp);
                    cases.add(new Case(name, DeflatedFrameEncoder.deflate(c.encoded(), 6), c.image(), c.expected()));
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return cases;
    }

    @Override
    protected int corruptions() {
        return 100;
    }
}
