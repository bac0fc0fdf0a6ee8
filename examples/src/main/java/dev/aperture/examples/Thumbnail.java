// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.pixel.Display;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.render.FrameImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders the first frame of a file for display (modality LUT, the dataset's window or its
 * value range, presentation LUT, palette or colour) and writes a PNG thumbnail that fits in
 * 256 x 256, as a worklist viewer would. Run: {@code java -cp examples/target/aperture.jar
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
        double scale = Math.min(1.0, 256.0 / Math.max(full.getWidth(), full.getHeight()));
        int w = Math.max(1, (int) Math.round(full.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(full.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(w, h, full.getType());
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, w, h, null);
        g.dispose();
        Files.write(Path.of(args[1]), FrameImages.png(thumb));
        System.out.println(w + "x" + h + " thumbnail written");
    }
}
