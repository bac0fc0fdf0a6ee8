// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import dev.aperture.codec.Oracles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder contract for Explicit VR Big Endian frames (the 1-bit file is OB, the others OW): each big-endian test file must
 * decode to the samples pydicom finds in its little-endian sibling.
 */
class NativeBigEndianContractTest extends FrameDecoderContract {

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return BIG_ENDIAN;
    }

    /** Explicit VR Big Endian, choosing OB or OW from the descriptor as a reader does from the VR. */
    private static final FrameDecoder BIG_ENDIAN = (encoded, image, dst) -> NativeFrames.decode(encoded, 0, image, dst,
            image.bitsAllocated() == 1 ? NativeLayout.BIG_ENDIAN_OB : NativeLayout.BIG_ENDIAN_OW);

    @Override
    protected synchronized List<Case> cases() {
        if (cases == null) {
            cases = load();
        }
        return cases;
    }

    @Override
    protected int corruptions() {
        return 60;
    }

    private static List<Case> load() {
        try {
            Path tmp = Files.createTempDirectory("native-be-contract");
            List<Case> list = new ArrayList<>();
            String[][] pairs = {
                {"MR_small_bigendian.dcm", "MR_small.dcm"},
                {"SC_rgb_small_odd_big_endian.dcm", "SC_rgb_small_odd.dcm"},
                {"rtdose_expb_1frame.dcm", "rtdose_1frame.dcm"},
                {"liver_expb_1frame.dcm", "liver_1frame.dcm"},
            };
            for (String[] p : pairs) {
                Oracles.prefetch(p);
            }
            for (String[] p : pairs) {
                Case little = NativeLittleEndianContractTest.fromFile(p[1], tmp);
                Oracles.Dump big = Oracles.testFile(p[0]);
                byte[] frame = java.util.Arrays.copyOf(big.pixelData(), big.pixelData().length);
                list.add(new Case(p[0], frame, big.image().withFrames(1), little.expected()));
            }
            return list;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
