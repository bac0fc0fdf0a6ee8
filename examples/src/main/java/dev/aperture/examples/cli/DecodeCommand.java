// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.DoubleSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aperture decode IN.dcm --raw OUT.raw [--frame N]}: stored pixel values as raw bytes. */
@Command(name = "decode", description = "Decode pixel data to raw little-endian samples, interleaved per pixel.")
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.dcm", description = "The DICOM file.")
    Path input;

    @Option(names = "--raw", required = true, paramLabel = "OUT.raw", description = "Where the samples go.")
    Path output;

    @Option(names = "--frame", paramLabel = "N", description = "Only frame N (0-based).")
    Integer frame;

    @Option(names = "--lenient", description = "Repair what can be repaired; list repairs on stderr.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        DicomFile file = Inputs.read(input, lenient, err);
        try {
            PixelFrames frames = Inputs.frames(file, input, lenient, err);
            ImageDescriptor image = frames.image();
            if (frame != null && (frame < 0 || frame >= frames.frameCount())) {
                throw new CliException(input + ": frame " + frame + " does not exist (" + frames.frameCount()
                        + " frames)");
            }
            int first = frame == null ? 0 : frame;
            int count = frame == null ? frames.frameCount() : 1;
            long start = System.nanoTime();
            Samples samples = allocate(file, image, count);
            List<DecodedFrame> results;
            if (frame == null) {
                results = frames.decodeAll(samples, ForkJoinPool.commonPool());
            } else {
                results = List.of(frames.decode(first, samples));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            results.forEach(r -> r.repairs().forEach(x -> err.println("aperture: " + input + ": repaired: " + x)));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
                writeLittleEndian(samples, image.bitsAllocated(), out);
            }
            DecodedFrame r = results.get(0);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"rows\":" + image.rows() + ",\"columns\":" + image.columns() + ",\"frames\":" + count
                    + ",\"samplesPerPixel\":" + image.samplesPerPixel() + ",\"bitsAllocated\":" + image.bitsAllocated()
                    + ",\"bitsStored\":" + r.bitsStored() + ",\"pixelRepresentation\":" + (r.signed() ? 1 : 0)
                    + ",\"photometricInterpretation\":\"" + r.photometric().code() + "\",\"transferSyntax\":\""
                    + file.transferSyntax().uid() + "\",\"decodeMillis\":" + millis + "}");
            out.flush();
            return 0;
        } catch (ApertureException e) {
            throw new CliException(input + ": " + e.getMessage(), e);
        }
    }

    private static Samples allocate(DicomFile file, ImageDescriptor image, int frames) {
        int n = Math.multiplyExact(image.samplesPerFrame(), frames);
        if (file.dataset().contains(Tag.FLOAT_PIXEL_DATA)) {
            return FloatSamples.of(new float[n]);
        }
        return Samples.allocate(image, frames);
    }

    /** Writes samples little endian: 1 byte for Bits Allocated 1 and 8, else 2, 4 or 8. */
    static void writeLittleEndian(Samples s, int bitsAllocated, OutputStream out) throws IOException {
        int chunk = 1 << 16;
        ByteBuffer buf = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        int n = s.length();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            buf.clear();
            for (int i = from; i < to; i++) {
                int k = s.offset() + i;
                if (s instanceof ByteSamples b) {
                    buf.put(b.array()[k]);
                } else if (s instanceof ShortSamples b) {
                    buf.putShort(b.array()[k]);
                } else if (s instanceof IntSamples b) {
                    buf.putInt(b.array()[k]);
                } else if (s instanceof FloatSamples b) {
                    buf.putFloat(b.array()[k]);
                } else {
                    buf.putDouble(((DoubleSamples) s).array()[k]);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }
}
