// SPDX-License-Identifier: Apache-2.0
/**
 * The kernel of imaging-core: the {@link dev.aperture.imaging.ApertureException} family,
 * {@link dev.aperture.imaging.ReadLimits} and {@link dev.aperture.imaging.Repair}.
 *
 * <p>Depends on {@code java.base} only; every other package of imaging-core may use it.
 */
package dev.aperture.imaging;
