// SPDX-License-Identifier: Apache-2.0
/**
 * Aperture imaging-core: DICOM Part 10 reading and writing, the data model, pixel decoding and
 * the codec SPI.
 */
module dev.aperture.imaging {
    requires org.slf4j;

    exports dev.aperture.imaging;
    exports dev.aperture.image;
    exports dev.aperture.codec;
    exports dev.aperture.dicom;

    uses dev.aperture.codec.CodecProvider;

    provides dev.aperture.codec.CodecProvider with dev.aperture.codec.jpegls.JpegLsCodecProvider;
}
