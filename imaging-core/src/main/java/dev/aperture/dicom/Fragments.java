// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table and the fragments that follow it,
 * each held in memory or left in the file as {@link BulkData}.
 *
 * <pre>
 * (7FE0,0010) OB, undefined length
 *   Item (FFFE,E000) len  Basic Offset Table: uint32 offsets of each frame's first fragment,
 *                         counted from the first byte of the first fragment's item tag
 *   Item (FFFE,E000) len  fragment 0
 *   Item (FFFE,E000) len  fragment 1 ...
 * (FFFE,E0DD) 0           Sequence Delimitation Item
 * </pre>
 *
 * <p>Immutable and thread-safe. Arrays are copied in; fragment buffers handed out are read-only.
 */
public final class Fragments {
    private final long[] basicOffsetTable;
    private final List<Object> fragments;
    private final long[] itemOffsets;

    private Fragments(long[] basicOffsetTable, List<Object> fragments) {
        this.basicOffsetTable = basicOffsetTable;
        this.fragments = fragments;
        this.itemOffsets = new long[fragments.size() + 1];
        long p = 0;
        for (int i = 0; i < fragments.size(); i++) {
            itemOffsets[i] = p;
            p += 8 + length(fragments.get(i));
        }
        itemOffsets[fragments.size()] = p;
    }

    /**
     * Creates fragments held in memory.
     *
     * @param basicOffsetTable the Basic Offset Table (may be empty)
     * @param fragments        the fragments' bytes, copied
     * @return the fragments
     */
    public static Fragments of(long[] basicOffsetTable, List<byte[]> fragments) {
        List<Object> copy = new ArrayList<>(fragments.size());
        for (byte[] f : fragments) {
            copy.add(f.clone());
        }
        return new Fragments(basicOffsetTable.clone(), List.copyOf(copy));
    }

    /**
     * Creates fragments held in memory, taking the arrays over without copying: the caller must
     * not change them afterwards. For readers and encoders that have just allocated them.
     *
     * @param basicOffsetTable the Basic Offset Table (may be empty), copied
     * @param fragments        the fragments' bytes, taken over
     * @return the fragments
     */
    public static Fragments adopt(long[] basicOffsetTable, List<byte[]> fragments) {
        return new Fragments(basicOffsetTable.clone(), List.copyOf(fragments));
    }

    /**
     * Creates fragments left in their file.
     *
     * @param basicOffsetTable the Basic Offset Table (may be empty), copied
     * @param fragments        where each fragment lies
     * @return the fragments
     */
    public static Fragments ofBulkData(long[] basicOffsetTable, List<BulkData> fragments) {
        return new Fragments(basicOffsetTable.clone(), List.copyOf(fragments));
    }

    /** Returns a copy of the Basic Offset Table (empty when the table item was empty). */
    public long[] basicOffsetTable() {
        return basicOffsetTable.clone();
    }

    /** Returns the number of fragments, not counting the Basic Offset Table item. */
    public int count() {
        return fragments.size();
    }

    /** Returns the length in bytes of fragment {@code i}. */
    public long fragmentLength(int i) {
        return length(fragments.get(i));
    }

    /**
     * Returns the offset of fragment {@code i}'s item tag, counted from the first fragment's item
     * tag: the unit of the Basic and Extended Offset Tables.
     */
    public long itemOffset(int i) {
        return itemOffsets[i];
    }

    /** Returns the total length of all fragment items, headers included. */
    public long totalItemLength() {
        return itemOffsets[fragments.size()];
    }

    /** Returns the fragment as a read-only buffer (loading it from the file if it was left there). */
    public ByteBuffer fragment(int i) {
        Object f = fragments.get(i);
        if (f instanceof byte[] b) {
            return ByteBuffer.wrap(b).asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(((BulkData) f).load()).asReadOnlyBuffer();
    }

    /** Returns the fragment as a new array. */
    public byte[] fragmentBytes(int i) {
        Object f = fragments.get(i);
        return f instanceof byte[] b ? b.clone() : ((BulkData) f).load();
    }

    /** Returns the fragment's place in the file, when it was left there. */
    public java.util.Optional<BulkData> fragmentBulkData(int i) {
        Object f = fragments.get(i);
        return f instanceof BulkData b ? java.util.Optional.of(b) : java.util.Optional.empty();
    }

    private static long length(Object f) {
        return f instanceof byte[] b ? b.length : ((BulkData) f).length();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments other) || other.count() != count()
                || !java.util.Arrays.equals(other.basicOffsetTable, basicOffsetTable)) {
            return false;
        }
        for (int i = 0; i < count(); i++) {
            if (!fragment(i).equals(other.fragment(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(count(), totalItemLength());
    }

    @Override
    public String toString() {
        return "Fragments[" + count() + " fragments, offset table " + basicOffsetTable.length + " entries]";
    }
}
