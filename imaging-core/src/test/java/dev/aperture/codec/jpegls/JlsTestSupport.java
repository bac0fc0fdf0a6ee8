// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-scope plumbing for the JPEG-LS tests: finding the shared test data, running the DCMTK,
 * GDCM and pydicom oracles, and moving frames and samples between DICOM files and arrays (through
 * {@code dicom_frames.py}, so that these tests do not depend on Aperture's own reader).
 */
final class JlsTestSupport {

    static final String PYTHON = "/usr/bin/python3";

    private JlsTestSupport() {
    }

    /** The folder of pydicom's test files, found by walking up from the working directory. */
    static Path pydicomData() {
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
        return fail("shared/testdata/pydicom not found above " + Path.of("").toAbsolutePath());
    }

    /** Fails in CI and skips locally when an oracle is not installed. */
    static void requireTools(String... tools) {
        for (String t : tools) {
            boolean found = t.startsWith("/") ? Files.isExecutable(Path.of(t)) : onPath(t);
            if (!found) {
                if ("true".equals(System.getenv("CI"))) {
                    fail("required tool missing in CI: " + t);
                }
                Assumptions.abort("tool not installed: " + t);
            }
        }
    }

    private static boolean onPath(String tool) {
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

    /** Runs a command; returns whether it exited with 0 (fails the test after 120 s). */
    static boolean tryRun(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                in.readAllBytes();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", cmd));
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command, failing the test on a non-zero exit or after 120 s. */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
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
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script(Path tmp) {
        Path s = tmp.resolve("dicom_frames.py");
        if (!Files.exists(s)) {
            try (InputStream in = JlsTestSupport.class.getResourceAsStream("dicom_frames.py")) {
                Files.write(s, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }

    /** What {@code dicom_frames.py extract} found in one file. */
    record Extracted(Map<String, String> meta, List<byte[]> frames, byte[] nativeBytes) {
        int i(String key) {
            return Integer.parseInt(meta.get(key));
        }

        /** The descriptor of one frame. */
        ImageDescriptor image() {
            return new ImageDescriptor(i("rows"), i("columns"), i("spp"), i("ba"), i("bs"), i("pr") == 1,
                    Photometric.of(meta.get("photometric")).orElseThrow(), i("planar"), 1);
        }

        /** Native samples of frame {@code f} (interleaved, as the DICOM file holds them). */
        Object nativeFrame(int f) {
            ImageDescriptor d = image();
            int n = d.samplesPerFrame();
            if (i("planar") != 0) {
                fail("planar native data not expected here");
            }
            if (d.bitsAllocated() == 8) {
                byte[] b = new byte[n];
                System.arraycopy(nativeBytes, f * n, b, 0, n);
                return b;
            }
            short[] s = new short[n];
            ByteBuffer.wrap(nativeBytes, f * n * 2, n * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        }
    }

    /** Extracts the frames (encapsulated) or samples (native) of a DICOM file. */
    static Extracted extract(Path dcm, Path tmp) {
        Batch b = new Batch(tmp);
        Path dir = b.extract(dcm);
        b.run();
        return read(dir);
    }

    /** Reads what an {@code extract} command wrote. */
    static Extracted read(Path dir) {
        try {
            Map<String, String> meta = new LinkedHashMap<>();
            for (String line : Files.readAllLines(dir.resolve("meta.txt"))) {
                int eq = line.indexOf('=');
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
            List<byte[]> frames = new ArrayList<>();
            int n = Integer.parseInt(meta.get("encapsulated"));
            for (int i = 0; i < n; i++) {
                frames.add(Files.readAllBytes(dir.resolve("frame" + i + ".bin")));
            }
            byte[] nat = n == 0 ? Files.readAllBytes(dir.resolve("native.bin")) : null;
            return new Extracted(meta, frames, nat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Several {@code dicom_frames.py} commands run by one interpreter. */
    static final class Batch {
        private final Path tmp;
        private final List<String> lines = new ArrayList<>();

        Batch(Path tmp) {
            this.tmp = tmp;
        }

        private Path temp(String prefix) {
            try {
                return Files.createTempDirectory(tmp, prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path tempFile(byte[] content) {
            try {
                Path f = Files.createTempFile(tmp, "b", ".bin");
                Files.write(f, content);
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Queues an extraction; returns the folder to {@link #read} after {@link #run}. */
        Path extract(Path dcm) {
            Path dir = temp("x");
            lines.add(String.join("\t", "extract", dcm.toString(), dir.toString()));
            return dir;
        }

        /** Queues writing encapsulated frames into a copy of {@code template}. */
        Path wrap(Path template, Path out, String ts, ImageDescriptor d, List<byte[]> frames) {
            List<String> cmd = new ArrayList<>(List.of("wrap", template.toString(), out.toString(), ts,
                    "" + d.rows(), "" + d.columns(), "" + d.samplesPerPixel(), "" + d.bitsAllocated(),
                    "" + d.bitsStored(), d.signed() ? "1" : "0", d.photometric().code()));
            for (byte[] f : frames) {
                cmd.add(tempFile(f).toString());
            }
            lines.add(String.join("\t", cmd));
            return out;
        }

        /** Queues writing native samples ({@code frames} frames, interleaved) into a copy of {@code template}. */
        Path nativeFile(Path template, Path out, ImageDescriptor d, Object samples, int frames) {
            byte[] raw;
            if (samples instanceof byte[] b) {
                raw = b;
            } else {
                short[] s = (short[]) samples;
                ByteBuffer bb = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                bb.asShortBuffer().put(s);
                raw = bb.array();
            }
            lines.add(String.join("\t", "native", template.toString(), out.toString(), "" + d.rows(),
                    "" + d.columns(), "" + d.samplesPerPixel(), "" + d.bitsAllocated(), "" + d.bitsStored(),
                    d.signed() ? "1" : "0", d.photometric().code(), tempFile(raw).toString(), "" + frames));
            return out;
        }

        /** Runs the queued commands. */
        void run() {
            if (lines.isEmpty()) {
                return;
            }
            try {
                Path spec = Files.createTempFile(tmp, "spec", ".txt");
                Files.write(spec, lines);
                lines.clear();
                JlsTestSupport.run(PYTHON, script(tmp).toString(), "batch", spec.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes a folder and everything in it (null is ignored). */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A destination for one frame of {@code d}. */
    static Samples allocate(ImageDescriptor d) {
        return Samples.allocate(d, 1);
    }

    /** The samples of a destination as a fresh array (byte[] or short[]). */
    static Object array(Samples s) {
        if (s instanceof ByteSamples b) {
            return java.util.Arrays.copyOfRange(b.array(), b.offset(), b.offset() + b.length());
        }
        ShortSamples t = (ShortSamples) s;
        return java.util.Arrays.copyOfRange(t.array(), t.offset(), t.offset() + t.length());
    }

    /** Wraps an array as samples. */
    static Samples wrapArray(Object a) {
        return a instanceof byte[] b ? ByteSamples.of(b) : ShortSamples.of((short[]) a);
    }

    /** Sample i as an unsigned int (of {@code bits} bits). */
    static int at(Object a, int i, int bits) {
        int v = a instanceof byte[] b ? b[i] & 0xFF : ((short[]) a)[i] & 0xFFFF;
        return v & ((1 << bits) - 1);
    }

    /** Asserts equal low {@code bits} bits everywhere. */
    static void assertSameLowBits(String what, Object expected, Object actual, int bits) {
        int n = expected instanceof byte[] b ? b.length : ((short[]) expected).length;
        int m = actual instanceof byte[] b ? b.length : ((short[]) actual).length;
        assertEquals(n, m, what + ": sample count");
        for (int i = 0; i < n; i++) {
            if (at(expected, i, bits) != at(actual, i, bits)) {
                fail(what + ": sample " + i + " differs: expected " + at(expected, i, bits) + ", got " + at(actual, i, bits));
            }
        }
    }

    /** The largest |a - b| over the low {@code bits} bits. */
    static int maxError(Object a, Object b, int bits) {
        int n = a instanceof byte[] x ? x.length : ((short[]) a).length;
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(at(a, i, bits) - at(b, i, bits)));
        }
        return max;
    }
}
