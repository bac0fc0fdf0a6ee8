// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-scope access to the oracles: DCMTK, GDCM and a pydicom helper script
 * ({@code dicom_tool.py}) that gets encoded frames and native samples in and out of DICOM files,
 * so that these tests do not depend on Aperture's own reader.
 */
final class JpegTestSupport {
    private JpegTestSupport() {
    }

    static final String PYTHON = "/usr/bin/python3";

    /** Fails in CI (CI=true) and skips elsewhere when an oracle is not installed. */
    static void requireTools(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (!onPath(t)) {
                missing.add(t);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("oracle tools missing in CI: " + missing);
        }
        Assumptions.assumeTrue(false, "oracle tools missing: " + missing);
    }

    private static boolean onPath(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The pydicom test files: walk up from the working directory to find shared/testdata. */
    static Path pydicomData() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path p = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(p)) {
                return p;
            }
            d = d.getParent();
        }
        throw new AssertionError("shared/testdata/pydicom not found above " + Path.of("").toAbsolutePath());
    }

    static Path script() {
        try {
            return Path.of(JpegTestSupport.class.getResource("dicom_tool.py").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a command in dir; fails with its output when it exits non-zero. Returns the output. */
    static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", cmd));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the helper script with arguments (commands may be chained with ";;"). */
    static void py(Path dir, List<String> args) {
        py(dir, args.toArray(new String[0]));
    }

    static void py(Path dir, String... args) {
        String[] cmd = new String[args.length + 2];
        cmd[0] = PYTHON;
        cmd[1] = script().toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        run(dir, cmd);
    }

    /** The encoded frames of a file and its attributes. */
    record Frames(ImageDescriptor image, String transferSyntax, List<byte[]> frames) {
    }

    /** Native samples of a file: all frames, little endian, and its attributes. */
    record Raw(ImageDescriptor image, byte[] bytes) {
        /** One frame's samples as byte[] (8-bit) or short[] (16-bit). */
        Object frame(int i) {
            int n = image.samplesPerFrame();
            if (image.bitsAllocated() == 8) {
                return Arrays.copyOfRange(bytes, i * n, (i + 1) * n);
            }
            short[] s = new short[n];
            ByteBuffer.wrap(bytes, i * n * 2, n * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        }
    }

    static ImageDescriptor parseMeta(String line) {
        String[] f = line.trim().split(" ");
        Photometric p = Photometric.of(f[6]).orElseThrow();
        return new ImageDescriptor(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]) == 1, p,
                Integer.parseInt(f[8]), Integer.parseInt(f[7]));
    }

    static Frames frames(Path dcm, Path dir) throws IOException {
        Path out = Files.createTempDirectory(dir, "frames");
        py(dir, "frames", dcm.toString(), out.toString());
        return readFrames(out);
    }

    /** Arguments of the helper's "frames" command writing to {@code out}, for batching. */
    static List<String> framesCommand(Path dcm, Path out) throws IOException {
        Files.createDirectories(out);
        return List.of("frames", dcm.toString(), out.toString(), ";;");
    }

    /** Arguments of the helper's "raw" command writing to {@code out}, for batching. */
    static List<String> rawCommand(Path dcm, Path out) {
        return List.of("raw", dcm.toString(), out.toString(), ";;");
    }

    /** Reads what a "frames" command wrote. */
    static Frames readFrames(Path out) throws IOException {
        List<String> meta = Files.readAllLines(out.resolve("meta.txt"));
        ImageDescriptor image = parseMeta(meta.get(0));
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < image.frames(); i++) {
            list.add(Files.readAllBytes(out.resolve("frame_" + i + ".bin")));
        }
        return new Frames(image, meta.get(1).trim(), list);
    }

    static Raw raw(Path dcm, Path dir) throws IOException {
        Path out = Files.createTempFile(dir, "raw", ".bin");
        py(dir, "raw", dcm.toString(), out.toString());
        return readRaw(out);
    }

    /** Reads what a "raw" command wrote. */
    static Raw readRaw(Path out) throws IOException {
        ImageDescriptor image = parseMeta(Files.readAllLines(Path.of(out + ".meta")).get(0));
        return new Raw(image, Files.readAllBytes(out));
    }

    /** Largest absolute difference between two sample arrays (unsigned for bytes, as stored for shorts). */
    static int maxDiff(Object expected, Object actual, int bitsStored) {
        if (expected instanceof byte[] e) {
            byte[] a = (byte[]) actual;
            assertEquals(e.length, a.length);
            int m = 0;
            for (int i = 0; i < e.length; i++) {
                m = Math.max(m, Math.abs((e[i] & 0xFF) - (a[i] & 0xFF)));
            }
            return m;
        }
        short[] e = (short[]) expected;
        short[] a = (short[]) actual;
        assertEquals(e.length, a.length);
        int mask = (1 << bitsStored) - 1;
        int m = 0;
        for (int i = 0; i < e.length; i++) {
            m = Math.max(m, Math.abs((e[i] & mask) - (a[i] & mask)));
        }
        return m;
    }
}
