// SPDX-License-Identifier: Apache-2.0
package dev.aperture.imaging;

/**
 * Caps that protect a reader from hostile input. Every declared length, count and nesting depth
 * is checked against these before anything is allocated for it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxValueLength     largest value (in bytes) read into memory at once; bulk data above
 *                           this is still readable lazily, but never as one array
 * @param maxNestingDepth    deepest sequence nesting accepted
 * @param maxTotalAllocation total bytes a single parse may allocate for values
 * @param maxElements        most elements (at all depths) in one dataset
 */
public record ReadLimits(long maxValueLength, int maxNestingDepth, long maxTotalAllocation, long maxElements) {

    /** Limits for ordinary use: 1 GiB values, depth 64, 2 GiB in all, 10 million elements. */
    public static final ReadLimits DEFAULT = new ReadLimits(1L << 30, 64, 2L << 30, 10_000_000L);

    /** Validates that every cap is positive. */
    public ReadLimits {
        if (maxValueLength <= 0 || maxNestingDepth <= 0 || maxTotalAllocation <= 0 || maxElements <= 0) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** Returns {@link #DEFAULT}. */
    public static ReadLimits defaults() {
        return DEFAULT;
    }

    /** Returns a copy with a new {@code maxValueLength}. */
    public ReadLimits withMaxValueLength(long v) {
        return new ReadLimits(v, maxNestingDepth, maxTotalAllocation, maxElements);
    }

    /** Returns a copy with a new {@code maxNestingDepth}. */
    public ReadLimits withMaxNestingDepth(int v) {
        return new ReadLimits(maxValueLength, v, maxTotalAllocation, maxElements);
    }

    /** Returns a copy with a new {@code maxTotalAllocation}. */
    public ReadLimits withMaxTotalAllocation(long v) {
        return new ReadLimits(maxValueLength, maxNestingDepth, v, maxElements);
    }

    /** Returns a copy with a new {@code maxElements}. */
    public ReadLimits withMaxElements(long v) {
        return new ReadLimits(maxValueLength, maxNestingDepth, maxTotalAllocation, v);
    }
}
