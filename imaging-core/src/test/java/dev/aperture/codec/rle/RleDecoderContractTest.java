// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder contract on real RLE frames of the pydicom test files (8-bit RGB, 16-bit grey,
 * 32-bit grey, 16-bit RGB), with the samples DCMTK's {@code dcmdrle} decodes them to.
 */
class RleDecoderContractTest extends FrameDecoderContract {

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return new RleCodecProvider().decoder(RleCodecProvider.RLE_LOSSLESS).orElseThrow();
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
        return 150;
    }

    private static List<Case> load() {
        try {
            Path tmp = Files.createTempDirectory("rle-contract");
            List<Case> list = new ArrayList<>();
            List<String> names = List.of("MR_small_RLE.dcm", "SC_rgb_rle.dcm", "rtdose_rle_1frame.dcm",
                    "SC_rgb_rle_16bit.dcm");
            List<Path> files = new ArrayList<>();
            for (String name : names) {
                Path file = Oracles.testdata().resolve(name);
                Path raw = tmp.resolve(name + ".raw.dcm");
                Oracles.run("dcmdrle", file.toString(), raw.toString());
                files.add(file);
                files.add(raw);
            }
            List<Oracles.Dump> dumps = Oracles.dumpAll(files, tmp);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Oracles.Dump enc = dumps.get(2 * i);
                Oracles.Dump nat = dumps.get(2 * i + 1);
                var image = enc.image().withFrames(1);
                Object expected = TestSamples.fromLittleEndian(nat.pixelData(), image.bitsAllocated(), 0,
                        image.samplesPerFrame());
                list.add(new Case(name, enc.frames().get(0), image, expected));
            }
            return list;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
