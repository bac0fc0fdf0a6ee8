// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import java.util.Objects;

/**
 * A VOI window: Window Center (0028,1050), Window Width (0028,1051) and the VOI LUT Function
 * (0028,1056), applied to modality values (PS3.3 C.11.2.1.2).
 *
 * <p>Immutable and thread-safe.
 *
 * @param center   Window Center, in modality units
 * @param width    Window Width: at least 1 for LINEAR, above 0 for LINEAR_EXACT and SIGMOID
 * @param function the VOI LUT Function
 */
public record Window(double center, double width, VoiFunction function) {

    /** Validates the width against the function (C.11.2.1.2.1, C.11.2.1.3). */
    public Window {
        Objects.requireNonNull(function, "function");
        if (!Double.isFinite(center) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("center and width must be finite");
        }
        if (function == VoiFunction.LINEAR ? width < 1 : width <= 0) {
            throw new IllegalArgumentException("width must be >= 1 for LINEAR and > 0 otherwise");
        }
    }

    /**
     * A LINEAR window.
     *
     * @param center Window Center
     * @param width  Window Width, at least 1
     * @return the window
     */
    public static Window of(double center, double width) {
        return new Window(center, width, VoiFunction.LINEAR);
    }

    /**
     * Maps a modality value to the output range {@code [yMin, yMax]} with the exact formulas of
     * PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID),
     * before any rounding.
     *
     * @param x    the modality value
     * @param yMin the lowest output
     * @param yMax the highest output
     * @return the output, a real number in {@code [yMin, yMax]}
     */
    public double apply(double x, double yMin, double yMax) {
        double c = center;
        double w = width;
        switch (function) {
            case LINEAR: {
                // if (x <= c - 0.5 - (w-1)/2), then y = ymin
                // else if (x > c - 0.5 + (w-1)/2), then y = ymax
                // else y = ((x - (c - 0.5)) / (w-1) + 0.5) * (ymax - ymin) + ymin
                // For w = 1 both bounds are c - 0.5, so the middle case (which would divide by 0)
                // is never reached.
                if (x <= c - 0.5 - (w - 1) / 2) {
                    return yMin;
                }
                if (x > c - 0.5 + (w - 1) / 2) {
                    return yMax;
                }
                return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
            }
            case LINEAR_EXACT: {
                // if (x <= c - w/2) y = ymin; else if (x > c + w/2) y = ymax;
                // else y = ((x - c) / w + 0.5) * (ymax - ymin) + ymin
                if (x <= c - w / 2) {
                    return yMin;
                }
                if (x > c + w / 2) {
                    return yMax;
                }
                return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
            }
            default:
                // y = (ymax - ymin) / (1 + exp(-4 * (x - c) / w)) + ymin
                return (yMax - yMin) / (1 + Math.exp(-4 * (x - c) / w)) + yMin;
        }
    }
}
