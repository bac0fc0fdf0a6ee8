// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Fragments;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.json.DicomJson;
import dev.aperture.transfer.TransferSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random datasets survive write-then-read in every transfer syntax, and the JSON model. */
class WriteReadProperties {

    private static final Vr[] TEXT = {Vr.AE, Vr.AS, Vr.CS, Vr.DA, Vr.DS, Vr.DT, Vr.IS, Vr.LO, Vr.LT, Vr.PN,
        Vr.SH, Vr.ST, Vr.TM, Vr.UC, Vr.UI, Vr.UR, Vr.UT};
    private static final Vr[] BINARY = {Vr.OB, Vr.OW, Vr.OF, Vr.OD, Vr.OL, Vr.OV, Vr.UN, Vr.US, Vr.SS, Vr.UL,
        Vr.SL, Vr.FL, Vr.FD, Vr.AT, Vr.SV, Vr.UV};

    /**
     * Random datasets built from a seed (cheap to generate; jqwik shrinks the seed): up to 12
     * elements a level, every VR, nested sequences three deep.
     */
    @Provide
    Arbitrary<DicomObject> datasets() {
        return Arbitraries.longs().map(seed -> dataset(new Random(seed), 3));
    }

    private static DicomObject dataset(Random rnd, int depth) {
        DicomObject.Builder b = DicomObject.builder();
        int n = rnd.nextInt(13);
        for (int i = 0; i < n; i++) {
            int tag = Tag.of(0x0008 + rnd.nextInt(0x7FD8), 1 + rnd.nextInt(0xFFFF));
            if (Tag.isGroupLength(tag) || Tag.isPrivate(tag) || tag == Tag.SPECIFIC_CHARACTER_SET) {
                continue;
            }
            int kind = rnd.nextInt(depth > 0 ? 10 : 9);
            if (kind == 9) {
                List<DicomObject> items = new ArrayList<>();
                for (int k = rnd.nextInt(3); k >= 0; k--) {
                    items.add(dataset(rnd, depth - 1));
                }
                b.setItems(tag, items);
            } else if (kind < 4) {
                Vr vr = TEXT[rnd.nextInt(TEXT.length)];
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(30); k > 0; k--) {
                    text.append((char) ('0' + rnd.nextInt('z' - '0' + 1)));
                }
                String t = text.toString().replace('\\', '/');
                if (vr == Vr.UI) {
                    t = t.replaceAll("[^0-9.]", "1");
                } else if (vr == Vr.PN) {
                    t = t.replaceAll("[=^]", "A"); // component and group delimiters get their own test
                }
                b.setString(tag, vr, t);
            } else {
                Vr vr = BINARY[rnd.nextInt(BINARY.length)];
                int unit = Math.max(2, vr.unitSize());
                byte[] v = new byte[rnd.nextInt(40 / unit + 1) * unit];
                rnd.nextBytes(v);
                b.setBytes(tag, vr, v);
            }
        }
        return b.build();
    }

    @Property(tries = 150)
    void writeThenReadIsTheIdentityInEveryTransferSyntax(@ForAll("datasets") DicomObject ds) {
        for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
            DicomObject back = DicomReader.standard().read(DicomWriter.standard().toBytes(ds, ts)).dataset();
            DatasetAssert.assertSameContent(ds, back, ts.explicitVr(), ts.name());
        }
    }

    @Property(tries = 150)
    void jsonWriteThenReadKeepsEveryValue(@ForAll("datasets") DicomObject ds) {
        DicomJson json = DicomJson.standard().withBulkDataThreshold(Integer.MAX_VALUE);
        DicomObject back = json.read(json.write(ds));
        // JSON keeps values, not their byte form: compare the text of each element.
        assertEquals(describe(ds), describe(back));
    }

    @Property(tries = 50)
    void encapsulatedPixelDataSurvives(@ForAll("datasets") DicomObject ds) {
        Fragments f = Fragments.of(new long[] {0, 18}, List.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new byte[] {11, 12, 13}));
        DicomObject withPixels = ds.toBuilder().setFragments(Tag.PIXEL_DATA, Vr.OB, f).build();
        DicomObject back = DicomReader.standard().read(
                DicomWriter.standard().toBytes(withPixels, TransferSyntax.JPEG_LOSSLESS_SV1)).dataset();
        DatasetAssert.assertSameContent(withPixels, back, true, "encapsulated");
    }

    private static String describe(DicomObject ds) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ds.size(); i++) {
            sb.append(Tag.toHex(ds.tagAt(i))).append(' ').append(ds.vrAt(i)).append('=');
            if (ds.kindAt(i) == DicomObject.ValueKind.ITEMS) {
                for (DicomObject item : ds.itemsAt(i)) {
                    sb.append('{').append(describe(item)).append('}');
                }
            } else if (ds.vrAt(i).isString() || ds.vrAt(i) == Vr.AT || ds.vrAt(i).unitSize() > 1 && !isOther(ds.vrAt(i))) {
                boolean pn = ds.vrAt(i) == Vr.PN;
                boolean number = ds.vrAt(i) == Vr.DS || ds.vrAt(i) == Vr.IS;
                // JSON carries IS and DS as numbers: "9E0" comes back as 9, the same value
                sb.append(ds.strings(ds.tagAt(i)).stream()
                        .map(s -> pn ? s.replaceAll("[\\^=]+$", "") : number ? numeric(s) : s).toList());
            } else {
                sb.append(java.util.HexFormat.of().formatHex(ds.bytes(ds.tagAt(i)).orElse(new byte[0])));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String numeric(String s) {
        try {
            return new java.math.BigDecimal(s.startsWith("+") ? s.substring(1) : s).stripTrailingZeros().toString();
        } catch (NumberFormatException | ArithmeticException e) {
            return s;
        }
    }

    private static boolean isOther(Vr vr) {
        return vr == Vr.OW || vr == Vr.OF || vr == Vr.OD || vr == Vr.OL || vr == Vr.OV;
    }
}
