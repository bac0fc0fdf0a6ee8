// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.LimitExceededException;
import dev.aperture.imaging.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast path for plain little-endian elements (explicit and implicit VR)
 * ({@code DicomParser.readPlainElements}) must give exactly what the general path gives. A
 * stream that hands out one byte per read keeps the input window at a few bytes, so nearly
 * every element goes the general way; an array puts the whole file in the window, so nearly
 * every element goes the fast way; streams of other chunk sizes mix the two at every window
 * boundary. All must agree on datasets, repairs and, when a limit is hit, on the exception.
 */
class PlainElementPathTest {

    /** Returns at most {@code chunk} bytes per read call. */
    private static final class Chunked extends InputStream {
        private final byte[] b;
        private final int chunk;
        private int p;

        Chunked(byte[] b, int chunk) {
            this.b = b;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return p < b.length ? b[p++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (p >= b.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), b.length - p);
            System.arraycopy(b, p, dst, off, n);
            p += n;
            return n;
        }
    }

    /** What a read gave: the file's parts, or the exception's class, fields and limit. */
    private record Outcome(DicomObject meta, DicomObject dataset, String ts, List<?> repairs, String failure) {
    }

    private static Outcome outcome(Reader r) throws IOException {
        try {
            DicomFile f = r.read();
            return new Outcome(f.fileMeta(), f.dataset(), f.transferSyntax().uid(), f.repairs(), null);
        } catch (ApertureException e) {
            String limit = e instanceof LimitExceededException l ? l.limitName() + " " + l.declared() : "";
            return new Outcome(null, null, null, null, e.getClass().getSimpleName() + " at " + e.offset()
                    + " tag " + Integer.toHexString(e.tag()) + " " + limit);
        }
    }

    private interface Reader {
        DicomFile read() throws IOException;
    }

    private static List<Path> littleEndianFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : TestData.allDicomFiles()) {
            try {
                DicomFile d = DicomReader.standard().lenient().read(Files.readAllBytes(f));
                if (!d.transferSyntax().bigEndian()) {
                    out.add(f);
                }
            } catch (ApertureException e) {
                // the deliberately broken files: covered by the comparison below all the same
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void arraysAndStreamsOfAnyChunkSizeGiveTheSameResult() throws IOException {
        List<Path> files = littleEndianFiles();
        assertTrue(files.size() > 120, "little endian files found: " + files.size());
        int[] chunks = {1, 7, 100, 4099};
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            for (DicomReader reader : List.of(DicomReader.standard(), DicomReader.standard().lenient(),
                    DicomReader.standard().stopBefore(Tag.PIXEL_DATA))) {
                Outcome reference = outcome(() -> reader.read(new Chunked(b, 1)));
                for (int c : chunks) {
                    assertEquals(reference, outcome(() -> reader.read(new Chunked(b, c))), f + " in chunks of " + c);
                }
                if (reference.failure() == null && reference.repairs().isEmpty()) {
                    // An array also knows the input's size, which changes where a truncation is
                    // reported; files read without repair must agree in full.
                    assertEquals(reference, outcome(() -> reader.read(b)), f + " from an array");
                }
            }
        }
    }

    @Test
    void limitsAreEnforcedAtTheSameElementOnBothPaths() throws IOException {
        for (String name : List.of("CT_small.dcm", "MR_small_implicit.dcm")) {
            limitsAgree(Files.readAllBytes(TestData.pydicom().resolve(name)));
        }
    }

    private static void limitsAgree(byte[] ct) throws IOException {
        int elements = countElements(DicomReader.standard().read(ct).dataset());
        List<ReadLimits> limits = new ArrayList<>();
        for (long n : new long[] {1, 5, 37, elements / 2, elements - 1, elements, elements + 40}) {
            limits.add(ReadLimits.DEFAULT.withMaxElements(n));
        }
        for (long n : new long[] {1, 2, 16, 64, 127, 128, 1024, 32767, 32768, 1L << 20}) {
            limits.add(ReadLimits.DEFAULT.withMaxValueLength(n));
        }
        for (long n : new long[] {1, 100, 1000, 3000, 9000, 30_000, 1L << 20}) {
            limits.add(ReadLimits.DEFAULT.withMaxTotalAllocation(n));
        }
        for (ReadLimits l : limits) {
            DicomReader r = DicomReader.standard().withLimits(l);
            assertEquals(outcome(() -> r.read(new Chunked(ct, 1))), outcome(() -> r.read(ct)), l.toString());
        }
        // The element limit counts sequences, items' elements and File Meta alike on both paths.
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> DicomReader.standard().withLimits(ReadLimits.DEFAULT.withMaxElements(elements / 2)).read(ct));
        assertEquals("maxElements", e.limitName());
    }

    @Test
    void stoppingBeforeAnyTagGivesTheElementsBeforeIt() throws IOException {
        byte[] ct = Files.readAllBytes(TestData.pydicom().resolve("CT_small.dcm"));
        DicomObject whole = DicomReader.standard().read(ct).dataset();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < 200; k++) {
            int stop = k < whole.size() ? whole.tagAt(k) + (k % 2) : rnd.nextInt();
            DicomObject part = DicomReader.standard().stopBefore(stop).read(ct).dataset();
            DicomObject.Builder expected = DicomObject.builder();
            for (int i = 0; i < whole.size() && Integer.compareUnsigned(whole.tagAt(i), stop) < 0; i++) {
                expected.copy(whole, i);
            }
            assertEquals(expected.build(), part, "stop before " + Tag.toString(stop));
        }
    }

    @Test
    void aValueThatWouldOverrunItsItemIsLeftToTheGeneralPath() throws IOException {
        // An item of defined length 10 whose element declares 4 bytes of value but has only 2
        // inside the item: strict reading must refuse it at the element, whatever path reads it.
        byte[] ds = {
            0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, 18, 0, 0, 0,            // (0008,1115) SQ, length 18
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 10, 0, 0, 0,       // item, length 10
            0x08, 0x00, 0x50, 0x11, 'U', 'I', 4, 0, '1', '.',               // (0008,1150) UI, 4 bytes declared
            0x10, 0x00, 0x10, 0x00, 'P', 'N', 2, 0, 'A', ' '};              // (0010,0010) after the sequence
        for (int chunk : new int[] {1, 64}) {
            ApertureException e = assertThrows(ApertureException.class, () -> DicomReader.standard()
                    .readDataset(new Chunked(ds, chunk), dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            assertEquals(0x00081150, e.tag());
        }
    }

    @Test
    void oddLengthsAreRepairedTheSameWayOnBothPaths() throws IOException {
        byte[] ds = {
            0x08, 0x00, 0x20, 0x00, 'D', 'A', 8, 0, '2', '0', '2', '6', '1', '1', '2', '8',
            0x08, 0x00, 0x60, 0x00, 'C', 'S', 3, 0, 'C', 'T', ' ',                // odd length 3
            0x10, 0x00, 0x10, 0x00, 'P', 'N', 2, 0, 'A', ' ',
            0x10, 0x00, 0x20, 0x00, 'L', 'O', 1, 0, '7',                          // odd length 1
            0x10, 0x00, 0x30, 0x00, 'D', 'A', 0, 0};
        Outcome viaArray = outcome(() -> DicomReader.standard().read(ds));
        assertEquals(outcome(() -> DicomReader.standard().read(new Chunked(ds, 1))), viaArray);
        assertEquals(4, viaArray.repairs().size(), viaArray.repairs().toString()); // 2 for no File Meta, 2 odd lengths
        assertEquals(5, viaArray.dataset().size());
    }

    @Test
    void aBigEndianDatasetWhoseFirstGroupReadsAs0002IsNotTakenForFileMeta() {
        // Found by WriteReadProperties: (0200,DB12) in big endian starts with the bytes 02 00 DB 12,
        // which read little endian as (0002,12DB). The File Meta group length says where it ends.
        DicomObject ds = DicomObject.builder().setInts(Tag.of(0x0200, 0xDB12), dev.aperture.dicom.Vr.US, 1, 2, 3)
                .setDoubles(Tag.of(0x246A, 0xAB5D), dev.aperture.dicom.Vr.FL, 1.5).build();
        DicomFile back = DicomReader.standard().read(DicomWriter.standard().toBytes(ds,
                dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertEquals(ds, back.dataset());
        assertEquals(List.of(), back.repairs());
    }

    private static int countElements(DicomObject d) {
        int n = d.size();
        for (int i = 0; i < d.size(); i++) {
            for (DicomObject item : d.itemsAt(i)) {
                n += countElements(item);
            }
        }
        return n;
    }
}
