// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/** How the samples across a slab's thickness are combined into one pixel. */
public enum SlabMode {
    /** Maximum intensity projection (MIP). */
    MAX,
    /** Minimum intensity projection (MinIP). */
    MIN,
    /** Mean (average intensity projection). */
    MEAN
}
