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

    /** A chunk of work that uses per-task buffers {@code T}. */
    @FunctionalInterface
    interface ScratchChunk<T> {
        void run(int from, int to, T scratch);
    }

    private Parallel() {
    }

    /**
     * {@link #run(Executor, int, int, Chunk)} where each chunk needs buffers: a chunk takes a set
     * made by an earlier chunk of this call that has finished, or makes one with {@code scratch}, and
     * hands it back when done. So a call allocates about one set per chunk running at the same time
     * (the executor's parallelism), not one per chunk.
     */
    static <T> void run(Executor executor, int units, int maxChunks, java.util.function.Supplier<T> scratch,
                        ScratchChunk<T> body) {
        java.util.concurrent.ConcurrentLinkedQueue<T> free = new java.util.concurrent.ConcurrentLinkedQueue<>();
        run(executor, units, maxChunks, (from, to) -> {
            T t = free.poll();
            if (t == null) {
                t = scratch.get();
            }
            body.run(from, to, t);
            free.add(t);
        });
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
