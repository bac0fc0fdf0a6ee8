// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput counters reported next to ops/s: decoded-output bytes and pixels per second
 * (JMH sums them per iteration and divides by time).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Counters {
    /** Decoded (native) bytes processed. */
    public long bytes;
    /** Pixels processed. */
    public long pixels;

    /** Resets the counters before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        pixels = 0;
    }
}
