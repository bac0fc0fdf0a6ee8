// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of DICOM unique identifiers, PS3.6 Annex A: transfer syntaxes, SOP classes,
 * well-known instances, coding schemes and so on.
 *
 * <p>Immutable and thread-safe. {@link #standard()} loads the generated resource once, on first
 * use.
 */
public final class UidDictionary {

    /**
     * One registered UID.
     *
     * <p>Immutable and thread-safe.
     *
     * @param uid     the UID
     * @param name    the PS3.6 name, e.g. "Explicit VR Little Endian"
     * @param keyword the PS3.6 keyword, e.g. "ExplicitVRLittleEndian"; empty for a few retired UIDs
     * @param type    the PS3.6 type: "Transfer Syntax", "SOP Class", "Meta SOP Class",
     *                "Well-known SOP Instance", "Coding Scheme", ...
     * @param retired true when PS3.6 lists the UID as retired
     */
    public record UidEntry(String uid, String name, String keyword, String type, boolean retired) {
        /** Validates the fields. */
        public UidEntry {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(type, "type");
        }
    }

    private static final String RESOURCE = "uids.tsv";

    private final Map<String, Optional<UidEntry>> byUid;
    private final Map<String, Optional<UidEntry>> byKeyword;

    private UidDictionary(Map<String, Optional<UidEntry>> byUid) {
        this.byUid = Collections.unmodifiableMap(byUid);
        Map<String, Optional<UidEntry>> kw = new HashMap<>(2 * byUid.size());
        for (Optional<UidEntry> e : byUid.values()) {
            if (!e.get().keyword().isEmpty()) {
                kw.put(e.get().keyword(), e);
            }
        }
        this.byKeyword = Collections.unmodifiableMap(kw);
    }

    /**
     * Returns the registry of the DICOM standard, loaded once on first use. The edition is named in
     * the header of the resource.
     *
     * @return the shared standard registry
     */
    public static UidDictionary standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final UidDictionary STANDARD = load();
    }

    private static UidDictionary load() {
        Map<String, Optional<UidEntry>> map = new HashMap<>(1024);
        try (InputStream in = UidDictionary.class.getResourceAsStream(RESOURCE)) {
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
                map.put(f[0], Optional.of(new UidEntry(f[0], f[4], f[3], f[1], "R".equals(f[2]))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new UidDictionary(map);
    }

    /**
     * Looks up a UID. Trailing NUL or space padding is not stripped: pass the trimmed value.
     *
     * @param uid the UID
     * @return the entry, or empty when the UID is not registered in PS3.6
     */
    public Optional<UidEntry> entry(String uid) {
        Optional<UidEntry> e = byUid.get(Objects.requireNonNull(uid, "uid"));
        return e == null ? Optional.empty() : e;
    }

    /**
     * Returns the name of a registered UID.
     *
     * @param uid the UID
     * @return the PS3.6 name, or an empty string when the UID is not registered
     */
    public String name(String uid) {
        Optional<UidEntry> e = byUid.get(Objects.requireNonNull(uid, "uid"));
        return e == null ? "" : e.get().name();
    }

    /**
     * Looks up a UID by its PS3.6 keyword (case-sensitive), e.g. {@code "ExplicitVRLittleEndian"}.
     *
     * @param keyword the keyword
     * @return the entry, or empty when no UID has this keyword
     */
    public Optional<UidEntry> byKeyword(String keyword) {
        Optional<UidEntry> e = byKeyword.get(Objects.requireNonNull(keyword, "keyword"));
        return e == null ? Optional.empty() : e;
    }

    /** Returns all entries, for tests. */
    Collection<Optional<UidEntry>> all() {
        return byUid.values();
    }
}
