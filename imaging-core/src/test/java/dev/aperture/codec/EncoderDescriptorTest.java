// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every encoder of the standard registry, given any image a dataset can describe (every Bits
 * Allocated, Bits Stored at the edges, one to four samples, both planar configurations, signed
 * or not, each photometric interpretation) and samples of the type {@link Samples#allocate}
 * gives for it, either encodes or refuses with the library's exception:
 * {@code FrameEncoder}'s contract, since transcoding passes the file's description as it is
 * (an IllegalArgumentException here was found by fuzzing {@code aperture transcode}).
 */
class EncoderDescriptorTest {

    @Test
    void everyDescribableImageEncodesOrGivesTheLibrarysException() {
        TransferSyntaxRegistry registry = TransferSyntaxRegistry.standard();
        int encoders = 0;
        for (CodecProvider p : registry.providers()) {
            for (String uid : p.transferSyntaxes()) {
                Optional<FrameEncoder> e = p.encoder(uid);
                if (e.isEmpty()) {
                    continue;
                }
                encoders++;
                for (ImageDescriptor d : descriptors()) {
                    Samples src = Samples.allocate(d, 1);
                    for (EncodeOptions o : OPTIONS) {
                        try {
                            e.get().encode(src, d, o);
                        } catch (ApertureException expected) {
                            assertFalse(expected.getMessage().isEmpty(), "empty message");
                        } catch (RuntimeException | Error x) {
                            fail(p.name() + " " + uid + " on " + d + " with " + o + ": " + x, x);
                        }
                    }
                }
            }
        }
        assertTrue(encoders >= 8, "encoders found: " + encoders);
    }

    /** Options a caller may set without knowing the image (what `aperture transcode` passes on). */
    private static final List<EncodeOptions> OPTIONS = List.of(EncodeOptions.DEFAULT,
            EncodeOptions.DEFAULT.withNearLossless(3).withJpegLsInterleave(2).withRestartInterval(1),
            EncodeOptions.DEFAULT.withNearLossless(255).withJpegLsInterleave(0).withQuality(1).withPredictor(7),
            EncodeOptions.DEFAULT.withQuality(100).withOptimisedHuffman(true).withRestartInterval(3));

    private static List<ImageDescriptor> descriptors() {
        List<ImageDescriptor> out = new ArrayList<>();
        for (int ba : new int[] {1, 8, 16, 32, 64}) {
            for (int bs : new int[] {1, 2, 7, 8, 12, 15, 16, 17, 32, 64}) {
                if (bs > ba) {
                    continue;
                }
                for (int spp = 1; spp <= 4; spp++) {
                    Photometric ph = spp == 1 ? Photometric.MONOCHROME2 : spp == 3 ? Photometric.RGB
                            : Photometric.MONOCHROME2;
                    for (int pc = 0; pc <= 1; pc++) {
                        out.add(new ImageDescriptor(5, 3, spp, ba, bs, (bs & 1) == 1, ph, pc, 1));
                    }
                }
                out.add(new ImageDescriptor(4, 4, 3, ba, bs, false, Photometric.YBR_FULL_422, 0, 1));
                out.add(new ImageDescriptor(4, 4, 1, ba, bs, false, Photometric.PALETTE_COLOR, 0, 1));
                out.add(new ImageDescriptor(4, 4, 1, ba, bs, true, Photometric.MONOCHROME1, 0, 1));
            }
        }
        return out;
    }
}
