// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.imaging.ApertureException;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What the commands share: reading an input file and its frames, with one-line errors. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Reads a file for a command; bad bytes become a one-line error naming the file. In lenient
     * mode each repair is listed on {@code err}.
     */
    static DicomFile read(Path input, boolean lenient, PrintWriter err) throws IOException {
        DicomReader reader = lenient ? DicomReader.standard().lenient() : DicomReader.standard();
        try {
            DicomFile f = reader.read(input);
            if (lenient) {
                f.repairs().forEach(r -> err.println("aperture: " + input + ": repaired: " + r));
            }
            return f;
        } catch (ApertureException e) {
            throw new CliException(input + ": " + e.getMessage(), e);
        }
    }

    /** Locates the frames of a file read by {@link #read}; repairs (lenient mode) go to {@code err}. */
    static PixelFrames frames(DicomFile file, Path input, boolean lenient, PrintWriter err) {
        try {
            PixelFrames frames = PixelFrames.of(file.dataset(), file.transferSyntax(), TransferSyntaxRegistry.standard(),
                    lenient);
            frames.repairs().forEach(r -> err.println("aperture: " + input + ": repaired: " + r));
            return frames;
        } catch (ApertureException e) {
            throw new CliException(input + ": " + e.getMessage(), e);
        }
    }
}
