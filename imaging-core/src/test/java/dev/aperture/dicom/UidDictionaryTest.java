// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UidDictionaryTest {
    private final UidDictionary uids = UidDictionary.standard();

    @Test
    void wellKnownUids() {
        assertSame(uids, UidDictionary.standard());
        UidDictionary.UidEntry e = uids.entry("1.2.840.10008.1.2.1").orElseThrow();
        assertEquals("Explicit VR Little Endian", e.name());
        assertEquals("ExplicitVRLittleEndian", e.keyword());
        assertEquals("Transfer Syntax", e.type());
        assertFalse(e.retired());
        assertTrue(uids.entry("1.2.840.10008.1.2.2").orElseThrow().retired());
        assertEquals("CT Image Storage", uids.name("1.2.840.10008.5.1.4.1.1.2"));
        assertEquals("SOP Class", uids.entry("1.2.840.10008.5.1.4.1.1.2").orElseThrow().type());
        assertEquals("JPEG-LS Lossless Image Compression", uids.name("1.2.840.10008.1.2.4.80"));
        assertEquals("", uids.name("1.2.3.4"));
        assertTrue(uids.entry("1.2.840.10008.1.2.1 ").isEmpty());
        assertTrue(uids.entry("").isEmpty());
        assertEquals("1.2.840.10008.1.2.4.50", uids.byKeyword("JPEGBaseline8Bit").orElseThrow().uid());
        assertTrue(uids.byKeyword("").isEmpty());
        assertTrue(uids.byKeyword("NoSuchThing").isEmpty());
    }

    /** Every UID of pydicom 2.3.1's registry (PS3.6 2022a), with name, type, keyword, retirement. */
    @Test
    void agreesWithPydicom() {
        Oracles.requirePydicom();
        String out = Oracles.python(String.join("\n",
                "from pydicom._uid_dict import UID_dictionary as U",
                "for k, (name, typ, info, ret, kw) in U.items():",
                "    print('\\t'.join((k, name, typ, ret, kw)))"), null);
        Map<String, String[]> py = new HashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split("\t", -1);
                py.put(f[0], f);
            }
        }
        assertTrue(py.size() > 400);
        assertEquals(py.size(), uids.all().size());
        for (String[] f : py.values()) {
            UidDictionary.UidEntry e = uids.entry(f[0]).orElseThrow(() -> new AssertionError(f[0]));
            assertEquals(f[1], e.name(), f[0]);
            assertEquals(f[2], e.type(), f[0]);
            assertEquals(f[3].equals("Retired"), e.retired(), f[0]);
            assertEquals(f[4], e.keyword(), f[0]);
            if (!f[4].isEmpty()) {
                assertEquals(f[0], uids.byKeyword(f[4]).orElseThrow().uid(), f[4]);
            }
        }
        for (Optional<UidDictionary.UidEntry> e : uids.all()) {
            assertTrue(py.containsKey(e.orElseThrow().uid()));
        }
        assertTrue(out.getBytes(StandardCharsets.UTF_8).length > 0);
    }
}
