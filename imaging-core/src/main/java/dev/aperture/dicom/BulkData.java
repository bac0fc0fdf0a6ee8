// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A value left in its source: where it is (byte offset and length in a file) and how it is
 * encoded. The reader keeps these for large values (Pixel Data and other bulk data above a
 * threshold) so that a dataset holds no more than its header; the value is read or
 * memory-mapped when asked for.
 *
 * <p>Immutable and thread-safe: each load opens the file, reads, and closes it.
 */
public final class BulkData {
    private final Path file;
    private final long offset;
    private final long length;
    private final Vr vr;
    private final boolean bigEndian;

    /**
     * @param file      the file holding the value
     * @param offset    byte offset of the value in the file
     * @param length    length of the value in bytes
     * @param vr        VR of the value
     * @param bigEndian whether multi-byte numbers in the value are big endian
     */
    public BulkData(Path file, long offset, long length, Vr vr, boolean bigEndian) {
        this.file = Objects.requireNonNull(file, "file");
        this.vr = Objects.requireNonNull(vr, "vr");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        this.offset = offset;
        this.length = length;
        this.bigEndian = bigEndian;
    }

    /** Returns the file that holds the value. */
    public Path file() {
        return file;
    }

    /** Returns the byte offset of the value in the file. */
    public long offset() {
        return offset;
    }

    /** Returns the length of the value in bytes. */
    public long length() {
        return length;
    }

    /** Returns the VR. */
    public Vr vr() {
        return vr;
    }

    /** Returns the byte order of multi-byte numbers in the value as stored. */
    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Reads the value into a new array, as stored (not byte-swapped).
     *
     * @return the bytes
     * @throws UncheckedIOException if the file cannot be read or is shorter than recorded
     * @throws IllegalStateException if the value is 2 GiB or more (use {@link #map()})
     */
    public byte[] load() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("value too large for one array; use map()");
        }
        byte[] out = new byte[(int) length];
        read(0, out, 0, out.length);
        return out;
    }

    /**
     * Reads {@code len} bytes of the value, starting {@code from} bytes into it.
     *
     * @param from index into the value
     * @param dst  destination array
     * @param off  offset in {@code dst}
     * @param len  number of bytes
     * @throws UncheckedIOException if the file cannot be read or is shorter than recorded
     */
    public void read(long from, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (from < 0 || from + len > length) {
            throw new IndexOutOfBoundsException("range outside the value");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long p = offset + from;
            while (bb.hasRemaining()) {
                int r = ch.read(bb, p);
                if (r < 0) {
                    throw new IOException("file is shorter than the recorded value");
                }
                p += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Memory-maps the value read-only. The mapping stays valid after the file is closed.
     *
     * @return a read-only buffer over the value, in the value's byte order
     * @throws UncheckedIOException if the file cannot be mapped
     */
    public ByteBuffer map() {
        return map(0, length);
    }

    /**
     * Memory-maps part of the value read-only: what a multi-gigabyte multi-frame value needs,
     * one frame at a time (a single mapping holds at most 2 GiB).
     *
     * @param from index into the value
     * @param len  number of bytes, at most {@code Integer.MAX_VALUE}
     * @return a read-only buffer over that part, in the value's byte order
     * @throws UncheckedIOException if the file cannot be mapped
     */
    public ByteBuffer map(long from, long len) {
        if (from < 0 || len < 0 || from + len > length || len > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("range outside the value or above 2 GiB");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, offset + from, len).order(byteOrder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkData b && b.file.equals(file) && b.offset == offset && b.length == length
                && b.vr == vr && b.bigEndian == bigEndian;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, offset, length, vr, bigEndian);
    }

    /** Shows offset, length and VR; never the file name (folders often hold patient names). */
    @Override
    public String toString() {
        return "BulkData[" + vr + ", offset " + offset + ", length " + length + "]";
    }
}
