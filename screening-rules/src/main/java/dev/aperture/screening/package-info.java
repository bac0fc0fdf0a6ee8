// SPDX-License-Identifier: Apache-2.0
/**
 * The screening rules API: published screening programmes that turn a case (patient, exam,
 * findings and an as-of date) into a {@link dev.aperture.screening.Decision} with the guideline
 * rows that justify it; site rules that adjust decisions; and streaming recall worklists.
 *
 * <p>Entry points: {@link dev.aperture.screening.Programmes#standard()} (the twelve programmes of
 * the screening-case contract), {@link dev.aperture.screening.ScreeningCase} (cases from JSON or
 * Java values), {@link dev.aperture.screening.SiteRules} and {@link dev.aperture.screening.Worklist}.
 * Evaluation is pure (no clock, no I/O, no logging), sizes are exact decimals, and every public
 * type is immutable and thread-safe except where its javadoc says otherwise.
 *
 * <p>Depends on {@code java.base} and Commons Math (worklist statistics) only; never on
 * imaging-core. JSON is read by a small strict reader in a non-exported package.
 */
package dev.aperture.screening;
