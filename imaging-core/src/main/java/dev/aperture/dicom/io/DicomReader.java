// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.dicom.BulkData;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.ElementDictionary;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.ReadLimits;
import dev.aperture.imaging.Repair;
import dev.aperture.transfer.TransferSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads DICOM Part 10 files and bare datasets: with or without preamble and File Meta group
 * length; implicit VR LE, explicit VR LE, explicit VR BE and deflated explicit VR LE; defined
 * and undefined lengths, nested sequences, private tags, UN (including undefined-length UN
 * holding implicit-VR sequences), and encapsulated pixel data as fragments.
 *
 * <p>Immutable and thread-safe: configure once, share. Each {@code read} is independent.
 *
 * <p>Reading a file leaves Pixel Data (and any value longer than the bulk-data threshold) in
 * the file as {@link BulkData}: the dataset then holds only the header, and the value is read or
 * memory-mapped on demand. Reading a stream or an array keeps every value in memory.
 *
 * <p>Strict by default: bytes that break the standard raise a {@link MalformedDataException}
 * carrying the byte offset and tag. A few deviations that real files carry and that need no
 * guess (an odd value length, a missing preamble or group length, a missing Transfer Syntax
 * UID that the dataset's first bytes settle) are accepted and listed in
 * {@link DicomFile#repairs()}. {@link #lenient()} also repairs what needs a guess (truncated
 * values, lengths past the end of an item, invalid VR bytes), and lists each repair.
 */
public final class DicomReader {
    private static final DicomReader STANDARD =
            new DicomReader(ReadLimits.DEFAULT, false, 0xFFFFFFFFL + 1, Long.MAX_VALUE);

    private final ReadLimits limits;
    private final boolean lenient;
    private final long stopTag;
    private final long bulkDataThreshold;

    private DicomReader(ReadLimits limits, boolean lenient, long stopTag, long bulkDataThreshold) {
        this.limits = limits;
        this.lenient = lenient;
        this.stopTag = stopTag;
        this.bulkDataThreshold = bulkDataThreshold;
    }

    /** Returns the strict reader with {@link ReadLimits#DEFAULT} that reads whole datasets. */
    public static DicomReader standard() {
        return STANDARD;
    }

    /** Returns a copy with other limits. */
    public DicomReader withLimits(ReadLimits newLimits) {
        return new DicomReader(Objects.requireNonNull(newLimits, "limits"), lenient, stopTag, bulkDataThreshold);
    }

    /** Returns a copy that repairs what it can, listing each repair in the result. */
    public DicomReader lenient() {
        return new DicomReader(limits, true, stopTag, bulkDataThreshold);
    }

    /** Returns true when this reader repairs what it can. */
    public boolean isLenient() {
        return lenient;
    }

    /**
     * Returns a copy that stops before the first top-level element whose tag is at least
     * {@code tag}; {@code stopBefore(Tag.PIXEL_DATA)} reads a file's header only.
     */
    public DicomReader stopBefore(int tag) {
        return new DicomReader(limits, lenient, tag & 0xFFFFFFFFL, bulkDataThreshold);
    }

    /**
     * Returns a copy that, when reading a file, also leaves values longer than {@code bytes} in
     * the file as {@link BulkData} (Pixel Data always is).
     */
    public DicomReader withBulkDataThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
        return new DicomReader(limits, lenient, stopTag, bytes);
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the file's contents
     * @throws IOException if the file cannot be read
     * @throws ApertureException if the bytes are not a valid DICOM file or exceed the limits
     */
    public DicomFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            InputStream in = Channels.newInputStream(ch);
            return read(ByteInput.of(in), size, file);
        }
    }

    /**
     * Reads a file held in an array. The array is not kept, nor changed.
     *
     * @param bytes the encoded file
     * @return the file's contents
     * @throws ApertureException if the bytes are not valid or exceed the limits
     */
    public DicomFile read(byte[] bytes) {
        try {
            return read(ByteInput.of(bytes, 0, bytes.length), bytes.length, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads from a stream, which is read up to the end of the dataset (or the stop tag) and not
     * closed.
     *
     * @param in the stream
     * @return the contents
     * @throws IOException if the stream cannot be read
     * @throws ApertureException if the bytes are not valid or exceed the limits
     */
    public DicomFile read(InputStream in) throws IOException {
        return read(ByteInput.of(in), -1, null);
    }

    /**
     * Reads a bare dataset (no preamble, no File Meta Information) in a known transfer syntax.
     *
     * @param in the stream
     * @param ts the transfer syntax the dataset is encoded in
     * @return the dataset
     * @throws IOException if the stream cannot be read
     */
    public DicomObject readDataset(InputStream in, TransferSyntax ts) throws IOException {
        ByteInput bi = ByteInput.of(in);
        List<Repair> repairs = new ArrayList<>();
        if (ts.deflated()) {
            bi.switchTo(new Inflating(bi.remainder(), bi.position()));
        }
        DicomParser p = new DicomParser(bi, ts.explicitVr(), ts.bigEndian(), limits, lenient, stopTag, -1, repairs);
        return build(p, null, -1);
    }

    /**
     * Opens a pull parser positioned at the first element of the dataset, after the preamble and
     * File Meta Information, which are read and available from the returned parser's
     * {@link Opened#fileMeta()}.
     *
     * @param in the stream; read as the parser advances, not closed by it
     * @return the File Meta Information, transfer syntax and parser
     * @throws IOException if the stream cannot be read
     */
    public Opened open(InputStream in) throws IOException {
        ByteInput bi = ByteInput.of(in);
        List<Repair> repairs = new ArrayList<>();
        Header h = header(bi, -1, repairs);
        return new Opened(h.meta, h.ts, parserFor(bi, h.ts, -1, repairs));
    }

    /**
     * A parser opened on a Part 10 stream, with what was read before the dataset.
     *
     * @param fileMeta       the File Meta Information
     * @param transferSyntax the dataset's transfer syntax
     * @param parser         the parser, positioned at the dataset's first element
     */
    public record Opened(DicomObject fileMeta, TransferSyntax transferSyntax, DicomParser parser) {
    }

    // ---- implementation ---------------------------------------------------------------------

    private static final class Header {
        byte[] preamble;
        DicomObject meta = DicomObject.empty();
        TransferSyntax ts;
    }

    private DicomFile read(ByteInput bi, long size, Path file) throws IOException {
        List<Repair> repairs = new ArrayList<>();
        Header h = header(bi, size, repairs);
        DicomParser p = parserFor(bi, h.ts, size, repairs);
        boolean lazy = file != null && !h.ts.deflated();
        DicomObject ds = build(p, lazy ? file : null, h.ts.deflated() ? -1 : size);
        return new DicomFile(Optional.ofNullable(h.preamble), h.meta, ds, h.ts, repairs);
    }

    private DicomParser parserFor(ByteInput bi, TransferSyntax ts, long size, List<Repair> repairs) {
        long inputLength = size;
        if (ts.deflated()) {
            bi.switchTo(new Inflating(bi.remainder(), bi.position()));
            inputLength = -1;
        }
        return new DicomParser(bi, ts.explicitVr(), ts.bigEndian(), limits, lenient, stopTag, inputLength, repairs);
    }

    private Header header(ByteInput bi, long size, List<Repair> repairs) throws IOException {
        Header h = new Header();
        boolean meta;
        if (bi.request(132) && magicAt(bi, 128)) {
            h.preamble = java.util.Arrays.copyOfRange(bi.window(), bi.windowPos(), bi.windowPos() + 128);
            bi.advance(132);
            meta = true;
        } else if (bi.request(4) && magicAt(bi, 0)) {
            repairs.add(new Repair("no preamble before the DICM prefix", 0, ApertureException.NO_TAG));
            bi.advance(4);
            meta = true;
        } else {
            meta = bi.request(8) && u16le(bi, 0) == 0x0002;
            repairs.add(new Repair(meta ? "no preamble and no DICM prefix" : "no File Meta Information",
                    0, ApertureException.NO_TAG));
        }
        if (meta) {
            long start = bi.position();
            DicomParser mp = new DicomParser(bi, true, false, limits, lenient, DicomParser.META_ONLY, size, repairs);
            if (bi.request(12) && u16le(bi, 0) == 0x0002 && u16le(bi, 2) == 0 && u16le(bi, 4) == ('U' | 'L' << 8)
                    && u16le(bi, 6) == 4) {
                mp.metaEndsAt(start + 12 + (((long) u16le(bi, 10) << 16) | u16le(bi, 8)));
            }
            h.meta = build(mp, null, size, 16);
            long declared = h.meta.longValue(Tag.of(2, 0)).orElse(-1);
            long actual = bi.position() - start - 12;
            if (declared < 0) {
                repairs.add(new Repair("File Meta Information has no group length", start, Tag.of(2, 0)));
            } else if (declared != actual) {
                repairs.add(new Repair("File Meta Information group length " + declared
                        + " disagrees with its elements (" + actual + ")", start, Tag.of(2, 0)));
            }
            Optional<String> tsUid = h.meta.string(Tag.TRANSFER_SYNTAX_UID);
            if (tsUid.isPresent() && !tsUid.get().isEmpty()) {
                h.ts = TransferSyntax.of(tsUid.get());
                return h;
            }
            h.ts = sniff(bi, size, true);
            repairs.add(new Repair("File Meta Information has no Transfer Syntax UID; the dataset reads as "
                    + h.ts.name(), bi.position(), Tag.TRANSFER_SYNTAX_UID));
            return h;
        }
        h.ts = sniff(bi, size, false);
        repairs.add(new Repair("transfer syntax inferred from the dataset: " + h.ts.name(), 0,
                ApertureException.NO_TAG));
        return h;
    }

    /** Infers the encoding of a dataset from its first element header. */
    private static TransferSyntax sniff(ByteInput bi, long size, boolean afterFileMeta) throws IOException {
        if (!bi.request(8)) {
            if (bi.atEnd()) {
                return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            }
            throw new MalformedDataException("input too short for a dataset", bi.position(), ApertureException.NO_TAG);
        }
        byte[] w = bi.window();
        int p = bi.windowPos();
        int groupLe = (w[p] & 0xFF) | (w[p + 1] & 0xFF) << 8;
        int groupBe = (w[p] & 0xFF) << 8 | (w[p + 1] & 0xFF);
        boolean explicit = Vr.ofCode(w[p + 4], w[p + 5]) != null;
        boolean bigEndian = explicit && groupLe > 0x00FF && groupBe <= 0x00FF;
        // A dataset without File Meta Information starts with a low, even group (0008 in
        // practice; 0000-0010 accepted). Anything else is not DICOM at all: say so plainly.
        int group = bigEndian ? groupBe : groupLe;
        if (!afterFileMeta && (group > 0x0010 || (group & 1) != 0)) {
            throw new MalformedDataException("not a DICOM file: no DICM prefix at offset 128 and no data element at offset 0",
                    bi.position(), ApertureException.NO_TAG);
        }
        if (!explicit) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return bigEndian ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    private static boolean magicAt(ByteInput bi, int at) {
        byte[] w = bi.window();
        int p = bi.windowPos() + at;
        return w[p] == 'D' && w[p + 1] == 'I' && w[p + 2] == 'C' && w[p + 3] == 'M';
    }

    private static int u16le(ByteInput bi, int at) {
        byte[] w = bi.window();
        int p = bi.windowPos() + at;
        return (w[p] & 0xFF) | (w[p + 1] & 0xFF) << 8;
    }

    /** Builds a dataset tree from the parser's events, iteratively (no recursion). */
    private DicomObject build(DicomParser p, Path file, long size) throws IOException {
        // About one element per 24 bytes in typical files; the builder grows past that.
        return build(p, file, size, size < 0 ? 64 : (int) Math.min(CAPACITY_CAP, size / 24));
    }

    /** Largest initial capacity guessed from the input size (a header rarely needs more). */
    static final int CAPACITY_CAP = 256;

    private DicomObject build(DicomParser p, Path file, long size, int capacity) throws IOException {
        // Nesting stacks, created at the first sequence (most elements are not in one).
        ArrayDeque<DicomObject.Builder> builders = null;
        ArrayDeque<int[]> seqTags = null;
        ArrayDeque<List<DicomObject>> seqItems = null;
        DicomObject.Builder current = DicomObject.builder(capacity);
        long[] bot = null;
        List<byte[]> fragments = null;
        List<BulkData> bulkFragments = null;
        long bulkAbove = file != null ? bulkDataThreshold : -1;
        while (true) {
            p.readPlainElements(current, bulkAbove);
            DicomParser.Event e = p.next();
            switch (e) {
                case ELEMENT: {
                    int tag = p.tag();
                    Vr vr = p.vrFromDictionary() ? implicitVr(tag, p.vr(), current) : p.vr();
                    if (file != null && p.depth() == 0 && (isPixelData(tag) || p.length() > bulkDataThreshold)) {
                        current.setBulkData(tag, new BulkData(file, p.offset(), p.length(), vr, p.bigEndian()));
                        p.skipValue();
                    } else if (p.bigEndian() && p.depth() == 0 && isPixelData(tag)) {
                        current.adoptBytes(tag, vr, p.readValue(DicomWriter.pixelSwapUnit(vr, current.bitsAllocated())));
                    } else {
                        current.adoptBytes(tag, vr, p.readValue());
                    }
                    break;
                }
                case SEQUENCE_START:
                    if (seqTags == null) {
                        builders = new ArrayDeque<>();
                        seqTags = new ArrayDeque<>();
                        seqItems = new ArrayDeque<>();
                    }
                    seqTags.push(new int[] {p.tag()});
                    seqItems.push(new ArrayList<>());
                    break;
                case ITEM_START:
                    builders.push(current);
                    current = DicomObject.builder(current.characterSet());
                    break;
                case ITEM_END: {
                    DicomObject item = current.build();
                    current = builders.pop();
                    seqItems.peek().add(item);
                    break;
                }
                case SEQUENCE_END:
                    current.setItems(seqTags.pop()[0], seqItems.pop());
                    break;
                case FRAGMENTS_START:
                    bot = null;
                    fragments = new ArrayList<>();
                    bulkFragments = new ArrayList<>();
                    break;
                case FRAGMENT:
                    if (bot == null) {
                        bot = offsetTable(p.readValue(), p.offset());
                    } else if (file != null) {
                        bulkFragments.add(new BulkData(file, p.offset(), p.length(), Vr.OB, false));
                        p.skipValue();
                    } else {
                        fragments.add(p.readValue());
                    }
                    break;
                case FRAGMENTS_END: {
                    long[] table = bot == null ? new long[0] : bot;
                    current.setFragments(Tag.PIXEL_DATA, Vr.OB, file != null
                            ? Fragments.ofBulkData(table, bulkFragments)
                            : Fragments.adopt(table, fragments));
                    break;
                }
                case END:
                default:
                    while (builders != null && !builders.isEmpty()) {
                        // Only reachable in lenient mode, which closes open items at the end of input.
                        DicomObject item = current.build();
                        current = builders.pop();
                        seqItems.peek().add(item);
                    }
                    DicomObject ds = current.build();
                    if (!ds.characterSet().unknownTerms().isEmpty()) {
                        p.repair(new Repair(ds.characterSet().unknownTerms().size()
                                + " unknown Specific Character Set term(s); text decoded as ISO 8859-1",
                                -1, Tag.SPECIFIC_CHARACTER_SET));
                    }
                    return ds;
            }
        }
    }

    /**
     * Chooses among the VRs the dictionary allows for an implicit-VR element (PS3.5 A.1 c):
     * OW for "OB or OW" and for LUT and pixel data; SS for "US or SS" when Pixel Representation
     * (already read, it precedes every such element) is 1, otherwise US.
     */
    static Vr implicitVr(int tag, Vr first, DicomObject.Builder current) {
        if (isPixelData(tag)) {
            return tag == Tag.PIXEL_DATA ? Vr.OW : first;
        }
        List<Vr> vrs = DICTIONARY.entry(tag).map(ElementDictionary.Entry::vrs).orElse(List.of());
        if (vrs.size() < 2) {
            return first;
        }
        if (vrs.contains(Vr.OW)) {
            return Vr.OW;
        }
        if (vrs.contains(Vr.SS) && vrs.contains(Vr.US)) {
            return current.pixelRepresentation() == 1 ? Vr.SS : Vr.US;
        }
        return first;
    }

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private static boolean isPixelData(int tag) {
        return tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA;
    }

    private static long[] offsetTable(byte[] b, long offset) {
        if (b.length % 4 != 0) {
            throw new MalformedDataException("Basic Offset Table length is not a multiple of 4", offset, Tag.PIXEL_DATA);
        }
        long[] t = new long[b.length / 4];
        for (int i = 0; i < t.length; i++) {
            int k = 4 * i;
            t[i] = ((b[k] & 0xFF) | (b[k + 1] & 0xFF) << 8 | (b[k + 2] & 0xFF) << 16 | (b[k + 3] & 0xFF) << 24)
                    & 0xFFFFFFFFL;
        }
        return t;
    }

}
