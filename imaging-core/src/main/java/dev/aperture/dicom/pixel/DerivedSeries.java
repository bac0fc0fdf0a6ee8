// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.imaging.LimitExceededException;
import dev.aperture.imaging.UnsupportedDataException;
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

    private static final Map<String, String> ENHANCED = Map.of(
            CT, "1.2.840.10008.5.1.4.1.1.2.2", // CT Image -> Legacy Converted Enhanced CT
            MR, "1.2.840.10008.5.1.4.1.1.4.4", // MR Image -> Legacy Converted Enhanced MR
            PET, "1.2.840.10008.5.1.4.1.1.128.1"); // PET Image -> Legacy Converted Enhanced PET

    /** Attributes that live in functional groups (or no longer hold) in an enhanced derived object. */
    private static final int[] MOVED = {
        Tags.ImagePositionPatient, Tags.ImageOrientationPatient, Tags.PixelSpacing, Tags.SliceThickness,
        Tags.SpacingBetweenSlices, Tags.RescaleSlope, Tags.RescaleIntercept, Tags.RescaleType, Tags.WindowCenter,
        Tags.WindowWidth, Tags.WindowCenterWidthExplanation, Tags.DerivationDescription, Tags.SourceImageSequence,
        Tags.DerivationCodeSequence, Tags.ImageComments,
    };

    /** Functional group macros an enhanced source's frame 0 may carry that do not hold any more. */
    private static final int[] FRAME_SPECIFIC = {
        Tags.FrameContentSequence, Tags.PlanePositionSequence, Tags.PlaneOrientationSequence,
        Tags.PixelMeasuresSequence, Tags.PixelValueTransformationSequence, Tags.DerivationImageSequence,
        Tags.ReferencedImageSequence, Tags.ConversionSourceAttributesSequence,
        Tags.UnassignedPerFrameConvertedAttributesSequence,
    };

    /**
     * Group 0018 attributes that keep their place at the top level of a legacy converted object
     * (General Series, General Equipment, Contrast/Bolus, Enhanced image modules); every other
     * group 0018 attribute of a classic source, with Acquisition Date and Time, moves into the
     * Unassigned Shared Converted Attributes Sequence (PS3.3 C.7.6.16.2.25).
     */
    private static final java.util.Set<Integer> TOP_LEVEL_0018 = java.util.Set.of(
            Tags.ContrastBolusAgent, Tags.ContrastBolusAgentSequence, Tags.ContrastBolusAdministrationRouteSequence,
            Tags.BodyPartExamined, Tags.DeviceSerialNumber, Tags.DeviceUID, Tags.SoftwareVersions, Tags.ProtocolName,
            Tags.SpatialResolution, Tags.DateOfLastCalibration, Tags.TimeOfLastCalibration, Tags.PatientPosition,
            Tags.ContentQualification, Tags.ContributingEquipmentSequence,
            0x00181040, 0x00181041, 0x00181042, 0x00181043, 0x00181044, 0x00181046, 0x00181047, 0x00181048,
            0x00181049); // Contrast/Bolus Route, Volume, Start/Stop Time, Total Dose, Flow Rate/Duration, Ingredient

    private DerivedSeries() {
    }

    /**
     * Returns the SOP Class UID of the enhanced multi-frame object written for a source: an enhanced
     * or legacy converted class stays; CT, MR and PET Image Storage become the Legacy Converted
     * Enhanced class of the modality.
     *
     * @param sourceClass the source's SOP Class UID
     * @param enhanced    whether the source is an enhanced multi-frame object
     * @return the SOP Class UID of the derived object
     * @throws UnsupportedDataException (tag SOP Class UID) for a source class without an enhanced
     *                                  counterpart (Secondary Capture, for example)
     */
    public static String enhancedClass(String sourceClass, boolean enhanced) {
        Objects.requireNonNull(sourceClass, "sourceClass");
        if (enhanced && SINGLE_FRAME.containsKey(sourceClass)) {
            return sourceClass;
        }
        String c = enhanced ? null : ENHANCED.get(sourceClass);
        if (c == null) {
            throw new UnsupportedDataException("no enhanced multi-frame class for this SOP class", -1,
                    Tags.SOPClassUID);
        }
        return c;
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
     * Builds the derived volume as one enhanced multi-frame object (PS3.3 C.7.6.16 Multi-frame
     * Functional Groups, C.7.6.17 Multi-frame Dimension): SOP Class from
     * {@link #enhancedClass(String, boolean)}, new SOP Instance UID, Image Type
     * {@code DERIVED\PRIMARY\VOLUME\RESAMPLED}, Instance Number 1, Content Date and Time now (UTC).
     *
     * <p>Shared Functional Groups: Pixel Measures (Pixel Spacing, Slice Thickness and Spacing
     * Between Slices of the grid), Plane Orientation, Pixel Value Transformation (the source's
     * Rescale Slope and Intercept; Rescale Type HU for CT, US otherwise), Frame VOI LUT when the
     * source has a window, Derivation Image (the description, code (113072, DCM, "Multiplanar
     * reformatting") and every source instance, purpose (121322, DCM, "Source image for image
     * processing operation")), and for the legacy converted classes Unassigned Shared Converted
     * Attributes (the classic source's acquisition attributes, group 0018 and Acquisition Date and
     * Time, that have no place at the top level), and the frame type macro of the modality (CT
     * Image Frame Type, MR Image Frame Type or PET Frame Type: Frame Type as Image Type, Pixel
     * Presentation MONOCHROME, Volumetric Properties VOLUME, Volume Based Calculation Technique
     * NONE) unless the source brings one. An enhanced source's other shared macros, and those of
     * its first frame that do not describe one frame's position or content, are carried over as
     * shared. Per-frame Functional Groups: Plane Position (Patient) and Frame Content (Stack ID
     * "1", In-Stack Position Number and Dimension Index Values {@code 1, z + 1}), with the
     * Dimension Index Sequence pointing at Stack ID and In-Stack Position Number; for the legacy
     * converted classes also Conversion Source Attributes (the source slices the frame's plane
     * passes through) and an empty Unassigned Per-frame Converted Attributes item. Source Image
     * Evidence lists every source instance.
     *
     * @param source            the series the volume was derived from (header, rescale, instances)
     * @param volume            the derived volume: 16-bit stored values on its new grid
     * @param seriesInstanceUid the new series' UID
     * @param description       Derivation Description (0008,2111), in the Derivation Image macro
     * @return the dataset, Pixel Data included
     * @throws IllegalArgumentException if the volume is not a short volume or the rows or columns
     *                                  exceed 65535
     * @throws dev.aperture.imaging.LimitExceededException if the pixel data would not fit in one array
     * @throws UnsupportedDataException if the source's class has no enhanced counterpart
     */
    public static DicomObject enhanced(SeriesVolume source, Volume volume, String seriesInstanceUid,
                                       String description) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(description, "description");
        if (volume.type() == Volume.ValueType.FLOAT) {
            throw new IllegalArgumentException("a derived series needs 16-bit stored values");
        }
        VolumeGeometry g = volume.geometry();
        if (g.rows() > 0xFFFF || g.columns() > 0xFFFF) {
            throw new IllegalArgumentException("rows and columns must fit in 16 bits");
        }
        long bytes = 2 * g.voxelCount();
        if (bytes > Volume.MAX_VOXELS) {
            throw new LimitExceededException("pixelDataBytes", bytes, Volume.MAX_VOXELS, -1, Tag.PIXEL_DATA);
        }
        DicomObject header = source.header();
        String sourceClass = header.string(Tags.SOPClassUID).orElse(SECONDARY_CAPTURE);
        String sopClass = enhancedClass(sourceClass, source.enhanced());
        boolean legacy = ENHANCED.containsValue(sopClass);
        boolean ct = CT.equals(SINGLE_FRAME.get(sopClass));

        // Shared functional groups: the source's (enhanced), then the grid's, which replace them.
        DicomObject.Builder shared = DicomObject.builder();
        if (source.enhanced()) {
            List<DicomObject> srcShared = header.items(Tags.SharedFunctionalGroupsSequence);
            List<DicomObject> srcFrames = header.items(Tags.PerFrameFunctionalGroupsSequence);
            if (!srcFrames.isEmpty()) {
                copyMacros(srcFrames.get(0), shared);
            }
            if (!srcShared.isEmpty()) {
                copyMacros(srcShared.get(0), shared);
            }
        }
        double[] spacing = g.pixelSpacing();
        shared.setItems(Tags.PixelMeasuresSequence, List.of(DicomObject.builder()
                .setDoubles(Tags.PixelSpacing, Vr.DS, spacing)
                .setDoubles(Tags.SliceThickness, Vr.DS, g.planeSpacing())
                .setDoubles(Tags.SpacingBetweenSlices, Vr.DS, g.planeSpacing()).build()));
        shared.setItems(Tags.PlaneOrientationSequence, List.of(DicomObject.builder()
                .setDoubles(Tags.ImageOrientationPatient, Vr.DS, g.imageOrientationPatient()).build()));
        shared.setItems(Tags.PixelValueTransformationSequence, List.of(DicomObject.builder()
                .setDoubles(Tags.RescaleIntercept, Vr.DS, source.rescaleIntercept())
                .setDoubles(Tags.RescaleSlope, Vr.DS, source.rescaleSlope())
                .setString(Tags.RescaleType, Vr.LO, ct ? "HU" : "US").build()));
        double[] wc = header.doubles(Tags.WindowCenter);
        double[] ww = header.doubles(Tags.WindowWidth);
        if (wc.length > 0 && wc.length == ww.length) {
            shared.setItems(Tags.FrameVOILUTSequence, List.of(DicomObject.builder()
                    .setDoubles(Tags.WindowCenter, Vr.DS, wc).setDoubles(Tags.WindowWidth, Vr.DS, ww).build()));
        }
        List<DicomObject> refs = new ArrayList<>();
        List<DicomObject> sources = new ArrayList<>();
        for (String uid : source.sourceInstances()) {
            refs.add(DicomObject.builder().setString(Tags.ReferencedSOPClassUID, Vr.UI, sourceClass)
                    .setString(Tags.ReferencedSOPInstanceUID, Vr.UI, uid).build());
            sources.add(DicomObject.builder().setString(Tags.ReferencedSOPClassUID, Vr.UI, sourceClass)
                    .setString(Tags.ReferencedSOPInstanceUID, Vr.UI, uid)
                    .setItems(Tags.PurposeOfReferenceCodeSequence, List.of(code("121322", "DCM",
                            "Source image for image processing operation"))).build());
        }
        if (!sources.isEmpty()) {
            shared.setItems(Tags.DerivationImageSequence, List.of(DicomObject.builder()
                    .setString(Tags.DerivationDescription, Vr.ST, description)
                    .setItems(Tags.DerivationCodeSequence, List.of(code("113072", "DCM", "Multiplanar reformatting")))
                    .setItems(Tags.SourceImageSequence, sources).build()));
        }
        if (legacy && refs.isEmpty()) {
            throw new UnsupportedDataException("source instances unknown: no conversion source to name", -1,
                    Tags.SOPInstanceUID);
        }
        String[] frameType = {"DERIVED", "PRIMARY", "VOLUME", "RESAMPLED"};
        int frameTypeTag = frameTypeSequence(SINGLE_FRAME.get(sopClass));
        if (!shared.contains(frameTypeTag)) {
            DicomObject.Builder ft = DicomObject.builder().setString(Tags.FrameType, Vr.CS, frameType);
            imageDescription(ft);
            if (frameTypeTag == Tags.MRImageFrameTypeSequence) {
                ft.setString(Tags.ComplexImageComponent, Vr.CS, "MAGNITUDE");
                ft.setString(Tags.AcquisitionContrast, Vr.CS, "UNKNOWN");
            }
            shared.setItems(frameTypeTag, List.of(ft.build()));
        }

        int frames = g.slices();
        List<DicomObject> perFrame = new ArrayList<>(frames);
        for (int z = 0; z < frames; z++) {
            DicomObject.Builder item = DicomObject.builder()
                    .setItems(Tags.FrameContentSequence, List.of(DicomObject.builder()
                            .setInts(Tags.DimensionIndexValues, Vr.UL, 1, z + 1)
                            .setString(Tags.StackID, Vr.SH, "1")
                            .setInts(Tags.InStackPositionNumber, Vr.UL, z + 1).build()))
                    .setItems(Tags.PlanePositionSequence, List.of(DicomObject.builder()
                            .setDoubles(Tags.ImagePositionPatient, Vr.DS, g.imagePositionPatient(z)).build()));
            if (legacy) {
                int[] range = sourceRange(source, g, z, refs.size());
                item.setItems(Tags.ConversionSourceAttributesSequence, refs.subList(range[0], range[1] + 1));
                item.setItems(Tags.UnassignedPerFrameConvertedAttributesSequence, List.of(DicomObject.empty()));
            }
            perFrame.add(item.build());
        }

        DicomObject.Builder b = header.toBuilder();
        for (int tag : DROPPED) {
            b.remove(tag);
        }
        for (int tag : MOVED) {
            b.remove(tag);
        }
        if (legacy && !source.enhanced()) {
            DicomObject.Builder unassigned = DicomObject.builder();
            for (int i = 0; i < header.size(); i++) {
                int tag = header.tagAt(i);
                if ((tag >>> 16) == 0x0018 && !TOP_LEVEL_0018.contains(tag) || tag == Tags.AcquisitionDate
                        || tag == Tags.AcquisitionTime) {
                    unassigned.copy(header, i);
                    b.remove(tag);
                }
            }
            DicomObject moved = unassigned.build();
            if (!moved.isEmpty()) {
                shared.setItems(Tags.UnassignedSharedConvertedAttributesSequence, List.of(moved));
            }
        }
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        String date = now.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(java.time.format.DateTimeFormatter.ofPattern("HHmmss.SSS", Locale.ROOT));
        String org = newUid();
        b.setString(Tags.ImageType, Vr.CS, frameType);
        imageDescription(b);
        if (!header.contains(Tags.AcquisitionContextSequence)) {
            b.setItems(Tags.AcquisitionContextSequence, List.of());
        }
        if (!header.contains(Tags.Laterality)) {
            b.setString(Tags.Laterality, Vr.CS);
        }
        if (!sources.isEmpty()) {
            b.setItems(Tags.SourceImageEvidenceSequence, List.of(DicomObject.builder()
                    .setString(Tags.StudyInstanceUID, Vr.UI, header.string(Tags.StudyInstanceUID).orElse(""))
                    .setItems(Tags.ReferencedSeriesSequence, List.of(DicomObject.builder()
                            .setString(Tags.SeriesInstanceUID, Vr.UI, header.string(Tags.SeriesInstanceUID).orElse(""))
                            .setItems(Tags.ReferencedSOPSequence, refs).build()))
                    .build()));
        }
        b.setString(Tags.SOPClassUID, Vr.UI, sopClass);
        b.setString(Tags.SOPInstanceUID, Vr.UI, newUid());
        b.setString(Tags.SeriesInstanceUID, Vr.UI, seriesInstanceUid);
        b.setInts(Tags.InstanceNumber, Vr.IS, 1);
        b.setString(Tags.ContentDate, Vr.DA, date);
        b.setString(Tags.ContentTime, Vr.TM, time);
        b.setInts(Tags.NumberOfFrames, Vr.IS, frames);
        b.setItems(Tags.SharedFunctionalGroupsSequence, List.of(shared.build()));
        b.setItems(Tags.PerFrameFunctionalGroupsSequence, perFrame);
        b.setItems(Tags.DimensionOrganizationSequence, List.of(DicomObject.builder()
                .setString(Tags.DimensionOrganizationUID, Vr.UI, org).build()));
        b.setString(Tags.DimensionOrganizationType, Vr.CS, "3D");
        b.setItems(Tags.DimensionIndexSequence, List.of(
                dimension(org, Tags.StackID, "Stack ID"),
                dimension(org, Tags.InStackPositionNumber, "In-Stack Position Number")));
        b.setInts(Tags.SamplesPerPixel, Vr.US, 1);
        String photometric = header.string(Tags.PhotometricInterpretation).map(String::strip).orElse("MONOCHROME2");
        b.setString(Tags.PhotometricInterpretation, Vr.CS, photometric);
        b.setString(Tags.PresentationLUTShape, Vr.CS, "MONOCHROME1".equals(photometric) ? "INVERSE" : "IDENTITY");
        b.setInts(Tags.Rows, Vr.US, g.rows());
        b.setInts(Tags.Columns, Vr.US, g.columns());
        b.setInts(Tags.BitsAllocated, Vr.US, 16);
        b.setInts(Tags.BitsStored, Vr.US, 16);
        b.setInts(Tags.HighBit, Vr.US, 15);
        b.setInts(Tags.PixelRepresentation, Vr.US, volume.type() == Volume.ValueType.SIGNED_SHORT ? 1 : 0);
        if (!header.contains(Tags.BurnedInAnnotation)) {
            b.setString(Tags.BurnedInAnnotation, Vr.CS, "NO");
        }
        if (!header.contains(Tags.LossyImageCompression)) {
            b.setString(Tags.LossyImageCompression, Vr.CS, "00");
        }
        short[] s = volume.shortArray();
        byte[] pixels = new byte[(int) bytes];
        for (int i = 0, n = s.length; i < n; i++) {
            pixels[2 * i] = (byte) s[i];
            pixels[2 * i + 1] = (byte) (s[i] >> 8);
        }
        b.adoptBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        return b.build();
    }

    /**
     * Writes the derived volume as one enhanced multi-frame file (see
     * {@link #enhanced(SeriesVolume, Volume, String, String)}) in Explicit VR Little Endian, with a
     * new Series Instance UID.
     *
     * @param source      the series the volume was derived from
     * @param volume      the derived volume: 16-bit stored values
     * @param file        the file to write (its folder is created if needed)
     * @param description Derivation Description (0008,2111)
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path writeEnhanced(SeriesVolume source, Volume volume, Path file, String description)
            throws IOException {
        Objects.requireNonNull(file, "file");
        DicomObject ds = enhanced(source, volume, newUid(), description);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        DicomWriter.standard().write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }

    /** The frame type macro's sequence for a modality's single-frame class. */
    private static int frameTypeSequence(String singleFrameClass) {
        if (MR.equals(singleFrameClass)) {
            return Tags.MRImageFrameTypeSequence;
        }
        return PET.equals(singleFrameClass) ? Tags.PETFrameTypeSequence : Tags.CTImageFrameTypeSequence;
    }

    /** The image description of a resampled volume (PS3.3 C.8.16.2): each voxel stands for its volume. */
    private static void imageDescription(DicomObject.Builder b) {
        b.setString(Tags.PixelPresentation, Vr.CS, "MONOCHROME");
        b.setString(Tags.VolumetricProperties, Vr.CS, "VOLUME");
        b.setString(Tags.VolumeBasedCalculationTechnique, Vr.CS, "NONE");
    }

    /**
     * The first and last source slice (indices into the source's instances, in volume order) that
     * frame {@code z} of the target grid passes through: the source slice range its four corners
     * span, rounded outwards and clamped to the source.
     */
    private static int[] sourceRange(SeriesVolume source, VolumeGeometry target, int z, int count) {
        if (count == 1) {
            return new int[] {0, 0};
        }
        VolumeGeometry sg = source.volume().geometry();
        org.joml.Vector3d p = new org.joml.Vector3d();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 4; c++) {
            target.indexToPatient((c & 1) * (target.columns() - 1.0), (c >> 1) * (target.rows() - 1.0), z, p);
            sg.patientToIndex(p, p);
            lo = Math.min(lo, p.z);
            hi = Math.max(hi, p.z);
        }
        int a = (int) Math.max(0, Math.min(count - 1, Math.floor(lo + 1e-9)));
        int b = (int) Math.max(a, Math.min(count - 1, Math.ceil(hi - 1e-9)));
        return new int[] {a, b};
    }

    private static void copyMacros(DicomObject from, DicomObject.Builder to) {
        DicomObject.Builder tmp = from.toBuilder();
        for (int tag : FRAME_SPECIFIC) {
            tmp.remove(tag);
        }
        DicomObject kept = tmp.build();
        for (int i = 0; i < kept.size(); i++) {
            to.copy(kept, i);
        }
    }

    private static DicomObject code(String value, String scheme, String meaning) {
        return DicomObject.builder().setString(Tags.CodeValue, Vr.SH, value)
                .setString(Tags.CodingSchemeDesignator, Vr.SH, scheme)
                .setString(Tags.CodeMeaning, Vr.LO, meaning).build();
    }

    private static DicomObject dimension(String org, int pointer, String label) {
        return DicomObject.builder()
                .setString(Tags.DimensionOrganizationUID, Vr.UI, org)
                .setInts(Tags.DimensionIndexPointer, Vr.AT, pointer)
                .setInts(Tags.FunctionalGroupPointer, Vr.AT, Tags.FrameContentSequence)
                .setString(Tags.DimensionDescriptionLabel, Vr.LO, label).build();
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
