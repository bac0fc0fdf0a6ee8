// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.pixel.Display;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.render.FrameImages;
import dev.aperture.image.ByteSamples;
import dev.aperture.volume.Frame;
import dev.aperture.volume.FrameResizer;
import dev.aperture.volume.Kernel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders the first frame of a file for display (modality LUT, the dataset's window or its
 * value range, presentation LUT, palette or colour) and writes a PNG thumbnail that fits in
 * 256 x 256 (area-averaged, so fine detail does not alias), as a worklist viewer would. Run: {@code java -cp examples/target/aperture.jar
 * dev.aperture.examples.Thumbnail IN.dcm OUT.png}.
 */
public final class Thumbnail {
    private Thumbnail() {
    }

    /**
     * Writes one thumbnail.
     *
     * @param args input file and output PNG
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        DicomFile file = DicomReader.standard().read(Path.of(args[0]));
        BufferedImage full = Display.render(PixelFrames.of(file), file.dataset(), 0, Optional.empty());
        int channels = full.getRaster().getNumBands();
        byte[] pixels = ((DataBufferByte) full.getRaster().getDataBuffer()).getData();
        int[] size = FrameResizer.fitWithin(full.getWidth(), full.getHeight(),
                Math.min(256, full.getWidth()), Math.min(256, full.getHeight()));   // never enlarge
        int w = size[0];
        int h = size[1];
        byte[] small = new byte[w * h * channels];
        // area averaging: the downscaling kernel that does not alias
        FrameResizer.of(Kernel.AREA).resize(Frame.ofBytes(pixels, full.getWidth(), full.getHeight(), channels),
                Frame.ofBytes(small, w, h, channels));
        BufferedImage thumb = channels == 1 ? FrameImages.grey(ByteSamples.of(small), h, w)
                : FrameImages.rgb(ByteSamples.of(small), h, w);
        Files.write(Path.of(args[1]), FrameImages.png(thumb));
        System.out.println(w + "x" + h + " thumbnail written");
    }
}
