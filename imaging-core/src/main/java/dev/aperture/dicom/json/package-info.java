// SPDX-License-Identifier: Apache-2.0
/**
 * The DICOM JSON Model (PS3.18 Annex F): {@link dev.aperture.dicom.json.DicomJson}.
 *
 * <p>Depends on {@code dev.aperture.dicom} and the kernel.
 */
package dev.aperture.dicom.json;
