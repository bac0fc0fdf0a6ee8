// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import dev.aperture.screening.internal.json.JsonSyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One screening case: patient, exam, findings and the as-of date, in the shape of the
 * screening-case contract (§1, §2). A case is not validated when it is created; validation is
 * part of evaluation and yields field-level errors in the {@link Decision}.
 *
 * <p>Numbers keep their exact decimal value. Immutable and thread-safe.
 */
public final class ScreeningCase {
    /**
     * The Lung-RADS packed form ({@link LungRadsFast#pack}), built once with the case, or null
     * (not a Lung-RADS case, or a field of a wrong type: the reference path reads the tree).
     * Never modified after construction, never exposed.
     */
    private final int[] lungRads;
    /** The case id as the common fields read it, when {@link #lungRads} is set. */
    private final String lungRadsId;
    /** The first {@code program} member when it is a string, else null (read once). */
    private final String program;
    /** The first {@code id} member when it is a string, else null (read once). */
    private final String id;
    private final LocalDate asOfOverride;
    /**
     * The JSON tree, or null for a parsed case that has a packed form: then {@link #text} holds
     * the case's text and {@link #root()} parses it again when the tree is needed (the reference
     * path, other programmes), kept compactly ({@link CaseText}). Evaluations of valid Lung-RADS
     * cases never need it; without the tree a case is three small neighbouring objects (about
     * 1 KB of tree objects fewer), so that cold cases lie close together in memory.
     */
    private final JsonNode root;
    private final byte[] text;

    private ScreeningCase(JsonNode root, CharSequence text) {
        JsonNode p = root.get("program");
        this.program = p != null && p.type() == JsonNode.Type.STRING ? p.string() : null;
        JsonNode i = root.get("id");
        this.id = i != null && i.type() == JsonNode.Type.STRING ? i.string() : null;
        this.asOfOverride = null;
        CommonFields cf = LungRadsFast.commonFields(root);
        int[] packed = cf == null ? null : LungRadsFast.pack(cf);
        this.lungRads = packed;
        this.lungRadsId = packed == null ? null : cf.id;
        byte[] compact = packed == null || text == null ? null : CaseText.pack(text.toString());
        this.text = compact;
        this.root = compact == null ? root : null; // the tree when there is no compact text
    }

    private ScreeningCase(ScreeningCase c, LocalDate asOfOverride) {
        this.lungRads = c.lungRads;
        this.lungRadsId = c.lungRadsId;
        this.program = c.program;
        this.id = c.id;
        this.asOfOverride = asOfOverride;
        this.root = c.root;
        this.text = c.text;
    }

    /**
     * Parses one case from JSON text.
     *
     * @param json the text of one JSON object
     * @return the case
     * @throws ScreeningFormatException if the text is not JSON or not an object
     */
    public static ScreeningCase parse(CharSequence json) {
        return parse(json, "<case>");
    }

    /**
     * Parses one case from JSON text, naming the source in errors.
     *
     * @param json   the text of one JSON object
     * @param source a name for the text (for example the file name)
     * @return the case
     * @throws ScreeningFormatException if the text is not JSON or not an object
     */
    public static ScreeningCase parse(CharSequence json, String source) {
        JsonNode n = readCase(json, source);
        if (!n.isObject()) {
            throw new ScreeningFormatException(source, n.line(), n.column(), "", "a case must be a JSON object");
        }
        return new ScreeningCase(n, json);
    }

    /**
     * Parses a case file: one case object, or an array of case objects.
     *
     * @param json   the text
     * @param source a name for the text (for example the file name)
     * @return the cases, in order
     * @throws ScreeningFormatException if the text is not JSON, or not an object or array of objects
     */
    public static List<ScreeningCase> parseAll(CharSequence json, String source) {
        JsonNode n = readCase(json, source);
        if (n.isObject()) {
            return List.of(new ScreeningCase(n, null));
        }
        if (!n.isArray()) {
            throw new ScreeningFormatException(source, n.line(), n.column(), "",
                    "expected a case object or an array of case objects");
        }
        List<JsonNode> items = n.items();
        List<ScreeningCase> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode c = items.get(i);
            if (!c.isObject()) {
                throw new ScreeningFormatException(source, c.line(), c.column(), "[" + i + "]",
                        "array item is not a case object");
            }
            out.add(new ScreeningCase(c, null));
        }
        return out;
    }

    /**
     * Builds a case from plain Java values: {@code Map<String, ?>} for objects, {@code List} for
     * arrays, {@code String}, {@code BigDecimal}/{@code Integer}/{@code Long} for numbers,
     * {@code Boolean}, and anything else (a {@code LocalDate}, say) through {@code toString()}.
     *
     * @param fields the case's top-level fields, as in the contract
     * @return the case
     * @throws IllegalArgumentException if a nested map has a non-string key
     */
    public static ScreeningCase of(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        return new ScreeningCase(JsonNode.fromJava(fields), null);
    }

    static ScreeningCase ofNode(JsonNode node) {
        return new ScreeningCase(node, null);
    }

    /** Reads case text: leaves shared between cases (case errors name fields, not positions). */
    private static JsonNode readCase(CharSequence json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        try {
            return JsonReader.parseShared(json, 1);
        } catch (JsonSyntaxException e) {
            throw new ScreeningFormatException(source, e.line(), e.column(), "", e.reason());
        }
    }

    static JsonNode read(CharSequence json, String source, int firstLine) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        try {
            return JsonReader.parse(json, firstLine);
        } catch (JsonSyntaxException e) {
            throw new ScreeningFormatException(source, e.line(), e.column(), "", e.reason());
        }
    }

    /**
     * Returns a copy whose as-of date is {@code asOf}, whatever the case's own {@code asOf} says
     * (worklists evaluate a population at one date).
     *
     * @param asOf the evaluation date
     * @return the copy
     */
    public ScreeningCase withAsOf(LocalDate asOf) {
        return new ScreeningCase(this, Objects.requireNonNull(asOf, "asOf"));
    }

    /** @return the case's {@code id} when it is a string */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** @return the case's {@code program} when it is a string */
    public Optional<String> program() {
        return Optional.ofNullable(program);
    }

    JsonNode root() {
        // The text parsed once already: the same tree again, no error possible.
        return root != null ? root : JsonReader.parseShared(CaseText.unpack(text), 1);
    }

    LocalDate asOfOverride() {
        return asOfOverride;
    }

    /** @return the {@code program} member when it is a string, else null */
    String programId() {
        return program;
    }

    int[] lungRads() {
        return lungRads;
    }

    String lungRadsId() {
        return lungRadsId;
    }

    @Override
    public String toString() {
        // Never the content: it is patient data.
        return "ScreeningCase[" + program().orElse("?") + "]";
    }
}
