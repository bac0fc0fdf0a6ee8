// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

/** Lets tests in other packages compare primitive arrays of any type. */
public final class RleOracleTestAccess {

    private RleOracleTestAccess() {
    }

    /** Asserts equal primitive arrays of the same type. */
    public static void assertArrayEqualsAny(Object expected, Object actual, String what) {
        RleOracleTest.assertArrayEqualsAny(expected, actual, what);
    }
}
