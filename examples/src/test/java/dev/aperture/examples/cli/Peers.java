// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The shared test data, the peer toolkits, and running the CLI in-process. */
final class Peers {
    private Peers() {
    }

    static Path testdata() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("shared/testdata/pydicom not found");
    }

    /** Fails in CI (which installs the tool), skips elsewhere, when a peer tool is missing. */
    static void requireTool(String tool) {
        boolean present = Files.isExecutable(Path.of(tool)) || Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail(tool + " is not installed; .ci/run installs it");
            }
            assumeTrue(false, tool + " is not installed");
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run tool(String... cmd) throws IOException, InterruptedException {
        requireTool(cmd[0]);
        Path out = Files.createTempFile("peer", ".out");
        Path err = Files.createTempFile("peer", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " timed out");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code aperture} in this JVM. */
    static Run aperture(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Aperture.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Writes a classpath resource to a file. */
    static Path resource(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        try (var in = Peers.class.getResourceAsStream("/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }
}
