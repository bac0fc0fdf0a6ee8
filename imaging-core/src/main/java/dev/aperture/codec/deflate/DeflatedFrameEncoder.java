// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Encodes one frame as Deflated Image Frame Compression: the native little-endian bytes of the
 * frame in its planar configuration, raw Deflate (RFC 1951). Options are ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class DeflatedFrameEncoder implements FrameEncoder {

    private final int level;

    DeflatedFrameEncoder(int level) {
        this.level = level;
    }

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        byte[] raw = NativeFrames.encode(src, image, NativeLayout.LITTLE_ENDIAN);
        return new EncodedFrame(deflate(raw, level), image.photometric(), false);
    }

    static byte[] deflate(byte[] raw, int level) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
            byte[] buf = new byte[Math.min(1 << 16, Math.max(64, raw.length + 64))];
            while (!d.finished()) {
                int k = d.deflate(buf);
                out.write(buf, 0, k);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
