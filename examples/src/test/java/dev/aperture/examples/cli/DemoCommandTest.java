// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code aperture demo} runs every capability on the bundled samples and says so. */
class DemoCommandTest {

    @Test
    void demoRunsEveryCapability() {
        Peers.Run r = Peers.aperture("demo");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("all samples decoded"), out);
        assertEquals(5, out.lines().filter(l -> l.contains("bit-exact")).count(), out);
        assertTrue(out.contains("max error 2"), "JPEG-LS NEAR 2 stays within 2: " + out);
        String extended = out.lines().filter(l -> l.contains("JPEG Extended")).findFirst().orElseThrow();
        int err = Integer.parseInt(extended.replaceAll(".*max error (\\d+).*", "$1"));
        assertTrue(err > 0 && err <= 24, "12-bit JPEG at q90 stays within 24: " + extended);
        assertTrue(out.contains("MPR: phantom CT"), out);
        assertTrue(out.contains("screening: 12 programmes"), out);
    }
}
