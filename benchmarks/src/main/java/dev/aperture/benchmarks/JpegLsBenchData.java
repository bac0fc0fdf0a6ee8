// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The frames the JPEG-LS benchmark codes, built from real data: pydicom's CT_small (128 x 128,
 * 16-bit signed CT) enlarged bilinearly with a little noise, so that texture and edges are a CT
 * slice's, never a ramp. {@link #main} writes them as raw little-endian files for the native
 * CharLS harness in {@code benchmarks/native/}, so that both code identical samples.
 */
public final class JpegLsBenchData {

    private JpegLsBenchData() {
    }

    /** One frame and its descriptor. */
    public record Frame(String name, ImageDescriptor image, Object samples) {
        /** Samples as little-endian bytes (one byte per sample for 8-bit images). */
        public byte[] rawLittleEndian() {
            if (samples instanceof byte[] b) {
                return b;
            }
            short[] s = (short[]) samples;
            ByteBuffer bb = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bb.asShortBuffer().put(s);
            return bb.array();
        }
    }

    /** Finds pydicom's test data by walking up from the working directory. */
    static Path testdata() {
        String prop = System.getProperty("aperture.testdata");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(p)) {
                return p;
            }
            Path q = d.resolveSibling("shared").resolve("testdata/pydicom");
            if (Files.isDirectory(q)) {
                return q;
            }
        }
        throw new IllegalStateException("shared/testdata/pydicom not found; set -Daperture.testdata");
    }

    /** CT_small's 128 x 128 stored values: the OW value of (7FE0,0010), explicit VR little endian. */
    static short[] ctSmall() {
        try {
            byte[] f = Files.readAllBytes(testdata().resolve("CT_small.dcm"));
            for (int i = f.length - 12; i >= 0; i--) {
                if ((f[i] & 0xFF) == 0xE0 && f[i + 1] == 0x7F && f[i + 2] == 0x10 && f[i + 3] == 0
                        && f[i + 4] == 'O' && f[i + 5] == 'W') {
                    int len = ByteBuffer.wrap(f, i + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    if (len != 128 * 128 * 2) {
                        break;
                    }
                    short[] s = new short[128 * 128];
                    ByteBuffer.wrap(f, i + 12, len).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
                    return s;
                }
            }
            throw new IllegalStateException("CT_small pixel data not found");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CT_small scaled to {@code rows x cols} (bilinear), plus noise of +-noise. */
    static int[] enlarge(short[] src, int rows, int cols, int noise, long seed) {
        Random rnd = new Random(seed);
        int[] out = new int[rows * cols];
        for (int y = 0; y < rows; y++) {
            double fy = (y + 0.5) * 128 / rows - 0.5;
            int y0 = Math.max(0, Math.min(126, (int) Math.floor(fy)));
            double wy = Math.max(0, Math.min(1, fy - y0));
            for (int x = 0; x < cols; x++) {
                double fx = (x + 0.5) * 128 / cols - 0.5;
                int x0 = Math.max(0, Math.min(126, (int) Math.floor(fx)));
                double wx = Math.max(0, Math.min(1, fx - x0));
                double v = (1 - wy) * ((1 - wx) * src[y0 * 128 + x0] + wx * src[y0 * 128 + x0 + 1])
                        + wy * ((1 - wx) * src[(y0 + 1) * 128 + x0] + wx * src[(y0 + 1) * 128 + x0 + 1]);
                out[y * cols + x] = (int) Math.round(v) + (noise > 0 ? rnd.nextInt(2 * noise + 1) - noise : 0);
            }
        }
        return out;
    }

    /** Builds a frame by name: ct512x16, ct512x12, ct2048x12, mg3328x4096x14 or us640x480rgb. */
    public static Frame frame(String name) {
        short[] ct = ctSmall();
        switch (name) {
            case "ct512x16": {
                int[] v = enlarge(ct, 512, 512, 3, 1);
                short[] s = new short[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = (short) Math.max(-32768, Math.min(32767, v[i]));
                }
                return new Frame(name, ImageDescriptor.of(512, 512, 1, 16, 16, true, Photometric.MONOCHROME2), s);
            }
            case "ct512x12":
            case "ct2048x12": {
                int n = name.equals("ct512x12") ? 512 : 2048;
                int[] v = enlarge(ct, n, n, 3, 2);
                short[] s = new short[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = (short) Math.max(0, Math.min(4095, v[i] + 1024));
                }
                return new Frame(name, ImageDescriptor.of(n, n, 1, 16, 12, false, Photometric.MONOCHROME2), s);
            }
            case "mg3328x4096x14": {
                // mammography-sized (3328 x 4096, rows x columns as 4096 x 3328), 14-bit
                int[] v = enlarge(ct, 4096, 3328, 12, 4);
                short[] s = new short[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = (short) Math.max(0, Math.min(16383, (v[i] + 1024) * 4));
                }
                return new Frame(name, ImageDescriptor.of(4096, 3328, 1, 16, 14, false, Photometric.MONOCHROME2), s);
            }
            case "us640x480rgb": {
                int[] v = enlarge(ct, 480, 640, 6, 3);
                byte[] b = new byte[v.length * 3];
                for (int i = 0; i < v.length; i++) {
                    int g = Math.max(0, Math.min(255, (v[i] + 200) / 8));
                    int x = i % 640;
                    int y = i / 640;
                    boolean doppler = x > 300 && x < 380 && y > 200 && y < 260;
                    b[3 * i] = (byte) (doppler ? Math.min(255, g + 90) : g);
                    b[3 * i + 1] = (byte) g;
                    b[3 * i + 2] = (byte) (doppler ? g / 2 : g);
                }
                return new Frame(name, ImageDescriptor.of(480, 640, 3, 8, 8, false, Photometric.RGB), b);
            }
            default:
                throw new IllegalArgumentException("unknown frame " + name);
        }
    }

    /**
     * Writes every frame as {@code <name>.raw} into a folder, for {@code benchmarks/native/charls_bench}.
     *
     * @param args the output folder
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (String n : new String[] {"ct512x16", "ct512x12", "ct2048x12", "mg3328x4096x14", "us640x480rgb"}) {
            Frame f = frame(n);
            Files.write(dir.resolve(n + ".raw"), f.rawLittleEndian());
        }
    }
}
