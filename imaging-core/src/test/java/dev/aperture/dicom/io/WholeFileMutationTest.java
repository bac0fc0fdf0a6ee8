// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.dicom.pixel.Display;
import dev.aperture.dicom.pixel.PixelFrames;
import dev.aperture.image.Samples;
import dev.aperture.imaging.ApertureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whole files mutated, then read, every frame decoded and the first rendered, as a vendor's
 * viewer would: only the library's exceptions may come out, within a time bound. Two kinds of
 * damage: random bytes anywhere (header, codestreams, truncation), and edge values written into
 * the image attributes themselves (Rows, Columns, Bits Allocated/Stored, High Bit, Pixel
 * Representation, Samples per Pixel, Planar Configuration; digits and letters into Number of
 * Frames, window, rescale, Photometric Interpretation, geometry and the Transfer Syntax UID),
 * which is how the decoder and display checks of session 4 were found. A fixed seed keeps
 * failures reproducible; a longer run of the same mutations found nothing further.
 */
class WholeFileMutationTest {

    private static final int[] US_TAGS = {0x00280010, 0x00280011, 0x00280100, 0x00280101, 0x00280102, 0x00280103,
        0x00280002, 0x00280006};
    private static final int[] TEXT_TAGS = {0x00280008, 0x00281050, 0x00281051, 0x00281052, 0x00281053, 0x00280004,
        0x00200032, 0x00200037, 0x00280030, 0x00180050, 0x00020010};
    private static final int[] EDGE = {0, 1, 2, 3, 4, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 64, 255, 256, 0x7FFF,
        0x8000, 0xFFFF};
    private static final String TEXT = "0123456789.-+\\eE ";
    /** Frames larger than this are not decoded (a mutated Rows x Columns may ask for gigabytes). */
    private static final long MAX_SAMPLES = 20_000_000;

    @Test
    void mutatedFilesGiveOnlyTheLibrarysException() throws Exception {
        List<byte[]> files = new ArrayList<>();
        for (Path p : TestData.allDicomFiles()) {
            long size = Files.size(p);
            if (size < 2_000_000) {
                files.add(Files.readAllBytes(p));
            }
        }
        assertFalse(files.isEmpty());
        Random rnd = new Random(0x5E55104L);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 4000; i++) {
                int which = rnd.nextInt(files.size());
                byte[] mutated = mutate(files.get(which), rnd);
                try {
                    readDecodeRender(mutated);
                } catch (ApertureException expected) {
                    assertFalse(expected.getMessage().isEmpty(), "empty message");
                } catch (RuntimeException | Error e) {
                    fail("mutation " + i + " of file " + which + ": " + e, e);
                }
            }
        });
    }

    private static void readDecodeRender(byte[] bytes) {
        DicomFile file = DicomReader.standard().read(bytes);
        PixelFrames frames;
        try {
            frames = PixelFrames.of(file);
        } catch (ApertureException noPixels) {
            return;
        }
        long samples = (long) frames.image().samplesPerFrame() * frames.frameCount();
        if (samples > MAX_SAMPLES) {
            return;
        }
        Samples all = frames.allocateAll();
        frames.decodeAll(all, Runnable::run);
        Display.render(frames, file.dataset(), 0, Optional.empty());
    }

    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] m = original.clone();
        int n = 1 + rnd.nextInt(8);
        switch (rnd.nextInt(7)) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> {
                return Arrays.copyOf(m, rnd.nextInt(m.length));
            }
            case 2 -> {
                int limit = Math.min(m.length, 2048);
                for (int i = 0; i < n; i++) {
                    m[rnd.nextInt(limit)] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
                }
            }
            case 3 -> {
                int from = m.length / 2;
                for (int i = 0; i < 4 * n; i++) {
                    m[from + rnd.nextInt(m.length - from)] = (byte) rnd.nextInt(256);
                }
            }
            default -> attributes(m, rnd);
        }
        return m;
    }

    /** Edge values into the image attributes (their value starts 8 bytes after the tag in both VR forms). */
    private static void attributes(byte[] m, Random rnd) {
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            if (rnd.nextBoolean()) {
                int at = find(m, US_TAGS[rnd.nextInt(US_TAGS.length)]);
                if (at >= 0 && at + 10 <= m.length) {
                    int v = EDGE[rnd.nextInt(EDGE.length)];
                    m[at + 8] = (byte) v;
                    m[at + 9] = (byte) (v >>> 8);
                }
            } else {
                int at = find(m, TEXT_TAGS[rnd.nextInt(TEXT_TAGS.length)]);
                if (at >= 0 && at + 8 < m.length) {
                    int length = (m[at + 6] & 0xFF) | (m[at + 7] & 0xFF) << 8;
                    for (int i = 0; i < length && at + 8 + i < m.length; i++) {
                        if (rnd.nextInt(3) == 0) {
                            m[at + 8 + i] = (byte) (rnd.nextInt(4) == 0 ? 'A' + rnd.nextInt(26)
                                    : TEXT.charAt(rnd.nextInt(TEXT.length())));
                        }
                    }
                }
            }
        }
    }

    /** The first place the tag's little-endian bytes occur (big-endian files keep their meta group little-endian). */
    private static int find(byte[] m, int tag) {
        byte g0 = (byte) (tag >>> 16);
        byte g1 = (byte) (tag >>> 24);
        byte e0 = (byte) tag;
        byte e1 = (byte) (tag >>> 8);
        for (int i = 0; i + 8 < m.length; i++) {
            if (m[i] == g0 && m[i + 1] == g1 && m[i + 2] == e0 && m[i + 3] == e1) {
                return i;
            }
        }
        return -1;
    }
}
