// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.Objects;

/**
 * One published screening programme (a guideline's decision tables) that turns a case into a
 * {@link Decision}.
 *
 * <p>Evaluation is pure: no clock (the case carries {@code asOf}), no I/O, no logging. Sizes are
 * compared as exact decimals. Immutable and thread-safe: share one instance between threads.
 */
public final class Programme {
    private final String id;
    private final String title;
    private final String version;
    private final String source;
    private final String citation;
    private final Rules rules;
    /** True when the rules have a typed path ({@link Rules#fast}). */
    private final boolean typed;

    Programme(String id, String title, String version, String source, String citation, Rules rules) {
        this.id = id;
        this.title = title;
        this.version = version;
        this.source = source;
        this.citation = citation;
        this.rules = rules;
        this.typed = rules.typed();
    }

    /** @return the programme id of the contract, e.g. {@code lung-rads-2022} */
    public String id() {
        return id;
    }

    /** @return a human-readable title */
    public String title() {
        return title;
    }

    /** @return the guideline version or date */
    public String version() {
        return version;
    }

    /** @return the bibliographic source of the guideline */
    public String source() {
        return source;
    }

    /** @return the short citation put in every {@link Rationale} of this programme */
    public String citation() {
        return citation;
    }

    /**
     * Evaluates one case. Invalid input never throws: it gives a decision whose
     * {@link Decision#errors()} name each bad field. A case whose {@code program} is not this
     * programme's id is invalid (error on {@code program}).
     *
     * @param c the case
     * @return the decision
     */
    public Decision evaluate(ScreeningCase c) {
        // The typed path when the programme has one and the case is valid; else the reference
        // path (validation and tables read from the JSON tree, every error reported). Both give
        // the same decision for a valid case. Nothing is remembered between evaluations.
        Objects.requireNonNull(c, "case");
        if (typed) {
            Decision d = rules.fast(id, c);
            if (d != null) {
                return d;
            }
        }
        return decide(CaseView.of(c, id));
    }

    /**
     * The reference path: the validating {@link CaseView} constructor and the rules read from the
     * JSON tree, without a typed path or the one-pass common fields (tests compare with it).
     */
    Decision evaluateReference(ScreeningCase c) {
        return decide(new CaseView(c, id));
    }

    private Decision decide(CaseView v) {
        Out out = new Out(citation);
        rules.evaluate(v, out);
        return out.build(v);
    }

    @Override
    public String toString() {
        return "Programme[" + id + "]";
    }
}
