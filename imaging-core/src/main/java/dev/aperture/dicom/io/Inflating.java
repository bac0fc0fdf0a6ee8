// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Raw-deflate input (PS3.5 A.5: the dataset after the File Meta Information is deflated without
 * a zlib header) whose corrupt or truncated data is a {@link MalformedDataException}, not an
 * {@code IOException}: the bytes were fetched, they are just wrong.
 */
final class Inflating extends InflaterInputStream {
    private final long start;

    Inflating(InputStream in, long start) {
        super(in, new Inflater(true), 16 * 1024);
        this.start = start;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw new MalformedDataException("deflated dataset is corrupt or truncated", start,
                    ApertureException.NO_TAG, -1, e);
        }
    }

    @Override
    public void close() throws IOException {
        inf.end();
        super.close();
    }
}
