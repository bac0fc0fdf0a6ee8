// SPDX-License-Identifier: Apache-2.0
/**
 * Transfer syntaxes as data, and the registry that maps each to the codecs that decode and
 * encode its pixel data.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image}, {@code dev.aperture.codec}.
 */
package dev.aperture.transfer;
