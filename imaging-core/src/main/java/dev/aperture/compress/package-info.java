// SPDX-License-Identifier: Apache-2.0
/**
 * Byte-level compression primitives with no DICOM knowledge: PackBits (the run-length scheme of
 * PS3.5 Annex G) and capped raw Deflate.
 *
 * <p>Depends on {@code dev.aperture.imaging} (for its exceptions) and {@code java.base} only.
 * Not exported: the codecs in {@code dev.aperture.codec.*} are its callers.
 */
package dev.aperture.compress;
