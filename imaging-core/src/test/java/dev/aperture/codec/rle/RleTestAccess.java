// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.image.Samples;
import java.util.Random;

/** Lets tests in other packages fill samples with noisy runs. */
public final class RleTestAccess {

    private RleTestAccess() {
    }

    /** See {@link RleProperties#fill}. */
    public static void fill(Samples s, Random rnd, int runniness) {
        RleProperties.fill(s, rnd, runniness);
    }
}
