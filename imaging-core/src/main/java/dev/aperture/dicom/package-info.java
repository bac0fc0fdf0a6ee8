// SPDX-License-Identifier: Apache-2.0
/**
 * The DICOM data model: {@link dev.aperture.dicom.Tag}, {@link dev.aperture.dicom.Vr} and the
 * immutable datasets built from them.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image} and {@code java.base}.
 */
package dev.aperture.dicom;
