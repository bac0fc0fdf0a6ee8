// SPDX-License-Identifier: Apache-2.0
/**
 * Volumes, patient geometry and resampling: {@link dev.aperture.volume.VolumeGeometry} (voxel
 * index to patient LPS millimetres, as a JOML affine), {@link dev.aperture.volume.Volume} (values
 * held once in a primitive array), {@link dev.aperture.volume.SliceStack} (sorting and checking
 * the slices of a series), {@link dev.aperture.volume.Resampler} (nearest, trilinear, cubic,
 * Lanczos-3 and area kernels onto any target grid), {@link dev.aperture.volume.Mpr} (planes and
 * slabs) and {@link dev.aperture.volume.FrameResizer} (2-D resizing of frames).
 *
 * <p>Depends on {@code dev.aperture.imaging} (exceptions), {@code dev.aperture.image} and JOML only;
 * it does not see the DICOM data model. Callers describe slices with
 * {@link dev.aperture.volume.SliceInfo} and supply pixels through a loader.
 */
package dev.aperture.volume;
