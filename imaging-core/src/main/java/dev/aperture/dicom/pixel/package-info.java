// SPDX-License-Identifier: Apache-2.0
/**
 * The frame API over a dataset: {@link dev.aperture.dicom.pixel.ImagePixel} reads the Image
 * Pixel Module, {@link dev.aperture.dicom.pixel.PixelFrames} locates and decodes frames; and the
 * DICOM side of volumes: {@link dev.aperture.dicom.pixel.SeriesVolumes} builds a
 * {@link dev.aperture.dicom.pixel.SeriesVolume} from a series of single-frame images or an
 * enhanced multi-frame object, {@link dev.aperture.dicom.pixel.DerivedSeries} writes a volume
 * back as a derived series.
 *
 * <p>Depends on {@code dev.aperture.dicom}, {@code dev.aperture.dicom.io},
 * {@code dev.aperture.transfer}, the codecs, and {@code dev.aperture.volume} (which does not see
 * the DICOM data model).
 */
package dev.aperture.dicom.pixel;
