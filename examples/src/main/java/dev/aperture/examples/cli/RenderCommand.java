// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.pixel.Display;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.imaging.ApertureException;
import dev.aperture.pixel.Window;
import dev.aperture.render.FrameImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aperture render IN.dcm OUT.png [--frame N] [--window C,W]}: one frame for display. */
@Command(name = "render", description = "Render one frame to PNG through the display pipeline (PS3.3 C.11).")
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.dcm", description = "The DICOM file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.png", description = "The PNG to write.")
    Path output;

    @Option(names = "--frame", paramLabel = "N", description = "Frame to render (0-based; default 0).")
    int frame;

    @Option(names = "--window", paramLabel = "C,W", description = "Window center and width instead of the dataset's.")
    String window;

    @Option(names = "--lenient", description = "Repair what can be repaired; list repairs on stderr.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        Optional<Window> w = Optional.empty();
        if (window != null) {
            String[] cw = window.split(",");
            try {
                if (cw.length != 2) {
                    throw new NumberFormatException();
                }
                w = Optional.of(Window.of(Double.parseDouble(cw[0].strip()), Double.parseDouble(cw[1].strip())));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--window takes C,W with a width of at least 1, e.g. 40,400");
            }
        }
        DicomFile file = Inputs.read(input, lenient, spec.commandLine().getErr());
        try {
            PixelFrames frames = Inputs.frames(file, input, lenient, spec.commandLine().getErr());
            if (frame < 0 || frame >= frames.frameCount()) {
                throw new CliException(input + ": frame " + frame + " does not exist (" + frames.frameCount() + " frames)");
            }
            BufferedImage img = Display.render(frames, file.dataset(), frame, w);
            Files.write(output, FrameImages.png(img));
            spec.commandLine().getOut().println("{\"rows\":" + img.getHeight() + ",\"columns\":" + img.getWidth()
                    + ",\"frame\":" + frame + "}");
            return 0;
        } catch (ApertureException e) {
            throw new CliException(input + ": " + e.getMessage(), e);
        }
    }
}
