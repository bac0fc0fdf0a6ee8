// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.Photometric;
import dev.aperture.imaging.Repair;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of decoding one frame.
 *
 * <p>Immutable and thread-safe.
 *
 * @param photometric photometric interpretation of the samples written (for example {@code RGB}
 *                    when a YBR JPEG was converted on decoding)
 * @param bitsStored  significant bits per sample in what was written (may differ from the
 *                    descriptor when the codestream disagrees with the dataset)
 * @param signed      whether the samples written are signed
 * @param repairs     repairs made to accept non-conforming input, in the order they were made
 */
public record DecodedFrame(Photometric photometric, int bitsStored, boolean signed, List<Repair> repairs) {
    /** Copies the repairs. */
    public DecodedFrame {
        Objects.requireNonNull(photometric, "photometric");
        repairs = List.copyOf(repairs);
    }

    /** A frame decoded exactly as described, with no repairs. */
    public static DecodedFrame asDescribed(dev.aperture.image.ImageDescriptor image) {
        return new DecodedFrame(image.photometric(), image.bitsStored(), image.signed(), List.of());
    }
}
