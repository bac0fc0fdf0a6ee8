// SPDX-License-Identifier: Apache-2.0
/**
 * Rendering of display samples to {@link java.awt.image.BufferedImage} and PNG, kept apart from
 * {@code dev.aperture.pixel} so that only this package needs {@code java.desktop}.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image}, {@code dev.aperture.pixel}
 * and {@code java.desktop}.
 */
package dev.aperture.render;
