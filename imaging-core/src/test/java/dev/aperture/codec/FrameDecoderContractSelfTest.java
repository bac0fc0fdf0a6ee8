// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Runs the contract on the simplest decoder there is (16-bit little-endian samples copied as
 * they are), so that the contract itself is exercised even before any codec extends it.
 */
class FrameDecoderContractSelfTest extends FrameDecoderContract {

    private static final FrameDecoder COPY_16 = (encoded, image, dst) -> {
        if (image.bitsAllocated() != 16) {
            throw new UnsupportedDataException("this decoder needs Bits Allocated 16");
        }
        if (!(dst instanceof ShortSamples s)) {
            throw new IllegalArgumentException("16-bit samples need ShortSamples");
        }
        int n = image.samplesPerFrame();
        if (s.length() < n) {
            throw new IllegalArgumentException("destination holds " + s.length() + " samples, frame has " + n);
        }
        ByteBuffer in = encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 2L * n) {
            throw new MalformedDataException("frame shorter than rows * columns * 2", in.remaining(), -1);
        }
        for (int i = 0; i < n; i++) {
            s.array()[s.offset() + i] = in.getShort();
        }
        return DecodedFrame.asDescribed(image);
    };

    @Override
    protected FrameDecoder decoder() {
        return COPY_16;
    }

    @Override
    protected List<Case> cases() {
        ImageDescriptor image = ImageDescriptor.of(3, 5, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] expected = new short[15];
        ByteBuffer enc = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 15; i++) {
            expected[i] = (short) (i * 271);
            enc.putShort(expected[i]);
        }
        return List.of(new Case("copy16", enc.array(), image, expected));
    }

}
