// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder contract for little-endian native frames: real 16-bit, 8-bit RGB (odd length) and
 * 1-bit frames with pydicom's samples, and synthetic Float and Double Float frames.
 */
class NativeLittleEndianContractTest extends FrameDecoderContract {

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return new NativeCodecProvider().decoder("1.2.840.10008.1.2.1").orElseThrow();
    }

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

    static Case fromFile(String name, Path tmp) {
        Oracles.Dump d = Oracles.testFile(name);
        ImageDescriptor image = d.image().withFrames(1);
        byte[] frame = image.bitsAllocated() == 1
                ? java.util.Arrays.copyOf(d.pixelData(), (int) image.nativeFrameLength())
                : d.nativeFrame(0);
        Object expected = TestSamples.fromLittleEndian(d.array(), image.bitsAllocated(), 0, image.samplesPerFrame());
        return new Case(name, frame, image, expected);
    }

    private static List<Case> load() {
        try {
            Path tmp = Files.createTempDirectory("native-contract");
            List<Case> list = new ArrayList<>();
            Oracles.prefetch("MR_small.dcm", "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm", "liver_1frame.dcm");
            list.add(fromFile("MR_small.dcm", tmp));
            list.add(fromFile("SC_rgb_small_odd.dcm", tmp));
            list.add(fromFile("rtdose_1frame.dcm", tmp));
            list.add(fromFile("liver_1frame.dcm", tmp));
            ImageDescriptor fl = ImageDescriptor.of(5, 7, 1, 32, 32, true, Photometric.MONOCHROME2);
            float[] f = new float[35];
            ByteBuffer fb = ByteBuffer.allocate(140).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) Math.sin(i) * 1000f;
                fb.putFloat(f[i]);
            }
            list.add(new Case("float", fb.array(), fl, f));
            ImageDescriptor db = ImageDescriptor.of(3, 3, 3, 64, 64, true, Photometric.RGB);
            double[] x = new double[27];
            ByteBuffer xb = ByteBuffer.allocate(216).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.cos(i) / 3;
                xb.putDouble(x[i]);
            }
            list.add(new Case("double", xb.array(), db, x));
            return list;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
