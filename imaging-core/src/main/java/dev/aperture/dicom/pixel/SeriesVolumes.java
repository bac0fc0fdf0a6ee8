// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.pixel;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.io.DicomReader;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import dev.aperture.volume.SliceInfo;
import dev.aperture.volume.SliceStack;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeAssemblyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a {@link SeriesVolume} from DICOM: the single-frame images of one series, or one enhanced
 * multi-frame object with Per-frame and Shared Functional Groups (PS3.3 C.7.6.16): Plane Position
 * (Patient) (0020,9113), Plane Orientation (Patient) (0020,9116), Pixel Measures (0028,9110) and
 * Pixel Value Transformation (0028,9145), each looked up in the frame's item first, then in the
 * shared item.
 *
 * <p>Values stay in stored units (16-bit, signed or unsigned as Pixel Representation says;
 * 8-bit data is widened; values are masked to Bits Stored and sign-extended), with the one
 * Rescale Slope and Intercept of the series. What breaks a volume is an
 * {@link dev.aperture.imaging.ApertureException} whose {@link dev.aperture.imaging.ApertureException#frame()}
 * is the index of the first offending input (the file's position in the list, or the frame):
 * {@link dev.aperture.volume.VolumeAssemblyException} for the geometry (mixed sizes or
 * orientations, duplicate or missing slices, non-uniform spacing, gantry tilt, see
 * {@link SliceStack}; in an enhanced object also In-Stack Position Numbers (0020,9057) that
 * disagree with the sorted positions, see {@link SliceStack#checkInStackPositions(long[])}), and a {@link MalformedDataException} naming the tag when the slices belong
 * to different series (Series Instance UID), differ in Rescale Slope or Intercept, or in Pixel
 * Representation, or lack the geometry attributes; an {@link UnsupportedDataException} for colour
 * or wider than 16-bit images.
 *
 * <p>Stateless and thread-safe. Pixel data is decoded one slice at a time straight into the
 * volume's array; headers are read first, so a broken series is rejected before any decoding.
 */
public final class SeriesVolumes {
    private SeriesVolumes() {
    }

    /**
     * How {@link SeriesVolumes} builds a volume. Immutable and thread-safe.
     *
     * @param acceptTilt accept a gantry/detector tilt and build the volume on a sheared grid (see
     *                   {@link SliceStack#of(List, double, boolean)}); rejected otherwise
     * @param stack      the {@link FrameStack#id()} to build from an enhanced object with several
     *                   stacks, or null when the object must hold one stack
     * @param tolerance  relative tolerance on slice spacing and sideways drift, in [0, 0.5)
     */
    public record Options(boolean acceptTilt, String stack, double tolerance) {
        /**
         * Checks the tolerance.
         *
         * @throws IllegalArgumentException if the tolerance is outside [0, 0.5)
         */
        public Options {
            if (!(tolerance >= 0 && tolerance < 0.5)) {
                throw new IllegalArgumentException("tolerance must be in [0, 0.5)");
            }
        }

        /**
         * Returns the defaults: tilt rejected, one stack expected, {@link SliceStack#DEFAULT_TOLERANCE}.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(false, null, SliceStack.DEFAULT_TOLERANCE);
        }

        /**
         * Returns a copy that accepts (or rejects) a gantry tilt.
         *
         * @param accept whether to build tilted series on a sheared grid
         * @return the new options
         */
        public Options withAcceptTilt(boolean accept) {
            return new Options(accept, stack, tolerance);
        }

        /**
         * Returns a copy that builds the stack with the given id.
         *
         * @param id a {@link FrameStack#id()}, or null for "the only stack"
         * @return the new options
         */
        public Options withStack(String id) {
            return new Options(acceptTilt, id, tolerance);
        }
    }

    /**
     * Lists the files named by command-line style inputs: a file is kept as given; a folder
     * stands for every DICOM Part 10 file directly in it (those with "DICM" at byte 128, sorted
     * by name; other files, and files named DICOMDIR, are skipped).
     *
     * @param inputs files and folders
     * @return the files
     * @throws IOException if a folder cannot be listed or a file cannot be read
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.sorted().toList()) {
                        if (Files.isRegularFile(f) && !f.getFileName().toString().equalsIgnoreCase("DICOMDIR")
                                && isPart10(f)) {
                            out.add(f);
                        }
                    }
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isPart10(Path f) throws IOException {
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(f)) {
            if (in.readNBytes(head, 0, 132) < 132) {
                return false;
            }
        }
        return head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    /**
     * Reads a volume from files: one enhanced multi-frame file, or the single-frame files of one
     * series in any order. Folders are expanded with {@link #expand(List)}.
     *
     * @param inputs files and folders
     * @return the volume
     * @throws IOException if a file cannot be read
     * @throws dev.aperture.imaging.ApertureException if a file is not valid DICOM or the images
     *                                                do not form a volume
     */
    public static SeriesVolume read(List<Path> inputs) throws IOException {
        return read(inputs, Options.defaults());
    }

    /**
     * Reads a volume from files with options (tilt, stack); see {@link #read(List)}.
     *
     * @param inputs  files and folders
     * @param options how to build the volume
     * @return the volume
     * @throws IOException if a file cannot be read
     * @throws dev.aperture.imaging.ApertureException if a file is not valid DICOM or the images
     *                                                do not form a volume
     */
    public static SeriesVolume read(List<Path> inputs, Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        List<Path> files = expand(inputs);
        DicomReader reader = DicomReader.standard();
        List<DicomFile> read = new ArrayList<>(files.size());
        for (Path f : files) {
            read.add(reader.read(f));
        }
        return of(read, options);
    }

    /**
     * Builds a volume from read files: {@link #fromEnhanced} when there is one multi-frame file,
     * {@link #fromSlices} otherwise.
     *
     * @param files the files, read with their Pixel Data
     * @return the volume
     * @throws dev.aperture.imaging.ApertureException if they do not form a volume
     */
    public static SeriesVolume of(List<DicomFile> files) {
        return of(files, Options.defaults());
    }

    /**
     * Builds a volume from read files with options; see {@link #of(List)}.
     *
     * @param files   the files, read with their Pixel Data
     * @param options how to build the volume
     * @return the volume
     * @throws dev.aperture.imaging.ApertureException if they do not form a volume
     */
    public static SeriesVolume of(List<DicomFile> files, Options options) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        if (files.size() == 1 && isMultiFrame(files.get(0).dataset())) {
            return fromEnhanced(files.get(0), options);
        }
        return fromSlices(files, options);
    }

    private static boolean isMultiFrame(DicomObject ds) {
        return ds.contains(Tags.PerFrameFunctionalGroupsSequence) || ds.integer(Tags.NumberOfFrames).orElse(1) > 1;
    }

    /**
     * Reads the geometry of a single-frame image.
     *
     * @param ds the dataset
     * @return its slice geometry
     * @throws MalformedDataException if Image Position or Orientation (Patient), Pixel Spacing,
     *                                Rows or Columns is missing or invalid
     */
    public static SliceInfo sliceInfo(DicomObject ds) {
        return new SliceInfo(required(ds, Tags.ImagePositionPatient, 3), required(ds, Tags.ImageOrientationPatient, 6),
                required(ds, Tags.PixelSpacing, 2), ds.integer(Tags.Rows).orElse(0), ds.integer(Tags.Columns).orElse(0),
                thickness(ds));
    }

    /**
     * Reads the geometry of every frame of an enhanced multi-frame object from its functional
     * groups (per-frame item first, then the shared item).
     *
     * @param ds the enhanced dataset
     * @return one slice geometry per frame, in frame order
     * @throws MalformedDataException (with the frame) if a frame lacks a macro or a value
     * @throws UnsupportedDataException if the object has no Per-frame Functional Groups
     */
    public static List<SliceInfo> frameInfos(DicomObject ds) {
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        int frames = ds.integer(Tags.NumberOfFrames).orElse(1);
        if (perFrame.isEmpty()) {
            throw new UnsupportedDataException("not an enhanced object: no Per-frame Functional Groups", -1,
                    Tags.PerFrameFunctionalGroupsSequence);
        }
        if (perFrame.size() != frames) {
            throw new MalformedDataException("Per-frame Functional Groups item count differs from Number of Frames", -1,
                    Tags.PerFrameFunctionalGroupsSequence);
        }
        DicomObject shared = first(ds.items(Tags.SharedFunctionalGroupsSequence)).orElse(DicomObject.empty());
        int rows = ds.integer(Tags.Rows).orElse(0);
        int columns = ds.integer(Tags.Columns).orElse(0);
        List<SliceInfo> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            DicomObject item = perFrame.get(f);
            DicomObject pos = macro(item, shared, Tags.PlanePositionSequence, f);
            DicomObject ori = macro(item, shared, Tags.PlaneOrientationSequence, f);
            DicomObject meas = macro(item, shared, Tags.PixelMeasuresSequence, f);
            try {
                out.add(new SliceInfo(required(pos, Tags.ImagePositionPatient, 3),
                        required(ori, Tags.ImageOrientationPatient, 6), required(meas, Tags.PixelSpacing, 2),
                        rows, columns, thickness(meas)));
            } catch (MalformedDataException e) {
                throw new MalformedDataException(e.reason(), -1, e.tag(), f, e);
            }
        }
        return out;
    }

    /**
     * Builds a volume from the single-frame images of one series, in any order.
     *
     * @param files the files, each read with its Pixel Data
     * @return the volume
     * @throws dev.aperture.imaging.ApertureException if they do not form a volume (see the class)
     */
    public static SeriesVolume fromSlices(List<DicomFile> files) {
        return fromSlices(files, Options.defaults());
    }

    /**
     * Builds a volume from the single-frame images of one series with options (the stack option
     * does not apply); see {@link #fromSlices(List)}.
     *
     * @param files   the files, each read with its Pixel Data
     * @param options how to build the volume
     * @return the volume
     * @throws dev.aperture.imaging.ApertureException if they do not form a volume
     */
    public static SeriesVolume fromSlices(List<DicomFile> files, Options options) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        if (files.isEmpty()) {
            throw new MalformedDataException("no DICOM files given");
        }
        DicomObject first = files.get(0).dataset();
        String series = first.string(Tags.SeriesInstanceUID).orElse("");
        double slope = first.doubleValue(Tags.RescaleSlope).orElse(1);
        double intercept = first.doubleValue(Tags.RescaleIntercept).orElse(0);
        List<SliceInfo> infos = new ArrayList<>(files.size());
        List<ImageDescriptor> images = new ArrayList<>(files.size());
        boolean signed = false;
        for (int i = 0; i < files.size(); i++) {
            DicomObject ds = files.get(i).dataset();
            if (!series.equals(ds.string(Tags.SeriesInstanceUID).orElse(""))) {
                throw new MalformedDataException("slices belong to different series", -1, Tags.SeriesInstanceUID, i, null);
            }
            if (isMultiFrame(ds)) {
                throw new UnsupportedDataException("a multi-frame object among single-frame slices", -1, Tags.NumberOfFrames);
            }
            try {
                infos.add(sliceInfo(ds));
                ImageDescriptor image = ImagePixel.descriptor(ds);
                checkGrey(image);
                if (i == 0) {
                    signed = image.signed();
                } else if (image.signed() != signed) {
                    throw new MalformedDataException("slices differ in Pixel Representation", -1,
                            Tags.PixelRepresentation);
                }
                images.add(image);
            } catch (MalformedDataException e) {
                throw e.frame() >= 0 ? e : new MalformedDataException(e.reason(), -1, e.tag(), i, e);
            } catch (UnsupportedDataException e) {
                throw new UnsupportedDataException(e.reason() + " (slice " + i + ")", -1, e.tag());
            }
            if (!same(ds.doubleValue(Tags.RescaleSlope).orElse(1), slope)) {
                throw new MalformedDataException("slices differ in Rescale Slope", -1, Tags.RescaleSlope, i, null);
            }
            if (!same(ds.doubleValue(Tags.RescaleIntercept).orElse(0), intercept)) {
                throw new MalformedDataException("slices differ in Rescale Intercept", -1, Tags.RescaleIntercept, i, null);
            }
        }
        SliceStack stack = SliceStack.of(infos, options.tolerance(), options.acceptTilt());
        Volume v;
        try {
            v = stack.loadShorts(signed, (i, dst, off) -> {
                PixelFrames frames = PixelFrames.of(files.get(i));
                decodeInto(frames, 0, images.get(i), dst, off, i);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DicomObject header = files.get(stack.order()[0]).dataset().toBuilder().remove(Tag.PIXEL_DATA).build();
        List<String> sources = new ArrayList<>();
        for (int i : stack.order()) {
            files.get(i).dataset().string(Tags.SOPInstanceUID).map(String::strip).filter(u -> !u.isEmpty())
                    .ifPresent(sources::add);
        }
        return new SeriesVolume(v, slope, intercept, header, false, "", sources);
    }

    /**
     * Builds a volume from one enhanced multi-frame object holding one stack (frames in any order
     * along the normal).
     *
     * @param file the file, read with its Pixel Data
     * @return the volume
     * @throws dev.aperture.imaging.ApertureException if its frames do not form a volume, or it
     *                                                holds several stacks
     */
    public static SeriesVolume fromEnhanced(DicomFile file) {
        return fromEnhanced(file, Options.defaults());
    }

    /**
     * Builds a volume from one stack of an enhanced multi-frame object: the one named by
     * {@link Options#stack()}, or the only one (see {@link #stacks(DicomObject)}).
     *
     * @param file    the file, read with its Pixel Data
     * @param options how to build the volume, and which stack
     * @return the volume
     * @throws UnsupportedDataException (tag Stack ID) if the object holds several stacks and none
     *                                  is chosen
     * @throws IllegalArgumentException if no stack has the chosen id
     * @throws dev.aperture.imaging.ApertureException if the stack's frames do not form a volume
     */
    public static SeriesVolume fromEnhanced(DicomFile file, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        List<FrameStack> stacks = stacks(file.dataset());
        FrameStack chosen;
        if (options.stack() == null) {
            if (stacks.size() != 1) {
                throw new UnsupportedDataException("object holds " + stacks.size()
                        + " stacks; choose one by its stack id", -1, Tags.StackID);
            }
            chosen = stacks.get(0);
        } else {
            chosen = stacks.stream().filter(st -> st.id().equals(options.stack())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no stack with the chosen id"));
        }
        return fromStack(file, chosen, options);
    }

    /**
     * Builds one volume per stack of an enhanced multi-frame object, in the order of
     * {@link #stacks(DicomObject)}.
     *
     * @param file    the file, read with its Pixel Data
     * @param options how to build the volumes (the stack option is ignored)
     * @return one volume per stack
     * @throws dev.aperture.imaging.ApertureException if a stack's frames do not form a volume
     */
    public static List<SeriesVolume> fromEnhancedStacks(DicomFile file, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        List<SeriesVolume> out = new ArrayList<>();
        for (FrameStack st : stacks(file.dataset())) {
            out.add(fromStack(file, st, options));
        }
        return out;
    }

    /**
     * Splits the frames of an enhanced multi-frame object into stacks: by Stack ID (0020,9056) in
     * each frame's Frame Content Sequence (0020,9111) when any frame has one, otherwise by Image
     * Orientation (Patient) (frames whose direction cosines agree within 1e-3 form one stack);
     * then, inside each, by Temporal Position Index (0020,9128) when its frames hold more than one
     * value, and by the other dimensions of the Dimension Index Sequence (0020,9222) (those whose
     * Dimension Index Pointer is not Stack ID, In-Stack Position Number, Temporal Position Index or
     * Image Position (Patient): an echo, a b-value, a trigger delay) when the frames' Dimension
     * Index Values (0020,9157) differ in them. Stacks are listed in the order of their first frame;
     * the id of a split stack adds {@code /t} and the index, then {@code /d} and the other
     * dimensions' index values joined by dots.
     *
     * @param ds the enhanced dataset
     * @return the stacks, at least one
     * @throws dev.aperture.imaging.ApertureException if the frames' geometry cannot be read
     */
    public static List<FrameStack> stacks(DicomObject ds) {
        Objects.requireNonNull(ds, "ds");
        List<SliceInfo> infos = frameInfos(ds);
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        DicomObject shared = first(ds.items(Tags.SharedFunctionalGroupsSequence)).orElse(DicomObject.empty());
        int n = infos.size();
        String[] stackIds = new String[n];
        int[] temporal = new int[n];
        String[] others = new String[n];
        boolean anyStackId = false;
        List<DicomObject> dims = ds.items(Tags.DimensionIndexSequence);
        boolean[] other = new boolean[dims.size()];
        for (int i = 0; i < other.length; i++) {
            int pointer = dims.get(i).integer(Tags.DimensionIndexPointer).orElse(0);
            other[i] = pointer != Tags.StackID && pointer != Tags.InStackPositionNumber
                    && pointer != Tags.TemporalPositionIndex && pointer != Tags.ImagePositionPatient;
        }
        for (int f = 0; f < n; f++) {
            DicomObject fc = optionalMacro(perFrame.get(f), shared, Tags.FrameContentSequence)
                    .orElse(DicomObject.empty());
            stackIds[f] = fc.string(Tags.StackID).map(String::strip).orElse("");
            anyStackId |= !stackIds[f].isEmpty();
            temporal[f] = fc.integer(Tags.TemporalPositionIndex).orElse(0);
            long[] values = fc.longs(Tags.DimensionIndexValues);
            StringBuilder key = new StringBuilder();
            if (values.length == other.length) {
                for (int i = 0; i < other.length; i++) {
                    if (other[i]) {
                        key.append(key.length() == 0 ? "" : ".").append(values[i]);
                    }
                }
            }
            others[f] = key.toString();
        }
        // Group keys: the Stack ID, or the number of the orientation group.
        List<String> groupKeys = new ArrayList<>();
        List<List<Integer>> groups = new ArrayList<>();
        List<double[]> groupOrientations = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            double[] iop = infos.get(f).imageOrientationPatient();
            int g = -1;
            for (int k = 0; k < groups.size() && g < 0; k++) {
                if (anyStackId ? groupKeys.get(k).equals(stackIds[f]) : sameOrientation(groupOrientations.get(k), iop)) {
                    g = k;
                }
            }
            if (g < 0) {
                g = groups.size();
                groupKeys.add(anyStackId ? stackIds[f] : Integer.toString(g + 1));
                groups.add(new ArrayList<>());
                groupOrientations.add(iop);
            }
            groups.get(g).add(f);
        }
        List<FrameStack> out = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            List<Integer> frames = groups.get(k);
            String label = orientationLabel(groupOrientations.get(k));
            String sid = anyStackId ? groupKeys.get(k) : "";
            boolean byTime = false;
            boolean byOther = false;
            int f0 = frames.get(0);
            for (int f : frames) {
                byTime |= temporal[f] != temporal[f0];
                byOther |= !others[f].equals(others[f0]);
            }
            // Sub-stacks in the order of their first frame, keyed by their id suffix.
            java.util.LinkedHashMap<String, List<Integer>> subs = new java.util.LinkedHashMap<>();
            for (int f : frames) {
                String suffix = (byTime ? "/t" + temporal[f] : "") + (byOther ? "/d" + others[f] : "");
                subs.computeIfAbsent(suffix, x -> new ArrayList<>()).add(f);
            }
            for (java.util.Map.Entry<String, List<Integer>> e : subs.entrySet()) {
                int t = byTime ? temporal[e.getValue().get(0)] : 0;
                out.add(new FrameStack(groupKeys.get(k) + e.getKey(), sid, t, label, e.getValue()));
            }
        }
        return out;
    }

    private static boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** AXIAL, CORONAL or SAGITTAL after the largest component of the plane normal. */
    private static String orientationLabel(double[] o) {
        double nx = Math.abs(o[1] * o[5] - o[2] * o[4]);
        double ny = Math.abs(o[2] * o[3] - o[0] * o[5]);
        double nz = Math.abs(o[0] * o[4] - o[1] * o[3]);
        if (nz >= nx && nz >= ny) {
            return "AXIAL";
        }
        return ny >= nx ? "CORONAL" : "SAGITTAL";
    }

    private static SeriesVolume fromStack(DicomFile file, FrameStack chosen, Options options) {
        DicomObject ds = file.dataset();
        List<SliceInfo> all = frameInfos(ds);
        DicomObject shared = first(ds.items(Tags.SharedFunctionalGroupsSequence)).orElse(DicomObject.empty());
        List<DicomObject> perFrame = ds.items(Tags.PerFrameFunctionalGroupsSequence);
        List<Integer> frameNumbers = chosen.frames();
        List<SliceInfo> infos = new ArrayList<>(frameNumbers.size());
        double slope = 1;
        double intercept = 0;
        for (int k = 0; k < frameNumbers.size(); k++) {
            int f = frameNumbers.get(k);
            infos.add(all.get(f));
            DicomObject pvt = optionalMacro(perFrame.get(f), shared, Tags.PixelValueTransformationSequence)
                    .orElse(ds);
            double s = pvt.doubleValue(Tags.RescaleSlope).orElse(1);
            double b = pvt.doubleValue(Tags.RescaleIntercept).orElse(0);
            if (k == 0) {
                slope = s;
                intercept = b;
            } else if (!same(s, slope) || !same(b, intercept)) {
                throw new MalformedDataException("frames differ in Rescale Slope or Intercept", -1,
                        Tags.PixelValueTransformationSequence, f, null);
            }
        }
        SliceStack stack;
        try {
            stack = SliceStack.of(infos, options.tolerance(), options.acceptTilt());
            stack.checkInStackPositions(inStackPositions(perFrame, shared, frameNumbers));
        } catch (VolumeAssemblyException e) {
            // Name the frame of the object, not the index within the stack.
            throw e.frame() >= 0 && e.frame() < frameNumbers.size()
                    ? e.atFrame(frameNumbers.get(e.frame())) : e;
        }
        PixelFrames frames = PixelFrames.of(file);
        ImageDescriptor image = frames.image();
        checkGrey(image);
        if (frames.frameCount() != all.size()) {
            throw new MalformedDataException("Pixel Data holds fewer frames than the functional groups describe", -1,
                    Tag.PIXEL_DATA);
        }
        Volume v;
        try {
            v = stack.loadShorts(image.signed(), (i, dst, off) -> {
                int f = frameNumbers.get(i);
                decodeInto(frames, f, image, dst, off, f);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DicomObject header = ds.toBuilder().remove(Tag.PIXEL_DATA).build();
        List<String> sources = ds.string(Tags.SOPInstanceUID).map(String::strip).filter(u -> !u.isEmpty())
                .map(List::of).orElse(List.of());
        return new SeriesVolume(v, slope, intercept, header, true, chosen.id(), sources);
    }

    /** The In-Stack Position Number of each frame of a stack, -1 where a frame has none. */
    private static long[] inStackPositions(List<DicomObject> perFrame, DicomObject shared, List<Integer> frames) {
        long[] out = new long[frames.size()];
        for (int k = 0; k < out.length; k++) {
            long[] v = optionalMacro(perFrame.get(frames.get(k)), shared, Tags.FrameContentSequence)
                    .map(fc -> fc.longs(Tags.InStackPositionNumber)).orElse(new long[0]);
            out[k] = v.length == 1 ? v[0] : -1;
        }
        return out;
    }

    private static void checkGrey(ImageDescriptor image) {
        if (image.samplesPerPixel() != 1) {
            throw new UnsupportedDataException("volumes need one sample per pixel", -1, Tags.SamplesPerPixel);
        }
        if (image.bitsAllocated() != 8 && image.bitsAllocated() != 16) {
            throw new UnsupportedDataException("volumes need 8 or 16 bits allocated", -1, Tags.BitsAllocated);
        }
    }

    /** Decodes one frame into the volume's array and normalises it to Bits Stored. */
    private static void decodeInto(PixelFrames frames, int frame, ImageDescriptor image, short[] dst, int off,
                                   int input) {
        int n = image.rows() * image.columns();
        if (frames.frameCount() <= frame) {
            throw new MalformedDataException("no pixel data for this slice", -1, Tag.PIXEL_DATA, input, null);
        }
        int bits = image.bitsStored();
        if (image.bitsAllocated() == 8) {
            byte[] tmp = new byte[n];
            frames.decode(frame, new ByteSamples(tmp, 0, n));
            int shift = 32 - bits;
            for (int k = 0; k < n; k++) {
                int u = (tmp[k] & 0xFF) << shift;
                // signed: arithmetic shift sign-extends bit (bits-1); unsigned: logical shift masks.
                dst[off + k] = (short) (image.signed() ? u >> shift : u >>> shift);
            }
            return;
        }
        frames.decode(frame, new ShortSamples(dst, off, n));
        if (bits < 16) {
            int shift = 32 - bits;
            boolean signed = image.signed();
            for (int k = off, end = off + n; k < end; k++) {
                int u = dst[k] << shift;
                dst[k] = (short) (signed ? u >> shift : u >>> shift);
            }
        }
    }

    private static Optional<DicomObject> first(List<DicomObject> items) {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    private static Optional<DicomObject> optionalMacro(DicomObject item, DicomObject shared, int tag) {
        Optional<DicomObject> m = first(item.items(tag));
        return m.isPresent() ? m : first(shared.items(tag));
    }

    private static DicomObject macro(DicomObject item, DicomObject shared, int tag, int frame) {
        return optionalMacro(item, shared, tag).orElseThrow(() ->
                new MalformedDataException("functional group macro missing for this frame", -1, tag, frame, null));
    }

    private static double[] required(DicomObject ds, int tag, int n) {
        double[] v = ds.doubles(tag);
        if (v.length != n) {
            throw new MalformedDataException(v.length == 0 ? "required geometry attribute missing"
                    : "wrong number of values", -1, tag);
        }
        return v;
    }

    private static double thickness(DicomObject ds) {
        double t = ds.doubleValue(Tags.SliceThickness).orElse(0);
        return Double.isFinite(t) && t > 0 ? t : 0;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
