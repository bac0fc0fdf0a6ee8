// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** External reference tools (pydicom through /usr/bin/python3, DCMTK) used as test oracles. */
final class Oracles {
    static final String PYTHON = "/usr/bin/python3";
    static final Path DCMTK_DIC = Paths.get("/usr/share/libdcmtk17/dicom.dic");

    private Oracles() {
    }

    /** Fails in CI, skips elsewhere, when a tool is missing. */
    static void require(boolean present, String what) {
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail(what + " is required in CI but missing");
            }
            assumeTrue(false, what + " missing");
        }
    }

    /** Requires pydicom via /usr/bin/python3 (fails in CI when missing). */
    static void requirePydicom() {
        boolean ok = Files.isExecutable(Paths.get(PYTHON));
        if (ok) {
            try {
                run(List.of(PYTHON, "-c", "import pydicom"), null);
            } catch (AssertionError e) {
                ok = false;
            }
        }
        require(ok, "pydicom (/usr/bin/python3)");
    }

    /** Finds an executable on the PATH. */
    static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Paths.get(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs a Python script with /usr/bin/python3, feeding stdin, returning stdout (UTF-8). */
    static String python(String script, byte[] stdin) {
        return run(List.of(PYTHON, "-c", script), stdin);
    }

    /** Runs a command, returning stdout decoded as UTF-8; fails on a non-zero exit. */
    static String run(List<String> command, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timeout: " + command.get(0));
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> "exit status of " + command.get(0) + ": " + stderr);
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Locates shared/testdata/pydicom by walking up from the working directory. */
    static Path testData() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path c = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        fail("shared/testdata/pydicom not found above " + dir);
        return null;
    }
}
