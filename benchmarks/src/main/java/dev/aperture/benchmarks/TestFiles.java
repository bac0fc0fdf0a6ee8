// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test data: {@code -Daperture.testdata=DIR}, or shared/testdata/pydicom above the working directory. */
final class TestFiles {
    private TestFiles() {
    }

    static Path pydicom() {
        String prop = System.getProperty("aperture.testdata");
        if (prop != null) {
            return Path.of(prop);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("shared/testdata/pydicom not found; pass -Daperture.testdata=DIR");
    }
}
