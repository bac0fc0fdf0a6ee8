// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.ShortSamples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JPEG encoding of a 12-bit CT frame (issue 3): Aperture's extended (SOF1, transfer syntax
 * 1.2.840.10008.1.2.4.51) encoder at quality 90, with optimised and with fixed Huffman tables.
 *
 * <p>No Java library encodes 12-bit DCT JPEG (the JDK's ImageIO writer and TwelveMonkeys' are
 * 8-bit only), so the peers in the same run are: Aperture's lossless SV1 encoder on the same
 * 12-bit frame, and the JDK's native-backed (libjpeg) ImageIO writer encoding the frame's top 8
 * bits as an 8-bit grey JPEG at quality 0.9 with optimised tables: the same DCT work per pixel at
 * a lower precision. DCMTK's {@code dcmcjpeg} is measured outside JMH (see benchmarks/README.md).
 *
 * <p>Data: {@code ct512x12} is pydicom's CT_small enlarged to 512x512 with noise, 12 bits stored
 * ({@link JpegLsBenchData}); {@code ct512x12s} is the same shifted to signed (-2048..2047), which
 * the encoder codes with a value offset. The {@code pixels} counter gives encoded pixels per second,
 * {@code bytes} the encoded output (divide by ops for the frame size).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JpegEncodeBenchmark -prof gc}
 * (quick: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JpegEncodeBenchmark {

    /** The data set. */
    @Param({"ct512x12", "ct512x12s"})
    public String data;

    /**
     * {@code extended} (optimised tables), {@code extended-fixed}, {@code sv1} (lossless) or
     * {@code imageio8} (JDK writer, top 8 bits).
     */
    @Param({"extended", "extended-fixed", "sv1", "imageio8"})
    public String encoder;

    private ImageDescriptor image;
    private ShortSamples src;
    private FrameEncoder aperture;
    private EncodeOptions options;
    private ImageWriter writer;
    private ImageWriteParam param;
    private IIOImage grey8;

    /** Builds the frame and the encoder. */
    @Setup
    public void setUp() {
        JpegLsBenchData.Frame f = JpegLsBenchData.frame("ct512x12");
        image = f.image();
        short[] s = ((short[]) f.samples()).clone();
        if (data.equals("ct512x12s")) {
            for (int i = 0; i < s.length; i++) {
                s[i] -= 2048;
            }
            image = new ImageDescriptor(image.rows(), image.columns(), 1, 16, 12, true, image.photometric(), 0, 1);
        }
        src = ShortSamples.of(s);
        CodecProvider provider = ServiceLoader.load(CodecProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("aperture-jpeg"))
                .findFirst().orElseThrow();
        options = EncodeOptions.DEFAULT.withQuality(90);
        switch (encoder) {
            case "extended" -> aperture = provider.encoder("1.2.840.10008.1.2.4.51").orElseThrow();
            case "extended-fixed" -> {
                aperture = provider.encoder("1.2.840.10008.1.2.4.51").orElseThrow();
                options = options.withOptimisedHuffman(false);
            }
            case "sv1" -> aperture = provider.encoder("1.2.840.10008.1.2.4.70").orElseThrow();
            case "imageio8" -> setUpImageIo((short[]) f.samples());
            default -> throw new IllegalArgumentException(encoder);
        }
    }

    private void setUpImageIo(short[] unsigned12) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageWriter")) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("JDK JPEG writer not found");
        }
        BufferedImage img = new BufferedImage(image.columns(), image.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (unsigned12[i] >> 4);
        }
        grey8 = new IIOImage(img, null, null);
        JPEGImageWriteParam p = new JPEGImageWriteParam(null);
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.9f);
        p.setOptimizeHuffmanTables(true);
        param = p;
    }

    /** Encodes one frame. */
    @Benchmark
    public Object encode(Counters counter) throws IOException {
        counter.pixels += image.pixelsPerFrame();
        if (writer != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, grey8, param);
            }
            counter.bytes += bytes.size();
            return bytes;
        }
        var e = aperture.encode(src, image, options);
        counter.bytes += e.bytes().length;
        return e;
    }
}
