// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Changes the transfer syntax of a dataset: decodes every frame with the source syntax's codec
 * and encodes it with the target's, then updates what the standard requires (Photometric
 * Interpretation and Planar Configuration of the new encoding; for lossy output Lossy Image
 * Compression, its Ratio and Method, and a new SOP Instance UID; when the encoder had to code
 * signed samples as unsigned ones, Pixel Representation 0 and a moved Rescale Intercept, see
 * {@link dev.aperture.codec.EncodedFrame#valueOffset()}). Between native syntaxes only the
 * dataset's encoding changes and pixel data is carried over as it is.
 *
 * <p>Immutable and thread-safe.
 */
public final class Transcoder {
    private static final Transcoder STANDARD = new Transcoder(TransferSyntaxRegistry.standard(), EncodeOptions.DEFAULT);

    private final TransferSyntaxRegistry registry;
    private final EncodeOptions options;

    private Transcoder(TransferSyntaxRegistry registry, EncodeOptions options) {
        this.registry = registry;
        this.options = options;
    }

    /** Returns the transcoder over the standard registry with default encoder options. */
    public static Transcoder standard() {
        return STANDARD;
    }

    /** Returns a copy with other encoder options (NEAR, quality, predictor). */
    public Transcoder withOptions(EncodeOptions newOptions) {
        return new Transcoder(registry, Objects.requireNonNull(newOptions, "options"));
    }

    /** Returns a copy that takes codecs from another registry. */
    public Transcoder withRegistry(TransferSyntaxRegistry newRegistry) {
        return new Transcoder(Objects.requireNonNull(newRegistry, "registry"), options);
    }

    /**
     * Returns the dataset re-encoded for {@code target}, ready for
     * {@link dev.aperture.dicom.io.DicomWriter} to write in that syntax.
     *
     * @param in       the file as read
     * @param target   the transfer syntax wanted
     * @param executor where frames are decoded and encoded in parallel
     * @return the new dataset
     * @throws dev.aperture.imaging.UnsupportedDataException if a needed codec is missing
     */
    public DicomObject transcode(DicomFile in, TransferSyntax target, Executor executor) {
        DicomObject ds = in.dataset();
        TransferSyntax source = in.transferSyntax();
        boolean hasPixels = ds.contains(Tag.PIXEL_DATA) || ds.contains(Tag.FLOAT_PIXEL_DATA)
                || ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA);
        if (!hasPixels || source.isNative() && target.isNative() || source.uid().equals(target.uid())) {
            return ds;
        }
        PixelFrames frames = PixelFrames.of(ds, source, registry, false);
        ImageDescriptor image = frames.image();
        Samples all = frames.allocateAll();
        List<DecodedFrame> decoded = frames.decodeAll(all, executor);
        DecodedFrame first = decoded.get(0);
        ImageDescriptor asDecoded = new ImageDescriptor(image.rows(), image.columns(), image.samplesPerPixel(),
                image.bitsAllocated(), first.bitsStored(), first.signed(), first.photometric(), 0, image.frames());
        DicomObject.Builder b = ds.toBuilder().remove(Tags.ExtendedOffsetTable).remove(Tags.ExtendedOffsetTableLengths);
        int spf = image.samplesPerFrame();
        Photometric outPhotometric = first.photometric();
        long encodedBytes;
        boolean lossy = false;
        int valueOffset = 0;
        if (target.isNative()) {
            ImageDescriptor one = asDecoded.withFrames(1);
            byte[] joined;
            if (image.bitsAllocated() == 1) {
                // 1-bit frames are packed back to back, not padded to whole bytes (PS3.5 8.1.1)
                joined = new byte[Math.toIntExact(((long) spf * frames.frameCount() + 7) / 8)];
                for (int f = 0; f < frames.frameCount(); f++) {
                    NativeFrames.packBits((ByteSamples) all.window(all.offset() + f * spf, spf), joined, (long) f * spf);
                }
            } else {
                int frameLength = Math.toIntExact(NativeFrames.frameLength(one));
                joined = new byte[Math.multiplyExact(frameLength, frames.frameCount())];
                for (int f = 0; f < frames.frameCount(); f++) {
                    byte[] p = NativeFrames.encode(all.window(all.offset() + f * spf, spf), one, NativeLayout.LITTLE_ENDIAN);
                    System.arraycopy(p, 0, joined, f * frameLength, p.length);
                }
            }
            b.adoptBytes(Tag.PIXEL_DATA, image.bitsAllocated() > 8 ? Vr.OW : Vr.OB, joined);
            encodedBytes = joined.length;
        } else {
            FrameEncoder encoder = registry.requireEncoder(target);
            List<byte[]> fragments = new ArrayList<>(frames.frameCount());
            long[] bot = new long[frames.frameCount()];
            long offset = 0;
            encodedBytes = 0;
            for (int f = 0; f < frames.frameCount(); f++) {
                EncodedFrame e = encoder.encode(all.window(all.offset() + f * spf, spf), asDecoded.withFrames(1), options);
                byte[] bytes = e.bytes();
                if ((bytes.length & 1) != 0) {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                }
                fragments.add(bytes);
                bot[f] = offset;
                offset += 8 + bytes.length;
                encodedBytes += bytes.length;
                outPhotometric = e.photometric();
                lossy |= e.lossy();
                if (f == 0) {
                    valueOffset = e.valueOffset();
                } else if (e.valueOffset() != valueOffset) {
                    throw new UnsupportedDataException("frames need different value offsets for this encoding",
                            -1, Tag.PIXEL_DATA);
                }
            }
            if (offset > 0xFFFFFFFFL) {
                // PS3.5 A.4: offsets past 4 GiB do not fit the Basic Offset Table; use the Extended one
                long[] lengths = new long[fragments.size()];
                for (int f = 0; f < lengths.length; f++) {
                    lengths[f] = fragments.get(f).length;
                }
                b.setBytes(Tags.ExtendedOffsetTable, Vr.OV, longsLittleEndian(bot));
                b.setBytes(Tags.ExtendedOffsetTableLengths, Vr.OV, longsLittleEndian(lengths));
                b.setFragments(Tag.PIXEL_DATA, Vr.OB, Fragments.adopt(new long[0], fragments));
            } else {
                b.setFragments(Tag.PIXEL_DATA, Vr.OB, Fragments.adopt(frames.frameCount() > 1 ? bot : new long[0], fragments));
            }
        }
        b.setString(Tags.PhotometricInterpretation, Vr.CS, outPhotometric.code());
        if (image.samplesPerPixel() > 1) {
            b.setInts(Tags.PlanarConfiguration, Vr.US, 0);
        }
        if (first.bitsStored() != image.bitsStored()) {
            b.setInts(Tags.BitsStored, Vr.US, first.bitsStored()).setInts(Tags.HighBit, Vr.US, first.bitsStored() - 1);
        }
        if (valueOffset != 0) {
            unsignedShift(ds, b, valueOffset, first.bitsStored());
        }
        if (lossy) {
            double ratio = (double) image.nativeFrameLength() * frames.frameCount() / Math.max(1, encodedBytes);
            b.setString(Tags.LossyImageCompression, Vr.CS, "01");
            b.setString(Tags.LossyImageCompressionRatio, Vr.DS,
                    appended(ds.strings(Tags.LossyImageCompressionRatio), String.format(Locale.ROOT, "%.2f", ratio)));
            b.setString(Tags.LossyImageCompressionMethod, Vr.CS,
                    appended(ds.strings(Tags.LossyImageCompressionMethod), method(target)));
            b.setString(Tags.SOPInstanceUID, Vr.UI, newUid());
        }
        return b.build();
    }

    /** Stored-value attributes that move with the samples when signed samples become unsigned. */
    private static final int[] STORED_VALUE_TAGS = {
        Tags.PixelPaddingValue, Tags.PixelPaddingRangeLimit, Tags.SmallestImagePixelValue,
        Tags.LargestImagePixelValue, Tags.SmallestPixelValueInSeries, Tags.LargestPixelValueInSeries,
    };

    /**
     * The encoder coded signed samples as unsigned ones {@code offset} higher (for example JPEG's
     * DCT processes, which code unsigned samples only; PS3.5 8.2.1): declare Pixel Representation
     * 0, widen Bits Stored to hold the shifted range, and move Rescale Intercept by
     * {@code -offset * slope} so that modality values (PS3.3 C.11.1.1.2) stay the same, as DCMTK
     * does when it compresses signed data lossily (in functional groups too, for enhanced
     * objects). Stored-value attributes (padding, smallest and largest values) move with the
     * samples.
     */
    private static void unsignedShift(DicomObject ds, DicomObject.Builder b, int offset, int bitsStored) {
        b.setInts(Tags.PixelRepresentation, Vr.US, 0);
        int bits = Math.max(bitsStored, 32 - Integer.numberOfLeadingZeros(2 * offset - 1));
        if (bits != bitsStored) {
            b.setInts(Tags.BitsStored, Vr.US, bits).setInts(Tags.HighBit, Vr.US, bits - 1);
        }
        // Enhanced objects keep the rescale in functional groups (PS3.3 C.7.6.16.2.9): move those
        // items; the top-level attributes move when present, and are added when no group has them.
        boolean inGroups = false;
        for (int group : new int[] {Tags.SharedFunctionalGroupsSequence, Tags.PerFrameFunctionalGroupsSequence}) {
            List<DicomObject> items = ds.items(group);
            List<DicomObject> moved = new ArrayList<>(items.size());
            boolean changed = false;
            for (DicomObject fg : items) {
                List<DicomObject> pvt = fg.items(Tags.PixelValueTransformationSequence);
                if (pvt.isEmpty()) {
                    moved.add(fg);
                    continue;
                }
                List<DicomObject> shifted = new ArrayList<>(pvt.size());
                for (DicomObject t : pvt) {
                    DicomObject.Builder tb = t.toBuilder();
                    moveIntercept(t, tb, offset);
                    shifted.add(tb.build());
                }
                moved.add(fg.toBuilder().setItems(Tags.PixelValueTransformationSequence, shifted).build());
                changed = true;
            }
            if (changed) {
                b.setItems(group, moved);
                inGroups = true;
            }
        }
        if (!inGroups || ds.contains(Tags.RescaleIntercept)) {
            if (!ds.contains(Tags.RescaleType) && !ds.contains(Tags.RescaleIntercept)) {
                b.setString(Tags.RescaleType, Vr.LO, "US");
            }
            moveIntercept(ds, b, offset);
        }
        for (int tag : STORED_VALUE_TAGS) {
            java.util.OptionalInt v = ds.integer(tag);
            if (v.isPresent()) {
                b.setInts(tag, Vr.US, v.getAsInt() + offset);
            }
        }
    }

    /** Rescale Intercept (and Slope, 1 when absent) of {@code src} moved by {@code -offset * slope}. */
    private static void moveIntercept(DicomObject src, DicomObject.Builder b, int offset) {
        BigDecimal slope = src.decimal(Tags.RescaleSlope).orElse(BigDecimal.ONE);
        BigDecimal intercept = src.decimal(Tags.RescaleIntercept).orElse(BigDecimal.ZERO);
        BigDecimal moved = intercept.subtract(slope.multiply(BigDecimal.valueOf(offset)));
        b.setString(Tags.RescaleIntercept, Vr.DS, moved.stripTrailingZeros().toPlainString());
        b.setString(Tags.RescaleSlope, Vr.DS, slope.stripTrailingZeros().toPlainString());
    }

    private static byte[] longsLittleEndian(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    private static String[] appended(List<String> old, String v) {
        List<String> l = new ArrayList<>(old);
        l.add(v);
        return l.toArray(new String[0]);
    }

    /** PS3.3 C.7.6.1.1.5.1 defined terms for Lossy Image Compression Method. */
    private static String method(TransferSyntax ts) {
        String u = ts.uid();
        if (u.startsWith("1.2.840.10008.1.2.4.8")) {
            return "ISO_14495_1";
        }
        if (u.startsWith("1.2.840.10008.1.2.4.9")) {
            return "ISO_15444_1";
        }
        return "ISO_10918_1";
    }

    /** A new UID under the 2.25 root (PS3.5 B.2: a UUID as an integer). */
    static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + v;
    }

}
