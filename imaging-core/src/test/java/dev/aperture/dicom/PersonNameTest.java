// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void parsesThreeGroups() {
        PersonName pn = PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertEquals(new PersonName.Group("Yamada", "Tarou", "", "", ""), pn.alphabetic());
        assertEquals(new PersonName.Group("山田", "太郎", "", "", ""), pn.ideographic());
        assertEquals(new PersonName.Group("やまだ", "たろう", "", "", ""), pn.phonetic());
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", pn.toDicomString());
        assertEquals("Yamada, Tarou (山田, 太郎; やまだ, たろう)", pn.formatted());
    }

    @Test
    void allComponents() {
        PersonName pn = PersonName.parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
        PersonName.Group g = pn.alphabetic();
        assertEquals("Adams", g.family());
        assertEquals("John Robert Quincy", g.given());
        assertEquals("", g.middle());
        assertEquals("Rev.", g.prefix());
        assertEquals("B.A. M.Div.", g.suffix());
        assertEquals("Rev. Adams, John Robert Quincy, B.A. M.Div.", pn.formatted());
        assertEquals("Adams^John Robert Quincy^^Rev.^B.A. M.Div.", pn.toDicomString());
        assertEquals("Morrison-Jones, Susan, Ph.D., Chief Executive Officer",
                PersonName.parse("Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer").formatted());
        assertEquals("Doe, John A.", PersonName.parse("Doe^John^A.").formatted());
    }

    /** PS3.5 6.2.1: trailing empty components and groups, with their delimiters, are dropped. */
    @Test
    void trimsTrailingEmpties() {
        assertEquals("Wang^XiaoDong=王^小東", PersonName.parse("Wang^XiaoDong=王^小東=").toDicomString());
        assertEquals("Smith", PersonName.parse("Smith^^^^").toDicomString());
        assertEquals("=山田", PersonName.parse("=山田^^=").toDicomString());
        assertEquals("^John", PersonName.parse("^John").toDicomString());
        assertEquals("", PersonName.parse("^^^^=^^^^=^^^^").toDicomString());
        assertTrue(PersonName.parse("^^^^=^^^^=^^^^").isEmpty());
        assertSame(PersonName.EMPTY, PersonName.parse("   "));
        assertEquals("", PersonName.EMPTY.formatted());
        assertEquals("Smith", PersonName.parse("Smith  ").alphabetic().family());
    }

    @Test
    void keepsExtraDelimiters() {
        PersonName pn = PersonName.parse("a^b^c^d^e^f=g=h=i");
        assertEquals("e^f", pn.alphabetic().suffix());
        assertEquals("h=i", pn.phonetic().family());
        assertEquals("a^b^c^d^e^f=g=h=i", pn.toDicomString());
    }
}
