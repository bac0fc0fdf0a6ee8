// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.FrameDecoderContract.Case;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ImageDescriptor;
import java.nio.file.Path;
import java.util.Arrays;

/** The first native frame of a test file with pydicom's samples. */
final class NativeCases {

    private NativeCases() {
    }

    static Case fromFile(String name, Path tmp) {
        Oracles.Dump d = Oracles.testFile(name);
        ImageDescriptor image = d.image().withFrames(1);
        byte[] frame = Arrays.copyOf(d.pixelData(), (int) image.nativeFrameLength());
        Object expected = TestSamples.fromLittleEndian(d.array(), image.bitsAllocated(), 0, image.samplesPerFrame());
        return new Case(name, frame, image, expected);
    }
}
