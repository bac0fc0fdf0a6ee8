// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.wrapArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapping tables (T.87 C.2.4.1.2 and C.2.4.1.3, LSE types 2 and 3, selected by Tdi of SOS).
 * No CharLS-based tool writes them, so the streams are built here: Aperture's encoder codes the
 * indices, then the table segments are inserted after SOF55 and the scan's Tdi is set. The
 * entropy-coded data are checked against DCMTK, which decodes such streams to the indices.
 */
class JpegLsMappingTableTest {

    @TempDir
    Path tmp;

    private static final JpegLsDecoder DECODER = new JpegLsDecoder(false);

    /** An LSE segment of type 2 (or 3) for table {@code tid} with entries of {@code wt} bytes. */
    static byte[] lse(int type, int tid, int wt, int[] entries) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int len = 5 + wt * entries.length;
        o.write(0xFF);
        o.write(0xF8);
        o.write(len >> 8);
        o.write(len);
        o.write(type);
        o.write(tid);
        o.write(wt);
        for (int e : entries) {
            for (int j = wt - 1; j >= 0; j--) {
                o.write(e >> (8 * j));
            }
        }
        return o.toByteArray();
    }

    /**
     * Inserts {@code segments} after SOF55 and sets, in every SOS, the Tdi of component ID
     * {@code componentId} (1-based, as Aperture's encoder numbers them) to {@code tid}.
     */
    static byte[] withTables(byte[] jls, int componentId, int tid, byte[]... segments) {
        int sofEnd = 4 + (((jls[4] & 0xFF) << 8) | (jls[5] & 0xFF));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jls, 0, sofEnd);
        for (byte[] s : segments) {
            o.write(s, 0, s.length);
        }
        o.write(jls, sofEnd, jls.length - sofEnd);
        byte[] b = o.toByteArray();
        for (int i = sofEnd; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                int ns = b[i + 4] & 0xFF;
                for (int c = 0; c < ns; c++) {
                    if ((b[i + 5 + 2 * c] & 0xFF) == componentId) {
                        b[i + 6 + 2 * c] = (byte) tid;
                    }
                }
                i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
            }
        }
        return b;
    }

    private static byte[] indices8(int n, int entries, long seed) {
        Random r = new Random(seed);
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            // runs and noise, as a palettised image has
            v[i] = (byte) ((i / 7) % 3 == 0 ? (i / 50) % entries : r.nextInt(entries));
        }
        return v;
    }

    private static int[] table(int entries, int max, long seed) {
        Random r = new Random(seed);
        int[] t = new int[entries];
        for (int i = 0; i < entries; i++) {
            t[i] = r.nextInt(max + 1);
        }
        return t;
    }

    private static Object decode(byte[] jls, ImageDescriptor d) {
        Samples dst = allocate(d);
        DECODER.decode(ByteBuffer.wrap(jls), d, dst);
        return array(dst);
    }

    @Test
    void eightBitIndicesAreOutputAsTheTablesValues() {
        ImageDescriptor d = ImageDescriptor.of(40, 52, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] idx = indices8(40 * 52, 20, 1);
        int[] t = table(20, 255, 2);
        byte[] jls = JpegLsEncoder.encode(wrapArray(idx), d, 0, 0, null);
        // one table given in three pieces: a specification and two continuations
        byte[] mapped = withTables(jls, 1, 5,
                lse(2, 5, 1, java.util.Arrays.copyOfRange(t, 0, 8)),
                lse(3, 5, 1, java.util.Arrays.copyOfRange(t, 8, 15)),
                lse(3, 5, 1, java.util.Arrays.copyOfRange(t, 15, 20)));
        byte[] expected = new byte[idx.length];
        for (int i = 0; i < idx.length; i++) {
            expected[i] = (byte) t[idx[i] & 0xFF];
        }
        assertArrayEquals(expected, (byte[]) decode(mapped, d));
        // a table that is defined but not selected changes nothing
        assertArrayEquals(idx, (byte[]) decode(withTables(jls, 1, 0, lse(2, 5, 1, t)), d));
    }

    @Test
    void sixteenBitEntriesAndOneTablePerComponent() {
        ImageDescriptor d = ImageDescriptor.of(24, 30, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] idx = new short[24 * 30];
        Random r = new Random(3);
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (short) r.nextInt(300);
        }
        int[] t = table(300, 4095, 4);
        byte[] mapped = withTables(JpegLsEncoder.encode(wrapArray(idx), d, 0, 0, null), 1, 200,
                lse(2, 200, 2, t));
        short[] expected = new short[idx.length];
        for (int i = 0; i < idx.length; i++) {
            expected[i] = (short) t[idx[i]];
        }
        assertArrayEquals(expected, (short[]) decode(mapped, d));

        // three components, line and sample interleaved and one scan each: only the green one mapped
        ImageDescriptor rgb = ImageDescriptor.of(18, 22, 3, 8, 8, false, Photometric.RGB);
        byte[] px = indices8(18 * 22 * 3, 16, 5);
        int[] g = table(16, 255, 6);
        byte[] want = px.clone();
        for (int i = 1; i < want.length; i += 3) {
            want[i] = (byte) g[px[i] & 0xFF];
        }
        for (int ilv = 0; ilv <= 2; ilv++) {
            byte[] m = withTables(JpegLsEncoder.encode(wrapArray(px), rgb, 0, ilv, null), 2, 1, lse(2, 1, 1, g));
            assertArrayEquals(want, (byte[]) decode(m, rgb), "interleave " + ilv);
        }
    }

    @Test
    void theCodedIndicesAreDcmtks() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmdjpls");
        ImageDescriptor d = ImageDescriptor.of(33, 47, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] idx = indices8(33 * 47, 12, 7);
        int[] t = table(12, 255, 8);
        byte[] mapped = withTables(JpegLsEncoder.encode(wrapArray(idx), d, 0, 0, null), 1, 9, lse(2, 9, 1, t));
        Path template = JlsTestSupport.pydicomData().resolve("CT_small.dcm");
        Batch b = new Batch(tmp);
        Path f = b.wrap(template, tmp.resolve("mapped.dcm"), JpegLsCodecProvider.LOSSLESS, d, List.of(mapped));
        b.run();
        // DCMTK 3.6.7 (its bundled CharLS) skips LSE types 2 and 3 and outputs the decoded
        // indices; Aperture applies the table, so the table applied to DCMTK's samples must
        // give Aperture's
        Path out = tmp.resolve("mapped.dcmtk.dcm");
        JlsTestSupport.run("dcmdjpls", f.toString(), out.toString());
        Path dir = b.extract(out);
        b.run();
        byte[] theirs = (byte[]) JlsTestSupport.read(dir).nativeFrame(0);
        assertArrayEquals(idx, theirs);
        byte[] expected = new byte[theirs.length];
        for (int i = 0; i < theirs.length; i++) {
            expected[i] = (byte) t[theirs[i] & 0xFF];
        }
        assertArrayEquals(expected, (byte[]) decode(mapped, d));
    }

    @Test
    void malformedTablesAreRejected() {
        ImageDescriptor d = ImageDescriptor.of(16, 16, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] idx = indices8(256, 10, 9);
        byte[] jls = JpegLsEncoder.encode(wrapArray(idx), d, 0, 0, null);
        int[] t = table(10, 255, 10);
        // selected but never specified
        assertMalformed(withTables(jls, 1, 3), d);
        assertMalformed(withTables(jls, 1, 3, lse(2, 4, 1, t)), d);
        // table ID 0, entry width 0, a length that is not a whole number of entries
        assertMalformed(withTables(jls, 1, 0, lse(2, 0, 1, t)), d);
        assertMalformed(withTables(jls, 1, 1, lse(2, 1, 0, new int[0])), d);
        byte[] ragged = lse(2, 1, 2, new int[] {1, 2, 3});
        ragged[3]--; // 5 + 5 bytes: two and a half entries
        byte[] raggedStream = withTables(jls, 1, 1, java.util.Arrays.copyOf(ragged, ragged.length - 1));
        assertMalformed(raggedStream, d);
        // a continuation without its specification, or with another entry width
        assertMalformed(withTables(jls, 1, 1, lse(3, 1, 1, t)), d);
        assertMalformed(withTables(jls, 1, 1, lse(2, 1, 1, t), lse(3, 1, 2, t)), d);
        // a decoded index past the table's end (the image uses 0..9, the table has 6 entries)
        assertMalformed(withTables(jls, 1, 1, lse(2, 1, 1, java.util.Arrays.copyOf(t, 6))), d);
        // a segment shorter than its fixed fields, and one that runs past the data
        byte[] tooShort = {(byte) 0xFF, (byte) 0xF8, 0, 4, 2, 1};
        assertMalformed(withTables(jls, 1, 0, tooShort), d);
        byte[] cut = withTables(jls, 1, 1, lse(2, 1, 1, t));
        assertThrows(MalformedDataException.class, () -> decode(java.util.Arrays.copyOf(cut, 30), d));
        // entries of two bytes cannot be 8-bit samples
        assertThrows(UnsupportedDataException.class, () -> decode(withTables(jls, 1, 1, lse(2, 1, 2, t)), d));
    }

    private static void assertMalformed(byte[] jls, ImageDescriptor d) {
        assertThrows(MalformedDataException.class, () -> decode(jls, d));
    }
}
