// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.transfer.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read, write and read again gives the same dataset, in every transfer syntax the writer
 * supports; DCMTK reads what we write without complaint; and DCMTK's own conversions of each
 * file into every native transfer syntax ({@code dcmconv +te/+ti/+tb/+td}) read back to the
 * dataset we read from the original.
 */
class DicomWriterRoundTripTest {

    private static final Set<String> SKIP = Set.of("MR_truncated.dcm", "rtplan_truncated.dcm", "no_meta.dcm",
            "SC_rgb_jpeg.dcm", "DICOMDIR-nooffset");

    private static final List<TransferSyntax> NATIVE = List.of(
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    static Stream<Path> files() throws Exception {
        return TestData.allDicomFiles().stream().filter(f -> !SKIP.contains(f.getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void writeThenReadGivesTheSameDataset(Path file, @TempDir Path tmp) throws Exception {
        DicomFile original = DicomReader.standard().read(Files.readAllBytes(file));
        DicomObject ds = original.dataset();
        List<TransferSyntax> targets = original.transferSyntax().encapsulated()
                ? List.of(original.transferSyntax()) : NATIVE;
        for (TransferSyntax ts : targets) {
            byte[] written = DicomWriter.standard().toBytes(ds, ts);
            DicomFile back = DicomReader.standard().read(written);
            assertEquals(ts, back.transferSyntax());
            assertTrue(back.repairs().isEmpty(), file.getFileName() + " as " + ts.name() + ": " + back.repairs());
            assertEquals(ts.uid(), back.fileMeta().string(Tags.TransferSyntaxUID).orElseThrow());
            assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, back.fileMeta().string(Tags.ImplementationClassUID).orElseThrow());
            assertEquals(ds.string(Tags.SOPInstanceUID), back.fileMeta().string(Tags.MediaStorageSOPInstanceUID)
                    .filter(s -> !s.isEmpty()));
            DatasetAssert.assertSameContent(ds, back.dataset(), ts.explicitVr(), file.getFileName() + " " + ts.uid());
            // DCMTK must read our file without errors or warnings.
            Path out = tmp.resolve("out-" + ts.uid() + ".dcm");
            Files.write(out, written);
            TestData.Run r = TestData.run("dcmdump", "-q", "+L", out.toString());
            assertEquals(0, r.exit(), ts.name() + ": " + r.err());
            assertFalse(r.err().contains("E:"), ts.name() + ": " + r.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsDcmtkConversionsIntoEveryNativeSyntax(Path file, @TempDir Path tmp) throws Exception {
        DicomFile original = DicomReader.standard().read(file);
        if (original.transferSyntax().encapsulated() || original.fileMeta().isEmpty()) {
            return; // dcmconv cannot re-encode compressed pixel data; bare datasets have no Part 10 form
        }
        String[][] options = {{"+te", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()},
            {"+ti", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()},
            {"+tb", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()},
            {"+td", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()}};
        for (String[] o : options) {
            Path out = tmp.resolve("dcmconv" + o[0] + ".dcm");
            TestData.Run r = TestData.run("dcmconv", o[0], file.toString(), out.toString());
            if (r.exit() != 0) {
                continue; // e.g. a file DCMTK itself cannot convert; our reading of the original is tested elsewhere
            }
            DicomFile conv = DicomReader.standard().read(out);
            assertEquals(o[1], conv.transferSyntax().uid());
            boolean bigEndianOnOneSide = conv.transferSyntax().bigEndian() != original.transferSyntax().bigEndian();
            if (bigEndianOnOneSide && original.dataset().integer(Tags.BitsAllocated).orElse(0) > 16) {
                // DCMTK swaps 32-bit big-endian Pixel Data in 16-bit words; pydicom, the big-endian
                // files in the wild (rtdose_expb.dcm) and Aperture store each sample most significant
                // byte first. Our reading of those files is checked against pydicom in DecodeCommandTest.
                DatasetAssert.assertSameContent(original.dataset().toBuilder().remove(Tag.PIXEL_DATA).build(),
                        conv.dataset().toBuilder().remove(Tag.PIXEL_DATA).build(),
                        conv.transferSyntax().explicitVr() && original.transferSyntax().explicitVr(),
                        file.getFileName() + " via dcmconv " + o[0]);
                continue;
            }
            boolean explicit = conv.transferSyntax().explicitVr() && original.transferSyntax().explicitVr();
            DatasetAssert.assertSameContent(original.dataset(), conv.dataset(), explicit,
                    file.getFileName() + " via dcmconv " + o[0]);
        }
    }
}
