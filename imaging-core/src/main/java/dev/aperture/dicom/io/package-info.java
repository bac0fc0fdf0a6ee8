// SPDX-License-Identifier: Apache-2.0
/**
 * Streaming DICOM Part 10 input and output: {@link dev.aperture.dicom.io.DicomReader},
 * {@link dev.aperture.dicom.io.DicomParser} and {@link dev.aperture.dicom.io.DicomWriter}.
 *
 * <p>Depends on {@code dev.aperture.dicom}, {@code dev.aperture.transfer} and the kernel.
 */
package dev.aperture.dicom.io;
