// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

/**
 * Value Representations, PS3.5 6.2.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Vr {
    /** Application Entity. */ AE(Kind.STRING, 0x20, 1, false),
    /** Age String. */ AS(Kind.STRING, 0x20, 1, false),
    /** Attribute Tag. */ AT(Kind.BINARY, 0, 2, false),
    /** Code String. */ CS(Kind.STRING, 0x20, 1, false),
    /** Date. */ DA(Kind.STRING, 0x20, 1, false),
    /** Decimal String. */ DS(Kind.STRING, 0x20, 1, false),
    /** Date Time. */ DT(Kind.STRING, 0x20, 1, false),
    /** Floating Point Double. */ FD(Kind.BINARY, 0, 8, false),
    /** Floating Point Single. */ FL(Kind.BINARY, 0, 4, false),
    /** Integer String. */ IS(Kind.STRING, 0x20, 1, false),
    /** Long String. */ LO(Kind.TEXT_MULTI, 0x20, 1, false),
    /** Long Text. */ LT(Kind.TEXT, 0x20, 1, false),
    /** Other Byte. */ OB(Kind.BINARY, 0, 1, true),
    /** Other Double. */ OD(Kind.BINARY, 0, 8, true),
    /** Other Float. */ OF(Kind.BINARY, 0, 4, true),
    /** Other Long. */ OL(Kind.BINARY, 0, 4, true),
    /** Other 64-bit Very Long. */ OV(Kind.BINARY, 0, 8, true),
    /** Other Word. */ OW(Kind.BINARY, 0, 2, true),
    /** Person Name. */ PN(Kind.TEXT_MULTI, 0x20, 1, false),
    /** Short String. */ SH(Kind.TEXT_MULTI, 0x20, 1, false),
    /** Signed Long. */ SL(Kind.BINARY, 0, 4, false),
    /** Sequence of Items. */ SQ(Kind.SEQUENCE, 0, 1, true),
    /** Signed Short. */ SS(Kind.BINARY, 0, 2, false),
    /** Short Text. */ ST(Kind.TEXT, 0x20, 1, false),
    /** Signed 64-bit Very Long. */ SV(Kind.BINARY, 0, 8, true),
    /** Time. */ TM(Kind.STRING, 0x20, 1, false),
    /** Unlimited Characters. */ UC(Kind.TEXT_MULTI, 0x20, 1, true),
    /** Unique Identifier. */ UI(Kind.STRING, 0x00, 1, false),
    /** Unsigned Long. */ UL(Kind.BINARY, 0, 4, false),
    /** Unknown. */ UN(Kind.BINARY, 0, 1, true),
    /** Universal Resource Identifier. */ UR(Kind.STRING, 0x20, 1, true),
    /** Unsigned Short. */ US(Kind.BINARY, 0, 2, false),
    /** Unlimited Text. */ UT(Kind.TEXT, 0x20, 1, true),
    /** Unsigned 64-bit Very Long. */ UV(Kind.BINARY, 0, 8, true);

    /** How a VR's value is encoded. */
    public enum Kind {
        /** Text in the default repertoire only (ASCII); backslash separates values. */
        STRING,
        /** Text in the Specific Character Set; backslash separates values. */
        TEXT_MULTI,
        /** Text in the Specific Character Set; a single value (backslash is a character). */
        TEXT,
        /** Binary numbers or bytes. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private static final Vr[] BY_CODE = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            String n = vr.name();
            BY_CODE[(n.charAt(0) - 'A') * 26 + (n.charAt(1) - 'A')] = vr;
        }
    }

    private final Kind kind;
    private final int paddingByte;
    private final int unitSize;
    private final boolean longLength;

    Vr(Kind kind, int paddingByte, int unitSize, boolean longLength) {
        this.kind = kind;
        this.paddingByte = paddingByte;
        this.unitSize = unitSize;
        this.longLength = longLength;
    }

    /** Returns how the value is encoded. */
    public Kind kind() {
        return kind;
    }

    /** Returns true for the string VRs (all but binary and sequence). */
    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT_MULTI || kind == Kind.TEXT;
    }

    /** Returns the byte that pads an odd-length value: space for strings, NUL for UI and binary. */
    public int paddingByte() {
        return paddingByte;
    }

    /**
     * Returns the size in bytes of the unit that is byte-swapped between little and big endian
     * (1 for strings, OB and UN; 2 for US, SS, OW and AT; 4 for UL, SL, FL, OF and OL; 8 for FD,
     * OD, SV, UV and OV).
     */
    public int unitSize() {
        return unitSize;
    }

    /**
     * Returns true when explicit VR encoding gives this VR two reserved bytes and a 32-bit length
     * (PS3.5 7.1.2); false for the 16-bit length VRs.
     */
    public boolean hasLongLength() {
        return longLength;
    }

    /**
     * Looks up a VR by its two code bytes.
     *
     * @param b0 first byte of the code
     * @param b1 second byte of the code
     * @return the VR, or null when the bytes are not a defined VR
     */
    public static Vr ofCode(int b0, int b1) {
        int i0 = b0 - 'A';
        int i1 = b1 - 'A';
        if ((i0 | i1) < 0 || i0 >= 26 || i1 >= 26) {
            return null;
        }
        return BY_CODE[i0 * 26 + i1];
    }
}
