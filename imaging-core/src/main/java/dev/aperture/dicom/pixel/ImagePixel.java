// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.OptionalInt;

/**
 * Reads the Image Pixel Module (PS3.3 C.7.6.3) of a dataset into an {@link ImageDescriptor}.
 *
 * <p>Stateless; thread-safe.
 */
public final class ImagePixel {
    private ImagePixel() {
    }

    /**
     * Returns the image a dataset describes.
     *
     * @param ds the dataset
     * @return its descriptor; Float and Double Float Pixel Data give Bits Allocated 32 and 64
     * @throws MalformedDataException   if a required attribute is missing or out of range
     * @throws UnsupportedDataException if the photometric interpretation is not defined
     */
    public static ImageDescriptor descriptor(DicomObject ds) {
        int rows = required(ds, Tags.Rows);
        int columns = required(ds, Tags.Columns);
        int spp = ds.integer(Tags.SamplesPerPixel).orElse(1);
        int bitsAllocated;
        if (ds.contains(Tag.FLOAT_PIXEL_DATA)) {
            bitsAllocated = 32;
        } else if (ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
            bitsAllocated = 64;
        } else {
            bitsAllocated = required(ds, Tags.BitsAllocated);
        }
        int bitsStored = ds.integer(Tags.BitsStored).orElse(bitsAllocated);
        int pixelRepresentation = ds.integer(Tags.PixelRepresentation).orElse(0);
        String pi = ds.string(Tags.PhotometricInterpretation).orElse(spp == 1 ? "MONOCHROME2" : "RGB");
        Photometric photometric = Photometric.of(pi).orElseThrow(() ->
                new UnsupportedDataException("undefined Photometric Interpretation", -1, Tags.PhotometricInterpretation));
        int planar = spp > 1 ? ds.integer(Tags.PlanarConfiguration).orElse(0) : 0;
        int frames = ds.string(Tags.NumberOfFrames).isPresent() ? ds.integer(Tags.NumberOfFrames).orElse(1) : 1;
        check(rows >= 1 && rows <= 0xFFFF, Tags.Rows);
        check(columns >= 1 && columns <= 0xFFFF, Tags.Columns);
        check(spp >= 1 && spp <= 4, Tags.SamplesPerPixel);
        check(bitsAllocated == 1 || bitsAllocated == 8 || bitsAllocated == 16 || bitsAllocated == 32
                || bitsAllocated == 64, Tags.BitsAllocated);
        check(bitsStored >= 1 && bitsStored <= bitsAllocated, Tags.BitsStored);
        check(planar == 0 || planar == 1, Tags.PlanarConfiguration);
        check(frames >= 1, Tags.NumberOfFrames);
        return new ImageDescriptor(rows, columns, spp, bitsAllocated, bitsStored, pixelRepresentation == 1,
                photometric, planar, Math.max(1, frames));
    }

    private static int required(DicomObject ds, int tag) {
        OptionalInt v = ds.integer(tag);
        if (v.isEmpty()) {
            throw new MalformedDataException("required Image Pixel attribute missing or empty", -1, tag);
        }
        return v.getAsInt();
    }

    private static void check(boolean ok, int tag) {
        if (!ok) {
            throw new MalformedDataException("Image Pixel attribute out of range", -1, tag);
        }
    }
}
