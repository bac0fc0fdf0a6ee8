// SPDX-License-Identifier: Apache-2.0
/**
 * Aperture imaging-core: DICOM Part 10 reading and writing, the data model, pixel decoding and
 * the codec SPI.
 */
module dev.aperture.imaging {
    requires org.slf4j;
    requires java.desktop;
    requires transitive org.joml;

    exports dev.aperture.imaging;
    exports dev.aperture.image;
    exports dev.aperture.codec;
    exports dev.aperture.dicom;
    exports dev.aperture.dicom.io;
    exports dev.aperture.dicom.json;
    exports dev.aperture.dicom.pixel;
    exports dev.aperture.transfer;
    exports dev.aperture.pixel;
    exports dev.aperture.render;
    exports dev.aperture.volume;

    uses dev.aperture.codec.CodecProvider;
    provides dev.aperture.codec.CodecProvider with
            dev.aperture.codec.rle.RleCodecProvider,
            dev.aperture.codec.deflate.DeflatedFrameCodecProvider,
            dev.aperture.codec.nativ.NativeCodecProvider,
            dev.aperture.codec.jpeg.JpegCodecProvider,
            dev.aperture.codec.jpegls.JpegLsCodecProvider;
}
