// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Placeholder until the full implementation lands (single-byte sets and UTF-8 only).
 *
 * <p>Immutable and thread-safe.
 */
public final class SpecificCharacterSet {
    /** The default repertoire (ISO_IR 6). */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.US_ASCII, List.of());

    private final Charset charset;
    private final List<String> unknown;

    private SpecificCharacterSet(Charset charset, List<String> unknown) {
        this.charset = charset;
        this.unknown = unknown;
    }

    /** Returns the character set for the values of (0008,0005). */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms.length == 0 || definedTerms[0].isBlank()) {
            return DEFAULT;
        }
        String t = definedTerms[0].strip();
        switch (t) {
            case "ISO_IR 192":
                return new SpecificCharacterSet(StandardCharsets.UTF_8, List.of());
            case "ISO_IR 100":
                return new SpecificCharacterSet(StandardCharsets.ISO_8859_1, List.of());
            default:
                return new SpecificCharacterSet(StandardCharsets.ISO_8859_1, List.of(t));
        }
    }

    /** Returns the defined terms that were not recognised. */
    public List<String> unknownTerms() {
        return unknown;
    }

    /** Returns true when bytes below 0x80 always mean ASCII. */
    public boolean isAsciiCompatible() {
        return true;
    }

    /** Decodes bytes. */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        return new String(bytes, offset, length, charset);
    }

    /** Encodes a string. */
    public byte[] encode(String s, boolean personName) {
        return s.getBytes(charset);
    }
}
