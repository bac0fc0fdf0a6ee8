// SPDX-License-Identifier: Apache-2.0
/**
 * Aperture imaging-core: DICOM Part 10 reading and writing, the data model, pixel decoding and
 * the codec SPI.
 */
module dev.aperture.imaging {
    requires org.slf4j;
    requires transitive org.joml;

    exports dev.aperture.imaging;
    exports dev.aperture.image;
    exports dev.aperture.codec;
    exports dev.aperture.dicom;
    exports dev.aperture.volume;

    uses dev.aperture.codec.CodecProvider;
}
