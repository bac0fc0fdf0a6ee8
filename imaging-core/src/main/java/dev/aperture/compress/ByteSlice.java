// SPDX-License-Identifier: Apache-2.0
package dev.aperture.compress;

import java.nio.ByteBuffer;

/**
 * The bytes between a buffer's position and limit as an array window, so kernels can index a
 * {@code byte[]}. Heap buffers are used in place; direct and read-only buffers are copied once.
 *
 * <p>Immutable as a value; the array is shared with the buffer when there is one, so the caller
 * must not modify it.
 *
 * @param array  the bytes
 * @param offset index of the first byte
 * @param length number of bytes
 */
public record ByteSlice(byte[] array, int offset, int length) {

    /**
     * Views the remaining bytes of {@code buf} without changing its position or limit.
     *
     * @param buf the buffer
     * @return the window
     */
    public static ByteSlice of(ByteBuffer buf) {
        int len = buf.remaining();
        if (buf.hasArray()) {
            return new ByteSlice(buf.array(), buf.arrayOffset() + buf.position(), len);
        }
        byte[] copy = new byte[len];
        buf.duplicate().get(copy);
        return new ByteSlice(copy, 0, len);
    }

    /** Reads an unsigned 32-bit little-endian value at {@code offset + at}. */
    public long uint32le(int at) {
        int p = offset + at;
        return (array[p] & 0xFFL) | (array[p + 1] & 0xFFL) << 8 | (array[p + 2] & 0xFFL) << 16
                | (array[p + 3] & 0xFFL) << 24;
    }
}
