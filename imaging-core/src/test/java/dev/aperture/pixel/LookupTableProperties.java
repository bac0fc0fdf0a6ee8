// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.imaging.MalformedDataException;
import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik: LUT data from hostile bytes gives a table of the declared size or a MalformedDataException, nothing else. */
class LookupTableProperties {

    @Property(tries = 500)
    void segmentedDataNeverEscapesAsAnythingElse(@ForAll @IntRange(min = 0, max = 400) int length,
                                                 @ForAll @IntRange(min = 0, max = 65535) int entries,
                                                 @ForAll boolean sixteen,
                                                 @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random rnd = new Random(seed);
        byte[] data = new byte[length];
        rnd.nextBytes(data);
        // Bias the opcodes towards the valid ones so that deep paths are reached.
        for (int i = 0; i + 1 < length; i += 2 + rnd.nextInt(6)) {
            data[i] = (byte) rnd.nextInt(3);
            data[i + 1] = 0;
        }
        int[] desc = {entries, 0, sixteen ? 16 : 8};
        try {
            LookupTable t = LookupTable.segmented(desc, data, ByteOrder.LITTLE_ENDIAN);
            assertEquals(entries == 0 ? 65536 : entries, t.size());
        } catch (MalformedDataException expected) {
            // fine
        }
        try {
            LookupTable t = LookupTable.of(desc, data, ByteOrder.BIG_ENDIAN);
            assertEquals(entries == 0 ? 65536 : entries, t.size());
        } catch (MalformedDataException expected) {
            // fine
        }
    }
}
