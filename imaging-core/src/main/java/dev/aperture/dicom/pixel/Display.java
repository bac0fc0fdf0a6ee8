// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.pixel.LookupTable;
import dev.aperture.pixel.Palette;
import dev.aperture.pixel.PixelPipeline;
import dev.aperture.pixel.PresentationShape;
import dev.aperture.pixel.Rescale;
import dev.aperture.pixel.VoiFunction;
import dev.aperture.pixel.Window;
import dev.aperture.render.FrameImages;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * The display pipeline of PS3.3 C.11 read from a dataset, frame by frame: Rescale Slope and
 * Intercept or the Modality LUT Sequence, the first Window Center/Width (with VOI LUT Function)
 * or the VOI LUT Sequence, Presentation LUT Shape; for enhanced multi-frame objects the Pixel
 * Value Transformation and Frame VOI LUT macros of the Per-frame Functional Groups, falling back
 * to the Shared ones. Palette colour and the YBR family are rendered as colour.
 *
 * <p>Stateless; thread-safe.
 */
public final class Display {
    private static final int SHARED_FG = 0x52009229;
    private static final int PER_FRAME_FG = 0x52009230;
    private static final int PIXEL_VALUE_TRANSFORMATION = 0x00289145;
    private static final int FRAME_VOI_LUT = 0x00289132;

    private Display() {
    }

    /**
     * Returns the grey-scale display pipeline for one frame.
     *
     * @param ds       the dataset
     * @param image    the image as decoded (bits stored and signedness from the decoder)
     * @param frame    0-based frame index
     * @param override a window to use instead of the dataset's, if given
     * @return an 8-bit pipeline
     */
    public static PixelPipeline pipeline(DicomObject ds, ImageDescriptor image, int frame, Optional<Window> override) {
        PixelPipeline.Builder b = PixelPipeline.builder(image).outputBits(8);
        DicomObject modality = macro(ds, frame, PIXEL_VALUE_TRANSFORMATION);
        List<DicomObject> modalityLut = ds.items(0x00283000);
        if (!modalityLut.isEmpty()) {
            b.modalityLut(lut(modalityLut.get(0)));
        } else if (modality.contains(0x00281053)) {
            b.rescale(rescale(modality));
        }
        if (override.isPresent()) {
            b.window(override.get());
        } else {
            DicomObject voi = macro(ds, frame, FRAME_VOI_LUT);
            double[] centers = voi.doubles(0x00281050);
            double[] widths = voi.doubles(0x00281051);
            List<DicomObject> voiLut = ds.items(0x00283010);
            if (centers.length > 0 && widths.length > 0 && widths[0] >= 1) {
                if (!Double.isFinite(centers[0]) || !Double.isFinite(widths[0])) {
                    throw new MalformedDataException("Window Center or Width not finite", -1, 0x00281050);
                }
                VoiFunction f = voi.string(0x00281056).flatMap(VoiFunction::of).orElse(VoiFunction.LINEAR);
                b.window(new Window(centers[0], widths[0], f));
            } else if (!voiLut.isEmpty()) {
                b.voiLut(lut(voiLut.get(0)));
            }
        }
        Optional<String> shape = ds.string(0x20500020);
        if (shape.isPresent() && shape.get().equals("INVERSE")) {
            b.presentation(PresentationShape.INVERSE);
        } else if (shape.isPresent() && shape.get().equals("IDENTITY")) {
            b.presentation(PresentationShape.IDENTITY);
        }
        return b.build();
    }

    /** Rescale Slope and Intercept of the macro (or dataset), checked: the values come from the file. */
    private static Rescale rescale(DicomObject modality) {
        double slope = modality.doubleValue(0x00281053).orElse(1);
        double intercept = modality.doubleValue(0x00281052).orElse(0);
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new MalformedDataException("Rescale Slope zero or not finite, or Rescale Intercept not finite", -1,
                    0x00281053);
        }
        return new Rescale(slope, intercept);
    }

    /** The macro's item for a frame: Per-frame Functional Groups first, then Shared, then the dataset itself. */
    private static DicomObject macro(DicomObject ds, int frame, int macroTag) {
        List<DicomObject> perFrame = ds.items(PER_FRAME_FG);
        if (frame < perFrame.size()) {
            List<DicomObject> m = perFrame.get(frame).items(macroTag);
            if (!m.isEmpty()) {
                return m.get(0);
            }
        }
        List<DicomObject> shared = ds.items(SHARED_FG);
        if (!shared.isEmpty()) {
            List<DicomObject> m = shared.get(0).items(macroTag);
            if (!m.isEmpty()) {
                return m.get(0);
            }
        }
        return ds;
    }

    private static LookupTable lut(DicomObject item) {
        int[] descriptor = item.integers(0x00283002);
        byte[] data = item.bytes(0x00283006).orElseThrow(() ->
                new MalformedDataException("LUT Data missing", -1, 0x00283006));
        return LookupTable.of(descriptor, data, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the palette of a PALETTE COLOR dataset (normal or segmented tables).
     *
     * @param ds    the dataset
     * @param image the image
     * @return the palette
     */
    public static Palette palette(DicomObject ds, ImageDescriptor image) {
        LookupTable[] t = new LookupTable[3];
        for (int c = 0; c < 3; c++) {
            int[] descriptor = ds.integers(0x00281101 + c);
            Optional<byte[]> segmented = ds.bytes(0x00281221 + c);
            Optional<byte[]> data = ds.bytes(0x00281201 + c);
            if (segmented.isPresent()) {
                t[c] = LookupTable.segmented(descriptor, segmented.get(), ByteOrder.LITTLE_ENDIAN);
            } else {
                t[c] = LookupTable.of(descriptor, data.orElseThrow(() ->
                        new MalformedDataException("Palette Color Lookup Table Data missing", -1, 0x00281201)),
                        ByteOrder.LITTLE_ENDIAN);
            }
        }
        if (t[0].size() != t[1].size() || t[0].size() != t[2].size()
                || t[0].firstMapped() != t[1].firstMapped() || t[0].firstMapped() != t[2].firstMapped()) {
            throw new MalformedDataException("the three Palette Color Lookup Table Descriptors differ in size or first"
                    + " mapped value", -1, 0x00281101);
        }
        return Palette.of(t[0], t[1], t[2], image.signed());
    }

    /**
     * Renders one frame for display: grey through the pipeline, palette colour expanded, RGB and
     * YBR as RGB.
     *
     * @param frames   the dataset's frames
     * @param ds       the dataset
     * @param frame    0-based frame index
     * @param override a window to use instead of the dataset's, if given
     * @return an 8-bit grey or RGB image
     * @throws MalformedDataException if the image attributes contradict each other (Samples per
     *     Pixel for the photometric interpretation, palette descriptors, non-finite rescale or window)
     * @throws UnsupportedDataException for float pixel data, 64-bit samples, and colour that is
     *     not three samples of 8 or 16 bits
     */
    public static BufferedImage render(PixelFrames frames, DicomObject ds, int frame, Optional<Window> override) {
        ImageDescriptor image = frames.image();
        if (ds.contains(Tag.FLOAT_PIXEL_DATA) || ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
            throw new UnsupportedDataException("display of float pixel data");
        }
        if (image.bitsAllocated() == 64) {
            throw new UnsupportedDataException("display of 64-bit samples", -1, 0x00280100);
        }
        Samples s = Samples.allocate(image, 1);
        DecodedFrame d = frames.decode(frame, s);
        checkDisplayable(image, d.photometric());
        ImageDescriptor decoded = new ImageDescriptor(image.rows(), image.columns(), image.samplesPerPixel(),
                image.bitsAllocated(), d.bitsStored(), d.signed(), d.photometric(), 0, 1);
        if (d.photometric() == Photometric.PALETTE_COLOR) {
            return FrameImages.renderPalette(s, decoded, palette(ds, decoded));
        }
        if (image.samplesPerPixel() >= 3) {
            return FrameImages.renderColour(s, decoded, d.photometric());
        }
        Optional<Window> w = override;
        DicomObject voi = macro(ds, frame, FRAME_VOI_LUT);
        if (w.isEmpty() && !voi.contains(0x00281050) && !ds.contains(0x00283010)) {
            w = minMaxWindow(s, decoded, macro(ds, frame, PIXEL_VALUE_TRANSFORMATION));
        }
        return FrameImages.renderGrey(s, decoded, pipeline(ds, decoded, frame, w));
    }

    /** Samples per Pixel and Bits Allocated against what the display path of the photometric interpretation takes. */
    private static void checkDisplayable(ImageDescriptor image, Photometric p) {
        int spp = image.samplesPerPixel();
        if (p == Photometric.PALETTE_COLOR) {
            if (spp != 1) {
                throw new MalformedDataException("PALETTE COLOR needs Samples per Pixel 1", -1, 0x00280002);
            }
        } else if (spp >= 3) {
            if (spp != 3 || (image.bitsAllocated() != 8 && image.bitsAllocated() != 16)) {
                throw new UnsupportedDataException("display of colour other than three samples of 8 or 16 bits", -1,
                        0x00280002);
            }
        } else if (spp != 1) {
            throw new MalformedDataException("Samples per Pixel 2 is neither grey-scale nor colour", -1, 0x00280002);
        }
    }

    /**
     * With no window in the dataset, a window over the frame's own value range (what dcmj2pnm
     * calls +Wm), so that the image shows; in modality units.
     */
    private static Optional<Window> minMaxWindow(Samples s, ImageDescriptor image, DicomObject modality) {
        int shift = 32 - image.bitsStored();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = s.offset(); i < s.offset() + s.length(); i++) {
            int raw;
            if (s instanceof dev.aperture.image.ShortSamples b) {
                raw = b.array()[i];
            } else if (s instanceof dev.aperture.image.ByteSamples b) {
                raw = b.array()[i];
            } else if (s instanceof dev.aperture.image.IntSamples b) {
                raw = b.array()[i];
            } else {
                return Optional.empty();
            }
            // keep Bits Stored, sign-extended or not: (v << shift) >> shift or >>> shift
            long v = image.signed() ? (raw << shift) >> shift : (raw << shift) >>> shift;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min > max) {
            return Optional.empty();
        }
        Rescale r = rescale(modality);
        double slope = r.slope();
        double intercept = r.intercept();
        double lo = Math.min(min * slope + intercept, max * slope + intercept);
        double hi = Math.max(min * slope + intercept, max * slope + intercept);
        return Optional.of(Window.of((lo + hi) / 2 + 0.5, Math.max(1, hi - lo + 1)));
    }
}
