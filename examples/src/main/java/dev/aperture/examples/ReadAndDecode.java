// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples;

import dev.aperture.dicom.Tags;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.json.DicomJson;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.image.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;

/**
 * The README's example: read a file, read an attribute, decode every frame in parallel, and
 * print the dataset as DICOM JSON. Run: {@code java -cp examples/target/aperture.jar
 * dev.aperture.examples.ReadAndDecode FILE.dcm}.
 */
public final class ReadAndDecode {
    private ReadAndDecode() {
    }

    /**
     * Reads and decodes one file.
     *
     * @param args the file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        DicomFile file = DicomReader.standard().read(Path.of(args[0]));   // Pixel Data stays in the file
        String modality = file.dataset().string(Tags.Modality).orElse("");
        PixelFrames frames = PixelFrames.of(file);
        Samples pixels = frames.allocateAll();                                     // short[] for 16-bit data
        frames.decodeAll(pixels, ForkJoinPool.commonPool());
        String json = DicomJson.standard().write(file.dataset());
        System.out.println(modality + ": " + frames.frameCount() + " frame(s), " + pixels.length() + " samples, "
                + json.length() + " characters of JSON");
    }
}
