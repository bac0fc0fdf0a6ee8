// SPDX-License-Identifier: Apache-2.0
/**
 * The display pipeline of PS3.3 C.11 over stored pixel values: {@link dev.aperture.pixel.StoredValues}
 * (Bits Stored, High Bit, sign), {@link dev.aperture.pixel.PixelPipeline} (Modality LUT or
 * {@link dev.aperture.pixel.Rescale}, VOI {@link dev.aperture.pixel.Window} or LUT, Presentation
 * LUT Shape, folded into one table), {@link dev.aperture.pixel.Palette} colour expansion,
 * {@link dev.aperture.pixel.ColorConversion} (YBR to RGB) and {@link dev.aperture.pixel.Overlay}
 * burn-in.
 *
 * <p>Works on {@link dev.aperture.image.Samples} and plain parameters, never on a dataset: the
 * frame API reads the attributes and passes them here. Depends on {@code dev.aperture.imaging}
 * and {@code dev.aperture.image}.
 */
package dev.aperture.pixel;
