// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** 2-D resizing: {@link FrameResizer}. */
class FrameResizerTest {

    @Property(tries = 40)
    void sameSizeIsTheIdentity(@ForAll long seed, @ForAll Kernel kernel, @ForAll @IntRange(min = 1, max = 3) int ch) {
        Random r = new Random(seed);
        int w = 1 + r.nextInt(20);
        int h = 1 + r.nextInt(20);
        byte[] b = new byte[w * h * ch];
        r.nextBytes(b);
        byte[] out = new byte[b.length];
        FrameResizer.of(kernel).resize(Frame.ofBytes(b, w, h, ch), Frame.ofBytes(out, w, h, ch));
        assertArrayEquals(b, out);
        short[] s = new short[w * h];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(65536);
        }
        short[] so = new short[s.length];
        FrameResizer.of(kernel).resize(Frame.ofShorts(s, w, h, false), Frame.ofShorts(so, w, h, false));
        assertArrayEquals(s, so);
    }

    @Property(tries = 30)
    void areaShrinkPreservesTheMean(@ForAll long seed) {
        Random r = new Random(seed);
        int w = 50 + r.nextInt(300);
        int h = 50 + r.nextInt(300);
        int ow = 1 + r.nextInt(w);
        int oh = 1 + r.nextInt(h);
        float[] f = new float[w * h];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextFloat() * 1000;
        }
        float[] o = new float[ow * oh];
        FrameResizer.of(Kernel.AREA).resize(Frame.ofFloats(f, w, h), Frame.ofFloats(o, ow, oh));
        double a = ResamplerProperties.mean(f);
        assertEquals(a, ResamplerProperties.mean(o), 1e-4 * a);
    }

    @Test
    void bilinearMatchesJava2D() {
        Random r = new Random(3);
        int w = 97;
        int h = 83;
        BufferedImage in = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) in.getRaster().getDataBuffer()).getData();
        // Smooth content (sum of sines) so that both implementations see the same signal.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) (128 + 60 * Math.sin(x * 0.3) + 60 * Math.cos(y * 0.21) + r.nextInt(5));
            }
        }
        int ow = 151;
        int oh = 120;
        AffineTransformOp op = new AffineTransformOp(
                AffineTransform.getScaleInstance((double) ow / w, (double) oh / h), AffineTransformOp.TYPE_BILINEAR);
        BufferedImage ref = new BufferedImage(ow, oh, BufferedImage.TYPE_BYTE_GRAY);
        op.filter(in, ref);
        byte[] refPx = ((DataBufferByte) ref.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[ow * oh];
        FrameResizer.of(Kernel.LINEAR).resize(Frame.ofBytes(px, w, h, 1), Frame.ofBytes(out, ow, oh, 1));
        int worst = 0;
        for (int y = 2; y < oh - 2; y++) {
            for (int x = 2; x < ow - 2; x++) {
                worst = Math.max(worst, Math.abs((out[y * ow + x] & 0xFF) - (refPx[y * ow + x] & 0xFF)));
            }
        }
        assertTrue(worst <= 1, "largest difference from AffineTransformOp bilinear: " + worst);
    }

    @Test
    void letterboxKeepsTheAspectRatio() throws Exception {
        int w = 512;
        int h = 256;
        short[] s = new short[w * h];
        java.util.Arrays.fill(s, (short) 700);
        short[] o = new short[224 * 224];
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            FrameResizer.of(Kernel.LANCZOS3).letterbox(Frame.ofShorts(s, w, h, true), Frame.ofShorts(o, 224, 224, true),
                    -1000, ex);
        } finally {
            ex.shutdown();
        }
        assertArrayEquals(new int[] {224, 112}, FrameResizer.fitWithin(w, h, 224, 224));
        for (int y = 0; y < 224; y++) {
            boolean content = y >= 56 && y < 168;
            for (int x = 0; x < 224; x++) {
                assertEquals(content ? 700 : -1000, o[y * 224 + x], "at " + x + "," + y);
            }
        }
        assertArrayEquals(new int[] {1, 100}, FrameResizer.fitWithin(1, 4000, 224, 100));
    }

    @Test
    void rgbChannelsStaySeparate() {
        int w = 40;
        int h = 30;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = (byte) 200;
            rgb[3 * i + 1] = 10;
            rgb[3 * i + 2] = (byte) 128;
        }
        for (Kernel k : Kernel.values()) {
            byte[] out = new byte[17 * 11 * 3];
            FrameResizer.of(k).resize(Frame.ofBytes(rgb, w, h, 3), Frame.ofBytes(out, 17, 11, 3));
            for (int i = 0; i < 17 * 11; i++) {
                assertEquals(200, out[3 * i] & 0xFF, k.toString());
                assertEquals(10, out[3 * i + 1], k.toString());
                assertEquals(128, out[3 * i + 2] & 0xFF, k.toString());
            }
        }
    }
}
