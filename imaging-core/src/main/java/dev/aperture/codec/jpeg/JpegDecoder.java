// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;

/**
 * Decodes one JPEG frame: baseline and extended sequential DCT (SOF0, SOF1; 8 and 12 bits) and
 * lossless (SOF3; 2..16 bits), ITU-T T.81. The colour transform follows PS3.5 8.2.1: YCbCr
 * components are converted to RGB (and reported as RGB) when an Adobe APP14 marker says so, or,
 * without one, when the dataset declares YBR_FULL or YBR_FULL_422 or a JFIF APP0 marker is
 * present. Lossless frames are never colour-transformed.
 *
 * <p>Stateless and thread-safe: each call works on its own {@link JpegReader}.
 */
final class JpegDecoder implements FrameDecoder {

    /** Whether this instance accepts lossless (SOF3) or DCT (SOF0/SOF1) frames, or both. */
    private final boolean lossy;
    private final boolean lossless;

    JpegDecoder(boolean lossy, boolean lossless) {
        this.lossy = lossy;
        this.lossless = lossless;
    }

    @Override
    public DecodedFrame decode(ByteBuffer encoded, ImageDescriptor image, Samples dst) {
        int n = image.samplesPerFrame();
        if (image.bitsAllocated() == 8) {
            if (!(dst instanceof ByteSamples)) {
                throw new IllegalArgumentException("8-bit samples need ByteSamples");
            }
        } else if (image.bitsAllocated() == 16) {
            if (!(dst instanceof ShortSamples)) {
                throw new IllegalArgumentException("16-bit samples need ShortSamples");
            }
        } else {
            // the descriptor comes from the dataset: a depth no JPEG process has is the data's fault
            throw new UnsupportedDataException("JPEG needs Bits Allocated 8 or 16");
        }
        if (dst.length() < n) {
            throw new IllegalArgumentException("destination holds " + dst.length()
                    + " samples, frame has " + n);
        }
        ByteBuffer in = encoded.duplicate();
        byte[] data;
        int off;
        int len = in.remaining();
        if (in.hasArray() && !in.isReadOnly()) {
            data = in.array();
            off = in.arrayOffset() + in.position();
        } else {
            data = new byte[len];
            in.get(data);
            off = 0;
        }
        JpegReader r = new JpegReader(data, off, off + len, image, dst, lossy, lossless);
        r.decode();
        Photometric out = r.colourTransformed() ? Photometric.RGB : image.photometric();
        return new DecodedFrame(out, r.reportedBitsStored(), image.signed(), r.repairs());
    }
}
