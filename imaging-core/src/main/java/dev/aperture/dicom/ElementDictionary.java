// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

/**
 * Placeholder until the generated dictionary lands.
 *
 * <p>Immutable and thread-safe.
 */
public final class ElementDictionary {
    private static final ElementDictionary STANDARD = new ElementDictionary();

    private ElementDictionary() {
    }

    /** Returns the standard dictionary. */
    public static ElementDictionary standard() {
        return STANDARD;
    }

    /** Returns the VR for implicit VR decoding. */
    public Vr vr(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return Vr.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return Vr.LO;
        }
        switch (tag) {
            case 0x00080005: case 0x00080060: case 0x00280004: return Vr.CS;
            case 0x00080016: case 0x00080018: case 0x0020000D: case 0x0020000E: case 0x00020010: return Vr.UI;
            case 0x00100010: return Vr.PN;
            case 0x00280002: case 0x00280006: case 0x00280010: case 0x00280011: case 0x00280100:
            case 0x00280101: case 0x00280102: case 0x00280103: return Vr.US;
            case 0x00280008: return Vr.IS;
            case 0x7FE00010: return Vr.OW;
            default: return Vr.UN;
        }
    }

    /** Returns the keyword, or an empty string. */
    public String keyword(int tag) {
        return "";
    }
}
