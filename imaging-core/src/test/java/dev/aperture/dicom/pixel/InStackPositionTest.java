// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.Vr;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.volume.SliceInfo;
import dev.aperture.volume.SliceStack;
import dev.aperture.volume.VolumeAssemblyException;
import dev.aperture.volume.VolumeAssemblyException.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-Stack Position Number (0020,9057) of enhanced objects against the sorted slice positions:
 * an enhanced CT written by {@link DerivedSeries#writeEnhanced} (numbers 1..N along the normal)
 * with its numbers edited, and a two-stack object, read through {@link SeriesVolumes}. Problems
 * come as a {@link VolumeAssemblyException} with {@link Problem#IN_STACK_POSITIONS} naming the
 * object's frame, as the other geometry problems do.
 */
class InStackPositionTest {

    /** The 5-slice CT of the volume tests as an enhanced object: frames 0..4 ascend along the normal. */
    private static DicomObject enhancedCt(Path tmp) throws IOException {
        SeriesVolume s = SeriesVolumes.read(List.of(SeriesVolumesTest.ct5n()));
        Path f = DerivedSeries.writeEnhanced(s, s.volume(), tmp.resolve("enh.dcm"), "in-stack test");
        return DicomReader.standard().read(f).dataset();
    }

    /** The object with frame f's In-Stack Position Number set to numbers[f] (removed where negative). */
    private static DicomObject withNumbers(DicomObject ds, long... numbers) {
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        assertEquals(numbers.length, perFrame.size());
        List<DicomObject> edited = new ArrayList<>();
        for (int f = 0; f < numbers.length; f++) {
            DicomObject item = perFrame.get(f);
            DicomObject.Builder fc = item.items(Tags.FrameContentSequence).get(0).toBuilder();
            if (numbers[f] < 0) {
                fc.remove(Tags.InStackPositionNumber);
            } else {
                fc.setInts(Tags.InStackPositionNumber, Vr.UL, numbers[f]);
            }
            edited.add(item.toBuilder().setItems(Tags.FrameContentSequence, List.of(fc.build())).build());
        }
        return ds.toBuilder().setItems(Tags.PerFrameFunctionalGroupsSequence, edited).build();
    }

    private static SeriesVolume read(Path tmp, String name, DicomObject ds) throws IOException {
        return SeriesVolumes.read(List.of(EnhancedStacksTest.write(tmp, name, ds)));
    }

    private static void assertProblem(Path tmp, String name, DicomObject ds, int frame, String reason) {
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> read(tmp, name, ds), name);
        assertEquals(Problem.IN_STACK_POSITIONS, e.problem(), name);
        assertEquals(frame, e.frame(), name + ": " + e.getMessage());
        assertTrue(e.reason().contains(reason), name + ": " + e.reason());
        assertTrue(e.getMessage().contains("In-Stack Position Number"), e.getMessage());
    }

    @Test
    void numbersThatFollowThePositionsInEitherDirectionAreAccepted(@TempDir Path tmp) throws IOException {
        DicomObject ds = enhancedCt(tmp);
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < 5; f++) {
            assertEquals(f + 1, perFrame.get(f).items(Tags.FrameContentSequence).get(0)
                    .integer(Tags.InStackPositionNumber).orElseThrow(), "as written");
        }
        assertEquals(5, read(tmp, "as-written.dcm", ds).volume().geometry().slices());
        assertEquals(5, read(tmp, "descending.dcm", withNumbers(ds, 5, 4, 3, 2, 1)).volume().geometry().slices());
        assertEquals(5, read(tmp, "none.dcm", withNumbers(ds, -1, -1, -1, -1, -1)).volume().geometry().slices());
    }

    @Test
    void inconsistentNumbersAreReportedWithTheFrame(@TempDir Path tmp) throws IOException {
        DicomObject ds = enhancedCt(tmp);
        assertProblem(tmp, "duplicate.dcm", withNumbers(ds, 1, 2, 2, 4, 5), 2, "same In-Stack Position Number");
        assertProblem(tmp, "above-n.dcm", withNumbers(ds, 1, 2, 3, 4, 6), 4, "outside 1..N");
        assertProblem(tmp, "zero.dcm", withNumbers(ds, 0, 1, 2, 3, 4), 0, "outside 1..N");
        assertProblem(tmp, "swapped.dcm", withNumbers(ds, 1, 3, 2, 4, 5), 1, "do not follow the slice positions");
        assertProblem(tmp, "zigzag.dcm", withNumbers(ds, 5, 4, 2, 3, 1), 2, "do not follow the slice positions");
        assertProblem(tmp, "not-at-ends.dcm", withNumbers(ds, 2, 1, 3, 4, 5), 0, "not at the ends");
        assertProblem(tmp, "missing-one.dcm", withNumbers(ds, 1, 2, 3, -1, 5), 3, "missing on some frames");
    }

    @Test
    void theFrameNamedIsTheObjectsFrameInAMultiStackObject(@TempDir Path tmp) throws IOException {
        // Stack "1": axial, object frames 0, 2, 4, 6; stack "2": sagittal, frames 1, 3, 5 (see EnhancedStacksTest)
        List<EnhancedStacksTest.F> fs = new ArrayList<>(EnhancedStacksTest.axialAndSagittal("1", "2"));
        EnhancedStacksTest.F f3 = fs.get(3);
        fs.set(3, new EnhancedStacksTest.F(f3.stackId(), 3, f3.temporal(), f3.ipp(), f3.iop(), f3.base()));
        DicomObject ds = EnhancedStacksTest.enhanced(fs, true);
        Path file = EnhancedStacksTest.write(tmp, "two.dcm", ds);
        // stack "1" is untouched and builds
        assertEquals(4, SeriesVolumes.read(List.of(file), SeriesVolumes.Options.defaults().withStack("1"))
                .volume().geometry().slices());
        // stack "2" holds 1, 3, 3: the frame met second along its normal (object frame 3) is named
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class,
                () -> SeriesVolumes.read(List.of(file), SeriesVolumes.Options.defaults().withStack("2")));
        assertEquals(Problem.IN_STACK_POSITIONS, e.problem());
        assertEquals(3, e.frame(), e.getMessage());
    }

    @Test
    void sliceStackChecksTheNumbersItIsGiven() {
        // three axial slices given out of order: z = 4, 0, 2
        List<SliceInfo> slices = new ArrayList<>();
        for (double z : new double[] {4, 0, 2}) {
            slices.add(new SliceInfo(new double[] {0, 0, z}, new double[] {1, 0, 0, 0, 1, 0}, new double[] {1, 1},
                    4, 4, 2));
        }
        SliceStack st = SliceStack.of(slices);
        st.checkInStackPositions(new long[] {3, 1, 2});
        st.checkInStackPositions(new long[] {1, 3, 2});
        st.checkInStackPositions(new long[] {-1, -1, -1});
        assertThrows(IllegalArgumentException.class, () -> st.checkInStackPositions(new long[] {1, 2}));
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class,
                () -> st.checkInStackPositions(new long[] {2, 1, 3}));
        assertEquals(Problem.IN_STACK_POSITIONS, e.problem());
        assertEquals(2, e.frame()); // slice at z = 2 has 3, between 1 (z = 0) and 2 (z = 4)
        assertEquals(1, assertThrows(VolumeAssemblyException.class,
                () -> st.checkInStackPositions(new long[] {3, 4294967295L, 2})).frame());
    }
}
