// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.dicom.BulkData;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.transfer.TransferSyntax;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM Part 10 files and bare datasets in explicit VR little endian, implicit VR little
 * endian, explicit VR big endian and deflated explicit VR little endian.
 *
 * <p>Immutable and thread-safe: each call writes one file independently. The File Meta
 * Information is built from the dataset (group length, version, SOP Class and Instance,
 * transfer syntax, implementation class UID and version name); values are padded to even
 * length with the VR's padding byte; sequences and items are written with undefined length;
 * encapsulated pixel data keeps its Basic Offset Table. A value too long for a 16-bit length
 * field in explicit VR is written as UN, as PS3.5 6.2.2 allows.
 */
public final class DicomWriter {
    /** Aperture's Implementation Class UID (under the UUID-derived 2.25 root). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.186459210633395781498130178432451327891";
    /** Aperture's Implementation Version Name. */
    public static final String IMPLEMENTATION_VERSION_NAME = "APERTURE_010";

    private static final DicomWriter STANDARD = new DicomWriter(Deflater.DEFAULT_COMPRESSION);

    private final int deflateLevel;

    private DicomWriter(int deflateLevel) {
        this.deflateLevel = deflateLevel;
    }

    /** Returns the writer. */
    public static DicomWriter standard() {
        return STANDARD;
    }

    /** Returns a copy with another deflate level (0-9) for the deflated transfer syntax. */
    public DicomWriter withDeflateLevel(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be in 0..9");
        }
        return new DicomWriter(level);
    }

    /**
     * Writes a Part 10 file.
     *
     * @param file    the file to create or replace
     * @param dataset the dataset (group 0002 elements in it are ignored)
     * @param ts      the transfer syntax to encode it in; its pixel data must already be encoded
     *                accordingly (native or fragments)
     * @throws IOException if the file cannot be written
     */
    public void write(Path file, DicomObject dataset, TransferSyntax ts) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            write(out, dataset, ts);
        }
    }

    /**
     * Writes a Part 10 file to a stream (not closed).
     *
     * @param out     the stream
     * @param dataset the dataset
     * @param ts      the transfer syntax
     * @throws IOException if the stream cannot be written
     */
    public void write(OutputStream out, DicomObject dataset, TransferSyntax ts) throws IOException {
        writeFileMeta(out, fileMetaFor(dataset, ts));
        writeDataset(out, dataset, ts);
    }

    /**
     * Returns the File Meta Information this writer writes for a dataset.
     *
     * @param dataset the dataset
     * @param ts      the transfer syntax
     * @return group 0002, group length included
     */
    public DicomObject fileMetaFor(DicomObject dataset, TransferSyntax ts) {
        DicomObject.Builder b = DicomObject.builder()
                .setBytes(Tags.FileMetaInformationVersion, Vr.OB, new byte[] {0, 1})
                .setString(Tags.MediaStorageSOPClassUID, Vr.UI, dataset.string(Tags.SOPClassUID).orElse(""))
                .setString(Tags.MediaStorageSOPInstanceUID, Vr.UI, dataset.string(Tags.SOPInstanceUID).orElse(""))
                .setString(Tags.TransferSyntaxUID, Vr.UI, ts.uid())
                .setString(Tags.ImplementationClassUID, Vr.UI, IMPLEMENTATION_CLASS_UID)
                .setString(Tags.ImplementationVersionName, Vr.SH, IMPLEMENTATION_VERSION_NAME);
        DicomObject noLength = b.build();
        long length = encodedLength(noLength);
        return b.setInts(Tags.FileMetaInformationGroupLength, Vr.UL, length).build();
    }

    private static long encodedLength(DicomObject meta) {
        long n = 0;
        for (int i = 0; i < meta.size(); i++) {
            int len = meta.bufferAt(i).remaining();
            len += len & 1;
            n += (meta.vrAt(i).hasLongLength() ? 12 : 8) + len;
        }
        return n;
    }

    private void writeFileMeta(OutputStream out, DicomObject meta) throws IOException {
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        new Encoder(out, true, false).dataset(meta);
    }

    /**
     * Writes a bare dataset (no preamble, no File Meta Information) in a transfer syntax.
     *
     * @param out     the stream (not closed)
     * @param dataset the dataset; group 0002 is skipped
     * @param ts      the transfer syntax
     * @throws IOException if the stream cannot be written
     */
    public void writeDataset(OutputStream out, DicomObject dataset, TransferSyntax ts) throws IOException {
        Objects.requireNonNull(dataset, "dataset");
        if (ts.deflated()) {
            Deflater deflater = new Deflater(deflateLevel, true);
            try {
                DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(out), deflater, 64 * 1024);
                new Encoder(dos, ts.explicitVr(), ts.bigEndian()).datasetSkippingMeta(dataset);
                dos.finish();
            } finally {
                deflater.end();
            }
        } else {
            new Encoder(out, ts.explicitVr(), ts.bigEndian()).datasetSkippingMeta(dataset);
        }
        out.flush();
    }

    /**
     * Encodes a Part 10 file into a new array.
     *
     * @param dataset the dataset
     * @param ts      the transfer syntax
     * @return the encoded file
     */
    public byte[] toBytes(DicomObject dataset, TransferSyntax ts) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            write(bos, dataset, ts);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /**
     * The unit in which native pixel data is byte-swapped between little and big endian:
     * the sample for 16-, 32- and 64-bit data (a big-endian 32-bit sample is stored most
     * significant byte first, as pydicom and the big-endian files in the wild have it); pairs of
     * bytes for 8- and 1-bit data in an OW value; nothing in an OB value.
     *
     * @param vr            the Pixel Data VR
     * @param bitsAllocated Bits Allocated (0 when unknown)
     * @return 1, 2, 4 or 8
     */
    public static int pixelSwapUnit(Vr vr, int bitsAllocated) {
        if (vr == Vr.OB || vr == Vr.UN) {
            return 1;
        }
        if (vr == Vr.OF || vr == Vr.OD) {
            return vr.unitSize();
        }
        return bitsAllocated >= 16 ? bitsAllocated / 8 : 2;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Encodes elements onto one stream; one per write call. */
    private static final class Encoder {
        private final OutputStream out;
        private final boolean explicit;
        private final boolean bigEndian;
        private final byte[] head = new byte[12];
        private byte[] scratch;

        Encoder(OutputStream out, boolean explicit, boolean bigEndian) {
            this.out = out;
            this.explicit = explicit;
            this.bigEndian = bigEndian;
        }

        void datasetSkippingMeta(DicomObject ds) throws IOException {
            for (int i = 0; i < ds.size(); i++) {
                if (Tag.group(ds.tagAt(i)) != 2) {
                    element(ds, i);
                }
            }
        }

        void dataset(DicomObject ds) throws IOException {
            for (int i = 0; i < ds.size(); i++) {
                element(ds, i);
            }
        }

        private void element(DicomObject ds, int i) throws IOException {
            int tag = ds.tagAt(i);
            Vr vr = ds.vrAt(i);
            switch (ds.kindAt(i)) {
                case ITEMS: {
                    header(tag, Vr.SQ, 0xFFFFFFFFL);
                    List<DicomObject> items = ds.itemsAt(i);
                    for (DicomObject item : items) {
                        delimiter(Tag.ITEM, 0xFFFFFFFFL);
                        dataset(item);
                        delimiter(Tag.ITEM_DELIMITATION, 0);
                    }
                    delimiter(Tag.SEQUENCE_DELIMITATION, 0);
                    return;
                }
                case FRAGMENTS: {
                    Fragments f = ds.fragmentsAt(i).orElseThrow();
                    header(tag, vr == Vr.OW ? Vr.OW : Vr.OB, 0xFFFFFFFFL);
                    long[] bot = f.basicOffsetTable();
                    delimiter(Tag.ITEM, 4L * bot.length);
                    byte[] table = new byte[4 * bot.length];
                    for (int k = 0; k < bot.length; k++) {
                        putU32(table, 4 * k, bot[k], false);
                    }
                    out.write(table);
                    for (int k = 0; k < f.count(); k++) {
                        long len = f.fragmentLength(k);
                        delimiter(Tag.ITEM, len + (len & 1));
                        ByteBuffer frag = f.fragment(k);
                        writeBuffer(frag);
                        if ((len & 1) != 0) {
                            out.write(0);
                        }
                    }
                    delimiter(Tag.SEQUENCE_DELIMITATION, 0);
                    return;
                }
                case BULK_DATA: {
                    BulkData b = ds.bulkDataAt(i).orElseThrow();
                    long len = b.length();
                    header(tag, longLengthVr(vr, len), len + (len & 1));
                    copyBulk(b, swapUnit(ds, tag, vr));
                    if ((len & 1) != 0) {
                        out.write(vr.paddingByte());
                    }
                    return;
                }
                default: {
                    ByteBuffer v = ds.bufferAt(i);
                    int len = v.remaining();
                    header(tag, longLengthVr(vr, len), len + (len & 1));
                    int unit = swapUnit(ds, tag, vr);
                    if (bigEndian && unit > 1) {
                        byte[] b = new byte[len];
                        v.get(b);
                        ByteSwap.swap(b, unit);
                        out.write(b);
                    } else {
                        writeBuffer(v);
                    }
                    if ((len & 1) != 0) {
                        out.write(vr.paddingByte());
                    }
                }
            }
        }

        private Vr longLengthVr(Vr vr, long len) {
            return explicit && !vr.hasLongLength() && len > 0xFFFE ? Vr.UN : vr;
        }

        private int swapUnit(DicomObject ds, int tag, Vr vr) {
            if (tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA) {
                return pixelSwapUnit(vr, ds.integer(Tags.BitsAllocated).orElse(0));
            }
            return vr == Vr.UN ? 1 : vr.unitSize();
        }

        private void copyBulk(BulkData b, int unit) throws IOException {
            boolean swap = b.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? !bigEndian : bigEndian;
            swap &= unit > 1;
            if (scratch == null) {
                scratch = new byte[64 * 1024];
            }
            long done = 0;
            while (done < b.length()) {
                int n = (int) Math.min(scratch.length, b.length() - done);
                b.read(done, scratch, 0, n);
                if (swap) {
                    ByteSwap.swap(scratch, 0, n, unit);
                }
                out.write(scratch, 0, n);
                done += n;
            }
        }

        private void writeBuffer(ByteBuffer v) throws IOException {
            if (v.hasArray()) {
                out.write(v.array(), v.arrayOffset() + v.position(), v.remaining());
            } else {
                byte[] b = new byte[v.remaining()];
                v.duplicate().get(b);
                out.write(b);
            }
        }

        private void header(int tag, Vr vr, long length) throws IOException {
            putU16(head, 0, tag >>> 16);
            putU16(head, 2, tag & 0xFFFF);
            if (!explicit) {
                putU32(head, 4, length, bigEndian);
                out.write(head, 0, 8);
            } else if (vr.hasLongLength()) {
                head[4] = (byte) vr.name().charAt(0);
                head[5] = (byte) vr.name().charAt(1);
                head[6] = 0;
                head[7] = 0;
                putU32(head, 8, length, bigEndian);
                out.write(head, 0, 12);
            } else {
                head[4] = (byte) vr.name().charAt(0);
                head[5] = (byte) vr.name().charAt(1);
                putU16(head, 6, (int) length);
                out.write(head, 0, 8);
            }
        }

        private void delimiter(int tag, long length) throws IOException {
            putU16(head, 0, tag >>> 16);
            putU16(head, 2, tag & 0xFFFF);
            putU32(head, 4, length, bigEndian);
            out.write(head, 0, 8);
        }

        private void putU16(byte[] b, int at, int v) {
            if (bigEndian) {
                b[at] = (byte) (v >>> 8);
                b[at + 1] = (byte) v;
            } else {
                b[at] = (byte) v;
                b[at + 1] = (byte) (v >>> 8);
            }
        }
    }

    private static void putU32(byte[] b, int at, long v, boolean bigEndian) {
        if (bigEndian) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        } else {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
        }
    }
}
