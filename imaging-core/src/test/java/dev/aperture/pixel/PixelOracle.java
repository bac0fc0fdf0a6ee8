// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.codec.Oracles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code tools/pixel.py} (pydicom's pipeline functions) and returns the bytes it wrote. */
final class PixelOracle {

    private PixelOracle() {
    }

    static byte[] run(Path tmp, String cmd, String... args) {
        try {
            Path script = tmp.resolve("pixel.py");
            if (!Files.exists(script)) {
                try (InputStream in = PixelOracle.class.getResourceAsStream("/tools/pixel.py")) {
                    Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path out = Files.createTempFile(tmp, cmd, ".bin");
            List<String> c = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), cmd));
            c.addAll(List.of(args));
            c.add(out.toString());
            Oracles.run(c.toArray(String[]::new));
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
