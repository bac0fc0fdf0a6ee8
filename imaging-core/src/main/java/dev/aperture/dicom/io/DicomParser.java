// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.ElementDictionary;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.LimitExceededException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.ReadLimits;
import dev.aperture.imaging.Repair;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull parser over one encoded dataset: each call to {@link #next()} reads one element header
 * (or item or delimiter) and says what it is. The value of an {@link Event#ELEMENT} or
 * {@link Event#FRAGMENT} is read only if asked for ({@link #readValue()}); otherwise
 * {@code next()} skips it, so a caller can walk a file's header without touching pixel data.
 *
 * <p>One parser, one stream, one thread. Nesting is tracked on an explicit stack: no recursion,
 * so hostile nesting gives a {@link LimitExceededException}, never a stack overflow. Every
 * declared length is checked against the {@link ReadLimits} and the bytes that remain before
 * anything is allocated for it.
 */
public final class DicomParser implements Closeable {

    /** What {@link #next()} found. */
    public enum Event {
        /** A data element with a value (not a sequence, not encapsulated pixel data). */
        ELEMENT,
        /** A sequence element starts; its items follow. */
        SEQUENCE_START,
        /** An item of the current sequence starts; its elements follow. */
        ITEM_START,
        /** The current item ends. */
        ITEM_END,
        /** The current sequence ends. */
        SEQUENCE_END,
        /** Encapsulated pixel data starts; the Basic Offset Table and fragments follow. */
        FRAGMENTS_START,
        /** One item of encapsulated pixel data: the Basic Offset Table first, then each fragment. */
        FRAGMENT,
        /** Encapsulated pixel data ends. */
        FRAGMENTS_END,
        /** The dataset ends (end of input, or the stop tag was reached). */
        END
    }

    private static final int DATASET = 0;
    private static final int ITEM = 1;
    private static final int SEQUENCE = 2;
    private static final int FRAGMENTS = 3;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** Stop value that ends a parse at the first top-level element outside group 0002. */
    static final long META_ONLY = -1;
    /** Values above this are read in chunks, so a hostile length fails at the end of the input. */
    private static final int CHUNKED_READ_THRESHOLD = 1 << 20;

    private final ByteInput in;
    private final boolean bigEndian;
    private final ReadLimits limits;
    // the limits as fields: read once per element, not through the record each time
    private final long maxElements;
    private final long maxValueLength;
    private final long maxTotalAllocation;
    private final boolean lenient;
    private final long stopTag;
    private final long inputLength;
    private final ElementDictionary dictionary = ElementDictionary.standard();
    private final List<Repair> repairs;

    // context stack
    private int depth;
    private int[] kind = new int[16];
    private long[] end = new long[16];
    /** For each depth, the nearest defined end at or above it (-1: none): the bound a value must respect. */
    private long[] bound = new long[16];
    private boolean[] explicit = new boolean[16];

    // current element
    private int tag;
    private Vr vr;
    private long length;
    private boolean vrFromDictionary;
    private long valueOffset;
    private boolean valuePending;
    private long elements;
    private long allocated;
    private boolean finished;
    private boolean pendingSequenceEnd;

    DicomParser(ByteInput in, boolean explicitVr, boolean bigEndian, ReadLimits limits, boolean lenient,
                long stopTag, long inputLength, List<Repair> repairs) {
        this.in = in;
        this.bigEndian = bigEndian;
        this.limits = limits;
        this.maxElements = limits.maxElements();
        this.maxValueLength = limits.maxValueLength();
        this.maxTotalAllocation = limits.maxTotalAllocation();
        this.lenient = lenient;
        this.stopTag = stopTag;
        this.inputLength = inputLength;
        this.repairs = repairs;
        kind[0] = DATASET;
        end[0] = -1;
        bound[0] = -1;
        explicit[0] = explicitVr;
    }

    /** Where the File Meta group length says File Meta Information ends (-1: not known). */
    private long metaEnd = -1;

    /**
     * Tells a File Meta parser where the group length says File Meta Information ends. An
     * element there that reads as group 0002 but is not a File Meta element is the dataset's
     * first element in another byte order (group 0200 in big endian, say), so the parse stops.
     */
    void metaEndsAt(long end) {
        metaEnd = end;
    }

    /** The File Meta elements of PS3.10 7.1 (and the retired ones still written). */
    private static boolean fileMetaElement(int elem) {
        switch (elem) {
            case 0x0000: case 0x0001: case 0x0002: case 0x0003: case 0x0010: case 0x0012: case 0x0013:
            case 0x0016: case 0x0017: case 0x0018: case 0x0026: case 0x0027: case 0x0028: case 0x0031:
            case 0x0032: case 0x0033: case 0x0035: case 0x0100: case 0x0102:
                return true;
            default:
                return false;
        }
    }

    /** Returns the tag of the current element, item or delimiter. */
    public int tag() {
        return tag;
    }

    /** Returns the VR of the current element (null for items and delimiters). */
    public Vr vr() {
        return vr;
    }

    /**
     * Returns true when the current element's VR was not in the input (implicit VR) but taken
     * from the data dictionary; where the dictionary allows several VRs, this is the first.
     */
    public boolean vrFromDictionary() {
        return vrFromDictionary;
    }

    /** Returns the value length of the current element or fragment ({@code 0xFFFFFFFF} = undefined). */
    public long length() {
        return length;
    }

    /** Returns the byte offset of the current value in the input. */
    public long offset() {
        return valueOffset;
    }

    /** Returns the nesting depth: 0 in the top-level dataset, +1 for each sequence and item. */
    public int depth() {
        return depth;
    }

    /** Returns true when multi-byte numbers are big endian in the input. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Most repairs listed for one parse; hostile input cannot grow the list without bound. */
    static final int MAX_REPAIRS = 1000;

    /** Records a repair; past {@link #MAX_REPAIRS}, one closing entry says that more were omitted. */
    void repair(Repair r) {
        if (repairs.size() < MAX_REPAIRS) {
            repairs.add(r);
        } else if (repairs.size() == MAX_REPAIRS) {
            repairs.add(new Repair("further repairs omitted", r.offset(), r.tag()));
        }
    }

    /** Returns what was repaired or tolerated so far (a live view for this parser's thread). */
    public List<Repair> repairs() {
        return repairs;
    }

    /**
     * Moves to the next element, item or delimiter, skipping the value of the previous one if it
     * was not read.
     *
     * @return what was found
     * @throws IOException if the input cannot be read
     * @throws MalformedDataException if the bytes are not a valid dataset
     * @throws LimitExceededException if a length or the nesting depth exceeds the limits
     */
    public Event next() throws IOException {
        if (valuePending) {
            skipValue();
        }
        if (pendingSequenceEnd) {
            pendingSequenceEnd = false;
            return Event.SEQUENCE_END;
        }
        if (finished) {
            return Event.END;
        }
        vr = null;
        vrFromDictionary = false;
        // Close contexts whose defined length is used up.
        long pos = in.position();
        long e = end[depth];
        if (e >= 0 && pos >= e) {
            if (pos > e) {
                overrun(pos, e);
            }
            return closeContext();
        }
        int k = kind[depth];
        if (!in.request(8)) {
            return atEndOfInput(pos);
        }
        byte[] w = in.window();
        int p = in.windowPos();
        int group = u16(w, p);
        int elem = u16(w, p + 2);
        tag = group << 16 | elem;
        if (group == 0xFFFE) {
            return itemOrDelimiter(k, w, p, pos);
        }
        if (k == SEQUENCE || k == FRAGMENTS) {
            throw new MalformedDataException("expected an item or a sequence delimiter", pos, tag);
        }
        if (depth == 0 && (stopTag == META_ONLY ? group != 2 || (pos == metaEnd && !fileMetaElement(elem))
                : (tag & 0xFFFFFFFFL) >= stopTag)) {
            finished = true;
            return Event.END;
        }
        if (++elements > maxElements) {
            throw new LimitExceededException("maxElements", elements, maxElements, pos, tag);
        }
        long len;
        if (explicit[depth]) {
            Vr v = Vr.ofCode(w[p + 4], w[p + 5]);
            if (v == null) {
                v = unknownVr(w, p, pos);
                if (v == null) {
                    // Lenient: the element was written in implicit VR inside an explicit dataset.
                    vr = dictionary.vr(tag);
                    vrFromDictionary = true;
                    len = u32(w, p + 4);
                    in.advance(8);
                    return element(pos, len);
                }
            }
            vr = v;
            if (v.hasLongLength()) {
                if (!in.request(12)) {
                    throw truncated(pos);
                }
                w = in.window();
                p = in.windowPos();
                len = u32(w, p + 8);
                in.advance(12);
            } else {
                len = u16(w, p + 6);
                in.advance(8);
            }
        } else {
            vr = dictionary.vr(tag);
            vrFromDictionary = true;
            len = u32(w, p + 4);
            in.advance(8);
        }
        return element(pos, len);
    }

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * VRs by their two code bytes, each folded to 5 bits: index {@code (b0 & 31) << 5 | (b1 & 31)},
     * valid only when both bytes are in 0x40..0x5F (checked before the lookup). Null: not a VR.
     */
    private static final Vr[] VR_BY_CODE5 = new Vr[1024];

    static {
        for (Vr v : Vr.values()) {
            String n = v.name();
            VR_BY_CODE5[(n.charAt(0) & 31) << 5 | (n.charAt(1) & 31)] = v;
        }
    }

    /**
     * The common case without the event machinery: reads consecutive plain elements of the
     * current dataset or item (little endian, explicit or implicit VR; defined, even length; not a sequence,
     * item or delimiter; value wholly in the input window and inside every enclosing length;
     * within the limits; before the stop tag) and adds each value to {@code into}. It stops,
     * consuming nothing of it, at the first element that needs anything else (an odd length to
     * repair, a sequence, a limit to report, a refill of the window, ...): {@link #next()} then
     * deals with that element exactly as it always does, so the result is the same with or
     * without this path.
     *
     * @param into       the builder of the current dataset or item
     * @param bulkAbove  at depth 0, values longer than this, and pixel data, are left to
     *                   {@link #next()} (the reader keeps them as bulk data); {@code -1}: none is
     * @return the number of elements read
     */
    int readPlainElements(DicomObject.Builder into, long bulkAbove) {
        if (valuePending || pendingSequenceEnd || finished || bigEndian || stopTag == META_ONLY) {
            return 0;
        }
        int d = depth;
        int k = kind[d];
        if (k != DATASET && k != ITEM) {
            return 0;
        }
        byte[] w = in.window();
        int start = in.windowPos();
        long base = in.position() - start;
        // The first byte no value may reach: the window's end, the enclosing defined length,
        // the input's declared end. Values ending past it go the general way (refill, repair
        // or exception).
        long hard = start + in.available();
        long b = bound[d];
        if (b >= 0) {
            hard = Math.min(hard, b - base);
        }
        if (inputLength >= 0) {
            hard = Math.min(hard, inputLength - base);
        }
        int limit = (int) Math.max(start, hard);
        // Tags (as unsigned numbers) at or past this stop the parse at depth 0; 2^32: none does.
        long stop = d == 0 ? stopTag : 0x1_0000_0000L;
        boolean explicitVr = explicit[d];
        long maxLen = maxValueLength;
        long allocatable = maxTotalAllocation - allocated;
        boolean bulk = d == 0 && bulkAbove >= 0;
        long maxEl = maxElements - elements;
        int p = start;
        int count = 0;
        long taken = 0;
        while (p + 8 <= limit && count < maxEl) {
            long x = (long) LE_LONG.get(w, p);
            int group = (int) x & 0xFFFF;
            int t = group << 16 | (int) (x >>> 16) & 0xFFFF;
            if (group == 0xFFFE || (t & 0xFFFFFFFFL) >= stop) {
                break;
            }
            Vr v;
            long len;
            int hdr;
            if (explicitVr) {
                int code = (int) (x >>> 32) & 0xFFFF;
                if ((code & 0xE0E0) != 0x4040) {
                    break;
                }
                v = VR_BY_CODE5[(code & 0x1F) << 5 | (code >>> 8) & 0x1F];
                if (v == null || v == Vr.SQ) {
                    break;
                }
                if (v.hasLongLength()) {
                    if (p + 12 > limit) {
                        break;
                    }
                    len = (int) LE_INT.get(w, p + 8) & 0xFFFFFFFFL;
                    hdr = 12;
                } else {
                    len = x >>> 48;
                    hdr = 8;
                }
            } else {
                // Implicit VR: the dictionary's VR, chosen among several as the reader does.
                len = x >>> 32;
                hdr = 8;
                v = dictionary.vr(t);
                if (v == Vr.SQ) {
                    break;
                }
                v = DicomReader.implicitVr(t, v, into);
            }
            // Odd or undefined lengths, values past the limits or the window: the general path.
            if ((len & 1) != 0 || len > maxLen || len > allocatable - taken || p + hdr + len > limit
                    || (bulk && (len > bulkAbove || isPixelData(t)))) {
                break;
            }
            int from = p + hdr;
            int to = from + (int) len;
            into.adoptBytes(t, v, Arrays.copyOfRange(w, from, to));
            taken += len;
            p = to;
            count++;
        }
        if (count > 0) {
            in.advance(p - start);
            elements += count;
            allocated += taken;
        }
        return count;
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA;
    }

    private Event element(long pos, long len) throws IOException {
        length = len;
        valueOffset = in.position();
        if (len == UNDEFINED) {
            if (tag == Tag.PIXEL_DATA && depth == 0) {
                push(FRAGMENTS, -1, explicit[depth], pos);
                return Event.FRAGMENTS_START;
            }
            if (vr == Vr.SQ) {
                push(SEQUENCE, -1, explicit[depth], pos);
                return Event.SEQUENCE_START;
            }
            if (vr == Vr.UN || !explicit[depth]) {
                // PS3.5 6.2.2: UN of undefined length holds a sequence in implicit VR little endian;
                // in implicit VR, an undefined length can only be a sequence.
                vr = Vr.SQ;
                push(SEQUENCE, -1, false, pos);
                return Event.SEQUENCE_START;
            }
            throw new MalformedDataException("undefined length on a " + vr + " element", pos, tag);
        }
        if (vr == Vr.SQ) {
            push(SEQUENCE, checkedEnd(pos, len), explicit[depth], pos);
            return Event.SEQUENCE_START;
        }
        if ((len & 1) != 0) {
            repair(new Repair("odd value length " + len + " accepted", pos, tag));
        }
        checkValueFits(pos, len);
        valuePending = true;
        return Event.ELEMENT;
    }

    private Event itemOrDelimiter(int k, byte[] w, int p, long pos) throws IOException {
        long len = u32(w, p + 4);
        in.advance(8);
        length = len;
        valueOffset = in.position();
        if (tag == Tag.ITEM) {
            if (k == FRAGMENTS) {
                if (len == UNDEFINED) {
                    throw new MalformedDataException("fragment of undefined length", pos, tag);
                }
                checkValueFits(pos, len);
                valuePending = true;
                return Event.FRAGMENT;
            }
            if (k != SEQUENCE) {
                throw new MalformedDataException("item outside a sequence", pos, tag);
            }
            push(ITEM, len == UNDEFINED ? -1 : checkedEnd(pos, len), explicit[depth], pos);
            return Event.ITEM_START;
        }
        if (tag == Tag.ITEM_DELIMITATION) {
            if (k != ITEM) {
                if (lenient) {
                    repair(new Repair("stray item delimiter skipped", pos, tag));
                    return next();
                }
                throw new MalformedDataException("item delimiter outside an item", pos, tag);
            }
            depth--;
            return Event.ITEM_END;
        }
        if (tag == Tag.SEQUENCE_DELIMITATION) {
            if (k == SEQUENCE || k == FRAGMENTS) {
                depth--;
                return k == SEQUENCE ? Event.SEQUENCE_END : Event.FRAGMENTS_END;
            }
            if (k == ITEM && lenient) {
                // An item of undefined length closed by the sequence delimiter alone.
                repair(new Repair("item closed by a sequence delimiter", pos, tag));
                depth -= 2;
                pendingSequenceEnd = true;
                return Event.ITEM_END;
            }
            if (k == DATASET && depth == 0 && lenient) {
                repair(new Repair("stray sequence delimiter skipped", pos, tag));
                return next();
            }
            throw new MalformedDataException("sequence delimiter outside a sequence", pos, tag);
        }
        throw new MalformedDataException("unexpected tag in group FFFE", pos, tag);
    }

    private Event closeContext() {
        int k = kind[depth];
        depth--;
        switch (k) {
            case ITEM:
                return Event.ITEM_END;
            case SEQUENCE:
                return Event.SEQUENCE_END;
            default:
                return Event.FRAGMENTS_END;
        }
    }

    private Event atEndOfInput(long pos) throws IOException {
        if (stopTag == META_ONLY && depth == 0) {
            return finish(); // what follows the File Meta Information may be a short deflated stream
        }
        if (!in.atEnd()) {
            // 1..7 bytes remain: too few for an element header.
            long rest = in.skip(8);
            if (lenient) {
                repair(new Repair(rest + " trailing bytes ignored", pos, ApertureException.NO_TAG));
                return finish();
            }
            throw new MalformedDataException("input ends inside an element header", pos, ApertureException.NO_TAG);
        }
        if (depth > 0) {
            if (lenient) {
                repair(new Repair("input ended inside a sequence; open items closed", pos, ApertureException.NO_TAG));
                return closeContext();
            }
            throw new MalformedDataException("input ends inside a sequence or item", pos, ApertureException.NO_TAG);
        }
        return finish();
    }

    private Event finish() {
        finished = true;
        return Event.END;
    }

    private void overrun(long pos, long e) {
        if (!lenient) {
            throw new MalformedDataException("element extends past the end of its item or sequence", e, tag);
        }
        repair(new Repair("element overran its item or sequence by " + (pos - e) + " bytes", e, tag));
    }

    private Vr unknownVr(byte[] w, int p, long pos) {
        // Some writers put implicit-VR elements into explicit-VR datasets; the two bytes are then
        // the low half of a 32-bit length. Only the lenient mode accepts this guess.
        if (lenient) {
            repair(new Repair("invalid VR bytes; element read as implicit VR", pos, tag));
            return null;
        }
        throw new MalformedDataException("invalid VR bytes", pos + 4, tag);
    }

    private void push(int k, long e, boolean explicitVr, long pos) {
        if (depth + 1 > limits.maxNestingDepth() * 2 + 1) {
            throw new LimitExceededException("maxNestingDepth", (depth + 1) / 2, limits.maxNestingDepth(), pos, tag);
        }
        depth++;
        if (depth == kind.length) {
            kind = java.util.Arrays.copyOf(kind, depth * 2);
            end = java.util.Arrays.copyOf(end, depth * 2);
            explicit = java.util.Arrays.copyOf(explicit, depth * 2);
            bound = java.util.Arrays.copyOf(bound, depth * 2);
        }
        kind[depth] = k;
        end[depth] = e;
        bound[depth] = e >= 0 ? e : bound[depth - 1];
        explicit[depth] = explicitVr;
    }

    private long checkedEnd(long pos, long len) {
        long e = in.position() + len;
        long parent = enclosingEnd();
        if (parent >= 0 && e > parent) {
            if (!lenient) {
                throw new MalformedDataException("length extends past the end of the enclosing item", pos, tag);
            }
            repair(new Repair("length clipped to the enclosing item", pos, tag));
            return parent;
        }
        if (inputLength >= 0 && e > inputLength) {
            if (!lenient) {
                throw new MalformedDataException("length extends past the end of the input", pos, tag);
            }
            repair(new Repair("length clipped to the end of the input", pos, tag));
            return inputLength;
        }
        return e;
    }

    private long enclosingEnd() {
        return bound[depth];
    }

    private void checkValueFits(long pos, long len) {
        long e = in.position() + len;
        long parent = enclosingEnd();
        if (parent >= 0 && e > parent && !lenient) {
            throw new MalformedDataException("value extends past the end of the enclosing item", pos, tag);
        }
        if (inputLength >= 0 && e > inputLength) {
            if (!lenient) {
                throw new MalformedDataException("value extends past the end of the input", pos, tag);
            }
            repair(new Repair("value truncated at the end of the input", pos, tag));
            length = Math.max(0, inputLength - in.position());
        }
    }

    /**
     * Reads the current element's or fragment's value. Binary numbers are returned in
     * little-endian order whatever the input's byte order.
     *
     * @return the value
     * @throws LimitExceededException if the value is longer than the limits allow
     * @throws MalformedDataException if the input ends first
     */
    public byte[] readValue() throws IOException {
        return readValue(vr == null || vr == Vr.UN ? 1 : vr.unitSize());
    }

    /**
     * Reads the current value, swapping big-endian input to little endian in units of
     * {@code swapUnit} bytes (1: no swap). For native Pixel Data the unit is the sample size
     * (see {@link DicomWriter#pixelSwapUnit}), not the VR's.
     *
     * @param swapUnit 1, 2, 4 or 8
     * @return the value
     * @throws IOException if the input cannot be read
     */
    public byte[] readValue(int swapUnit) throws IOException {
        if (!valuePending) {
            throw new IllegalStateException("no value to read");
        }
        valuePending = false;
        if (length > maxValueLength) {
            throw new LimitExceededException("maxValueLength", length, maxValueLength, valueOffset, tag);
        }
        allocated += length;
        if (allocated > maxTotalAllocation) {
            throw new LimitExceededException("maxTotalAllocation", allocated, maxTotalAllocation,
                    valueOffset, tag);
        }
        int n = (int) length;
        byte[] b;
        if (in.available() >= n) {
            // the common case: the whole value is in the window; copyOfRange skips zeroing
            b = in.readBytes(n, tag);
        } else if (n <= CHUNKED_READ_THRESHOLD || inputLength >= 0) {
            b = new byte[n];
            int got = in.readUpTo(b, 0, n);
            if (got < n) {
                b = shortValue(b, got);
            }
        } else {
            b = readChunked(n);
        }
        if (bigEndian && swapUnit > 1) {
            ByteSwap.swap(b, swapUnit);
        }
        return b;
    }

    private byte[] readChunked(int n) throws IOException {
        byte[] b = new byte[CHUNKED_READ_THRESHOLD];
        int have = 0;
        while (have < n) {
            if (have == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int got = in.readUpTo(b, have, Math.min(n, b.length) - have);
            if (got == 0) {
                return shortValue(java.util.Arrays.copyOf(b, have), have);
            }
            have += got;
        }
        return b.length == n ? b : java.util.Arrays.copyOf(b, n);
    }

    private byte[] shortValue(byte[] b, int got) {
        if (!lenient) {
            throw new MalformedDataException("value extends past the end of the input", valueOffset, tag);
        }
        repair(new Repair("value truncated at the end of the input", valueOffset, tag));
        finished = true;
        return java.util.Arrays.copyOf(b, got & ~1);
    }

    /** Skips the current value without reading it. */
    public void skipValue() throws IOException {
        if (!valuePending) {
            return;
        }
        valuePending = false;
        long got = in.skip(length);
        if (got < length) {
            if (!lenient) {
                throw new MalformedDataException("value extends past the end of the input", valueOffset, tag);
            }
            repair(new Repair("value truncated at the end of the input", valueOffset, tag));
            finished = true;
        }
    }

    /** Returns true while the current value has been neither read nor skipped. */
    public boolean valuePending() {
        return valuePending;
    }

    private MalformedDataException truncated(long pos) {
        return new MalformedDataException("input ends inside an element header", pos, tag);
    }

    private int u16(byte[] w, int p) {
        return bigEndian ? (w[p] & 0xFF) << 8 | (w[p + 1] & 0xFF) : (w[p] & 0xFF) | (w[p + 1] & 0xFF) << 8;
    }

    private long u32(byte[] w, int p) {
        int v = bigEndian
                ? (w[p] & 0xFF) << 24 | (w[p + 1] & 0xFF) << 16 | (w[p + 2] & 0xFF) << 8 | (w[p + 3] & 0xFF)
                : (w[p] & 0xFF) | (w[p + 1] & 0xFF) << 8 | (w[p + 2] & 0xFF) << 16 | (w[p + 3] & 0xFF) << 24;
        return v & 0xFFFFFFFFL;
    }

    /** Closes the underlying stream, if any. */
    @Override
    public void close() throws IOException {
        finished = true;
    }

    static List<Repair> newRepairs() {
        return new ArrayList<>();
    }

}
