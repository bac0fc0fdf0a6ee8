// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull parser's events, and stopping before Pixel Data without reading it. */
class DicomParserTest {

    @Test
    void eventsWalkTheSameTreeTheReaderBuilds() throws Exception {
        for (String name : List.of("test-SR.dcm", "UN_sequence.dcm", "nested_priv_SQ.dcm", "JPEG2000.dcm")) {
            byte[] bytes = Files.readAllBytes(TestData.pydicom().resolve(name));
            DicomObject tree = DicomReader.standard().read(bytes).dataset();
            List<String> expected = new ArrayList<>();
            describe(tree, expected);
            DicomReader.Opened opened = DicomReader.standard().open(new java.io.ByteArrayInputStream(bytes));
            DicomParser p = opened.parser();
            List<String> events = new ArrayList<>();
            int depth = 0;
            for (DicomParser.Event e = p.next(); e != DicomParser.Event.END; e = p.next()) {
                switch (e) {
                    case ELEMENT -> events.add(depth + " " + Tag.toHex(p.tag()));
                    case SEQUENCE_START, FRAGMENTS_START -> {
                        events.add(depth + " " + Tag.toHex(p.tag()) + " [");
                        depth++;
                    }
                    case SEQUENCE_END, FRAGMENTS_END -> {
                        depth--;
                        events.add(depth + " ]");
                    }
                    case ITEM_START -> events.add(depth + " item");
                    case FRAGMENT -> events.add(depth + " fragment " + p.length());
                    default -> { }
                }
            }
            assertEquals(String.join("\n", expected), String.join("\n", events), name);
            assertEquals(opened.transferSyntax(), DicomReader.standard().read(bytes).transferSyntax());
        }
    }

    private static void describe(DicomObject ds, List<String> out) {
        describe(ds, 0, out);
    }

    private static void describe(DicomObject ds, int depth, List<String> out) {
        for (int i = 0; i < ds.size(); i++) {
            String hex = Tag.toHex(ds.tagAt(i));
            switch (ds.kindAt(i)) {
                case ITEMS -> {
                    out.add(depth + " " + hex + " [");
                    for (DicomObject item : ds.itemsAt(i)) {
                        out.add((depth + 1) + " item");
                        describe(item, depth + 1, out);
                    }
                    out.add(depth + " ]");
                }
                case FRAGMENTS -> {
                    var f = ds.fragmentsAt(i).orElseThrow();
                    out.add(depth + " " + hex + " [");
                    out.add((depth + 1) + " fragment " + 4 * f.basicOffsetTable().length);
                    for (int k = 0; k < f.count(); k++) {
                        out.add((depth + 1) + " fragment " + f.fragmentLength(k));
                    }
                    out.add(depth + " ]");
                }
                default -> out.add(depth + " " + hex);
            }
        }
    }

    @Test
    void stoppingBeforePixelDataDoesNotReadIt() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.pydicom().resolve("CT_small.dcm"));
        long[] consumed = {0};
        InputStream counting = new FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 512));
                consumed[0] += Math.max(0, n);
                return n;
            }
        };
        DicomFile header = DicomReader.standard().stopBefore(Tag.PIXEL_DATA).read(counting);
        assertFalse(header.dataset().contains(Tag.PIXEL_DATA));
        assertTrue(header.dataset().size() > 200);
        assertTrue(consumed[0] < bytes.length - 32_000, "read " + consumed[0] + " of " + bytes.length + " bytes");
    }
}
