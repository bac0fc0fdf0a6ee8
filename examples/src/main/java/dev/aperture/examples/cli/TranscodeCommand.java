// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.dicom.pixel.Transcoder;
import dev.aperture.imaging.ApertureException;
import dev.aperture.transfer.TransferSyntax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aperture transcode IN.dcm OUT.dcm --ts UID [--near N] [--quality Q] [--fixed-huffman]
 * [--restart-interval N]}.
 */
@Command(name = "transcode", description = "Write the file in another transfer syntax.")
final class TranscodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.dcm", description = "The DICOM file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.dcm", description = "The file to write.")
    Path output;

    @Option(names = "--ts", required = true, paramLabel = "UID", description = "Target transfer syntax UID.")
    String ts;

    @Option(names = "--near", paramLabel = "N", description = "JPEG-LS NEAR for near-lossless (default 0).")
    int near;

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG baseline and extended quality 1..100 (default 90).")
    int quality = 90;

    @Option(names = "--fixed-huffman", description = "JPEG baseline and extended: fixed Huffman tables in one pass "
            + "instead of tables optimised for each frame.")
    boolean fixedHuffman;

    @Option(names = "--restart-interval", paramLabel = "N", description = "JPEG baseline, extended and lossless: "
            + "a restart marker every N MCUs (0..65535, default 0: none). Lossless JPEG needs a multiple of "
            + "Columns (whole rows).")
    int restartInterval;

    @Option(names = "--lenient", description = "Repair what can be repaired; list repairs on stderr.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        Optional<TransferSyntax> target = TransferSyntax.lookup(ts);
        if (target.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ts " + ts + " is not a transfer syntax UID");
        }
        EncodeOptions options;
        try {
            options = EncodeOptions.DEFAULT.withNearLossless(near).withQuality(quality)
                    .withOptimisedHuffman(!fixedHuffman).withRestartInterval(restartInterval);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DicomFile file = Inputs.read(input, lenient, spec.commandLine().getErr());
        if (restartInterval > 0 && isLosslessJpeg(target.get().uid())) {
            int columns = file.dataset().integer(Tags.Columns).orElse(0);
            if (columns > 0 && restartInterval % columns != 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--restart-interval " + restartInterval
                        + ": lossless JPEG needs a multiple of Columns (" + columns + ")");
            }
        }
        long t0 = System.nanoTime();
        try {
            DicomObject out = Transcoder.standard().withOptions(options)
                    .transcode(file, target.get(), ForkJoinPool.commonPool());
            DicomWriter.standard().write(output, out, target.get());
        } catch (ApertureException e) {
            throw new CliException(input + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("{\"transferSyntax\":\"" + target.get().uid() + "\",\"millis\":"
                + (System.nanoTime() - t0) / 1_000_000 + "}");
        return 0;
    }

    private static boolean isLosslessJpeg(String uid) {
        return uid.equals("1.2.840.10008.1.2.4.57") || uid.equals("1.2.840.10008.1.2.4.70");
    }
}
