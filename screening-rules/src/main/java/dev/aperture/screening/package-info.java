// SPDX-License-Identifier: Apache-2.0
/**
 * The screening rules API.
 *
 * <p>Depends on {@code java.base} only; never on imaging-core.
 */
package dev.aperture.screening;
