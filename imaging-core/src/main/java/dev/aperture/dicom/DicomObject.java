// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable DICOM dataset (or sequence item): elements sorted by tag, each with its VR and
 * value.
 *
 * <p>Immutable and thread-safe: share freely. Values are held as they are encoded, with
 * multi-byte binary numbers always in little-endian order (the reader swaps big-endian input),
 * and decoded on access; accessors never mutate. Strings are decoded with the dataset's
 * {@link SpecificCharacterSet} (its own (0008,0005), or the one inherited from the enclosing
 * dataset for sequence items). Large values may be left in their file as {@link BulkData};
 * encapsulated pixel data is held as {@link Fragments}.
 *
 * <p>{@link #toString()} lists tags, VRs and lengths, never values, so a dataset may be logged
 * without leaking patient data.
 */
public final class DicomObject {

    /** What an element's value is held as. */
    public enum ValueKind {
        /** Bytes in memory: a string, numbers (little endian) or OB/UN bytes. */
        BYTES,
        /** A sequence of items. */
        ITEMS,
        /** Encapsulated pixel data. */
        FRAGMENTS,
        /** A value left in its file. */
        BULK_DATA
    }

    private static final byte[] NO_BYTES = new byte[0];
    private static final DicomObject EMPTY = new DicomObject(new int[0], new Vr[0], new Object[0], 0,
            SpecificCharacterSet.DEFAULT);

    private final int[] tags;
    private final Vr[] vrs;
    private final Object[] values;
    private final int n;
    private final SpecificCharacterSet charset;

    /**
     * The arrays may be longer than the dataset (a builder hands its arrays over instead of
     * trimming them); only the first {@code n} entries are elements.
     */
    private DicomObject(int[] tags, Vr[] vrs, Object[] values, int n, SpecificCharacterSet charset) {
        this.tags = tags;
        this.vrs = vrs;
        this.values = values;
        this.n = n;
        this.charset = charset;
    }

    /** Returns the empty dataset. */
    public static DicomObject empty() {
        return EMPTY;
    }

    /** Returns a new builder for a top-level dataset. */
    public static Builder builder() {
        return new Builder(SpecificCharacterSet.DEFAULT);
    }

    /**
     * Returns a new builder for a sequence item whose strings, unless the item sets its own
     * (0008,0005), use the character set of the dataset that encloses it.
     *
     * @param enclosing the enclosing dataset's character set
     * @return the builder
     */
    public static Builder builder(SpecificCharacterSet enclosing) {
        return new Builder(Objects.requireNonNull(enclosing, "enclosing"));
    }

    /**
     * Returns a new builder for a top-level dataset sized for about {@code expectedElements}
     * elements (it still grows past them): what a reader that knows its input size uses to
     * avoid regrowing.
     *
     * @param expectedElements the number of elements expected, 1..65536 (clamped)
     * @return the builder
     */
    public static Builder builder(int expectedElements) {
        return new Builder(SpecificCharacterSet.DEFAULT, Math.max(8, Math.min(65_536, expectedElements)));
    }

    /** Returns a builder holding this dataset's elements. */
    public Builder toBuilder() {
        Builder b = new Builder(charset, 0);
        b.tags = Arrays.copyOf(tags, n);
        b.vrs = Arrays.copyOf(vrs, n);
        b.values = Arrays.copyOf(values, n);
        b.size = n;
        return b;
    }

    // ---- structure --------------------------------------------------------------------------

    /** Returns the number of elements at this level. */
    public int size() {
        return n;
    }

    /** Returns true when there is no element. */
    public boolean isEmpty() {
        return n == 0;
    }

    /** Returns the character set strings are decoded with. */
    public SpecificCharacterSet characterSet() {
        return charset;
    }

    /** Returns the tags at this level, in order. */
    public int[] tags() {
        return Arrays.copyOf(tags, n);
    }

    /** Returns the tag of element {@code i} (0-based, in tag order). */
    public int tagAt(int i) {
        Objects.checkIndex(i, n);
        return tags[i];
    }

    /** Returns the VR of element {@code i}. */
    public Vr vrAt(int i) {
        Objects.checkIndex(i, n);
        return vrs[i];
    }

    /** Returns what element {@code i}'s value is held as. */
    public ValueKind kindAt(int i) {
        Objects.checkIndex(i, n);
        Object v = values[i];
        if (v instanceof byte[]) {
            return ValueKind.BYTES;
        } else if (v instanceof List) {
            return ValueKind.ITEMS;
        } else if (v instanceof Fragments) {
            return ValueKind.FRAGMENTS;
        }
        return ValueKind.BULK_DATA;
    }

    /**
     * Returns element {@code i}'s in-memory value as a read-only little-endian buffer (empty for
     * items, fragments and bulk data).
     */
    public ByteBuffer bufferAt(int i) {
        Objects.checkIndex(i, n);
        Object v = values[i];
        byte[] b = v instanceof byte[] a ? a : NO_BYTES;
        return ByteBuffer.wrap(b).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Returns element {@code i}'s items (empty unless it is a sequence). */
    @SuppressWarnings("unchecked")
    public List<DicomObject> itemsAt(int i) {
        Objects.checkIndex(i, n);
        Object v = values[i];
        return v instanceof List ? (List<DicomObject>) v : List.of();
    }

    /** Returns element {@code i}'s fragments, if it is encapsulated pixel data. */
    public Optional<Fragments> fragmentsAt(int i) {
        Objects.checkIndex(i, n);
        return values[i] instanceof Fragments f ? Optional.of(f) : Optional.empty();
    }

    /** Returns where element {@code i}'s value lies in its file, if it was left there. */
    public Optional<BulkData> bulkDataAt(int i) {
        Objects.checkIndex(i, n);
        return values[i] instanceof BulkData b ? Optional.of(b) : Optional.empty();
    }

    /**
     * Returns the index of {@code tag}, or {@code -(insertion point) - 1} when absent
     * (tags compare as unsigned numbers).
     */
    public int indexOf(int tag) {
        int lo = 0;
        int hi = n - 1;
        int key = tag ^ Integer.MIN_VALUE;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = tags[mid] ^ Integer.MIN_VALUE;
            if (t < key) {
                lo = mid + 1;
            } else if (t > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Returns true when the element is present (possibly with an empty value). */
    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** Returns the element's VR. */
    public Optional<Vr> vr(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : Optional.of(vrs[i]);
    }

    // ---- raw values -------------------------------------------------------------------------

    /** Returns a copy of the element's in-memory bytes (binary numbers little endian). */
    public Optional<byte[]> bytes(int tag) {
        int i = indexOf(tag);
        return i >= 0 && values[i] instanceof byte[] b ? Optional.of(b.clone()) : Optional.empty();
    }

    /** Returns the element's items (empty when absent or not a sequence). */
    public List<DicomObject> items(int tag) {
        int i = indexOf(tag);
        return i < 0 ? List.of() : itemsAt(i);
    }

    /** Returns the element's fragments, if it is encapsulated pixel data. */
    public Optional<Fragments> fragments(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : fragmentsAt(i);
    }

    /** Returns where the element's value lies in its file, if it was left there. */
    public Optional<BulkData> bulkData(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : bulkDataAt(i);
    }

    // ---- strings ----------------------------------------------------------------------------

    /**
     * Returns the element's values as strings: text decoded with the character set and split at
     * backslashes (except LT, ST, UT and UR, which have one value), padding removed as PS3.5 6.2
     * says; binary numbers formatted as decimal; AT as eight hex digits. Empty when absent or empty.
     */
    public List<String> strings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return List.of();
        }
        return ValueCodec.strings(vrs[i], b, charset);
    }

    /** Returns the first value as a string (see {@link #strings(int)}). */
    public Optional<String> string(int tag) {
        List<String> s = strings(tag);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    /** Returns the first value as a person name. */
    public Optional<PersonName> personName(int tag) {
        return string(tag).map(PersonName::parse);
    }

    /** Returns the first value as a date (DA, or the date part of DT). */
    public Optional<LocalDate> date(int tag) {
        return string(tag).flatMap(DicomValues::parseDate);
    }

    /** Returns the first value as a time (TM). */
    public Optional<LocalTime> time(int tag) {
        return string(tag).flatMap(DicomValues::parseTime);
    }

    /** Returns the first value as a date-time (DT). */
    public Optional<Temporal> dateTime(int tag) {
        return string(tag).flatMap(DicomValues::parseDateTime);
    }

    // ---- numbers ----------------------------------------------------------------------------

    /** Returns the first value as an int (US, SS, UL, SL, IS, or a DS holding an integer). */
    public OptionalInt integer(int tag) {
        OptionalLong v = longValue(tag);
        if (v.isPresent() && v.getAsLong() >= Integer.MIN_VALUE && v.getAsLong() <= Integer.MAX_VALUE) {
            return OptionalInt.of((int) v.getAsLong());
        }
        return OptionalInt.empty();
    }

    /** Returns the first value as a long (also UV, SV). */
    public OptionalLong longValue(int tag) {
        long[] v = longs(tag, 1);
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(v[0]);
    }

    /** Returns every value as an int; values outside the int range are clamped. */
    public int[] integers(int tag) {
        long[] v = longs(tag, Integer.MAX_VALUE);
        int[] out = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[k]));
        }
        return out;
    }

    /** Returns every value as a long. */
    public long[] longs(int tag) {
        return longs(tag, Integer.MAX_VALUE);
    }

    private long[] longs(int tag, int max) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return new long[0];
        }
        return ValueCodec.longs(vrs[i], b, max);
    }

    /** Returns the first value as a double (FL, FD, DS, IS and the binary integer VRs). */
    public OptionalDouble doubleValue(int tag) {
        double[] v = doubles(tag, 1);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** Returns every value as a double. */
    public double[] doubles(int tag) {
        return doubles(tag, Integer.MAX_VALUE);
    }

    private double[] doubles(int tag, int max) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return new double[0];
        }
        return ValueCodec.doubles(vrs[i], b, max);
    }

    /** Returns the first value as an exact decimal (DS, IS). */
    public Optional<BigDecimal> decimal(int tag) {
        return string(tag).flatMap(DicomValues::parseDecimal);
    }

    // ---- equality and printing -------------------------------------------------------------

    /**
     * Datasets are equal when they hold the same tags, VRs and values (fragments and bulk data
     * compared by content or place).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DicomObject d) || d.n != n || !Arrays.equals(tags, 0, n, d.tags, 0, n)
                || !Arrays.equals(vrs, 0, n, d.vrs, 0, n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            Object a = values[i];
            Object b = d.values[i];
            if (a instanceof byte[] x && b instanceof byte[] y) {
                if (!Arrays.equals(x, y)) {
                    return false;
                }
            } else if (!Objects.equals(a, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = n;
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            h = 31 * (31 * h + tags[i]) + (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    /** Lists tags, VRs and value lengths (never values). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DicomObject[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Tag.toString(tags[i])).append(' ').append(vrs[i]);
            Object v = values[i];
            if (v instanceof byte[] b) {
                sb.append(" #").append(b.length);
            } else if (v instanceof List<?> l) {
                sb.append(" ").append(l.size()).append(" items");
            } else {
                sb.append(' ').append(v);
            }
        }
        return sb.append(']').toString();
    }

    // ---- builder ----------------------------------------------------------------------------

    /**
     * Builds a {@link DicomObject}. Elements may be added in any order; adding a tag again
     * replaces it. Set Specific Character Set (0008,0005) before adding text that needs it.
     *
     * <p>Not thread-safe; build once, share the result.
     */
    public static final class Builder {
        private final SpecificCharacterSet inherited;
        private int[] tags;
        private Vr[] vrs;
        private Object[] values;
        private int size;
        private boolean sorted = true;
        /** The arrays now belong to a built dataset: copy them before the next change. */
        private boolean handedOver;

        private Builder(SpecificCharacterSet inherited) {
            this(inherited, 8);
        }

        private Builder(SpecificCharacterSet inherited, int capacity) {
            this.inherited = inherited;
            this.tags = new int[capacity];
            this.vrs = new Vr[capacity];
            this.values = new Object[capacity];
        }

        /** Returns the number of elements added so far. */
        public int size() {
            return size;
        }

        private void ownArrays() {
            if (handedOver) {
                tags = Arrays.copyOf(tags, Math.max(8, size));
                vrs = Arrays.copyOf(vrs, tags.length);
                values = Arrays.copyOf(values, tags.length);
                handedOver = false;
            }
        }

        private Builder put(int tag, Vr vr, Object value) {
            Objects.requireNonNull(vr, "vr");
            ownArrays();
            if (size > 0 && (!sorted || Integer.compareUnsigned(tags[size - 1], tag) >= 0)) {
                for (int i = 0; i < size; i++) {
                    if (tags[i] == tag) {
                        vrs[i] = vr;
                        values[i] = value;
                        return this;
                    }
                }
                sorted = false;
            }
            if (size == tags.length) {
                int n = Math.max(16, size * 2);
                tags = Arrays.copyOf(tags, n);
                vrs = Arrays.copyOf(vrs, n);
                values = Arrays.copyOf(values, n);
            }
            tags[size] = tag;
            vrs[size] = vr;
            values[size] = value;
            size++;
            return this;
        }

        /**
         * Adds an element with its encoded bytes (binary numbers little endian), copied.
         *
         * @param tag   the tag
         * @param vr    the VR (not SQ)
         * @param value the encoded value
         * @return this builder
         */
        public Builder setBytes(int tag, Vr vr, byte[] value) {
            if (vr == Vr.SQ) {
                throw new IllegalArgumentException("use setItems for SQ");
            }
            return put(tag, vr, value.clone());
        }

        /**
         * Adds an element whose encoded bytes the builder takes over without copying: the caller
         * hands the array over and must not change it afterwards. For readers and codecs that
         * have just allocated the value.
         *
         * @param tag   the tag
         * @param vr    the VR (not SQ)
         * @param value the encoded value, binary numbers little endian
         * @return this builder
         */
        public Builder adoptBytes(int tag, Vr vr, byte[] value) {
            if (vr == Vr.SQ) {
                throw new IllegalArgumentException("use setItems for SQ");
            }
            return put(tag, vr, Objects.requireNonNull(value, "value"));
        }

        /**
         * Returns Pixel Representation (0028,0103) as added so far, or 0 when absent: what a
         * reader needs to choose between US and SS for implicit-VR elements.
         */
        public int pixelRepresentation() {
            for (int i = size - 1; i >= 0; i--) {
                if (tags[i] == 0x00280103 && values[i] instanceof byte[] b && b.length >= 2 && vrs[i] == Vr.US) {
                    return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
                }
            }
            return 0;
        }

        /** Returns Bits Allocated (0028,0100) as added so far, or 0 when absent. */
        public int bitsAllocated() {
            for (int i = size - 1; i >= 0; i--) {
                if (tags[i] == 0x00280100 && values[i] instanceof byte[] b && b.length >= 2) {
                    return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
                }
            }
            return 0;
        }

        /** Returns the character set that text added now is encoded with, and items inherit. */
        public SpecificCharacterSet characterSet() {
            return currentCharset();
        }

        /**
         * Adds a string element, values joined with backslashes and encoded with the current
         * character set. Numbers for IS/DS are given as strings; padding is the writer's job.
         *
         * @param tag    the tag
         * @param vr     a string VR
         * @param values the values
         * @return this builder
         */
        public Builder setString(int tag, Vr vr, String... values) {
            if (!vr.isString()) {
                throw new IllegalArgumentException(vr + " is not a string VR");
            }
            String joined = String.join("\\", values);
            byte[] enc = vr.kind() == Vr.Kind.STRING
                    ? joined.getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : currentCharset().encode(joined, vr == Vr.PN);
            return put(tag, vr, enc);
        }

        /**
         * Adds binary integers (US, SS, UL, SL, UV, SV, AT) or integer strings (IS).
         *
         * @param tag    the tag
         * @param vr     the VR
         * @param values the values
         * @return this builder
         */
        public Builder setInts(int tag, Vr vr, long... values) {
            return put(tag, vr, ValueCodec.encodeLongs(vr, values));
        }

        /**
         * Adds floating-point values (FL, FD, OF, OD) or decimal strings (DS).
         *
         * @param tag    the tag
         * @param vr     the VR
         * @param values the values
         * @return this builder
         */
        public Builder setDoubles(int tag, Vr vr, double... values) {
            return put(tag, vr, ValueCodec.encodeDoubles(vr, values));
        }

        /** Adds a sequence (items are kept as given). */
        public Builder setItems(int tag, List<DicomObject> items) {
            return put(tag, Vr.SQ, List.copyOf(items));
        }

        /** Adds encapsulated pixel data. */
        public Builder setFragments(int tag, Vr vr, Fragments fragments) {
            return put(tag, vr, Objects.requireNonNull(fragments, "fragments"));
        }

        /** Adds a value left in its file. */
        public Builder setBulkData(int tag, BulkData bulk) {
            return put(tag, bulk.vr(), bulk);
        }

        /** Copies element {@code i} of another dataset (value shared, both are immutable). */
        public Builder copy(DicomObject from, int i) {
            Objects.checkIndex(i, from.n);
            return put(from.tags[i], from.vrs[i], from.values[i]);
        }

        /** Removes an element; returns this builder. */
        public Builder remove(int tag) {
            ownArrays();
            for (int i = 0; i < size; i++) {
                if (tags[i] == tag) {
                    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
                    System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
                    System.arraycopy(values, i + 1, values, i, size - i - 1);
                    size--;
                    values[size] = null;
                    break;
                }
            }
            return this;
        }

        /** Returns true when the tag has been added. */
        public boolean contains(int tag) {
            for (int i = 0; i < size; i++) {
                if (tags[i] == tag) {
                    return true;
                }
            }
            return false;
        }

        private SpecificCharacterSet currentCharset() {
            for (int i = 0; i < size; i++) {
                if (tags[i] == Tag.SPECIFIC_CHARACTER_SET && values[i] instanceof byte[] b) {
                    return charsetOf(b);
                }
            }
            return inherited;
        }

        /**
         * Builds the immutable dataset. The builder stays usable: a later change copies its
         * arrays first, so the dataset built here never changes.
         */
        public DicomObject build() {
            if (size == 0 && inherited == SpecificCharacterSet.DEFAULT) {
                return EMPTY;
            }
            if (!sorted) {
                Integer[] order = new Integer[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Integer.compareUnsigned(tags[a], tags[b]));
                int[] t2 = new int[size];
                Vr[] v2 = new Vr[size];
                Object[] x2 = new Object[size];
                for (int i = 0; i < size; i++) {
                    t2[i] = tags[order[i]];
                    v2[i] = vrs[order[i]];
                    x2[i] = values[order[i]];
                }
                return new DicomObject(t2, v2, x2, size, charsetFor(t2, x2, size));
            }
            // Hand the arrays over instead of trimming them (no copy on the reader's path).
            handedOver = true;
            return new DicomObject(tags, vrs, values, size, charsetFor(tags, values, size));
        }

        private SpecificCharacterSet charsetFor(int[] t, Object[] x, int count) {
            for (int i = 0; i < count; i++) {
                if (t[i] == Tag.SPECIFIC_CHARACTER_SET && x[i] instanceof byte[] b) {
                    return charsetOf(b);
                }
                if (Integer.compareUnsigned(t[i], Tag.SPECIFIC_CHARACTER_SET) > 0) {
                    break;
                }
            }
            return inherited;
        }

        private static SpecificCharacterSet charsetOf(byte[] b) {
            List<String> terms = ValueCodec.strings(Vr.CS, b, SpecificCharacterSet.DEFAULT);
            return terms.isEmpty() ? SpecificCharacterSet.DEFAULT
                    : SpecificCharacterSet.of(terms.toArray(new String[0]));
        }
    }

}
