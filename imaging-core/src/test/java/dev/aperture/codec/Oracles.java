// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test-scope access to the peers used as oracles (DCMTK, GDCM, pydicom via /usr/bin/python3)
 * and to the shared test data. A missing tool fails the test in CI ({@code CI=true}) and skips
 * it elsewhere.
 */
public final class Oracles {

    private Oracles() {
    }

    /** The shared pydicom test files, found by walking up from the working directory. */
    public static Path testdata() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("testdata/pydicom");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        fail("shared/testdata/pydicom not found above " + dir);
        return null;
    }

    /** Requires an executable; fails in CI, skips elsewhere, when it is missing. */
    public static void require(String exe) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
        if (exe.startsWith("/")) {
            found = Files.isExecutable(Path.of(exe));
        }
        if (!found) {
            if ("true".equals(System.getenv("CI"))) {
                fail(exe + " is required in CI");
            }
            assumeTrue(false, exe + " not installed");
        }
    }

    /** Runs a command, failing the test on a non-zero exit; returns its output. */
    public static String run(String... cmd) {
        require(cmd[0]);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", cmd));
            }
            assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path script(Path tmp) throws IOException {
        Path s = tmp.resolve("frames.py");
        if (!Files.exists(s)) {
            try (InputStream in = Oracles.class.getResourceAsStream("/tools/frames.py")) {
                Files.copy(in, s, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return s;
    }

    /** What pydicom saw in a file: attributes, and the encoded frames or the native value. */
    public record Dump(Map<String, String> meta, List<byte[]> frames, byte[] pixelData, byte[] array) {
        /** The descriptor of one frame. */
        public ImageDescriptor image() {
            return new ImageDescriptor(i("rows"), i("columns"), i("spp"), i("bitsAllocated"),
                    i("bitsStored"), i("signed") == 1, Photometric.of(meta.get("photometric")).orElseThrow(),
                    i("planar"), i("frames"));
        }

        /** An integer attribute. */
        public int i(String key) {
            return Integer.parseInt(meta.get(key));
        }

        /** The native bytes of frame {@code f} (not for 1-bit data). */
        public byte[] nativeFrame(int f) {
            int len = (int) image().nativeFrameLength();
            return Arrays.copyOfRange(pixelData, f * len, f * len + len);
        }
    }

    /** Dumps a file with pydicom into {@code tmp}. */
    public static Dump dump(Path file, Path tmp) {
        return dumpAll(List.of(file), tmp).get(0);
    }

    /** Dumps several files with one pydicom process (the interpreter's start-up dominates). */
    public static List<Dump> dumpAll(List<Path> files, Path tmp) {
        try {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script(tmp).toString(), "dump"));
            List<Path> outs = new ArrayList<>();
            for (Path f : files) {
                Path out = Files.createTempDirectory(tmp, "dump");
                outs.add(out);
                cmd.add(f.toString());
                cmd.add(out.toString());
            }
            run(cmd.toArray(String[]::new));
            List<Dump> dumps = new ArrayList<>();
            for (Path out : outs) {
                dumps.add(read(out));
            }
            return dumps;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Dump read(Path out) {
        try {
            Map<String, String> meta = new HashMap<>();
            for (String line : Files.readAllLines(out.resolve("meta.txt"))) {
                int eq = line.indexOf('=');
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; Files.exists(out.resolve("frame-" + i + ".bin")); i++) {
                frames.add(Files.readAllBytes(out.resolve("frame-" + i + ".bin")));
            }
            Path pd = out.resolve("pixeldata.bin");
            Path arr = out.resolve("array.bin");
            return new Dump(meta, frames, Files.exists(pd) ? Files.readAllBytes(pd) : null,
                    Files.exists(arr) ? Files.readAllBytes(arr) : null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final Map<String, Dump> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static Path cacheDir;

    /**
     * Dumps shared test files (by name) with one pydicom process, once per JVM: the files never
     * change, so every test class shares the dumps.
     */
    public static synchronized void prefetch(String... names) {
        List<String> missing = Arrays.stream(names).distinct().filter(n -> !CACHE.containsKey(n)).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            if (cacheDir == null) {
                cacheDir = Files.createTempDirectory("aperture-dumps");
                cacheDir.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<Dump> dumps = dumpAll(missing.stream().map(n -> testdata().resolve(n)).toList(), cacheDir);
        for (int i = 0; i < missing.size(); i++) {
            CACHE.put(missing.get(i), dumps.get(i));
        }
    }

    /** The pydicom dump of a shared test file, by name (see {@link #prefetch}). */
    public static Dump testFile(String name) {
        prefetch(name);
        return CACHE.get(name);
    }

    /** Writes {@code source} with its Pixel Data replaced by encapsulated frames. */
    public static Path wrap(Path source, String tsuid, List<byte[]> frames, Path tmp) {
        try {
            Path dir = Files.createTempDirectory(tmp, "wrap");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script(tmp).toString(), "wrap",
                    source.toString(), dir.resolve("out.dcm").toString(), tsuid));
            for (int i = 0; i < frames.size(); i++) {
                Path f = dir.resolve("f" + i + ".bin");
                Files.write(f, frames.get(i));
                cmd.add(f.toString());
            }
            run(cmd.toArray(String[]::new));
            return dir.resolve("out.dcm");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
