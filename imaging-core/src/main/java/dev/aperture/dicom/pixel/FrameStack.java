// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import java.util.List;
import java.util.Objects;

/**
 * One stack of frames in an enhanced multi-frame object, as found by
 * {@link SeriesVolumes#stacks(dev.aperture.dicom.DicomObject)}: the frames that share a Stack ID
 * (0020,9056) of the Frame Content macro (PS3.3 C.7.6.16.2.2), or, when the object has no Stack
 * IDs, one Image Orientation (Patient); split further by Temporal Position Index (0020,9128) when
 * the frames hold more than one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id               the id to choose the stack by: the Stack ID (or, without Stack IDs, the
 *                         1-based number of the orientation group in frame order), followed by
 *                         {@code /t} and the Temporal Position Index when the stack was split by it
 * @param stackId          the Stack ID of its frames, or the empty string when the object has none
 * @param temporalPosition the Temporal Position Index, or 0 when the stack was not split by it
 * @param orientation      what the slice planes are: AXIAL, CORONAL or SAGITTAL after the patient
 *                         axis closest to the plane normal (its largest component)
 * @param frames           the 0-based frame numbers of the stack, in the object's frame order
 */
public record FrameStack(String id, String stackId, int temporalPosition, String orientation, List<Integer> frames) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if there are no frames
     */
    public FrameStack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(orientation, "orientation");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a stack needs frames");
        }
    }

    /** Returns the number of frames. */
    public int size() {
        return frames.size();
    }
}
