// SPDX-License-Identifier: Apache-2.0
package dev.aperture.transfer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transfer syntax as data (PS3.5 section 10, PS3.6 Table A-1): how a dataset is encoded
 * (VR explicit or implicit, byte order, deflate) and whether pixel data is encapsulated.
 *
 * <p>Immutable and thread-safe. Whether Aperture can decode a syntax's pixel data is the
 * business of {@link TransferSyntaxRegistry}, not of this value.
 */
public final class TransferSyntax {
    private static final Map<String, TransferSyntax> KNOWN = new LinkedHashMap<>();

    /** Implicit VR Little Endian, the DICOM default. */
    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            define("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, false, false);
    /** Explicit VR Little Endian. */
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            define("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, false, false);
    /** Encapsulated Uncompressed Explicit VR Little Endian. */
    public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED =
            define("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian",
                    true, false, false, true, false, false);
    /** Deflated Explicit VR Little Endian. */
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            define("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false, false, false);
    /** Explicit VR Big Endian (retired, still found in archives). */
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            define("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, false, true);
    /** JPEG Baseline (Process 1). */
    public static final TransferSyntax JPEG_BASELINE = encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true);
    /** JPEG Extended (Process 2 and 4). */
    public static final TransferSyntax JPEG_EXTENDED = encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true);
    /** JPEG Lossless, Non-Hierarchical (Process 14). */
    public static final TransferSyntax JPEG_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", false);
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    public static final TransferSyntax JPEG_LOSSLESS_SV1 = encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", false);
    /** JPEG-LS Lossless. */
    public static final TransferSyntax JPEG_LS_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", false);
    /** JPEG-LS Lossy (Near-Lossless). */
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true);
    /** JPEG 2000 (Lossless Only). */
    public static final TransferSyntax JPEG_2000_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", false);
    /** JPEG 2000. */
    public static final TransferSyntax JPEG_2000 = encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true);
    /** RLE Lossless. */
    public static final TransferSyntax RLE_LOSSLESS = encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", false);
    /** Deflated Image Frame Compression. */
    public static final TransferSyntax DEFLATED_IMAGE_FRAME = encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", false);

    static {
        String[][] more = {
            {"1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15) (Retired)", ""},
            {"1.2.840.10008.1.2.4.59", "JPEG Extended, Hierarchical (Process 16 & 18) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.60", "JPEG Extended, Hierarchical (Process 17 & 19) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.61", "JPEG Spectral Selection, Hierarchical (Process 20 & 22) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.62", "JPEG Spectral Selection, Hierarchical (Process 21 & 23) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.63", "JPEG Full Progression, Hierarchical (Process 24 & 26) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.64", "JPEG Full Progression, Hierarchical (Process 25 & 27) (Retired)", "lossy"},
            {"1.2.840.10008.1.2.4.65", "JPEG Lossless, Hierarchical (Process 28) (Retired)", ""},
            {"1.2.840.10008.1.2.4.66", "JPEG Lossless, Hierarchical (Process 29) (Retired)", ""},
            {"1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", ""},
            {"1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", "lossy"},
            {"1.2.840.10008.1.2.4.94", "JPIP Referenced", "lossy"},
            {"1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", "lossy"},
            {"1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", "lossy"},
            {"1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", "lossy"},
            {"1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", "lossy"},
            {"1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", "lossy"},
            {"1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", "lossy"},
            {"1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", "lossy"},
            {"1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", "lossy"},
            {"1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", "lossy"},
            {"1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", "lossy"},
            {"1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", "lossy"},
            {"1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", "lossy"},
            {"1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", "lossy"},
            {"1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", "lossy"},
            {"1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", "lossy"},
            {"1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", "lossy"},
            {"1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", "lossy"},
            {"1.2.840.10008.1.2.4.110", "JPEG XL Lossless", ""},
            {"1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", "lossy"},
            {"1.2.840.10008.1.2.4.112", "JPEG XL", "lossy"},
            {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", ""},
            {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", ""},
            {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", "lossy"},
            {"1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", "lossy"},
            {"1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", "lossy"},
            {"1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", ""},
            {"1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video", ""},
            {"1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", ""},
        };
        for (String[] m : more) {
            encapsulated(m[0], m[1], !m[2].isEmpty());
        }
        define("1.2.840.10008.1.20", "Papyrus 3 Implicit VR Little Endian (Retired)", false, false, false, false, false, true);
    }

    private final String uid;
    private final String name;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;
    private final boolean lossy;
    private final boolean retired;

    private TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
                           boolean encapsulated, boolean lossy, boolean retired) {
        this.uid = uid;
        this.name = name;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.lossy = lossy;
        this.retired = retired;
    }

    private static TransferSyntax define(String uid, String name, boolean explicitVr, boolean bigEndian,
                                         boolean deflated, boolean encapsulated, boolean lossy, boolean retired) {
        TransferSyntax ts = new TransferSyntax(uid, name, explicitVr, bigEndian, deflated, encapsulated, lossy,
                retired || name.contains("(Retired)"));
        KNOWN.put(uid, ts);
        return ts;
    }

    private static TransferSyntax encapsulated(String uid, String name, boolean lossy) {
        return define(uid, name, true, false, false, true, lossy, false);
    }

    /**
     * Returns the transfer syntax with this UID, if PS3.6 defines it.
     *
     * @param uid the UID (trailing NUL or space padding is ignored)
     * @return the syntax, or empty when unknown
     */
    public static Optional<TransferSyntax> lookup(String uid) {
        return Optional.ofNullable(KNOWN.get(strip(uid)));
    }

    /**
     * Returns the syntax with this UID; an unknown UID is taken, as PS3.5 section 10 prescribes
     * for every syntax after the first three, as explicit VR little endian with encapsulated
     * pixel data.
     *
     * @param uid the UID
     * @return the syntax
     */
    public static TransferSyntax of(String uid) {
        String u = strip(uid);
        TransferSyntax ts = KNOWN.get(u);
        return ts != null ? ts : new TransferSyntax(u, "Unknown (" + u + ")", true, false, false, true, false, false);
    }

    /** Returns every transfer syntax PS3.6 defines, in UID order of definition. */
    public static Collection<TransferSyntax> all() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }

    private static String strip(String uid) {
        Objects.requireNonNull(uid, "uid");
        int z = uid.length();
        while (z > 0 && (uid.charAt(z - 1) == 0 || uid.charAt(z - 1) == ' ')) {
            z--;
        }
        return uid.substring(0, z).strip();
    }

    /** Returns the UID. */
    public String uid() {
        return uid;
    }

    /** Returns the name as PS3.6 gives it. */
    public String name() {
        return name;
    }

    /** Returns true when VRs are explicit. */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Returns true for big-endian byte order. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Returns true when the dataset after the File Meta Information is deflated. */
    public boolean deflated() {
        return deflated;
    }

    /** Returns true when Pixel Data is encapsulated (fragments). */
    public boolean encapsulated() {
        return encapsulated;
    }

    /** Returns true when the pixel encoding may lose information. */
    public boolean lossy() {
        return lossy;
    }

    /** Returns true when PS3.6 marks the syntax retired. */
    public boolean retired() {
        return retired;
    }

    /** Returns true for the syntaxes whose pixel data is native (not encapsulated). */
    public boolean isNative() {
        return !encapsulated;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSyntax t && t.uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return uid + " (" + name + ")";
    }
}
