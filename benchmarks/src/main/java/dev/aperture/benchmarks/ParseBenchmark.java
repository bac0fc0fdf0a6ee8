// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.dicom.io.DicomWriter;
import dev.aperture.transfer.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * DICOM Part 10 parsing: the header of a file (stopping before Pixel Data), and the full read of
 * a 512 x 512 16-bit CT slice, from memory.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -f 3 -wi 5 -i 5 -prof gc
 * </pre>
 *
 * <p>Both report microseconds per file (MB/s of a full read = file size / time) and, with
 * {@code -prof gc}, bytes allocated per file. {@code file}: {@code CT_small} is the pydicom test file (258 elements, GE private groups);
 * {@code MR_small} its MR sibling (73 elements); {@code CT_512} is CT_small's header with a
 * 512 x 512 noise frame (what a typical CT slice weighs).
 */
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBenchmark {

    @Param({"CT_small", "MR_small", "CT_512"})
    public String file;

    private byte[] bytes;
    private DicomReader header;
    private DicomReader full;

    /** Loads the file into memory. */
    @Setup(Level.Trial)
    public void load() throws IOException {
        Path dir = TestFiles.pydicom();
        if (file.equals("CT_512")) {
            DicomObject ct = DicomReader.standard().read(Files.readAllBytes(dir.resolve("CT_small.dcm"))).dataset();
            short[] px = new short[512 * 512];
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < px.length; i++) {
                px[i] = (short) (1000 + rnd.nextInt(400));
            }
            byte[] raw = new byte[px.length * 2];
            for (int i = 0; i < px.length; i++) {
                raw[2 * i] = (byte) px[i];
                raw[2 * i + 1] = (byte) (px[i] >> 8);
            }
            DicomObject big = ct.toBuilder().setInts(Tags.Rows, Vr.US, 512).setInts(Tags.Columns, Vr.US, 512)
                    .setBytes(Tag.PIXEL_DATA, Vr.OW, raw).build();
            bytes = DicomWriter.standard().toBytes(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        } else {
            bytes = Files.readAllBytes(dir.resolve(file + ".dcm"));
        }
        header = DicomReader.standard().stopBefore(Tag.PIXEL_DATA);
        full = DicomReader.standard();
    }

    /** Header only: every element before Pixel Data, values decoded into a dataset. */
    @Benchmark
    public DicomFile header() {
        return header.read(bytes);
    }

    /** The whole file into memory, Pixel Data included. */
    @Benchmark
    public DicomFile fullRead() {
        return full.read(bytes);
    }
}
