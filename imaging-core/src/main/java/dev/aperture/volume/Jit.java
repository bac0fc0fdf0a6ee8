// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/**
 * What the running JVM's JIT compiler vectorises, decided once: the resampling kernels pick their
 * loop shapes from it (outside the loops).
 *
 * <p>C2's SuperWord on JDK 17 leaves every loop that mixes element sizes scalar (a {@code short}
 * loaded into float arithmetic, a float rounded into a {@code short}); from JDK 20 (JDK-8283091)
 * it vectorises them, so on those JDKs loops that convert 16-bit samples as they read them beat
 * loops that first widen rows into a float cache, while on JDK 17 the opposite holds (each shape
 * measured on OpenJDK 17 and Temurin 25, see {@code benchmarks/README.md}, "Resampling, session 6").
 * The cut is set at 21, the first long-term-support release that has the change.
 */
final class Jit {
    /** Whether loops converting between 16-bit and 32-bit lanes are vectorised (JDK 21 and later). */
    static final boolean VECTOR_CONVERSIONS = Runtime.version().feature() >= 21;

    private Jit() {
    }
}
