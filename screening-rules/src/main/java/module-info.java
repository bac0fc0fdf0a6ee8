// SPDX-License-Identifier: Apache-2.0
/**
 * Aperture screening-rules: published screening guidelines and site rules as pure, immutable
 * rule sets that turn a patient, an exam and its findings into a recall decision.
 */
module dev.aperture.screening {
    requires commons.math3;

    exports dev.aperture.screening;
}
