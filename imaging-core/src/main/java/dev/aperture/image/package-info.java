// SPDX-License-Identifier: Apache-2.0
/**
 * What codecs see: {@link dev.aperture.image.ImageDescriptor}, {@link dev.aperture.image.Photometric}
 * and the {@link dev.aperture.image.Samples} buffers frames decode into.
 *
 * <p>Depends on {@code dev.aperture.imaging} and {@code java.base} only.
 */
package dev.aperture.image;
