// SPDX-License-Identifier: Apache-2.0
/**
 * Deflated Image Frame Compression (transfer syntax 1.2.840.10008.1.2.8.1, PS3.5 8.2.16 and
 * A.4.13): each frame's native little-endian bytes compressed with raw Deflate (RFC 1951).
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.compress},
 * {@code dev.aperture.image}, {@code dev.aperture.codec} and {@code dev.aperture.codec.nativ}.
 * Not exported.
 */
package dev.aperture.codec.deflate;
