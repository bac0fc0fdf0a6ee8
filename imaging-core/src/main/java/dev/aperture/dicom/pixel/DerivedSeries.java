// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a volume as a derived series (PS3.3 C.7.6.1.1.2, Image Type DERIVED\SECONDARY): one
 * single-frame image per slice, in the Study of the source, with a new Series Instance UID, new
 * SOP Instance UIDs, Instance Number 1..n in slice order, and Image Position (Patient), Image
 * Orientation (Patient), Pixel Spacing, Slice Thickness and Spacing Between Slices of the
 * volume's grid. Samples are the volume's 16-bit stored values, with the source's Rescale Slope
 * and Intercept. Everything else is copied from the source's header, minus what no longer holds
 * (Slice Location, smallest/largest pixel values, icon, and for an enhanced source the functional
 * group sequences, Number of Frames and the concatenation and dimension attributes); an enhanced
 * source's SOP Class becomes the matching single-frame one (Enhanced CT to CT Image Storage,
 * Enhanced MR to MR Image Storage, Enhanced PET to PET Image Storage, others to Secondary
 * Capture).
 *
 * <p>Stateless and thread-safe. Files are written in Explicit VR Little Endian.
 */
public final class DerivedSeries {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    private static final String PET = "1.2.840.10008.5.1.4.1.1.128";
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final Map<String, String> SINGLE_FRAME = Map.of(
            "1.2.840.10008.5.1.4.1.1.2.1", CT, // Enhanced CT
            "1.2.840.10008.5.1.4.1.1.2.2", CT, // Legacy Converted Enhanced CT
            "1.2.840.10008.5.1.4.1.1.4.1", MR, // Enhanced MR
            "1.2.840.10008.5.1.4.1.1.4.4", MR, // Legacy Converted Enhanced MR
            "1.2.840.10008.5.1.4.1.1.130", PET, // Enhanced PET
            "1.2.840.10008.5.1.4.1.1.128.1", PET); // Legacy Converted Enhanced PET

    private static final int[] DROPPED = {
        Tag.PIXEL_DATA, Tags.NumberOfFrames, Tags.SharedFunctionalGroupsSequence,
        Tags.PerFrameFunctionalGroupsSequence, Tags.DimensionIndexSequence, Tags.DimensionOrganizationSequence,
        Tags.FrameIncrementPointer, Tags.ConcatenationUID, Tags.InConcatenationNumber,
        Tags.InConcatenationTotalNumber, Tags.ConcatenationFrameOffsetNumber,
        Tags.SOPInstanceUIDOfConcatenationSource, Tags.SliceLocation, Tags.SmallestImagePixelValue,
        Tags.LargestImagePixelValue, Tags.IconImageSequence, Tags.PlanarConfiguration, Tags.ExtendedOffsetTable,
        Tags.ExtendedOffsetTableLengths, Tags.DataSetTrailingPadding,
    };

    private DerivedSeries() {
    }

    /**
     * Returns the single-frame SOP Class UID written for a source SOP Class: the matching
     * single-frame class for an enhanced or legacy converted one, the class itself otherwise.
     *
     * @param sourceClass the source's SOP Class UID
     * @param enhanced    whether the source is an enhanced multi-frame object
     * @return the SOP Class UID of the derived images
     */
    public static String singleFrameClass(String sourceClass, boolean enhanced) {
        Objects.requireNonNull(sourceClass, "sourceClass");
        if (!enhanced) {
            return sourceClass;
        }
        return SINGLE_FRAME.getOrDefault(sourceClass, SECONDARY_CAPTURE);
    }

    /**
     * Returns a new UID under the UUID-derived root 2.25 (PS3.5 B.2).
     *
     * @return the UID
     */
    public static String newUid() {
        return Transcoder.newUid();
    }

    /**
     * Builds the dataset of slice {@code z} of the derived series.
     *
     * @param source            the series the volume was derived from (header and rescale)
     * @param volume            the derived volume: 16-bit stored values on its new grid
     * @param z                 the slice, in {@code [0, slices)}
     * @param seriesInstanceUid the new series' UID, the same for every slice
     * @param description       Derivation Description (0008,2111), e.g. how it was resampled
     * @return the dataset, Pixel Data included
     * @throws IllegalArgumentException if the volume is not a short volume
     */
    public static DicomObject slice(SeriesVolume source, Volume volume, int z, String seriesInstanceUid,
                                    String description) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(description, "description");
        if (volume.type() == Volume.ValueType.FLOAT) {
            throw new IllegalArgumentException("a derived series needs 16-bit stored values");
        }
        VolumeGeometry g = volume.geometry();
        Objects.checkIndex(z, g.slices());
        DicomObject header = source.header();
        DicomObject.Builder b = header.toBuilder();
        for (int tag : DROPPED) {
            b.remove(tag);
        }
        String sopClass = singleFrameClass(header.string(Tags.SOPClassUID).orElse(SECONDARY_CAPTURE),
                source.enhanced());
        b.setString(Tags.ImageType, Vr.CS, "DERIVED", "SECONDARY");
        b.setString(Tags.SOPClassUID, Vr.UI, sopClass);
        b.setString(Tags.SOPInstanceUID, Vr.UI, newUid());
        b.setString(Tags.DerivationDescription, Vr.ST, description);
        b.setString(Tags.SeriesInstanceUID, Vr.UI, seriesInstanceUid);
        b.setInts(Tags.InstanceNumber, Vr.IS, z + 1);
        b.setDoubles(Tags.SliceThickness, Vr.DS, g.planeSpacing());
        b.setDoubles(Tags.SpacingBetweenSlices, Vr.DS, g.planeSpacing());
        b.setDoubles(Tags.ImagePositionPatient, Vr.DS, g.imagePositionPatient(z));
        b.setDoubles(Tags.ImageOrientationPatient, Vr.DS, g.imageOrientationPatient());
        b.setDoubles(Tags.PixelSpacing, Vr.DS, g.pixelSpacing());
        b.setInts(Tags.SamplesPerPixel, Vr.US, 1);
        if (!header.contains(Tags.PhotometricInterpretation)) {
            b.setString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2");
        }
        b.setInts(Tags.Rows, Vr.US, g.rows());
        b.setInts(Tags.Columns, Vr.US, g.columns());
        b.setInts(Tags.BitsAllocated, Vr.US, 16);
        b.setInts(Tags.BitsStored, Vr.US, 16);
        b.setInts(Tags.HighBit, Vr.US, 15);
        b.setInts(Tags.PixelRepresentation, Vr.US, volume.type() == Volume.ValueType.SIGNED_SHORT ? 1 : 0);
        b.setDoubles(Tags.RescaleSlope, Vr.DS, source.rescaleSlope());
        b.setDoubles(Tags.RescaleIntercept, Vr.DS, source.rescaleIntercept());
        if (source.enhanced() && !header.contains(Tags.RescaleType)) {
            b.setString(Tags.RescaleType, Vr.LO, CT.equals(sopClass) ? "HU" : "US");
        }
        int n = g.rows() * g.columns();
        short[] s = volume.shortArray();
        byte[] pixels = new byte[2 * n];
        for (int k = 0, i = z * n; k < n; k++, i++) {
            pixels[2 * k] = (byte) s[i];
            pixels[2 * k + 1] = (byte) (s[i] >> 8);
        }
        b.adoptBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        return b.build();
    }

    /**
     * Writes the derived series into a folder (created if needed), one file per slice named
     * {@code IM00001.dcm}, {@code IM00002.dcm}, ... in slice order.
     *
     * @param source      the series the volume was derived from
     * @param volume      the derived volume: 16-bit stored values
     * @param directory   the folder
     * @param description Derivation Description (0008,2111)
     * @return the files written, in slice order
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(SeriesVolume source, Volume volume, Path directory, String description)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        Files.createDirectories(directory);
        String series = newUid();
        int slices = volume.geometry().slices();
        List<Path> out = new ArrayList<>(slices);
        DicomWriter w = DicomWriter.standard();
        for (int z = 0; z < slices; z++) {
            Path f = directory.resolve(String.format(Locale.ROOT, "IM%05d.dcm", z + 1));
            w.write(f, slice(source, volume, z, series, description), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.add(f);
        }
        return out;
    }
}
