// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.LimitExceededException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random truncations and byte flips of real files give a dataset or the
 * library's exception, never another exception, a hang or an OutOfMemoryError; declared sizes
 * and nesting are checked against the limits before anything is allocated; and no exception
 * message or dataset description ever contains an element value.
 */
class DicomReaderRobustnessProperties {

    private static final List<String> SEEDS = List.of("CT_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm",
            "image_dfl.dcm", "UN_sequence.dcm", "nested_priv_SQ.dcm", "SC_rgb_rle_2frame.dcm", "test-SR.dcm",
            "JPEG2000.dcm", "rtplan.dcm");

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Property(tries = 400)
    void truncationGivesADatasetOrTheLibrarysException(@ForAll("seeds") String name,
                                                       @ForAll @IntRange(min = 0, max = 100_000) int cut,
                                                       @ForAll boolean lenient) throws Exception {
        byte[] all = Files.readAllBytes(TestData.pydicom().resolve(name));
        byte[] part = java.util.Arrays.copyOf(all, Math.min(all.length, cut % (all.length + 1)));
        readExpectingOnlyApertureExceptions(part, lenient);
    }

    @Property(tries = 600)
    void byteFlipsGiveADatasetOrTheLibrarysException(@ForAll("seeds") String name,
                                                     @ForAll @IntRange(min = 1, max = 8) int flips,
                                                     @ForAll long seed, @ForAll boolean lenient) throws Exception {
        byte[] b = Files.readAllBytes(TestData.pydicom().resolve(name));
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < flips; i++) {
            int at = 128 + rnd.nextInt(b.length - 128);
            b[at] = switch (rnd.nextInt(4)) {
                case 0 -> (byte) 0xFF;
                case 1 -> (byte) 0x00;
                default -> (byte) rnd.nextInt(256);
            };
        }
        readExpectingOnlyApertureExceptions(b, lenient);
    }

    private static void readExpectingOnlyApertureExceptions(byte[] bytes, boolean lenient) {
        DicomReader reader = lenient ? DicomReader.standard().lenient() : DicomReader.standard();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int mode = 0; mode < 2; mode++) {
                try {
                    DicomFile f = mode == 0 ? reader.read(bytes) : reader.read(new ByteArrayInputStream(bytes));
                    f.dataset().toString();
                } catch (ApertureException expected) {
                    assertFalse(expected.getMessage().isBlank());
                } catch (RuntimeException | Error e) {
                    fail("unexpected " + e, e);
                }
            }
        });
    }

    @Test
    void aHostileLengthOnAStreamFailsAtTheEndOfInputWithoutAllocatingIt() {
        // (0010,0010) OB with a 1 GiB - 16 length (under the limit), then 10 bytes: a stream has no size to check first.
        byte[] ds = {0x10, 0x00, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x3F,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        InputStream in = new ByteArrayInputStream(ds);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> DicomReader.standard().readDataset(in, dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertEquals(0x00100010, e.tag());
        assertEquals(12, e.offset());
    }

    @Test
    void aLengthAboveTheLimitIsRefusedBeforeReading() {
        byte[] ds = {0x10, 0x00, 0x10, 0x00, 'O', 'B', 0, 0, 0x00, 0x00, 0x10, 0x00};
        byte[] withValue = java.util.Arrays.copyOf(ds, ds.length + 0x100000);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> DicomReader.standard().withLimits(ReadLimits.DEFAULT.withMaxValueLength(1024))
                        .readDataset(new ByteArrayInputStream(withValue), dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertEquals("maxValueLength", e.limitName());
        assertEquals(0x100000, e.declared());
    }

    @Test
    void anItemClosedOnlyByTheSequenceDelimiterIsRepairedInLenientMode() throws Exception {
        // Regression (found by byteFlipsGiveADatasetOrTheLibrarysException): (0008,1115) SQ u/l,
        // item u/l holding (0008,0016) UI, then straight to the Sequence Delimitation Item.
        byte[] ds = {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1,
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1,
            0x08, 0x00, 0x16, 0x00, 'U', 'I', 2, 0, '1', 0,
            (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0,
            0x08, 0x00, 0x18, 0x00, 'U', 'I', 2, 0, '2', 0};
        var ts = dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        assertThrows(MalformedDataException.class,
                () -> DicomReader.standard().readDataset(new ByteArrayInputStream(ds), ts));
        DicomObject d = DicomReader.standard().lenient().readDataset(new ByteArrayInputStream(ds), ts);
        assertEquals(2, d.size());
        assertEquals(1, d.items(0x00081115).size());
        assertEquals("1", d.items(0x00081115).get(0).string(0x00080016).orElseThrow());
        assertEquals("2", d.string(0x00080018).orElseThrow());
    }

    @Test
    void somethingThatIsNotDicomIsSaidToBeNotDicom() {
        for (String text : List.of("# Aperture\nAperture is an open-source library", "\u0089PNG\r\n\u001a\n rest of a png",
                "<?xml version=\"1.0\"?><project/>")) {
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> DicomReader.standard().read(b));
            assertTrue(e.getMessage().startsWith("not a DICOM file"), e.getMessage());
            assertThrows(MalformedDataException.class, () -> DicomReader.standard().lenient().read(b));
        }
    }

    @Test
    void repairsAreCappedSoHostileInputCannotGrowThemWithoutBound() throws Exception {
        // 5000 private elements of odd length 1: each is a tolerated deviation with a repair
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (int e = 0; e < 5000; e++) {
            int el = 0x1000 + e;
            bos.write(new byte[] {0x09, 0x00, (byte) el, (byte) (el >> 8), 'L', 'O', 1, 0, 'x'});
        }
        byte[] ds = bos.toByteArray();
        byte[] file = new byte[132 + ds.length];
        System.arraycopy("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, file, 128, 4);
        System.arraycopy(ds, 0, file, 132, ds.length);
        // no File Meta group: the reader infers explicit VR little endian and lists that too
        DicomFile f = DicomReader.standard().read(file);
        assertEquals(5000, f.dataset().size());
        assertEquals(DicomParser.MAX_REPAIRS + 1, f.repairs().size());
        assertEquals("further repairs omitted", f.repairs().get(DicomParser.MAX_REPAIRS).description());
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() throws Exception {
        // 100 000 nested undefined-length sequences in implicit VR: far deeper than any stack.
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            bos.write(new byte[] {0x08, 0x00, 0x15, 0x11, -1, -1, -1, -1}); // (0008,1115) SQ u/l
            bos.write(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1}); // item u/l
        }
        byte[] bytes = bos.toByteArray();
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> DicomReader.standard()
                .readDataset(new ByteArrayInputStream(bytes), dev.aperture.transfer.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        assertEquals("maxNestingDepth", e.limitName());
        // A generous limit still reads the nesting that real files have.
        DicomObject ok = DicomReader.standard().withLimits(ReadLimits.DEFAULT.withMaxNestingDepth(100))
                .lenient().readDataset(new ByteArrayInputStream(java.util.Arrays.copyOf(bytes, 16 * 50)),
                        dev.aperture.transfer.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(1, ok.size());
    }

    @Test
    void patientDataNeverReachesMessagesOrDescriptions(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String sentinel = "Zyxwv^Sentinel";
        DicomObject ds = DicomReader.standard().read(TestData.pydicom().resolve("CT_small.dcm")).dataset()
                .toBuilder().setString(Tags.PatientName, Vr.PN, sentinel).build();
        byte[] file = DicomWriter.standard().toBytes(ds, dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertFalse(ds.toString().contains("Sentinel"));
        int seen = 0;
        for (int cut = 0; cut < file.length; cut += 97) {
            for (int flip = 0; flip < 3; flip++) {
                byte[] b = java.util.Arrays.copyOf(file, cut);
                if (b.length > 200 && flip > 0) {
                    b[b.length - 1 - flip * 37 % (b.length - 200)] ^= (byte) 0x5A;
                }
                try {
                    DicomFile f = DicomReader.standard().read(b);
                    assertFalse(f.dataset().toString().contains("Sentinel"));
                    assertFalse(f.repairs().toString().contains("Sentinel"));
                } catch (ApertureException e) {
                    seen++;
                    assertFalse(e.getMessage().contains("Sentinel"), e.getMessage());
                    assertFalse(e.getMessage().contains("Zyxwv"), e.getMessage());
                }
            }
        }
        assertTrue(seen > 0, "the truncations must have produced exceptions to check");
    }
}
