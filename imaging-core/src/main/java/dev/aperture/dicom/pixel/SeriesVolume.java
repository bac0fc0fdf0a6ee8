// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.dicom.DicomObject;
import dev.aperture.volume.Volume;
import java.util.List;
import java.util.Objects;

/**
 * A volume read from DICOM by {@link SeriesVolumes}: the stored values on their patient grid, the
 * one Rescale Slope and Intercept (PS3.3 C.11.1.1.2) that turns them into modality units, and the
 * header the series shares (the first slice's dataset, or the enhanced object's, without Pixel
 * Data) from which {@link DerivedSeries} builds a derived series.
 *
 * <p>Immutable wrapper and thread-safe to share for reading; the volume's array is live (see
 * {@link Volume}).
 */
public final class SeriesVolume {
    private final Volume volume;
    private final double rescaleSlope;
    private final double rescaleIntercept;
    private final DicomObject header;
    private final boolean enhanced;
    private final String stackId;
    private final List<String> sourceInstances;

    SeriesVolume(Volume volume, double rescaleSlope, double rescaleIntercept, DicomObject header, boolean enhanced,
                 String stackId, List<String> sourceInstances) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.rescaleSlope = rescaleSlope;
        this.rescaleIntercept = rescaleIntercept;
        this.header = Objects.requireNonNull(header, "header");
        this.enhanced = enhanced;
        this.stackId = Objects.requireNonNull(stackId, "stackId");
        this.sourceInstances = List.copyOf(sourceInstances);
    }

    /**
     * Returns the SOP Instance UIDs of the source images, in volume order (one per slice of a
     * series of single-frame images; the one enhanced object's otherwise); empty entries are left
     * out.
     */
    public List<String> sourceInstances() {
        return sourceInstances;
    }

    /** Returns the stored values (signed or unsigned 16-bit) on the series' grid. */
    public Volume volume() {
        return volume;
    }

    /** Returns the Rescale Slope shared by every slice (1 when absent). */
    public double rescaleSlope() {
        return rescaleSlope;
    }

    /** Returns the Rescale Intercept shared by every slice (0 when absent). */
    public double rescaleIntercept() {
        return rescaleIntercept;
    }

    /**
     * Returns the header the series shares: the dataset of the first slice in volume order, or of
     * the enhanced multi-frame object, without its Pixel Data.
     */
    public DicomObject header() {
        return header;
    }

    /** Returns true when the volume came from one enhanced multi-frame object. */
    public boolean enhanced() {
        return enhanced;
    }

    /**
     * Returns the {@link FrameStack#id()} of the stack of the enhanced object this volume was built
     * from, or the empty string for a series of single-frame images.
     */
    public String stackId() {
        return stackId;
    }

    /**
     * Returns true when the volume lies on a sheared grid: a gantry/detector tilt accepted with
     * {@link SeriesVolumes.Options#acceptTilt()} (see
     * {@link dev.aperture.volume.VolumeGeometry#tiltDegrees()}).
     */
    public boolean tilted() {
        return volume.geometry().isTilted();
    }

    /** Returns a new float volume in modality units (stored value times slope plus intercept). */
    public Volume modalityValues() {
        return volume.toFloats(rescaleSlope, rescaleIntercept);
    }

    @Override
    public String toString() {
        return "SeriesVolume[" + volume + (enhanced ? ", enhanced" : "") + "]";
    }
}
