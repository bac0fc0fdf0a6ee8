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
    /** True when the rules have a typed form of a case ({@link Rules#prepare}). */
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
        return evaluate(c, true);
    }

    /**
     * Evaluates one case. A case found valid is remembered on the case; when the same case is
     * evaluated again its typed form is built and kept, and every later evaluation decides from
     * it alone (programmes that have one: Lung-RADS). A case evaluated once costs only the
     * reference path. {@code keep} false (worklists: each case is evaluated once) remembers nothing.
     */
    Decision evaluate(ScreeningCase c, boolean keep) {
        Objects.requireNonNull(c, "case");
        Object t = c.prepared();
        if (t instanceof PreparedCase && ((PreparedCase) t).programme == this) {
            return ((PreparedCase) t).evaluate(); // validated before: typed values only
        }
        CaseView v = new CaseView(c, id);
        Out out = new Out(citation);
        rules.evaluate(v, out);
        if (keep && typed && !v.hasErrors()) {
            if (t != this) {
                c.prepared(this); // first valid evaluation by this programme: remember it only
            } else {
                // Evaluated again: keep the typed form, and decide from it now as on every later call.
                PreparedCase p = rules.prepare(this, v);
                if (p != null) {
                    c.prepared(p);
                    return p.evaluate();
                }
            }
        }
        return out.build(v);
    }

    /** The reference path: validation and decision from the JSON tree, without a typed form (tests). */
    Decision evaluateReference(ScreeningCase c) {
        CaseView v = new CaseView(c, id);
        Out out = new Out(citation);
        rules.evaluate(v, out);
        return out.build(v);
    }

    @Override
    public String toString() {
        return "Programme[" + id + "]";
    }
}
