// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import java.nio.ByteBuffer;
import java.util.List;

/** Compares datasets element by element, with a path in every message. */
final class DatasetAssert {
    private DatasetAssert() {
    }

    /**
     * Asserts equal tags and values at every depth. When {@code compareVr} is false (a dataset
     * read back from implicit VR), VRs are not compared and values are compared as stored bytes,
     * padded to even length.
     */
    static void assertSameContent(DicomObject expected, DicomObject actual, boolean compareVr, String path) {
        assertEquals(tags(expected), tags(actual), path + ": tags");
        for (int i = 0; i < expected.size(); i++) {
            String at = path + "/" + Tag.toHex(expected.tagAt(i));
            if (Tag.isGroupLength(expected.tagAt(i))) {
                continue; // a group's length depends on the encoding it was written in
            }
            if (compareVr) {
                assertEquals(expected.vrAt(i), actual.vrAt(i), at + ": VR");
            }
            switch (expected.kindAt(i)) {
                case ITEMS: {
                    List<DicomObject> a = expected.itemsAt(i);
                    List<DicomObject> b = actual.itemsAt(i);
                    if (!compareVr && b.isEmpty() && actual.vrAt(i) != Vr.SQ) {
                        // An SQ the dictionary does not know, read back from implicit VR as bytes.
                        break;
                    }
                    assertEquals(a.size(), b.size(), at + ": items");
                    for (int k = 0; k < a.size(); k++) {
                        assertSameContent(a.get(k), b.get(k), compareVr, at + "/" + k);
                    }
                    break;
                }
                case FRAGMENTS: {
                    Fragments a = expected.fragmentsAt(i).orElseThrow();
                    Fragments b = actual.fragmentsAt(i).orElseThrow();
                    assertArrayEquals(a.basicOffsetTable(), b.basicOffsetTable(), at + ": offset table");
                    assertEquals(a.count(), b.count(), at + ": fragments");
                    for (int k = 0; k < a.count(); k++) {
                        assertSameValue(a.fragment(k), b.fragment(k), at + ": fragment " + k);
                    }
                    break;
                }
                default:
                    assertSameValue(value(expected, i), value(actual, i), at + ": value");
            }
        }
    }

    private static ByteBuffer value(DicomObject ds, int i) {
        int unit = ds.tagAt(i) == Tag.PIXEL_DATA
                ? DicomWriter.pixelSwapUnit(ds.vrAt(i), ds.integer(0x00280100).orElse(0)) : ds.vrAt(i).unitSize();
        return ds.bulkDataAt(i).map(b -> ByteBuffer.wrap(swapToLittle(b.load(), b, unit)))
                .orElseGet(() -> ds.bufferAt(i));
    }

    private static byte[] swapToLittle(byte[] b, dev.aperture.dicom.BulkData bulk, int unit) {
        if (bulk.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN && unit > 1 && bulk.vr() != Vr.UN) {
            ByteSwap.swap(b, unit);
        }
        return b;
    }

    /** Values compare equal up to the one padding byte (NUL or space) an odd length gets on writing. */
    private static void assertSameValue(ByteBuffer a, ByteBuffer b, String at) {
        ByteBuffer x = a.duplicate();
        ByteBuffer y = b.duplicate();
        if (x.remaining() + 1 == y.remaining() && (y.get(y.limit() - 1) == 0 || y.get(y.limit() - 1) == ' ')) {
            y.limit(y.limit() - 1);
        } else if (y.remaining() + 1 == x.remaining() && (x.get(x.limit() - 1) == 0 || x.get(x.limit() - 1) == ' ')) {
            x.limit(x.limit() - 1);
        }
        assertEquals(x, y, at);
    }

    private static List<Integer> tags(DicomObject ds) {
        return java.util.Arrays.stream(ds.tags()).boxed().toList();
    }
}
