// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the shared test data and runs the peer toolkits (DCMTK) used as oracles. */
final class TestData {
    private TestData() {
    }

    /** The folder of pydicom's test files, found beside the project (../shared/testdata/pydicom). */
    static Path pydicom() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("shared/testdata/pydicom not found above " + Path.of("").toAbsolutePath());
    }

    /** Every DICOM file in the pydicom test data (including the DICOMDIR test folders). */
    static List<Path> allDicomFiles() throws IOException {
        try (Stream<Path> s = Files.walk(pydicom())) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        return !(n.endsWith(".txt") || n.endsWith(".json") || n.endsWith(".dump")
                                || n.endsWith(".icc") || n.endsWith(".gz") || n.equals("README"));
                    })
                    .sorted().toList();
        }
    }

    /**
     * Checks that a peer tool is installed: CI must have it (the test fails there), a developer
     * without it sees the test skipped with the reason.
     */
    static void requireTool(String tool) {
        boolean present = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail(tool + " is not installed; .ci/run installs it");
            }
            assumeTrue(false, tool + " is not installed");
        }
    }

    /** Result of a tool run. */
    record Run(int exit, String out, String err) {
    }

    /** Runs a tool with a time limit and returns its exit status and output. */
    static Run run(String... cmd) throws IOException, InterruptedException {
        requireTool(cmd[0]);
        Path out = Files.createTempFile("aperture-tool", ".out");
        Path err = Files.createTempFile("aperture-tool", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " timed out");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
