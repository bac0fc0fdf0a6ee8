// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.dicom.pixel.Transcoder;
import dev.aperture.transfer.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;

/**
 * Compresses a file losslessly with JPEG-LS for an archive, as a PACS gateway would: frames are
 * decoded and encoded in parallel, the dataset keeps everything else, and the result decodes to
 * exactly the input's samples. Run: {@code java -cp examples/target/aperture.jar
 * dev.aperture.examples.CompressForArchive IN.dcm OUT.dcm}.
 */
public final class CompressForArchive {
    private CompressForArchive() {
    }

    /**
     * Compresses one file.
     *
     * @param args input and output file
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        DicomFile in = DicomReader.standard().read(Path.of(args[0]));
        TransferSyntax target = TransferSyntax.JPEG_LS_LOSSLESS;
        DicomObject compressed = Transcoder.standard().transcode(in, target, ForkJoinPool.commonPool());
        DicomWriter.standard().write(Path.of(args[1]), compressed, target);
        System.out.printf("%s: %d -> %d bytes%n", target.name(), Files.size(Path.of(args[0])), Files.size(Path.of(args[1])));
    }
}
