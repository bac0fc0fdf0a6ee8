// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A screening site's own rules: a declarative, versioned rule table that overrides or adds
 * actions and intervals after a programme has decided (for example annual rather than routine
 * mammography for dense breasts).
 *
 * <p>Format (JSON; every key is checked, unknown keys are errors):
 *
 * <pre>{@code
 * {
 *   "format": "aperture-site-rules", "formatVersion": 1,
 *   "site": "Example Breast Centre", "version": "2025.1",
 *   "rules": [
 *     {"id": "SITE-DENSE-ANNUAL", "description": "...", "program": "bi-rads-5",
 *      "when": {"category": ["1", "2"], "secondaryCategory": ["c", "d"]},
 *      "then": {"action": "ROUTINE_SCREENING", "recallMonths": 12}}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code when} (all given conditions must hold; lists mean "any of"): {@code category},
 * {@code secondaryCategory}, {@code action}, {@code firedRule} (a row ID in the rationale),
 * {@code riskFactor} (the patient has one of them), {@code sex}, {@code minAge}, {@code maxAge}
 * (completed years at {@code asOf}, inclusive). {@code then} (each key given replaces the
 * decision's value): {@code action}, {@code recallMonths} (or {@code recallMonthsMin} with
 * {@code recallMonthsMax}; {@code null} clears the interval), {@code discretionary},
 * {@code alsoConsider}. Intervals are counted from {@code exam.date}, or due at {@code asOf} when
 * the case has no exam. The first matching rule for the case's programme applies, and its id is
 * appended to the rationale with the citation "SITE site rules VERSION".
 *
 * <p>A table can override the action and interval of any built-in programme: match a row ID
 * with {@code firedRule} (every decision cites its GUIDELINES.md rows), or every decision of a
 * programme with an empty {@code when}; {@code SiteRulesOverrideTest} does so for every row that
 * fires on seeded cases of all twelve programmes.
 *
 * <p>The built-in programmes themselves stay code rather than tables of this form: a table
 * matches on a decision already made, while the guidelines need what such a table cannot say
 * without becoming a small programming language: derived values (mean of two axes rounded
 * half-up to 0.1 mm, growth over a 12-month window, TI-RADS points summed over five features,
 * completed years of age), the worst of several findings and stepped management from a prior
 * category (Lung-RADS, C-RADS), and about forty validation rules whose errors name fields. The
 * parts that are plain tables (actions and intervals per category) are the parts a site
 * overrides, and that is what this format covers.
 *
 * <p>Immutable and thread-safe.
 */
public final class SiteRules {
    private static final String FORMAT = "aperture-site-rules";
    private static final SiteRules NONE = new SiteRules("", "", List.of());
    private static final Set<String> TOP_KEYS = Set.of("format", "formatVersion", "site", "version", "description",
            "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "program", "when", "then");
    private static final Set<String> WHEN_KEYS = Set.of("category", "secondaryCategory", "action", "firedRule",
            "riskFactor", "sex", "minAge", "maxAge");
    private static final Set<String> THEN_KEYS = Set.of("action", "recallMonths", "recallMonthsMin",
            "recallMonthsMax", "discretionary", "alsoConsider");

    private final String site;
    private final String version;
    private final List<Rule> rules;

    private SiteRules(String site, String version, List<Rule> rules) {
        this.site = site;
        this.version = version;
        this.rules = rules;
    }

    /** @return rules that change nothing */
    public static SiteRules none() {
        return NONE;
    }

    /** @return the site name */
    public String site() {
        return site;
    }

    /** @return the rule table's version */
    public String version() {
        return version;
    }

    /** @return the number of rules */
    public int size() {
        return rules.size();
    }

    /** @return true when there are no rules */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** @return the rule ids, in order */
    public List<String> ruleIds() {
        return rules.stream().map(r -> r.id).toList();
    }

    /** One validated rule. */
    private record Rule(String id, String program, Set<String> category, Set<String> secondaryCategory,
                        Set<Action> action, Set<String> firedRule, Set<String> riskFactor, String sex,
                        Integer minAge, Integer maxAge, Action thenAction, boolean setsRecall, Integer recallMin,
                        Integer recallMax, Boolean discretionary, List<Action> alsoConsider) {
    }

    /**
     * Parses and validates a rule table.
     *
     * @param json   the text
     * @param source a name for the text (the file name) used in errors
     * @param known  the programmes rules may refer to
     * @return the rules
     * @throws ScreeningFormatException naming source, line, column and field of the first problem
     */
    public static SiteRules parse(CharSequence json, String source, Programmes known) {
        Objects.requireNonNull(known, "known");
        JsonNode root = ScreeningCase.read(json, source, 1);
        Loader l = new Loader(source);
        l.object(root, "", TOP_KEYS);
        String format = l.string(root, "", "format", true);
        if (!FORMAT.equals(format)) {
            throw l.fail(root.get("format"), "format", "must be \"" + FORMAT + "\"");
        }
        JsonNode fv = l.require(root, "", "formatVersion");
        if (fv.type() != JsonNode.Type.NUMBER || fv.number().compareTo(BigDecimal.ONE) != 0) {
            throw l.fail(fv, "formatVersion", "unsupported format version (this reader knows 1)");
        }
        String site = l.string(root, "", "site", true);
        String version = l.string(root, "", "version", true);
        l.string(root, "", "description", false);
        JsonNode rulesNode = l.require(root, "", "rules");
        if (!rulesNode.isArray()) {
            throw l.fail(rulesNode, "rules", "must be an array");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        List<JsonNode> items = rulesNode.items();
        for (int i = 0; i < items.size(); i++) {
            String p = "rules[" + i + "]";
            JsonNode r = items.get(i);
            l.object(r, p, RULE_KEYS);
            String id = l.string(r, p, "id", true);
            if (id.isEmpty() || !ids.add(id)) {
                throw l.fail(r.get("id"), p + ".id", id.isEmpty() ? "must not be empty" : "duplicate rule id");
            }
            l.string(r, p, "description", false);
            String program = l.string(r, p, "program", true);
            if (known.get(program).isEmpty()) {
                throw l.fail(r.get("program"), p + ".program", "unknown program");
            }
            JsonNode when = l.require(r, p, "when");
            String wp = p + ".when";
            l.object(when, wp, WHEN_KEYS);
            Set<String> category = l.strings(when, wp, "category", null);
            Set<String> secondary = l.strings(when, wp, "secondaryCategory", null);
            Set<Action> action = l.actions(when, wp, "action");
            Set<String> fired = l.strings(when, wp, "firedRule", null);
            Set<String> risk = l.strings(when, wp, "riskFactor", CaseView.RISK_FACTORS);
            String sex = l.string(when, wp, "sex", false);
            if (sex != null && !CaseView.SEXES.contains(sex)) {
                throw l.fail(when.get("sex"), wp + ".sex", "unknown value");
            }
            Integer minAge = l.integer(when, wp, "minAge", 0);
            Integer maxAge = l.integer(when, wp, "maxAge", 0);
            JsonNode then = l.require(r, p, "then");
            String tp = p + ".then";
            l.object(then, tp, THEN_KEYS);
            if (then.members().isEmpty()) {
                throw l.fail(then, tp, "must change something");
            }
            Action thenAction = null;
            if (CaseView.field(then, "action") != null) {
                thenAction = l.action(then.get("action"), tp + ".action");
            }
            boolean hasSingle = then.get("recallMonths") != null;
            boolean hasMin = then.get("recallMonthsMin") != null;
            boolean hasMax = then.get("recallMonthsMax") != null;
            if (hasSingle && (hasMin || hasMax)) {
                throw l.fail(then.get("recallMonthsMin") != null ? then.get("recallMonthsMin")
                        : then.get("recallMonthsMax"), tp, "give recallMonths or recallMonthsMin/Max, not both");
            }
            if (hasMin != hasMax) {
                throw l.fail(then, tp + (hasMin ? ".recallMonthsMax" : ".recallMonthsMin"),
                        "recallMonthsMin and recallMonthsMax go together");
            }
            Integer min = null;
            Integer max = null;
            if (hasSingle) {
                min = l.integer(then, tp, "recallMonths", 1);
                max = min;
            } else if (hasMin) {
                min = l.integer(then, tp, "recallMonthsMin", 1);
                max = l.integer(then, tp, "recallMonthsMax", 1);
                if (min != null && max != null && max < min) {
                    throw l.fail(then.get("recallMonthsMax"), tp + ".recallMonthsMax", "must be >= recallMonthsMin");
                }
                if ((min == null) != (max == null)) {
                    throw l.fail(then, tp, "recallMonthsMin and recallMonthsMax must both be null or both set");
                }
            }
            Boolean disc = null;
            JsonNode dn = CaseView.field(then, "discretionary");
            if (dn != null) {
                if (dn.type() != JsonNode.Type.BOOLEAN) {
                    throw l.fail(dn, tp + ".discretionary", "must be a boolean");
                }
                disc = dn.bool();
            }
            Set<Action> also = l.actions(then, tp, "alsoConsider");
            rules.add(new Rule(id, program, category, secondary, action, fired, risk, sex, minAge, maxAge,
                    thenAction, hasSingle || hasMin, min, max, disc, also == null ? null : List.copyOf(also)));
        }
        return new SiteRules(site, version, List.copyOf(rules));
    }

    /** Applies the first matching rule to a valid decision of {@code p}. */
    Decision apply(Programme p, ScreeningCase c, Decision d) {
        CaseView v = null;
        for (Rule r : rules) {
            if (!r.program.equals(p.id())) {
                continue;
            }
            if (v == null) {
                v = CaseView.of(c, p.id());
            }
            if (matches(r, v, d)) {
                return override(r, v, d);
            }
        }
        return d;
    }

    private static boolean matches(Rule r, CaseView v, Decision d) {
        if (r.category != null && !r.category.contains(d.category().orElse(null))) {
            return false;
        }
        if (r.secondaryCategory != null && !r.secondaryCategory.contains(d.secondaryCategory().orElse(null))) {
            return false;
        }
        if (r.action != null && !r.action.contains(d.action().orElse(null))) {
            return false;
        }
        if (r.firedRule != null && d.rationale().stream().noneMatch(x -> r.firedRule.contains(x.rule()))) {
            return false;
        }
        if (r.riskFactor != null && v.riskFactors.stream().noneMatch(r.riskFactor::contains)) {
            return false;
        }
        if (r.sex != null && !r.sex.equals(v.sex)) {
            return false;
        }
        if (r.minAge != null || r.maxAge != null) {
            int age = v.age(v.asOf);
            if ((r.minAge != null && age < r.minAge) || (r.maxAge != null && age > r.maxAge)) {
                return false;
            }
        }
        return true;
    }

    private Decision override(Rule r, CaseView v, Decision d) {
        Action action = r.thenAction != null ? r.thenAction : d.action().orElse(null);
        Integer single = d.recallMonths().isPresent() ? d.recallMonths().getAsInt() : null;
        Integer min = d.recallMonthsMin().isPresent() ? d.recallMonthsMin().getAsInt() : null;
        Integer max = d.recallMonthsMax().isPresent() ? d.recallMonthsMax().getAsInt() : null;
        LocalDate due = d.dueDate().orElse(null);
        LocalDate latest = d.dueDateLatest().orElse(null);
        if (r.setsRecall) {
            min = r.recallMin;
            max = r.recallMax;
            single = min != null && min.equals(max) ? min : null;
            if (min == null) {
                due = null;
                latest = null;
            } else if (v.examDate != null) {
                due = v.examDate.plusMonths(min);
                latest = v.examDate.plusMonths(max);
            } else {
                due = v.asOf;
                latest = v.asOf;
            }
        }
        boolean disc = r.discretionary != null ? r.discretionary : d.discretionary();
        List<Action> also = r.alsoConsider != null ? r.alsoConsider : d.alsoConsider();
        List<Rationale> why = new ArrayList<>(d.rationale());
        why.add(new Rationale(r.id, site + " site rules " + version));
        return d.withOverride(action, single, min, max, due, latest, disc, also, why);
    }

    @Override
    public String toString() {
        return "SiteRules[" + site + " " + version + ", " + rules.size() + " rules]";
    }

    /** Validation helpers that fail with source, line, column and field. */
    private static final class Loader {
        private final String source;

        Loader(String source) {
            this.source = source;
        }

        ScreeningFormatException fail(JsonNode at, String field, String reason) {
            return new ScreeningFormatException(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                    field, reason);
        }

        void object(JsonNode n, String path, Set<String> allowed) {
            if (!n.isObject()) {
                throw fail(n, path.isEmpty() ? "(root)" : path, "must be an object");
            }
            for (Map.Entry<String, JsonNode> e : n.members().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    throw fail(e.getValue(), join(path, e.getKey()), "unknown field");
                }
            }
        }

        JsonNode require(JsonNode obj, String path, String name) {
            JsonNode n = CaseView.field(obj, name);
            if (n == null) {
                throw fail(obj, join(path, name), "required");
            }
            return n;
        }

        String string(JsonNode obj, String path, String name, boolean required) {
            JsonNode n = CaseView.field(obj, name);
            if (n == null) {
                if (required) {
                    throw fail(obj, join(path, name), "required");
                }
                return null;
            }
            if (n.type() != JsonNode.Type.STRING) {
                throw fail(n, join(path, name), "must be a string");
            }
            return n.string();
        }

        Integer integer(JsonNode obj, String path, String name, int min) {
            JsonNode n = CaseView.field(obj, name);
            if (n == null) {
                return null;
            }
            if (n.type() != JsonNode.Type.NUMBER) {
                throw fail(n, join(path, name), "must be an integer");
            }
            int v;
            try {
                v = n.number().stripTrailingZeros().intValueExact();
            } catch (ArithmeticException e) {
                throw fail(n, join(path, name), "must be an integer");
            }
            if (v < min) {
                throw fail(n, join(path, name), "must be >= " + min);
            }
            if (name.startsWith("recallMonths") && v > CaseView.MAX_MONTHS) {
                throw fail(n, join(path, name), "must be <= " + CaseView.MAX_MONTHS);
            }
            return v;
        }

        Set<String> strings(JsonNode obj, String path, String name, Set<String> vocabulary) {
            JsonNode n = CaseView.field(obj, name);
            if (n == null) {
                return null;
            }
            if (!n.isArray() || n.items().isEmpty()) {
                throw fail(n, join(path, name), "must be a non-empty array of strings");
            }
            Set<String> out = new java.util.LinkedHashSet<>();
            List<JsonNode> items = n.items();
            for (int i = 0; i < items.size(); i++) {
                JsonNode it = items.get(i);
                String p = join(path, name) + "[" + i + "]";
                if (it.type() != JsonNode.Type.STRING) {
                    throw fail(it, p, "must be a string");
                }
                if (vocabulary != null && !vocabulary.contains(it.string())) {
                    throw fail(it, p, "unknown value");
                }
                out.add(it.string());
            }
            return Set.copyOf(out);
        }

        Set<Action> actions(JsonNode obj, String path, String name) {
            JsonNode n = CaseView.field(obj, name);
            if (n == null) {
                return null;
            }
            if (!n.isArray()) {
                throw fail(n, join(path, name), "must be an array of actions");
            }
            Set<Action> out = EnumSet.noneOf(Action.class);
            List<JsonNode> items = n.items();
            for (int i = 0; i < items.size(); i++) {
                out.add(action(items.get(i), join(path, name) + "[" + i + "]"));
            }
            return out;
        }

        Action action(JsonNode n, String path) {
            if (n.type() != JsonNode.Type.STRING) {
                throw fail(n, path, "must be a string");
            }
            for (Action a : Action.values()) {
                if (a.name().equals(n.string())) {
                    return a;
                }
            }
            throw fail(n, path, "unknown action");
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
