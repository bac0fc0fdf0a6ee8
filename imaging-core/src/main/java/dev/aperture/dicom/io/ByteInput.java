// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.imaging.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A forward-only byte source with a window buffer and an absolute position. Over a byte array
 * the window is the array itself (no copy, no refill); over a stream it is refilled as needed.
 *
 * <p>One thread at a time.
 */
final class ByteInput {
    private static final int CHUNK = 16 * 1024;

    private InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;
    /** Absolute position of buf[0]. */
    private long base;
    private boolean eof;

    private ByteInput(InputStream in, byte[] buf, int pos, int lim, long base) {
        this.in = in;
        this.buf = buf;
        this.pos = pos;
        this.lim = lim;
        this.base = base;
        this.eof = in == null;
    }

    static ByteInput of(byte[] bytes, int offset, int length) {
        return new ByteInput(null, bytes, offset, offset + length, -offset);
    }

    static ByteInput of(InputStream in) {
        return new ByteInput(in, new byte[CHUNK], 0, 0, 0);
    }

    /** Absolute position of the next byte. */
    long position() {
        return base + pos;
    }

    /** Switches to reading from {@code in} from here on (after inflating, say); position continues. */
    void switchTo(InputStream stream) {
        long p = position();
        this.in = stream;
        this.buf = new byte[CHUNK];
        this.pos = 0;
        this.lim = 0;
        this.base = p;
        this.eof = false;
    }

    /** Returns the bytes not yet consumed as a stream (for inflating the rest). */
    InputStream remainder() {
        final byte[] b = buf;
        final int start = pos;
        final int end = lim;
        final InputStream rest = in;
        pos = lim;
        return new InputStream() {
            int p = start;

            @Override
            public int read() throws IOException {
                if (p < end) {
                    return b[p++] & 0xFF;
                }
                return rest == null ? -1 : rest.read();
            }

            @Override
            public int read(byte[] dst, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (p < end) {
                    int n = Math.min(len, end - p);
                    System.arraycopy(b, p, dst, off, n);
                    p += n;
                    return n;
                }
                return rest == null ? -1 : rest.read(dst, off, len);
            }
        };
    }

    /**
     * Makes at least {@code n} bytes available in the window unless the input ends first.
     *
     * @return true if {@code n} bytes are available
     */
    boolean request(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        return fill(n);
    }

    private boolean fill(int n) throws IOException {
        int avail = lim - pos;
        if (buf.length < n) {
            buf = Arrays.copyOfRange(buf, pos, pos + Math.max(n, buf.length * 2));
        } else if (avail > 0 && pos > 0) {
            System.arraycopy(buf, pos, buf, 0, avail);
        }
        base += pos;
        pos = 0;
        lim = avail;
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** Returns the bytes in the window now, without reading more. */
    int available() {
        return lim - pos;
    }

    /** Returns true when no byte remains. */
    boolean atEnd() throws IOException {
        return !request(1);
    }

    byte[] window() {
        return buf;
    }

    int windowPos() {
        return pos;
    }

    void advance(int n) {
        pos += n;
    }

    /** Reads exactly {@code n} bytes (already checked against limits) into a new array. */
    byte[] readBytes(int n, int tag) throws IOException {
        if (lim - pos >= n) {
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }
        byte[] out = new byte[n];
        readFully(out, 0, n, tag);
        return out;
    }

    /** Reads as many bytes as remain, up to {@code n}; returns how many were read. */
    int readUpTo(byte[] dst, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos == lim) {
                if (eof || in == null) {
                    break;
                }
                base += pos;
                pos = 0;
                lim = 0;
                int r = in.read(buf, 0, buf.length);
                if (r < 0) {
                    eof = true;
                    break;
                }
                lim = r;
            }
            int k = Math.min(n - done, lim - pos);
            System.arraycopy(buf, pos, dst, off + done, k);
            pos += k;
            done += k;
        }
        return done;
    }

    void readFully(byte[] dst, int off, int n, int tag) throws IOException {
        long start = position();
        if (readUpTo(dst, off, n) < n) {
            throw new MalformedDataException("value extends past the end of the input", start, tag);
        }
    }

    /** Skips {@code n} bytes; returns how many were actually skipped (fewer at end of input). */
    long skip(long n) throws IOException {
        long done = Math.min(n, lim - pos);
        pos += (int) done;
        if (done == n || in == null || eof) {
            return done;
        }
        base += pos;
        pos = 0;
        lim = 0;
        long remaining = n - done;
        while (remaining > 0) {
            long s = in.skip(remaining);
            if (s <= 0) {
                int r = in.read();
                if (r < 0) {
                    eof = true;
                    break;
                }
                s = 1;
            }
            remaining -= s;
            base += s;
        }
        return n - remaining;
    }
}
