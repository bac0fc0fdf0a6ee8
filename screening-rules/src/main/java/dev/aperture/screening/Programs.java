// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.List;

/**
 * The screening programmes Aperture knows.
 *
 * <p>Stateless; thread-safe.
 */
public final class Programs {
    private Programs() {
    }

    /** Returns the ids of the built-in programmes, in the order of the screening-case contract. */
    public static List<String> ids() {
        return List.of("bi-rads-5", "uspstf-breast-2024", "lung-rads-2022", "uspstf-lung-2021",
                "fleischner-2017", "aaa-svs-2018", "uspstf-aaa-2019", "dxa-gourlay-2012",
                "uspstf-osteoporosis-2025", "c-rads-2005", "uspstf-colorectal-2021", "ti-rads-2017");
    }
}
