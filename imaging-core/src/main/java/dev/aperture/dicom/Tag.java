// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

/**
 * Tags as {@code int}s ({@code group << 16 | element}) and helpers for them.
 *
 * <p>Stateless; thread-safe. Constants for every public tag are in {@link Tags}.
 */
public final class Tag {
    private Tag() {
    }

    /** Item (FFFE,E000). */
    public static final int ITEM = 0xFFFEE000;
    /** Item Delimitation Item (FFFE,E00D). */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** Sequence Delimitation Item (FFFE,E0DD). */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** Pixel Data (7FE0,0010). */
    public static final int PIXEL_DATA = 0x7FE00010;
    /** Float Pixel Data (7FE0,0008). */
    public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    /** Double Float Pixel Data (7FE0,0009). */
    public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    /** Specific Character Set (0008,0005). */
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    /** Transfer Syntax UID (0002,0010). */
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;

    /** Builds a tag from its group and element numbers. */
    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    /** Returns the group number. */
    public static int group(int tag) {
        return tag >>> 16;
    }

    /** Returns the element number. */
    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Returns true for a private tag (odd group, other than the reserved groups 1, 3, 5, 7, FFFF). */
    public static boolean isPrivate(int tag) {
        int g = tag >>> 16;
        return (g & 1) != 0 && g > 7 && g != 0xFFFF;
    }

    /** Returns true for a Private Creator Data Element (gggg,0010-00FF) in an odd group. */
    public static boolean isPrivateCreator(int tag) {
        int e = tag & 0xFFFF;
        return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
    }

    /** Returns true for a group length element (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return (tag & 0xFFFF) == 0;
    }

    /** Compares tags as unsigned numbers, the order of elements in a dataset. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }

    /** Formats a tag as {@code (GGGG,EEEE)} with upper-case hex digits. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** Formats a tag as eight upper-case hex digits, the key of the DICOM JSON model. */
    public static String toHex(int tag) {
        String s = Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
        return "00000000".substring(s.length()) + s;
    }
}
