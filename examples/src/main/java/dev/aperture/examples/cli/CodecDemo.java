// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.dicom.pixel.Display;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.dicom.pixel.Transcoder;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.render.FrameImages;
import dev.aperture.transfer.TransferSyntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The demo's transcode and render part: one CT slice through every encoder, and to PNG. */
final class CodecDemo {
    private CodecDemo() {
    }

    static void run(PrintWriter out, Path ct, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        DicomFile in = DicomReader.standard().read(ct);
        short[] original = samples(in);
        long nativeBytes = 2L * original.length;
        out.println("Transcode CT_small.dcm (128x128, 16-bit signed) to each encoder, read back and compare:");
        List<Object[]> targets = List.of(
                new Object[] {TransferSyntax.RLE_LOSSLESS, 0, 0},
                new Object[] {TransferSyntax.DEFLATED_IMAGE_FRAME, 0, 0},
                new Object[] {TransferSyntax.JPEG_LOSSLESS_SV1, 0, 0},
                new Object[] {TransferSyntax.JPEG_LOSSLESS_SV1, 0, 128 * 16},
                new Object[] {TransferSyntax.JPEG_LS_LOSSLESS, 0, 0},
                new Object[] {TransferSyntax.JPEG_LS_NEAR_LOSSLESS, 2, 0},
                new Object[] {TransferSyntax.JPEG_EXTENDED, 0, 0});
        for (Object[] t : targets) {
            TransferSyntax ts = (TransferSyntax) t[0];
            int near = (Integer) t[1];
            int restart = (Integer) t[2];
            long t0 = System.nanoTime();
            DicomObject encoded = Transcoder.standard()
                    .withOptions(EncodeOptions.DEFAULT.withNearLossless(near).withRestartInterval(restart))
                    .transcode(in, ts, Runnable::run);
            Path file = outDir.resolve("CT_small." + ts.uid() + (restart > 0 ? ".restarts" : "") + ".dcm");
            DicomWriter.standard().write(file, encoded, ts);
            double ms = (System.nanoTime() - t0) / 1e6;
            DicomFile back = DicomReader.standard().read(file);
            short[] decoded = samples(back);
            // Compare modality values: a lossy DCT encoding of signed samples may store them
            // shifted, with Pixel Representation 0 and a moved Rescale Intercept.
            double shift = intercept(back) - intercept(in);
            int worst = 0;
            for (int i = 0; i < decoded.length; i++) {
                worst = Math.max(worst, (int) Math.round(Math.abs(decoded[i] + shift - original[i])));
            }
            long size = back.dataset().fragments(Tag.PIXEL_DATA).map(f -> {
                long n = 0;
                for (int i = 0; i < f.count(); i++) {
                    n += f.fragmentLength(i);
                }
                return n;
            }).orElse(nativeBytes);
            out.printf(Locale.ROOT, "  %-48.48s %6d bytes (%.2f:1) in %5.1f ms, %s%n", ts.name() + (near > 0 ? ", NEAR " + near : "") + (ts == TransferSyntax.JPEG_EXTENDED ? ", q90" : "")
                    + (restart > 0 ? ", restart every 16 rows" : ""),
                    size, nativeBytes / (double) size, ms, worst == 0 ? "bit-exact" : "max error " + worst);
        }
        Path png = outDir.resolve("CT_small.png");
        Files.write(png, FrameImages.png(Display.render(PixelFrames.of(in), in.dataset(), 0, Optional.empty())));
        out.println("Render CT_small.dcm (min-max window) to " + png);
    }

    private static double intercept(DicomFile f) {
        return f.dataset().doubleValue(dev.aperture.dicom.Tags.RescaleIntercept).orElse(0);
    }

    private static short[] samples(DicomFile f) {
        PixelFrames frames = PixelFrames.of(f);
        Samples s = frames.allocateAll();
        frames.decodeAll(s, Runnable::run);
        return ((ShortSamples) s).array();
    }
}
