// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

/**
 * Constants for public tags, named by their PS3.6 keyword.
 *
 * <p>Stateless; thread-safe.
 */
public final class Tags {
    private Tags() {
    }

    /** (0002,0000) File Meta Information Group Length. */
    public static final int FileMetaInformationGroupLength = 0x00020000;
    /** (0002,0001) File Meta Information Version. */
    public static final int FileMetaInformationVersion = 0x00020001;
    /** (0002,0002) Media Storage SOP Class UID. */
    public static final int MediaStorageSOPClassUID = 0x00020002;
    /** (0002,0003) Media Storage SOP Instance UID. */
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    /** (0002,0010) Transfer Syntax UID. */
    public static final int TransferSyntaxUID = 0x00020010;
    /** (0002,0012) Implementation Class UID. */
    public static final int ImplementationClassUID = 0x00020012;
    /** (0002,0013) Implementation Version Name. */
    public static final int ImplementationVersionName = 0x00020013;
    /** (0008,0005) Specific Character Set. */
    public static final int SpecificCharacterSet = 0x00080005;
    /** (0008,0016) SOP Class UID. */
    public static final int SOPClassUID = 0x00080016;
    /** (0008,0018) SOP Instance UID. */
    public static final int SOPInstanceUID = 0x00080018;
    /** (0010,0010) Patient's Name. */
    public static final int PatientName = 0x00100010;
    /** (0028,0002) Samples per Pixel. */
    public static final int SamplesPerPixel = 0x00280002;
    /** (0028,0004) Photometric Interpretation. */
    public static final int PhotometricInterpretation = 0x00280004;
    /** (0028,0006) Planar Configuration. */
    public static final int PlanarConfiguration = 0x00280006;
    /** (0028,0008) Number of Frames. */
    public static final int NumberOfFrames = 0x00280008;
    /** (0028,0010) Rows. */
    public static final int Rows = 0x00280010;
    /** (0028,0011) Columns. */
    public static final int Columns = 0x00280011;
    /** (0028,0100) Bits Allocated. */
    public static final int BitsAllocated = 0x00280100;
    /** (0028,0101) Bits Stored. */
    public static final int BitsStored = 0x00280101;
    /** (0028,0102) High Bit. */
    public static final int HighBit = 0x00280102;
    /** (0028,0103) Pixel Representation. */
    public static final int PixelRepresentation = 0x00280103;
    /** (7FE0,0001) Extended Offset Table. */
    public static final int ExtendedOffsetTable = 0x7FE00001;
    /** (7FE0,0002) Extended Offset Table Lengths. */
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    /** (7FE0,0010) Pixel Data. */
    public static final int PixelData = 0x7FE00010;
}
