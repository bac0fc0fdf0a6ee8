// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

/**
 * What a decision asks for next (GUIDELINES.md §2.1). {@link #PET_CT} appears only among the
 * alternatives of a decision ({@link Decision#alsoConsider()}).
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Action {
    /** Return to (or start) routine screening at the recall interval. */
    ROUTINE_SCREENING,
    /** Exam incomplete: more views, repeat exam or comparison with priors now. */
    ADDITIONAL_IMAGING,
    /** An earlier-than-routine exam within a screening programme. */
    SHORT_INTERVAL_FOLLOW_UP,
    /** Interval imaging of a known finding outside routine screening. */
    SURVEILLANCE,
    /** Clinical choice among diagnostic CT, PET/CT, tissue sampling and referral. */
    DIAGNOSTIC_WORKUP,
    /** Biopsy or fine-needle aspiration. */
    TISSUE_SAMPLING,
    /** Optical colonoscopy. */
    COLONOSCOPY,
    /** Leave the imaging programme for surgical or clinical management. */
    SPECIALIST_REFERRAL,
    /** No further imaging for this finding. */
    NO_FOLLOW_UP,
    /** A stop rule of a screening recommendation applies. */
    NO_FURTHER_SCREENING,
    /** Outside the population for which the recommendation calls for screening. */
    NOT_ELIGIBLE,
    /** Selectively offer, or insufficient evidence: no default schedule. */
    INDIVIDUAL_DECISION,
    /** The guideline explicitly does not apply; another pathway is needed. */
    OUT_OF_SCOPE,
    /** PET/CT (an alternative only). */
    PET_CT
}
