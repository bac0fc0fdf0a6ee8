// SPDX-License-Identifier: Apache-2.0
/**
 * A small, strict JSON reader and writer used by the screening rules for cases, populations and
 * site-rule files. Not exported: callers see only the screening API.
 *
 * <p>Depends on {@code java.base} only. Numbers are read as {@link java.math.BigDecimal}, never
 * through {@code double}; every value remembers the line and column where it starts.
 */
package dev.aperture.screening.internal.json;
