// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.dicom.BulkData;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The frames of a dataset's pixel data: how many, where each one's encoded bytes are, and
 * decoding frame {@code i} into caller-owned samples, alone or all frames in parallel.
 *
 * <p>Immutable and thread-safe: frames may be decoded from many threads at once. Native pixel
 * data left in its file is memory-mapped, so a multi-gigabyte multi-frame file is walked frame
 * by frame in a small heap. Encapsulated frames are located with the Extended Offset Table, the
 * Basic Offset Table, or, when those are empty, from the fragments themselves (one per frame,
 * all for a single frame, or by the codestream start markers); disagreements between the frame
 * count and the fragments are errors in strict mode and repairs in lenient mode.
 */
public final class PixelFrames {
    /** Native values above this are mapped one frame at a time rather than whole. */
    static final long MAX_WHOLE_MAPPING = 1L << 30;

    private final ImageDescriptor image;
    private final TransferSyntax ts;
    private final TransferSyntaxRegistry registry;
    private final List<Repair> repairs;
    private final int frames;
    // native
    private final ByteBuffer nativeData;
    private final BulkData largeNative;
    private final NativeLayout layout;
    // encapsulated
    private final Fragments fragments;
    private final int[] firstFragment;

    private PixelFrames(ImageDescriptor image, TransferSyntax ts, TransferSyntaxRegistry registry, List<Repair> repairs,
                        int frames, ByteBuffer nativeData, BulkData largeNative, NativeLayout layout, Fragments fragments,
                        int[] firstFragment) {
        this.image = image;
        this.ts = ts;
        this.registry = registry;
        this.repairs = List.copyOf(repairs);
        this.frames = frames;
        this.nativeData = nativeData;
        this.largeNative = largeNative;
        this.layout = layout;
        this.fragments = fragments;
        this.firstFragment = firstFragment;
    }

    /** Returns the frames of a file read by {@link dev.aperture.dicom.io.DicomReader}, strict. */
    public static PixelFrames of(DicomFile file) {
        return of(file.dataset(), file.transferSyntax(), TransferSyntaxRegistry.standard(), false);
    }

    /**
     * Returns the frames of a dataset.
     *
     * @param ds       the dataset holding the Image Pixel Module and Pixel Data
     * @param ts       the transfer syntax the pixel data is encoded in
     * @param registry where decoders come from
     * @param lenient  accept frame counts that disagree with the data, reporting each repair
     * @return the frames
     * @throws MalformedDataException if there is no pixel data, or it does not hold the frames
     */
    public static PixelFrames of(DicomObject ds, TransferSyntax ts, TransferSyntaxRegistry registry, boolean lenient) {
        return of(ds, ts, registry, lenient, MAX_WHOLE_MAPPING);
    }

    /** As the public factory, with the size above which native values are mapped frame by frame. */
    static PixelFrames of(DicomObject ds, TransferSyntax ts, TransferSyntaxRegistry registry, boolean lenient,
                          long maxWholeMapping) {
        Objects.requireNonNull(registry, "registry");
        ImageDescriptor image = ImagePixel.descriptor(ds);
        int tag = ds.contains(Tag.PIXEL_DATA) ? Tag.PIXEL_DATA
                : ds.contains(Tag.FLOAT_PIXEL_DATA) ? Tag.FLOAT_PIXEL_DATA
                : ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA) ? Tag.DOUBLE_FLOAT_PIXEL_DATA : -1;
        if (tag == -1) {
            throw new MalformedDataException("no Pixel Data", -1, Tag.PIXEL_DATA);
        }
        int i = ds.indexOf(tag);
        List<Repair> repairs = new ArrayList<>();
        if (ds.kindAt(i) == DicomObject.ValueKind.FRAGMENTS) {
            Fragments f = ds.fragmentsAt(i).orElseThrow();
            int[] first = locate(ds, f, image.frames(), lenient, repairs);
            int n = first.length - 1;
            if (n > 0 && first[0] < f.count() && PixelShape.jpegFamily(ts)) {
                image = PixelShape.codestream(image, PixelShape.peek(f.fragment(first[0])), tag, lenient, repairs);
            }
            return new PixelFrames(image.withFrames(Math.max(1, n)), ts, registry, repairs, n, null, null, null, f, first);
        }
        if (ts.encapsulated()) {
            throw new MalformedDataException("native Pixel Data in an encapsulated transfer syntax", -1, tag);
        }
        ByteBuffer data;
        BulkData large = null;
        long dataLength;
        NativeLayout layout;
        Vr vr = ds.vrAt(i);
        if (ds.kindAt(i) == DicomObject.ValueKind.BULK_DATA) {
            BulkData b = ds.bulkDataAt(i).orElseThrow();
            if (b.length() > maxWholeMapping) {
                large = b;        // mapped frame by frame (tomosynthesis, cine: several GiB)
                data = ByteBuffer.allocate(0);
            } else {
                data = b.map();
            }
            dataLength = b.length();
            layout = b.byteOrder() == ByteOrder.BIG_ENDIAN
                    ? (vr == Vr.OB ? NativeLayout.BIG_ENDIAN_OB : NativeLayout.BIG_ENDIAN_OW) : NativeLayout.LITTLE_ENDIAN;
        } else {
            data = ds.bufferAt(i);
            dataLength = data.remaining();
            layout = NativeLayout.LITTLE_ENDIAN; // the reader holds values little endian
        }
        image = PixelShape.nativeLength(image, dataLength, tag, lenient, repairs);
        long frameBits = NativeFrames.frameBitOffset(image, 1);
        long available = frameBits == 0 ? 0 : (8L * dataLength) / frameBits;
        int n = image.frames();
        if (available < n) {
            if (!lenient) {
                throw new MalformedDataException("Pixel Data holds " + available + " of " + n + " frames", -1, tag);
            }
            repairs.add(new Repair("Pixel Data holds " + available + " of " + n + " frames; frame count reduced", -1, tag));
            n = (int) available;
        }
        return new PixelFrames(image.withFrames(Math.max(1, n)), ts, registry, repairs, n,
                data.asReadOnlyBuffer().order(data.order()), large, layout, null, null);
    }

    /**
     * Finds each frame's first fragment; returns frames + 1 entries, the last one the
     * fragment count.
     */
    private static int[] locate(DicomObject ds, Fragments f, int frames, boolean lenient, List<Repair> repairs) {
        int k = f.count();
        long[] table = extendedOffsets(ds);
        String which = "Extended Offset Table";
        if (table.length == 0) {
            table = f.basicOffsetTable();
            which = "Basic Offset Table";
        }
        if (table.length > 0) {
            if (table.length == frames) {
                int[] first = fromOffsets(f, table);
                if (first != null) {
                    return first;
                }
            }
            if (!lenient) {
                throw new MalformedDataException(which + " does not match the fragments and frame count", -1,
                        Tag.PIXEL_DATA);
            }
            repairs.add(new Repair(which + " ignored: it does not match the fragments and frame count", -1, Tag.PIXEL_DATA));
        }
        if (k == frames) {
            return range(k);
        }
        if (frames == 1 && k > 0) {
            return new int[] {0, k};
        }
        if (k > frames) {
            List<Integer> starts = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (startsCodestream(f, i)) {
                    starts.add(i);
                }
            }
            if (starts.size() == frames && starts.get(0) == 0) {
                int[] first = new int[frames + 1];
                for (int i = 0; i < frames; i++) {
                    first[i] = starts.get(i);
                }
                first[frames] = k;
                return first;
            }
        }
        if (!lenient) {
            throw new MalformedDataException(k + " fragments cannot hold " + frames + " frames", -1, Tag.PIXEL_DATA);
        }
        repairs.add(new Repair(k + " fragments for " + frames + " frames; one frame per fragment assumed", -1,
                Tag.PIXEL_DATA));
        return range(k);
    }

    private static int[] range(int k) {
        int[] first = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            first[i] = i;
        }
        return first;
    }

    private static int[] fromOffsets(Fragments f, long[] offsets) {
        int[] first = new int[offsets.length + 1];
        int frag = 0;
        for (int i = 0; i < offsets.length; i++) {
            while (frag < f.count() && f.itemOffset(frag) < offsets[i]) {
                frag++;
            }
            if (frag >= f.count() || f.itemOffset(frag) != offsets[i] || (i > 0 && frag <= first[i - 1])) {
                return null;
            }
            first[i] = frag;
        }
        first[offsets.length] = f.count();
        return first;
    }

    private static long[] extendedOffsets(DicomObject ds) {
        return ds.bytes(Tags.ExtendedOffsetTable).map(b -> {
            long[] t = new long[b.length / 8];
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.length; i++) {
                t[i] = bb.getLong();
            }
            return t;
        }).orElse(new long[0]);
    }

    /** JPEG, JPEG-LS (SOI FFD8) and JPEG 2000 (SOC FF4F) codestreams begin with a marker. */
    private static boolean startsCodestream(Fragments f, int i) {
        if (f.fragmentLength(i) < 2) {
            return false;
        }
        byte[] head = new byte[2];
        f.fragmentBulkData(i).ifPresentOrElse(b -> b.read(0, head, 0, 2), () -> f.fragment(i).get(head));
        return (head[0] & 0xFF) == 0xFF && ((head[1] & 0xFF) == 0xD8 || (head[1] & 0xFF) == 0x4F);
    }

    /**
     * Returns the image: as the dataset declares it, with the number of frames actually present,
     * and with bit depth, samples per pixel and photometric interpretation as the pixel bytes hold
     * them where those disagree with the dataset (each such change listed in {@link #repairs()}).
     */
    public ImageDescriptor image() {
        return image;
    }

    /** Returns the transfer syntax of the pixel data. */
    public TransferSyntax transferSyntax() {
        return ts;
    }

    /** Returns the number of frames. */
    public int frameCount() {
        return frames;
    }

    /**
     * Returns what was repaired to locate the frames and to follow what the pixel bytes hold
     * where the dataset disagrees with them (see {@link #image()}): lenient mode, and in strict
     * mode the few repairs that need no guess (a JPEG precision other than Bits Stored).
     */
    public List<Repair> repairs() {
        return repairs;
    }

    /**
     * Returns frame {@code i}'s encoded bytes (for encapsulated data, its fragments joined; for
     * native data, the frame's bytes, or for 1-bit data the bytes that hold its bits).
     *
     * @param i 0-based frame index
     * @return a read-only buffer
     */
    public ByteBuffer encodedFrame(int i) {
        Objects.checkIndex(i, frames);
        if (fragments == null) {
            long start = NativeFrames.frameBitOffset(image, i) >>> 3;
            if (largeNative != null) {
                long end = Math.min(largeNative.length(), (NativeFrames.frameBitOffset(image, i + 1) + 7) >>> 3);
                return largeNative.map(start, end - start).asReadOnlyBuffer().order(largeNative.byteOrder());
            }
            long end = Math.min(nativeData.limit(), (NativeFrames.frameBitOffset(image, i + 1) + 7) >>> 3);
            return nativeData.duplicate().position((int) start).limit((int) end).slice().order(nativeData.order())
                    .asReadOnlyBuffer();
        }
        int a = firstFragment[i];
        int b = firstFragment[i + 1];
        if (b - a == 1) {
            return fragments.fragment(a);
        }
        long total = 0;
        for (int k = a; k < b; k++) {
            total += fragments.fragmentLength(k);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new MalformedDataException("frame of 2 GiB or more", -1, Tag.PIXEL_DATA);
        }
        ByteBuffer joined = ByteBuffer.allocate((int) total);
        for (int k = a; k < b; k++) {
            joined.put(fragments.fragment(k));
        }
        return joined.flip().asReadOnlyBuffer();
    }

    /**
     * Decodes frame {@code i} into the caller's samples.
     *
     * @param i   0-based frame index
     * @param dst receives {@code image().samplesPerFrame()} interleaved samples
     * @return what was decoded (photometric interpretation written, repairs)
     * @throws ApertureException carrying the frame index, if the frame cannot be decoded
     */
    public DecodedFrame decode(int i, Samples dst) {
        Objects.checkIndex(i, frames);
        try {
            if (fragments == null) {
                long bit = NativeFrames.frameBitOffset(image, i);
                if (largeNative != null) {
                    // map from the 16-bit word holding the frame's first bit (big-endian OW pairs)
                    long word = (bit >>> 3) & ~1L;
                    long end = Math.min(largeNative.length(), (NativeFrames.frameBitOffset(image, i + 1) + 15) >>> 3);
                    ByteBuffer part = largeNative.map(word, end - word);
                    return NativeFrames.decode(part, bit - 8 * word, image, dst, layout);
                }
                return NativeFrames.decode(nativeData, bit, image, dst, layout);
            }
            FrameDecoder decoder = registry.requireDecoder(ts);
            return decoder.decode(encodedFrame(i), image, dst);
        } catch (MalformedDataException e) {
            if (e.frame() >= 0) {
                throw e;
            }
            throw new MalformedDataException(e.reason(), e.offset(), e.tag() == ApertureException.NO_TAG
                    ? Tag.PIXEL_DATA : e.tag(), i, e);
        }
    }

    /** Allocates samples for every frame: the type {@code image()} calls for. */
    public Samples allocateAll() {
        return Samples.allocate(image, frames);
    }

    /**
     * Decodes every frame into {@code dst}, frame {@code i} at {@code i * samplesPerFrame}, in
     * parallel on the caller's executor.
     *
     * @param dst      samples for all frames (see {@link #allocateAll()})
     * @param executor where frames are decoded; {@code Runnable::run} decodes on this thread
     * @return each frame's outcome, in frame order
     */
    public List<DecodedFrame> decodeAll(Samples dst, Executor executor) {
        int spf = image.samplesPerFrame();
        if ((long) spf * frames > dst.length()) {
            throw new IllegalArgumentException("destination holds " + dst.length() + " samples, frames need "
                    + (long) spf * frames);
        }
        List<CompletableFuture<DecodedFrame>> jobs = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            final int frame = f;
            Samples slot = dst.window(dst.offset() + frame * spf, spf);
            jobs.add(CompletableFuture.supplyAsync(() -> decode(frame, slot), executor));
        }
        List<DecodedFrame> out = new ArrayList<>(frames);
        for (CompletableFuture<DecodedFrame> j : jobs) {
            try {
                out.add(j.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return out;
    }

}
