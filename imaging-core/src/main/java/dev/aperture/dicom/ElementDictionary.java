// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The DICOM data dictionary of PS3.6: keyword, name, VR, VM and retirement of every public
 * attribute, including the repeating groups ({@code 50xx}, {@code 60xx}, {@code 7Fxx}) and element
 * ranges ({@code (0020,31xx)}, {@code (0028,04x0)}, {@code (1000,xxx0)}, ...), which are matched
 * through masks.
 *
 * <p>Immutable and thread-safe. {@link #standard()} loads the generated resource once, on first
 * use. Look-ups of exact tags allocate nothing (a binary search over a sorted {@code int[]}).
 */
public final class ElementDictionary {

    /**
     * One attribute of the dictionary.
     *
     * <p>Immutable and thread-safe.
     *
     * @param tag     the tag; for a repeating-group attribute, the tag that was looked up (or the
     *                first group when found by keyword)
     * @param keyword the PS3.6 keyword, empty for the few retired attributes that have none
     * @param name    the PS3.6 name, possibly empty for the same attributes
     * @param vrs     the allowed VRs, several for entries such as "US or SS"; empty for the item
     *                and delimitation tags, which have no VR
     * @param vm      the value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n", ...)
     * @param retired true when PS3.6 lists the attribute as retired
     */
    public record Entry(int tag, String keyword, String name, List<Vr> vrs, String vm, boolean retired) {
        /** Validates and copies the fields. */
        public Entry {
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(name, "name");
            vrs = List.copyOf(vrs);
            Objects.requireNonNull(vm, "vm");
        }
    }

    private static final String RESOURCE = "elements.tsv";

    // Exact tags: sorted (unsigned) with parallel arrays.
    private final int[] tags;
    private final Entry[] entries;
    private final Optional<Entry>[] optionals;
    private final Vr[] vrs;
    // Repeating groups and element ranges: (tag & masks[i]) == values[i].
    private final int[] masks;
    private final int[] values;
    private final Entry[] maskedEntries;
    private final Vr[] maskedVrs;
    private final Map<String, Integer> byKeyword;

    private ElementDictionary(List<Entry> exact, List<Entry> masked, int[] masks, int[] values) {
        int n = exact.size();
        exact.sort((a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        this.tags = new int[n];
        this.entries = exact.toArray(new Entry[0]);
        @SuppressWarnings("unchecked")
        Optional<Entry>[] opts = new Optional[n];
        this.optionals = opts;
        this.vrs = new Vr[n];
        Map<String, Integer> kw = new HashMap<>(2 * (n + masked.size()));
        for (int i = 0; i < n; i++) {
            Entry e = entries[i];
            tags[i] = e.tag();
            optionals[i] = Optional.of(e);
            vrs[i] = e.vrs().isEmpty() ? Vr.UN : e.vrs().get(0);
            if (!e.keyword().isEmpty()) {
                kw.put(e.keyword(), e.tag());
            }
        }
        this.masks = masks;
        this.values = values;
        this.maskedEntries = new Entry[masked.size()];
        this.maskedVrs = new Vr[maskedEntries.length];
        for (int i = 0; i < maskedEntries.length; i++) {
            Entry p = masked.get(i);
            Entry e = new Entry(firstTag(masks[i], values[i]), p.keyword(), p.name(), p.vrs(), p.vm(), p.retired());
            maskedEntries[i] = e;
            maskedVrs[i] = e.vrs().isEmpty() ? Vr.UN : e.vrs().get(0);
            kw.put(e.keyword(), e.tag());
        }
        this.byKeyword = Collections.unmodifiableMap(kw);
    }

    /**
     * The smallest tag a pattern matches that is neither listed exactly nor a group length, as in
     * {@code tools/generate-dictionary.py}: (0028,04x0) gives (0028,0410), since (0028,0400) is
     * Transform Label.
     */
    private int firstTag(int mask, int value) {
        int t = value;
        while ((t & mask) != value || exactIndex(t) >= 0 || (t & 0xFFFF) == 0) {
            t++;
        }
        return t;
    }

    /**
     * Returns the dictionary of the DICOM standard, loaded once on first use. The edition is named
     * in the header of the resource and of {@link Tags}.
     *
     * @return the shared standard dictionary
     */
    public static ElementDictionary standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ElementDictionary STANDARD = load();
    }

    private static ElementDictionary load() {
        List<Entry> exact = new ArrayList<>(5000);
        List<Entry> masked = new ArrayList<>(100);
        List<int[]> maskValues = new ArrayList<>(100);
        try (InputStream in = ElementDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String pattern = f[0];
                int mask = 0;
                int value = 0;
                for (int i = 0; i < 8; i++) {
                    char c = pattern.charAt(i);
                    mask <<= 4;
                    value <<= 4;
                    if (c != 'x') {
                        mask |= 0xF;
                        value |= Character.digit(c, 16);
                    }
                }
                Entry e = new Entry(value, f[4], f[5], parseVrs(f[1]), f[2], "R".equals(f[3]));
                if (mask == -1) {
                    exact.add(e);
                } else {
                    masked.add(e);
                    maskValues.add(new int[] {mask, value});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        int[] masks = new int[masked.size()];
        int[] values = new int[masked.size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = maskValues.get(i)[0];
            values[i] = maskValues.get(i)[1];
        }
        return new ElementDictionary(exact, masked, masks, values);
    }

    private static List<Vr> parseVrs(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String[] parts = s.split(" or ");
        Vr[] out = new Vr[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Vr.valueOf(parts[i]);
        }
        return List.of(out);
    }

    /** Index into the exact arrays, or -1. */
    private int exactIndex(int tag) {
        int lo = 0;
        int hi = tags.length - 1;
        int key = tag ^ Integer.MIN_VALUE; // unsigned order as signed
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = tags[mid] ^ Integer.MIN_VALUE;
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Index into the masked arrays, or -1; private tags never match a public range. */
    private int maskedIndex(int tag) {
        if (Tag.isPrivate(tag)) {
            return -1;
        }
        for (int i = 0; i < masks.length; i++) {
            if ((tag & masks[i]) == values[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the dictionary entry of a public tag. Group lengths (gggg,0000) not listed in PS3.6
     * and private tags have no entry.
     *
     * @param tag the tag
     * @return the entry; for a repeating-group attribute its {@code tag} is the one looked up
     */
    public Optional<Entry> entry(int tag) {
        int i = exactIndex(tag);
        if (i >= 0) {
            return optionals[i];
        }
        if (Tag.isGroupLength(tag)) {
            return Optional.empty();
        }
        int m = maskedIndex(tag);
        if (m < 0) {
            return Optional.empty();
        }
        Entry e = maskedEntries[m];
        return Optional.of(new Entry(tag, e.keyword(), e.name(), e.vrs(), e.vm(), e.retired()));
    }

    /**
     * Returns the keyword of a public tag.
     *
     * @param tag the tag
     * @return the PS3.6 keyword, or an empty string when the tag is unknown or private
     */
    public String keyword(int tag) {
        int i = exactIndex(tag);
        if (i >= 0) {
            return entries[i].keyword();
        }
        if (Tag.isGroupLength(tag)) {
            return "";
        }
        int m = maskedIndex(tag);
        return m < 0 ? "" : maskedEntries[m].keyword();
    }

    /**
     * Returns the name of a public tag.
     *
     * @param tag the tag
     * @return the PS3.6 name, or an empty string when the tag is unknown or private
     */
    public String name(int tag) {
        int i = exactIndex(tag);
        if (i >= 0) {
            return entries[i].name();
        }
        if (Tag.isGroupLength(tag)) {
            return "";
        }
        int m = maskedIndex(tag);
        return m < 0 ? "" : maskedEntries[m].name();
    }

    /**
     * Returns the VR with which to decode a value of this tag in implicit VR transfer syntaxes: the
     * first VR of the entry (callers resolve "US or SS", "OB or OW" and the like from context), UL
     * for group lengths (gggg,0000), LO for private creators (gggg,0010-00FF) in odd groups, and
     * UN for everything else that is unknown, including the item and delimitation tags.
     *
     * @param tag the tag
     * @return the VR, never null
     */
    public Vr vr(int tag) {
        int i = exactIndex(tag);
        if (i >= 0) {
            return vrs[i];
        }
        if (Tag.isGroupLength(tag)) {
            return Vr.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return Vr.LO;
        }
        int m = maskedIndex(tag);
        return m < 0 ? Vr.UN : maskedVrs[m];
    }

    /**
     * Looks up a tag by its PS3.6 keyword (case-sensitive). Repeating-group attributes give their
     * first group, e.g. {@code OverlayData} gives (6000,3000).
     *
     * @param keyword the keyword
     * @return the tag, or empty when no attribute has this keyword
     */
    public OptionalInt tag(String keyword) {
        Integer t = byKeyword.get(Objects.requireNonNull(keyword, "keyword"));
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }

    /** Returns the number of entries (exact tags plus repeating-group patterns). */
    int size() {
        return tags.length + masks.length;
    }

    /** Returns the exact tags, sorted, for tests. */
    int[] exactTags() {
        return Arrays.copyOf(tags, tags.length);
    }
}
