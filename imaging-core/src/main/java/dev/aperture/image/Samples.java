// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

/**
 * A window onto a caller-owned primitive array that holds (or receives) pixel samples,
 * interleaved per pixel unless a descriptor says planar.
 *
 * <p>A {@code Samples} wraps the caller's array without copying: whoever writes through it
 * writes into that array. The wrapper itself is immutable; the array is not, so share a
 * {@code Samples} between threads only as you would share the array.
 *
 * <p>Which type holds which data: Bits Allocated 1 and 8 in {@link ByteSamples} (1-bit data
 * unpacked, one byte per pixel), 16 in {@link ShortSamples}, 32 in {@link IntSamples}, Float
 * Pixel Data in {@link FloatSamples} and Double Float Pixel Data in {@link DoubleSamples}.
 * Signed and unsigned samples share a type; the descriptor says which.
 */
public sealed interface Samples permits ByteSamples, ShortSamples, IntSamples, FloatSamples, DoubleSamples {

    /** Returns the index of the first sample in the array. */
    int offset();

    /** Returns the number of samples in the window. */
    int length();

    /**
     * Returns another window onto the same array (a frame of a multi-frame buffer, say).
     *
     * @param offset index of the first sample in the array
     * @param length number of samples
     * @return the window; it shares the array
     * @throws IndexOutOfBoundsException if the window does not lie inside the array
     */
    Samples window(int offset, int length);

    /**
     * Allocates samples of the type that holds one frame of {@code image}.
     *
     * @param image the image
     * @param frames number of frames to make room for
     * @return a new, zeroed window over a new array
     */
    static Samples allocate(ImageDescriptor image, int frames) {
        long n = (long) image.samplesPerFrame() * frames;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than 2^31 samples");
        }
        int len = (int) n;
        return switch (image.bitsAllocated()) {
            case 1, 8 -> new ByteSamples(new byte[len], 0, len);
            case 16 -> new ShortSamples(new short[len], 0, len);
            case 32 -> new IntSamples(new int[len], 0, len);
            case 64 -> new DoubleSamples(new double[len], 0, len);
            default -> throw new IllegalArgumentException("bitsAllocated " + image.bitsAllocated());
        };
    }
}
