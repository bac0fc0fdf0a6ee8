// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.transfer.TransferSyntax;
import dev.aperture.transfer.TransferSyntaxRegistry;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Display#render}: a plain frame renders through the dataset's window; attributes that a
 * damaged or wrong dataset carries give the library's exception naming the attribute, never an
 * {@link IllegalArgumentException} from the pixel layer underneath (cases found by mutating the
 * testdata files' image attributes).
 */
class DisplayTest {

    /** A 2 x 3 MONOCHROME2 8-bit frame with values 0, 50, 100, 150, 200, 250 and a window over them. */
    private static DicomObject.Builder grey() {
        return DicomObject.builder().setInts(0x00280010, Vr.US, 2).setInts(0x00280011, Vr.US, 3)
                .setInts(0x00280002, Vr.US, 1).setInts(0x00280100, Vr.US, 8).setInts(0x00280101, Vr.US, 8)
                .setInts(0x00280103, Vr.US, 0).setString(0x00280004, Vr.CS, "MONOCHROME2")
                .setString(0x00281050, Vr.DS, "125.5").setString(0x00281051, Vr.DS, "251")
                .setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[] {0, 50, 100, (byte) 150, (byte) 200, (byte) 250});
    }

    private static BufferedImage render(DicomObject ds) {
        PixelFrames frames = PixelFrames.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntaxRegistry.standard(), false);
        return Display.render(frames, ds, 0, Optional.empty());
    }

    @Test
    void rendersAGreyFrameThroughItsWindow() {
        BufferedImage img = render(grey().build());
        assertEquals(3, img.getWidth());
        assertEquals(2, img.getHeight());
        // the window spans 0..250 exactly: 0 stays black, 250 becomes white
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
        assertEquals(255, img.getRaster().getSample(2, 1, 0));
    }

    @Test
    void samplesPerPixelTwoIsMalformed() {
        expect(MalformedDataException.class, 0x00280002, b -> b.setInts(0x00280002, Vr.US, 2)
                .setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[12]));
    }

    @Test
    void paletteColourWithThreeSamplesIsMalformed() {
        expect(MalformedDataException.class, 0x00280002, b -> b.setInts(0x00280002, Vr.US, 3)
                .setString(0x00280004, Vr.CS, "PALETTE COLOR").setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[18]));
    }

    @Test
    void paletteDescriptorsThatDifferAreMalformed() {
        byte[] lut = new byte[512];
        expect(MalformedDataException.class, 0x00281101, b -> b.setString(0x00280004, Vr.CS, "PALETTE COLOR")
                .setInts(0x00281101, Vr.US, 256, 0, 16).setInts(0x00281102, Vr.US, 256, 1, 16)
                .setInts(0x00281103, Vr.US, 256, 0, 16).setBytes(0x00281201, Vr.OW, lut)
                .setBytes(0x00281202, Vr.OW, lut).setBytes(0x00281203, Vr.OW, lut));
    }

    @Test
    void colourOfThirtyTwoBitSamplesIsUnsupported() {
        expect(UnsupportedDataException.class, 0x00280002, b -> b.setInts(0x00280002, Vr.US, 3)
                .setInts(0x00280100, Vr.US, 32).setInts(0x00280101, Vr.US, 32).setString(0x00280004, Vr.CS, "RGB")
                .setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[72]));
    }

    @Test
    void sixtyFourBitSamplesAreUnsupported() {
        expect(UnsupportedDataException.class, 0x00280100, b -> b.setInts(0x00280100, Vr.US, 64)
                .setInts(0x00280101, Vr.US, 32).setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[48]));
    }

    @Test
    void aZeroOrNonFiniteRescaleSlopeIsMalformed() {
        expect(MalformedDataException.class, 0x00281053, b -> b.setString(0x00281053, Vr.DS, "0")
                .setString(0x00281052, Vr.DS, "0"));
        expect(MalformedDataException.class, 0x00281053, b -> b.setString(0x00281053, Vr.DS, "1")
                .setString(0x00281052, Vr.DS, "1e999"));
        // without a window the frame's own range is used, still through the checked rescale
        expect(MalformedDataException.class, 0x00281053, b -> b.remove(0x00281050).remove(0x00281051)
                .setString(0x00281053, Vr.DS, "NaN").setString(0x00281052, Vr.DS, "0"));
    }

    @Test
    void aNonFiniteWindowIsMalformed() {
        expect(MalformedDataException.class, 0x00281050, b -> b.setString(0x00281050, Vr.DS, "1e999"));
    }

    private static void expect(Class<? extends ApertureException> type, int tag, UnaryOperator<DicomObject.Builder> damage) {
        DicomObject ds = damage.apply(grey()).build();
        ApertureException e = assertThrows(type, () -> render(ds));
        assertEquals(tag, e.tag(), e.getMessage());
    }
}
