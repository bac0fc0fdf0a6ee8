// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.CodecProvider;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * JPEG frame decoding: Aperture's pure-Java decoder against a reference in the same run: the
 * JDK's native-backed ImageIO JPEG reader for baseline, TwelveMonkeys' {@code imageio-jpeg} for
 * lossless (the JDK cannot read lossless JPEG).
 *
 * <p>Data sets are generated (noise plus structure, never ramps) and encoded with Aperture's
 * encoders, so both decoders read the same bytes:
 * <ul>
 *   <li>{@code ct512}: 512x512, 12 bits stored in 16, lossless SV1 (a CT slice: body ellipse,
 *       bone, soft tissue noise);</li>
 *   <li>{@code mammo}: 4096x3328, 14 bits stored in 16, lossless SV1 (breast-shaped
 *       structure with texture and noise);</li>
 *   <li>{@code rgb512}: 512x512 8-bit colour, baseline quality 90, YCbCr 4:2:2.</li>
 * </ul>
 * Baseline streams written by the JDK's ImageIO JPEG writer (quality 0.9, JFIF), so that both
 * decoders also read a third party's bytes:
 * <ul>
 *   <li>{@code grey512}: 512x512 8-bit grey (the green channel of the colour image);</li>
 *   <li>{@code rgb420}: 512x512 colour, YCbCr 4:2:0;</li>
 *   <li>{@code rgb444}: 512x512 colour, YCbCr 4:4:4;</li>
 *   <li>{@code mammo8}: 4096x3328 8-bit grey, mammography-sized (breast-shaped structure,
 *       texture, mild noise);</li>
 *   <li>{@code mammo8bg}: the same with a noise-free black background (as in real
 *       mammograms: DC-only blocks there); not in the default parameter list;</li>
 *   <li>{@code mammo8odd}: {@code mammo8bg} 3323 columns wide (not a multiple of 8, as some
 *       detectors' frames); not in the default parameter list.</li>
 * </ul>
 * The {@code pixels} counter gives decoded pixels per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JpegBenchmark -prof gc}
 * (quick: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}; add {@code -prof perfasm} for the hot loop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JpegBenchmark {

    /** The data set. */
    @Param({"ct512", "mammo", "rgb512", "grey512", "rgb420", "rgb444", "mammo8"})
    public String data;

    /** {@code aperture}, or {@code reference} (TwelveMonkeys for lossless, JDK ImageIO for baseline). */
    @Param({"aperture", "reference"})
    public String decoder;

    private static final String BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private byte[] encoded;
    private ImageDescriptor image;
    private FrameDecoder aperture;
    private Samples dst;
    private ImageReader reader;
    private ImageReadParam param;

    /** Counts decoded pixels, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pixels {
        /** Pixels decoded. */
        public long pixels;

        /** Resets the count per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            pixels = 0;
        }
    }

    /** Generates and encodes the data set and prepares both decoders. */
    @Setup
    public void setUp() throws IOException {
        CodecProvider provider = ServiceLoader.load(CodecProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("aperture-jpeg"))
                .findFirst().orElseThrow();
        String ts;
        switch (data) {
            case "ct512" -> {
                image = ImageDescriptor.of(512, 512, 1, 16, 12, false, Photometric.MONOCHROME2);
                ts = LOSSLESS_SV1;
                dst = ShortSamples.of(ct(512, 512, 12, 1));
            }
            case "mammo" -> {
                image = ImageDescriptor.of(4096, 3328, 1, 16, 14, false, Photometric.MONOCHROME2);
                ts = LOSSLESS_SV1;
                dst = ShortSamples.of(mammo(4096, 3328, 14, 2));
            }
            case "rgb512" -> {
                image = ImageDescriptor.of(512, 512, 3, 8, 8, false, Photometric.RGB);
                ts = BASELINE;
                dst = ByteSamples.of(colour(512, 512, 3));
            }
            case "rgb422", "us420", "us422", "us444" -> {
                ts = BASELINE;
                image = ImageDescriptor.of(512, 512, 3, 8, 8, false, Photometric.YBR_FULL_422);
                byte[] samples = data.equals("rgb422") ? colour(512, 512, 1) : ultrasound(512, 512, 3);
                dst = ByteSamples.of(samples);
                int h = data.endsWith("444") ? 1 : 2;
                int v = data.endsWith("420") ? 2 : 1;
                encoded = imageIoJpeg(samples, 512, 512, false, h, v);
            }
            case "grey512", "rgb420", "rgb444", "mammo8", "mammo8bg", "mammo8odd" -> {
                ts = BASELINE;
                boolean grey = !data.startsWith("rgb");
                int rows = data.startsWith("mammo8") ? 4096 : 512;
                int cols = data.startsWith("mammo8") ? (data.equals("mammo8odd") ? 3323 : 3328) : 512;
                image = ImageDescriptor.of(rows, cols, grey ? 1 : 3, 8, 8, false,
                        grey ? Photometric.MONOCHROME2 : Photometric.YBR_FULL_422);
                byte[] samples;
                if (data.startsWith("mammo8")) {
                    samples = mammo8(rows, cols, 2, data.equals("mammo8") ? 0.5 : 0);
                } else {
                    byte[] rgb = colour(rows, cols, 1);
                    samples = grey ? new byte[rows * cols] : rgb;
                    for (int i = 0; grey && i < samples.length; i++) {
                        samples[i] = rgb[i * 3 + 1];
                    }
                }
                dst = ByteSamples.of(samples);
                int h = data.equals("rgb444") ? 1 : 2;
                encoded = imageIoJpeg(samples, rows, cols, grey, h, h);
            }
            default -> throw new IllegalArgumentException(data);
        }
        if (encoded == null) {
            var result = provider.encoder(ts).orElseThrow().encode(dst, image, EncodeOptions.DEFAULT);
            encoded = result.bytes();
            image = image.withPhotometric(result.photometric());
        }
        aperture = provider.decoder(ts).orElseThrow();
        if (decoder.equals("reference")) {
            String wanted = ts.equals(BASELINE)
                    ? "com.sun.imageio.plugins.jpeg.JPEGImageReader"
                    : "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader";
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
            while (it.hasNext()) {
                ImageReader r = it.next();
                if (r.getClass().getName().equals(wanted)) {
                    reader = r;
                }
            }
            if (reader == null) {
                throw new IllegalStateException("reader not found: " + wanted);
            }
            param = reader.getDefaultReadParam();
            // Decode once to get the destination type, then reuse that image (fewest allocations).
            BufferedImage first = readReference(null);
            if (first.getWidth() != image.columns() || first.getHeight() != image.rows()) {
                throw new IllegalStateException("reference decoded another size");
            }
            param.setDestination(first);
        }
    }

    private BufferedImage readReference(ImageReadParam p) throws IOException {
        reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
        return reader.read(0, p);
    }

    /** Decodes one frame. */
    @Benchmark
    public Object decode(Pixels counter) throws IOException {
        counter.pixels += image.pixelsPerFrame();
        if (reader != null) {
            return readReference(param);
        }
        aperture.decode(ByteBuffer.wrap(encoded), image, dst);
        return dst;
    }

    /**
     * Baseline JPEG from the JDK's ImageIO writer, quality 0.9; colour with luma sampled
     * {@code lumaH} x {@code lumaV} against chroma (2 x 2: 4:2:0, 2 x 1: 4:2:2, 1 x 1: 4:4:4).
     */
    static byte[] imageIoJpeg(byte[] samples, int rows, int cols, boolean grey, int lumaH, int lumaV)
            throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, grey ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        if (grey) {
            System.arraycopy(samples, 0, d, 0, d.length);
        } else {
            for (int i = 0; i < rows * cols; i++) {
                d[i * 3] = samples[i * 3 + 2];
                d[i * 3 + 1] = samples[i * 3 + 1];
                d[i * 3 + 2] = samples[i * 3];
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.9f);
        IIOMetadata md = w.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
        if (!grey) {
            String fmt = "javax_imageio_jpeg_image_1.0";
            Element root = (Element) md.getAsTree(fmt);
            NodeList comps = root.getElementsByTagName("componentSpec");
            for (int i = 0; i < comps.getLength(); i++) {
                Element e = (Element) comps.item(i);
                e.setAttribute("HsamplingFactor", i == 0 ? String.valueOf(lumaH) : "1");
                e.setAttribute("VsamplingFactor", i == 0 ? String.valueOf(lumaV) : "1");
            }
            md.setFromTree(fmt, root);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, md), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    // ---- synthetic images: structure plus noise ----------------------------------------------

    static byte[] mammo8(int rows, int cols, long seed, double backgroundNoise) {
        Random rnd = new Random(seed);
        byte[] s = new byte[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dy = (y - rows / 2.0) / (rows * 0.45);
                double dx = x / (cols * 0.8);
                boolean breast = dx * dx + dy * dy < 1;
                double v = breast
                        ? 255 * (0.45 + 0.25 * (1 - dx) + 0.05 * Math.sin(x / 37.0 + Math.sin(y / 53.0) * 3))
                                + rnd.nextGaussian() * 2.5
                        : 255 * 0.02 + rnd.nextGaussian() * backgroundNoise;
                s[y * cols + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return s;
    }

    /**
     * An ultrasound-like RGB frame: black background, a textured grey sector-shaped disc
     * (speckle and smooth structure), and a small colour-Doppler patch inside it.
     */
    static byte[] ultrasound(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[rows * cols * 3];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dx = x - cols * 0.5;
                double dy = y - rows * 0.08;
                double r = Math.sqrt(dx * dx + dy * dy);
                boolean inside = dy > 0 && r < rows * 0.85 && Math.abs(dx) < dy * 0.9;
                int o = (y * cols + x) * 3;
                if (!inside) {
                    continue;
                }
                double v = 60 + 40 * Math.sin(x / 17.0 + Math.cos(y / 23.0) * 2) + Math.abs(rnd.nextGaussian()) * 30;
                int g = (int) Math.max(0, Math.min(255, Math.round(v)));
                b[o] = (byte) g;
                b[o + 1] = (byte) g;
                b[o + 2] = (byte) g;
                double px = (x - cols * 0.55) / (cols * 0.08);
                double py = (y - rows * 0.45) / (rows * 0.06);
                if (px * px + py * py < 1) {           // colour-Doppler patch: red or blue flow
                    boolean red = px < 0;
                    int f = (int) Math.min(255, 150 + Math.abs(rnd.nextGaussian()) * 40);
                    b[o] = (byte) (red ? f : 20);
                    b[o + 1] = (byte) 30;
                    b[o + 2] = (byte) (red ? 20 : f);
                }
            }
        }
        return b;
    }

    static short[] ct(int rows, int cols, int bits, long seed) {
        Random rnd = new Random(seed);
        short[] s = new short[rows * cols];
        int air = 24;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dx = (x - cols / 2.0) / (cols * 0.42);
                double dy = (y - rows / 2.0) / (rows * 0.34);
                double r2 = dx * dx + dy * dy;
                double v;
                if (r2 > 1) {
                    v = air + rnd.nextGaussian() * 3;                      // air
                } else {
                    double bx = (x - cols * 0.5) / (cols * 0.08);
                    double by = (y - rows * 0.62) / (rows * 0.06);
                    boolean bone = bx * bx + by * by < 1 || (r2 > 0.85 && r2 < 0.9);
                    v = (bone ? 2400 : 1040 + 60 * Math.sin(x / 23.0) * Math.cos(y / 17.0))
                            + rnd.nextGaussian() * 12;                       // tissue, bone
                }
                s[y * cols + x] = (short) Math.max(0, Math.min((1 << bits) - 1, Math.round(v)));
            }
        }
        return s;
    }

    static short[] mammo(int rows, int cols, int bits, long seed) {
        Random rnd = new Random(seed);
        short[] s = new short[rows * cols];
        int max = (1 << bits) - 1;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dy = (y - rows / 2.0) / (rows * 0.45);
                double dx = x / (cols * 0.8);
                boolean breast = dx * dx + dy * dy < 1;
                double v = breast
                        ? max * (0.45 + 0.25 * (1 - dx) + 0.05 * Math.sin(x / 37.0 + Math.sin(y / 53.0) * 3))
                                + rnd.nextGaussian() * 40
                        : max * 0.02 + rnd.nextGaussian() * 4;
                s[y * cols + x] = (short) Math.max(0, Math.min(max, Math.round(v)));
            }
        }
        return s;
    }

    static byte[] colour(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[rows * cols * 3];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < 3; c++) {
                    double dx = x - cols * (0.35 + 0.15 * c);
                    double dy = y - rows * 0.5;
                    boolean disc = dx * dx + dy * dy < rows * rows * 0.06;
                    double v = 70 + (disc ? 110 : 0) + 40 * Math.sin(x / (9.0 + c)) * Math.cos(y / 13.0)
                            + rnd.nextGaussian() * 6;
                    b[(y * cols + x) * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return b;
    }
}
