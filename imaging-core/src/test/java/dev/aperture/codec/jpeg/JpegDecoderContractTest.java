// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The codec contract (STYLE.md section 7) on small real frames of each process, made by
 * {@code dcmcjpeg} from synthetic images, with DCMTK's decoded samples as the expected output
 * (our decoder matches them exactly, lossy ones included).
 */
class JpegDecoderContractTest extends FrameDecoderContract {

    /** Synthetic source, dcmcjpeg options: baseline grey and colour, extended, lossless. */
    private static final String[][] SPECS = {
        {"12 19 1 8 8 0 1", "+eb"},
        {"17 21 3 8 8 0 1", "+eb"},
        {"16 16 3 8 8 0 1", "+eb +s4"},
        {"13 18 1 16 12 0 1", "+ee"},
        {"13 18 1 16 16 0 1", "+e1"},
        {"11 14 3 8 8 0 1", "+el +sv 7"},
        {"11 14 1 16 12 1 1", "+el +sv 4 +pt 1"},
    };

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return new JpegDecoder(true, true);
    }

    @Override
    protected synchronized List<Case> cases() {
        if (cases == null) {
            cases = build();
        }
        return cases;
    }

    private static List<Case> build() {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmcjpeg", "dcmdjpeg");
        try {
            Path dir = Files.createTempDirectory("jpeg-contract");
            try {
                List<String> synth = new ArrayList<>();
                for (int i = 0; i < SPECS.length; i++) {
                    synth.add("synth");
                    synth.add(dir.resolve(i + ".src.dcm").toString());
                    synth.addAll(List.of(SPECS[i][0].split(" ")));
                    synth.add(String.valueOf(100 + i));
                    synth.add(";;");
                }
                JpegTestSupport.py(dir, synth);
                List<String> extract = new ArrayList<>();
                for (int i = 0; i < SPECS.length; i++) {
                    List<String> cmd = new ArrayList<>();
                    cmd.add("dcmcjpeg");
                    cmd.addAll(List.of(SPECS[i][1].split(" ")));
                    cmd.add(dir.resolve(i + ".src.dcm").toString());
                    cmd.add(dir.resolve(i + ".dcm").toString());
                    JpegTestSupport.run(dir, cmd.toArray(new String[0]));
                    JpegTestSupport.run(dir, "dcmdjpeg", "+px", dir.resolve(i + ".dcm").toString(),
                            dir.resolve(i + ".dec.dcm").toString());
                    extract.addAll(JpegTestSupport.framesCommand(dir.resolve(i + ".dcm"), dir.resolve(i + ".frames")));
                    extract.addAll(JpegTestSupport.rawCommand(dir.resolve(i + ".dec.dcm"), dir.resolve(i + ".raw")));
                }
                JpegTestSupport.py(dir, extract);
                List<Case> list = new ArrayList<>();
                for (int i = 0; i < SPECS.length; i++) {
                    JpegTestSupport.Frames f = JpegTestSupport.readFrames(dir.resolve(i + ".frames"));
                    JpegTestSupport.Raw raw = JpegTestSupport.readRaw(dir.resolve(i + ".raw"));
                    list.add(new Case(SPECS[i][1] + " " + SPECS[i][0], f.frames().get(0), f.image(), raw.frame(0)));
                }
                return list;
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
