// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/** Splits a range of work units into contiguous chunks run on a caller-supplied executor. */
final class Parallel {
    /** At most this many chunks per call. */
    static final int MAX_CHUNKS = 64;

    /** A chunk of work: units {@code [from, to)}. */
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /**
     * Runs {@code body} over {@code [0, units)}: inline when {@code executor} is null or there is
     * one unit, else in up to {@link #MAX_CHUNKS} chunks, and waits for all of them. The first
     * failure of any chunk is rethrown.
     */
    static void run(Executor executor, int units, Chunk body) {
        run(executor, units, MAX_CHUNKS, body);
    }

    /** {@link #run(Executor, int, Chunk)} with at most {@code maxChunks} chunks (1 to {@link #MAX_CHUNKS}). */
    static void run(Executor executor, int units, int maxChunks, Chunk body) {
        if (units <= 0) {
            return;
        }
        int chunks = executor == null ? 1 : Math.min(units, Math.max(1, Math.min(maxChunks, MAX_CHUNKS)));
        if (chunks == 1) {
            body.run(0, units);
            return;
        }
        CountDownLatch latch = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < chunks; t++) {
            int from = (int) ((long) units * t / chunks);
            int to = (int) ((long) units * (t + 1) / chunks);
            Runnable task = () -> {
                try {
                    if (failure.get() == null) {
                        body.run(from, to);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    latch.countDown();
                }
            };
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                failure.compareAndSet(null, e);
                latch.countDown();
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }
}
