// SPDX-License-Identifier: Apache-2.0
/**
 * The frame API over a dataset: {@link dev.aperture.dicom.pixel.ImagePixel} reads the Image
 * Pixel Module, {@link dev.aperture.dicom.pixel.PixelFrames} locates and decodes frames.
 *
 * <p>Depends on {@code dev.aperture.dicom}, {@code dev.aperture.dicom.io},
 * {@code dev.aperture.transfer} and the codecs.
 */
package dev.aperture.dicom.pixel;
