// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Parallel}: every unit runs once, failures come back, a refusing executor does not hang. */
class ParallelTest {

    @Test
    void everyUnitRunsOnce() {
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            for (int units : new int[] {1, 2, 63, 64, 65, 1000}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(units);
                Parallel.run(ex, units, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < units; i++) {
                    assertEquals(1, seen.get(i));
                }
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void failuresAreRethrown() {
        IllegalStateException boom = new IllegalStateException("boom");
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> Parallel.run(ex, 100, (from, to) -> {
                if (from == 0) {
                    throw boom;
                }
            })));
        } finally {
            ex.shutdown();
        }
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdown();
        assertThrows(RejectedExecutionException.class, () -> Parallel.run(dead, 10, (from, to) -> { }));
    }
}
