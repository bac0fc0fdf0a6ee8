// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.transfer.TransferSyntax;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Checks what the pixel bytes hold against what the Image Pixel Module declares, and follows
 * the bytes: the length of native Pixel Data against Bits Allocated and Samples per Pixel, and
 * the frame header of a JPEG or JPEG-LS codestream (peeked here, without decoding) against Bits
 * Stored, Bits Allocated and Samples per Pixel.
 *
 * <p>Where following the bytes needs no guess (a JPEG precision other than Bits Stored that
 * still fits Bits Allocated) the bytes are followed in every mode and a repair is listed, as the
 * reader does for odd lengths. Where it needs one (which of header and data is wrong, which
 * photometric interpretation three components have) strict mode throws a
 * {@link MalformedDataException} naming the disagreement, and lenient mode follows the bytes and
 * lists the repair.
 *
 * <p>Stateless; thread-safe.
 */
final class PixelShape {
    private PixelShape() {
    }

    /**
     * Checks a native Pixel Data length. When it is not what the declared image needs, but is
     * exactly what the same rows, columns and frames need at the other Bits Allocated (8 or 16)
     * or the other Samples per Pixel (1 or 3), the bytes hold that image.
     *
     * @return the image the bytes hold ({@code image} itself when they agree)
     */
    static ImageDescriptor nativeLength(ImageDescriptor image, long length, int tag, boolean lenient,
                                        List<Repair> repairs) {
        int ba = image.bitsAllocated();
        int spp = image.samplesPerPixel();
        if ((ba != 8 && ba != 16) || (spp != 1 && spp != 3) || subsampled(image)) {
            return image;
        }
        if (fits(image, ba, spp, length)) {
            return image;
        }
        for (int ba2 : new int[] {8, 16}) {
            for (int spp2 : new int[] {1, 3}) {
                if ((ba2 != ba || spp2 != spp) && fits(image, ba2, spp2, length)) {
                    String what = "Pixel Data length fits Bits Allocated " + ba2 + " and Samples per Pixel " + spp2
                            + ", not the declared " + ba + " and " + spp;
                    if (!lenient) {
                        throw new MalformedDataException(what, -1, tag);
                    }
                    int bs = image.bitsStored();
                    int bs2 = ba2 == ba ? bs : (bs > ba2 || bs == ba) ? ba2 : bs;
                    Photometric p = photometricFor(image.photometric(), spp2, false);
                    repairs.add(new Repair(what + "; decoded as the bytes hold" + changed(image, p), -1, tag));
                    return new ImageDescriptor(image.rows(), image.columns(), spp2, ba2, bs2, image.signed(), p,
                            spp2 == 1 ? 0 : image.planarConfiguration(), image.frames());
                }
            }
        }
        return image;
    }

    /** True when {@code length} is exactly the declared frames at that depth and sample count (or one pad byte more). */
    private static boolean fits(ImageDescriptor image, int ba, int spp, long length) {
        long need = (long) image.rows() * image.columns() * spp * (ba / 8) * image.frames();
        return length == need || (length == need + 1 && (need & 1) != 0);
    }

    private static boolean subsampled(ImageDescriptor image) {
        Photometric p = image.photometric();
        return p == Photometric.YBR_FULL_422 || p == Photometric.YBR_PARTIAL_422 || p == Photometric.YBR_PARTIAL_420;
    }

    private static String changed(ImageDescriptor image, Photometric p) {
        return p == image.photometric() ? "" : " (Photometric Interpretation " + p.code() + ")";
    }

    /**
     * The photometric interpretation for {@code spp} samples: the declared one when its sample
     * count agrees; otherwise MONOCHROME2 for one sample, and for three, RGB, or YBR_FULL for a
     * DCT JPEG whose components are not marked as RGB (what libjpeg assumes of three components).
     */
    private static Photometric photometricFor(Photometric declared, int spp, boolean ycc) {
        if (declared.samplesPerPixel() == spp) {
            return declared;
        }
        if (spp == 1) {
            return Photometric.MONOCHROME2;
        }
        return ycc ? Photometric.YBR_FULL : Photometric.RGB;
    }

    /** The frame header of a JPEG (SOF0..SOF15 but DHT/JPG/DAC) or JPEG-LS (SOF55) codestream. */
    record Sof(int marker, int precision, int components, boolean rgbIds, int adobeTransform) {
    }

    /** True for the transfer syntaxes whose frames start with a JPEG or JPEG-LS header. */
    static boolean jpegFamily(TransferSyntax ts) {
        String u = ts.uid();
        return u.equals(TransferSyntax.JPEG_BASELINE.uid()) || u.equals(TransferSyntax.JPEG_EXTENDED.uid())
                || u.equals(TransferSyntax.JPEG_LOSSLESS.uid()) || u.equals(TransferSyntax.JPEG_LOSSLESS_SV1.uid())
                || u.equals(TransferSyntax.JPEG_LS_LOSSLESS.uid()) || u.equals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid());
    }

    /**
     * Reads the markers of a codestream up to its frame header, without decoding anything.
     *
     * @param b the start of the codestream (not modified)
     * @return the frame header, or null when there is none in these bytes (the decoder then
     *         reports what is wrong)
     */
    static Sof peek(ByteBuffer b) {
        int p = b.position();
        int end = b.limit();
        if (end - p < 4 || (b.get(p) & 0xFF) != 0xFF || (b.get(p + 1) & 0xFF) != 0xD8) {
            return null;
        }
        p += 2;
        int adobe = -1;
        while (p + 4 <= end) {
            if ((b.get(p) & 0xFF) != 0xFF) {
                return null;
            }
            int m = b.get(p + 1) & 0xFF;
            if (m == 0xFF) {
                p++;                                     // fill byte
                continue;
            }
            int len = (b.get(p + 2) & 0xFF) << 8 | (b.get(p + 3) & 0xFF);
            if (len < 2 || p + 2 + len > end) {
                return null;
            }
            boolean sof = (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) || m == 0xF7;
            if (sof) {
                if (len < 8) {
                    return null;
                }
                int precision = b.get(p + 4) & 0xFF;
                int nf = b.get(p + 9) & 0xFF;
                boolean rgb = nf == 3 && len >= 8 + 3 * 3 && (b.get(p + 10) & 0xFF) == 'R'
                        && (b.get(p + 13) & 0xFF) == 'G' && (b.get(p + 16) & 0xFF) == 'B';
                return new Sof(m, precision, nf, rgb, adobe);
            }
            if (m == 0xEE && len >= 14 && b.get(p + 4) == 'A' && b.get(p + 5) == 'd' && b.get(p + 6) == 'o'
                    && b.get(p + 7) == 'b' && b.get(p + 8) == 'e') {
                adobe = b.get(p + 15) & 0xFF;           // APP14 "Adobe": transform flag is the last byte
            }
            if (m == 0xDA) {
                return null;                             // scan before any frame header
            }
            p += 2 + len;
        }
        return null;
    }

    /**
     * Checks a JPEG or JPEG-LS frame header against the image.
     *
     * @param sof the peeked header (null: nothing to check)
     * @return the image the codestream holds ({@code image} itself when they agree)
     */
    static ImageDescriptor codestream(ImageDescriptor image, Sof sof, int tag, boolean lenient, List<Repair> repairs) {
        if (sof == null || sof.precision() < 2 || sof.precision() > 16 || sof.components() < 1
                || sof.components() > 4) {
            return image;
        }
        int p = sof.precision();
        int nf = sof.components();
        int ba = image.bitsAllocated();
        int spp = image.samplesPerPixel();
        if (nf == spp && p == image.bitsStored()) {
            return image;
        }
        String what = "JPEG frame header gives precision " + p + " and " + nf + " component(s); the dataset "
                + "declares Bits Stored " + image.bitsStored() + ", Bits Allocated " + ba + " and Samples per Pixel " + spp;
        boolean guess = nf != spp || p > ba || (ba != 8 && ba != 16);
        if (guess && !lenient) {
            throw new MalformedDataException(what, -1, tag);
        }
        int ba2 = p > ba ? (p <= 8 ? 8 : 16) : ba;
        boolean dct = sof.marker() != 0xC3 && sof.marker() != 0xF7;
        boolean ycc = dct && !sof.rgbIds() && sof.adobeTransform() != 0;
        Photometric ph = photometricFor(image.photometric(), nf, ycc);
        repairs.add(new Repair(what + "; decoded as the codestream holds" + changed(image, ph), -1, tag));
        return new ImageDescriptor(image.rows(), image.columns(), nf, ba2, p, image.signed(), ph,
                nf == 1 ? 0 : image.planarConfiguration(), image.frames());
    }
}
