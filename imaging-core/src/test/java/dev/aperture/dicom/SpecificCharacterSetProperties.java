// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(s)) == s for text the repertoire can represent; decoding never throws. */
class SpecificCharacterSetProperties {

    /** A character set and characters it can represent (besides ASCII). */
    record Case(String[] terms, String alphabet) {
    }

    private static final List<Case> CASES = List.of(
            new Case(new String[] {"", "ISO 2022 IR 87", "ISO 2022 IR 159"}, "山田太郎やまだたろう森鷗外日本語カタカナ"),
            new Case(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"}, "ﾔﾏﾀﾞﾛｳ山田太郎やまだ"),
            new Case(new String[] {"", "ISO 2022 IR 149"}, "洪吉洞홍길동김희중"),
            new Case(new String[] {"", "ISO 2022 IR 58"}, "张小东王中文"),
            new Case(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126", "ISO 2022 IR 149",
                "ISO 2022 IR 87"}, "JérômeЛюкceмбypгΔιονυσιος홍길동山田やまだ"),
            new Case(new String[] {"ISO 2022 IR 166", "ISO 2022 IR 138", "ISO 2022 IR 127"}, "นามสกุลשרוןقباني"),
            new Case(new String[] {"ISO 2022 IR 101", "ISO 2022 IR 109", "ISO 2022 IR 110", "ISO 2022 IR 148",
                "ISO 2022 IR 203"}, "Wałęsaantaŭnomovārdsşğ€Œ"),
            new Case(new String[] {"GB18030"}, "王小东中文𠀀€😀"),
            new Case(new String[] {"GBK"}, "中文张東"),
            new Case(new String[] {"ISO_IR 192"}, "Äneas中文홍😀"),
            new Case(new String[] {"ISO_IR 13"}, "ﾔﾏﾀﾞﾛｳ"),
            new Case(new String[] {"ISO_IR 166"}, "นามสกุล"),
            new Case(new String[] {"ISO_IR 203"}, "Œuvre€"),
            new Case(new String[] {"ISO_IR 100"}, "Jérôme¿ÿ"));

    @Provide
    Arbitrary<Object[]> texts() {
        return Combinators.combine(Arbitraries.of(CASES), Arbitraries.integers().between(0, 20),
                Arbitraries.longs(), Arbitraries.of(true, false)).as((c, n, seed, pn) -> {
                    java.util.Random rnd = new java.util.Random(seed);
                    int[] cps = c.alphabet().codePoints().toArray();
                    String ascii = pn ? "AZaz09 ^=\\\r\n\t" : "AZaz09 .\\\r\n\t";
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        if (rnd.nextInt(3) == 0) {
                            sb.append(ascii.charAt(rnd.nextInt(ascii.length())));
                        } else {
                            sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
                        }
                    }
                    return new Object[] {c, sb.toString(), pn};
                });
    }

    @Property(tries = 1000)
    void roundTrip(@ForAll("texts") Object[] t) {
        Case c = (Case) t[0];
        String s = (String) t[1];
        boolean pn = (Boolean) t[2];
        SpecificCharacterSet cs = SpecificCharacterSet.of(c.terms());
        byte[] b = cs.encode(s, pn);
        assertEquals(s, cs.decode(b, 0, b.length, pn), () -> String.join("\\", c.terms()));
        if (cs.isAsciiCompatible()) {
            // delimiters can be found at the byte level
            long bytesBackslashes = 0;
            for (byte x : b) {
                bytesBackslashes += x == '\\' ? 1 : 0;
            }
            assertEquals(s.chars().filter(ch -> ch == '\\').count(), bytesBackslashes);
        }
    }

    /** Each backslash-separated value decodes on its own to the same text, as a reader splits them. */
    @Property(tries = 300)
    void valuesDecodeIndependently(@ForAll("texts") Object[] t) {
        Case c = (Case) t[0];
        SpecificCharacterSet cs = SpecificCharacterSet.of(c.terms());
        if (!cs.isAsciiCompatible()) {
            return;
        }
        String s = (String) t[1];
        boolean pn = (Boolean) t[2];
        byte[] b = cs.encode(s, pn);
        String[] expected = s.split("\\\\", -1);
        int start = 0;
        int k = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\\') {
                assertEquals(expected[k++], cs.decode(b, start, i - start, pn));
                start = i + 1;
            }
        }
        assertEquals(expected.length, k);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectDuplicates(0.3);
    }

    @Property(tries = 1000)
    void decodingArbitraryBytesNeverThrows(@ForAll("bytes") byte[] b, @ForAll boolean pn) {
        for (Case c : CASES) {
            String s = SpecificCharacterSet.of(c.terms()).decode(b, 0, b.length, pn);
            assertTrue(s.length() <= b.length);
        }
    }
}
