// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.json;

import dev.aperture.dicom.DicomObject;
import dev.aperture.dicom.Tag;
import dev.aperture.dicom.Vr;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The DICOM JSON Model of PS3.18 Annex F: writes a dataset as JSON and reads it back.
 *
 * <p>Immutable and thread-safe. Keys are eight upper-case hex digits; PN values are objects
 * with Alphabetic, Ideographic and Phonetic groups; IS, DS and the binary number VRs are JSON
 * numbers; AT values are hex strings; sequences are arrays of objects; an empty value inside a
 * multi-valued element is {@code null}. Binary values (OB, OD, OF, OL, OV, OW, UN) up to the
 * bulk-data threshold are written inline (base64); longer ones, values left in their file, and
 * encapsulated pixel data are written as a {@code BulkDataURI} naming the element's path
 * ({@code bulkdata/00540016/0/7FE00010}).
 */
public final class DicomJson {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final DicomJson STANDARD = new DicomJson(1024, null);

    private final int bulkDataThreshold;
    private final Function<String, byte[]> bulkDataResolver;

    private DicomJson(int bulkDataThreshold, Function<String, byte[]> bulkDataResolver) {
        this.bulkDataThreshold = bulkDataThreshold;
        this.bulkDataResolver = bulkDataResolver;
    }

    /** Returns the model with a 1 KiB bulk-data threshold and no bulk-data resolver. */
    public static DicomJson standard() {
        return STANDARD;
    }

    /** Returns a copy that writes binary values longer than {@code bytes} as BulkDataURI. */
    public DicomJson withBulkDataThreshold(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
        return new DicomJson(bytes, bulkDataResolver);
    }

    /**
     * Returns a copy that, when reading, resolves each BulkDataURI to the value's bytes (binary
     * numbers little endian). Without one, reading a BulkDataURI is an error.
     */
    public DicomJson withBulkDataResolver(Function<String, byte[]> resolver) {
        return new DicomJson(bulkDataThreshold, Objects.requireNonNull(resolver, "resolver"));
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Writes the dataset as compact JSON. */
    public String write(DicomObject ds) {
        StringBuilder sb = new StringBuilder(ds.size() * 48);
        try {
            write(ds, sb, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Writes the dataset as JSON.
     *
     * @param ds     the dataset
     * @param out    where to write
     * @param pretty one element per line, indented
     * @throws IOException if {@code out} fails
     */
    public void write(DicomObject ds, Appendable out, boolean pretty) throws IOException {
        new Writer(out, pretty).object(ds, "bulkdata", 0);
    }

    private final class Writer {
        private final Appendable out;
        private final boolean pretty;

        Writer(Appendable out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        void object(DicomObject ds, String path, int indent) throws IOException {
            out.append('{');
            boolean first = true;
            for (int i = 0; i < ds.size(); i++) {
                if (Tag.isGroupLength(ds.tagAt(i))) {
                    continue; // PS3.18 F.2: group length elements are not part of the JSON model
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(indent + 1);
                String key = Tag.toHex(ds.tagAt(i));
                out.append('"').append(key).append("\":");
                element(ds, i, path + "/" + key, indent + 1);
            }
            if (ds.size() > 0) {
                newline(indent);
            }
            out.append('}');
        }

        private void newline(int indent) throws IOException {
            if (pretty) {
                out.append('\n');
                for (int k = 0; k < indent; k++) {
                    out.append("  ");
                }
            }
        }

        private void element(DicomObject ds, int i, String path, int indent) throws IOException {
            Vr vr = ds.vrAt(i);
            int tag = ds.tagAt(i);
            out.append("{\"vr\":\"").append(vr.name()).append('"');
            switch (ds.kindAt(i)) {
                case ITEMS: {
                    List<DicomObject> items = ds.itemsAt(i);
                    if (!items.isEmpty()) {
                        out.append(",\"Value\":[");
                        for (int k = 0; k < items.size(); k++) {
                            if (k > 0) {
                                out.append(',');
                            }
                            object(items.get(k), path + "/" + k, indent + 1);
                        }
                        out.append(']');
                    }
                    break;
                }
                case FRAGMENTS:
                case BULK_DATA:
                    out.append(",\"BulkDataURI\":");
                    string(path);
                    break;
                default:
                    value(ds, i, tag, vr, path);
            }
            out.append('}');
        }

        private void value(DicomObject ds, int i, int tag, Vr vr, String path) throws IOException {
            ByteBuffer b = ds.bufferAt(i);
            if (b.remaining() == 0) {
                return;
            }
            switch (vr) {
                case OB: case OD: case OF: case OL: case OV: case OW: case UN:
                    if (b.remaining() > bulkDataThreshold) {
                        out.append(",\"BulkDataURI\":");
                        string(path);
                    } else {
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        out.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(bytes)).append('"');
                    }
                    return;
                default:
                    break;
            }
            List<String> values = ds.strings(tag);
            if (vr == Vr.PN) {
                values = values.stream().map(this::trimPersonName).collect(java.util.stream.Collectors.toList());
                if (values.stream().allMatch(String::isEmpty)) {
                    return;
                }
            }
            if (values.isEmpty()) {
                return;
            }
            out.append(",\"Value\":[");
            for (int k = 0; k < values.size(); k++) {
                if (k > 0) {
                    out.append(',');
                }
                String v = values.get(k);
                if (v.isEmpty() && vr.isString()) {
                    out.append("null");
                    continue;
                }
                switch (vr) {
                    case PN:
                        personName(v);
                        break;
                    case IS: case DS:
                        decimal(v);
                        break;
                    case US: case SS: case UL: case SL: case UV: case SV: case FL: case FD:
                        if (v.equals("NaN") || v.contains("Infinity")) {
                            string(v);
                        } else {
                            out.append(v);
                        }
                        break;
                    default:
                        string(v);
                }
            }
            out.append(']');
        }

        /** Drops trailing empty components and groups, which PS3.5 6.2 makes insignificant. */
        private String trimPersonName(String v) {
            String[] groups = v.split("=", -1);
            StringBuilder sb = new StringBuilder();
            int keep = 0;
            for (int g = 0; g < groups.length; g++) {
                String x = groups[g];
                int z = x.length();
                while (z > 0 && (x.charAt(z - 1) == '^' || x.charAt(z - 1) == ' ')) {
                    z--;
                }
                groups[g] = x.substring(0, z);
                if (z > 0) {
                    keep = g + 1;
                }
            }
            for (int g = 0; g < keep; g++) {
                if (g > 0) {
                    sb.append('=');
                }
                sb.append(groups[g]);
            }
            return sb.toString();
        }

        private void personName(String v) throws IOException {
            String[] groups = v.split("=", -1);
            String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
            out.append('{');
            boolean first = true;
            for (int g = 0; g < Math.min(3, groups.length); g++) {
                if (groups[g].isEmpty()) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(names[g]).append("\":");
                string(groups[g]);
            }
            out.append('}');
        }

        private void decimal(String v) throws IOException {
            if (JSON_NUMBER.matcher(v).matches()) {
                out.append(v);
                return;
            }
            try {
                out.append(new BigDecimal(v.startsWith("+") ? v.substring(1) : v).toString());
            } catch (NumberFormatException e) {
                string(v);
            }
        }

        private void string(String v) throws IOException {
            out.append('"');
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                switch (c) {
                    case '"': out.append("\\\""); break;
                    case '\\': out.append("\\\\"); break;
                    case '\n': out.append("\\n"); break;
                    case '\r': out.append("\\r"); break;
                    case '\t': out.append("\\t"); break;
                    default:
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                }
            }
            out.append('"');
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Reads a dataset from DICOM JSON.
     *
     * @param json the JSON text: one object
     * @return the dataset
     * @throws MalformedDataException if the text is not JSON or not the DICOM JSON model
     * @throws UnsupportedDataException if it holds a BulkDataURI and no resolver was given
     */
    public DicomObject read(String json) {
        Object root = JsonParser.parse(json);
        if (!(root instanceof Map)) {
            throw new MalformedDataException("DICOM JSON: the top level is not an object");
        }
        return object(asMap(root), DicomObject.builder());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private DicomObject object(Map<String, Object> m, DicomObject.Builder b) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(m.entrySet());
        entries.sort((x, y) -> Integer.compareUnsigned(tagOf(x.getKey()), tagOf(y.getKey())));
        for (Map.Entry<String, Object> e : entries) {
            int tag = tagOf(e.getKey());
            if (!(e.getValue() instanceof Map)) {
                throw invalid(tag, "element is not an object");
            }
            element(tag, asMap(e.getValue()), b);
        }
        return b.build();
    }

    private static int tagOf(String key) {
        if (key.length() != 8) {
            throw new MalformedDataException("DICOM JSON: a key is not eight hex digits");
        }
        try {
            return (int) Long.parseLong(key, 16);
        } catch (NumberFormatException e) {
            throw new MalformedDataException("DICOM JSON: a key is not eight hex digits");
        }
    }

    private void element(int tag, Map<String, Object> e, DicomObject.Builder b) {
        Object vrName = e.get("vr");
        if (!(vrName instanceof String s) || s.length() != 2 || Vr.ofCode(s.charAt(0), s.charAt(1)) == null) {
            throw invalid(tag, "missing or unknown vr");
        }
        Vr vr = Vr.ofCode(s.charAt(0), s.charAt(1));
        Object value = e.get("Value");
        Object inline = e.get("InlineBinary");
        Object uri = e.get("BulkDataURI");
        if (inline instanceof String base64) {
            try {
                b.adoptBytes(tag, vr, Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException ex) {
                throw invalid(tag, "InlineBinary is not base64");
            }
            return;
        }
        if (uri instanceof String u) {
            if (bulkDataResolver == null) {
                throw new UnsupportedDataException("DICOM JSON: BulkDataURI without a resolver", -1, tag);
            }
            b.adoptBytes(tag, vr, bulkDataResolver.apply(u).clone());
            return;
        }
        List<?> values = value == null ? List.of() : value instanceof List<?> l ? l : null;
        if (values == null) {
            throw invalid(tag, "Value is not an array");
        }
        if (vr == Vr.SQ) {
            List<DicomObject> items = new ArrayList<>(values.size());
            for (Object item : values) {
                if (!(item instanceof Map)) {
                    throw invalid(tag, "sequence item is not an object");
                }
                items.add(object(asMap(item), DicomObject.builder(b.characterSet())));
            }
            b.setItems(tag, items);
            return;
        }
        switch (vr) {
            case US: case SS: case UL: case SL: case UV: case SV: {
                long[] v = new long[values.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = number(tag, values.get(k)).longValue();
                }
                try {
                    b.setInts(tag, vr, v);
                } catch (IllegalArgumentException ex) {
                    throw invalid(tag, "value out of range for " + vr);
                }
                return;
            }
            case FL: case FD: {
                double[] v = new double[values.size()];
                for (int k = 0; k < v.length; k++) {
                    Object o = values.get(k);
                    v[k] = o instanceof String str ? Double.parseDouble(str) : number(tag, o).doubleValue();
                }
                b.setDoubles(tag, vr, v);
                return;
            }
            case AT: {
                long[] v = new long[values.size()];
                for (int k = 0; k < v.length; k++) {
                    if (!(values.get(k) instanceof String str)) {
                        throw invalid(tag, "AT value is not a string");
                    }
                    v[k] = tagOf(str) & 0xFFFFFFFFL;
                }
                b.setInts(tag, vr, v);
                return;
            }
            default:
                break;
        }
        if (!vr.isString()) {
            if (values.isEmpty()) {
                b.adoptBytes(tag, vr, new byte[0]);
                return;
            }
            throw invalid(tag, vr + " needs InlineBinary or BulkDataURI");
        }
        String[] strings = new String[values.size()];
        for (int k = 0; k < strings.length; k++) {
            Object o = values.get(k);
            if (o == JsonParser.NULL) {
                strings[k] = "";
            } else if (o instanceof String str) {
                strings[k] = str;
            } else if (o instanceof BigDecimal d && (vr == Vr.IS || vr == Vr.DS)) {
                strings[k] = d.toString();
            } else if (o instanceof Map && vr == Vr.PN) {
                strings[k] = personName(tag, asMap(o));
            } else {
                throw invalid(tag, "value of the wrong JSON type for " + vr);
            }
        }
        b.setString(tag, vr, strings);
    }

    private static String personName(int tag, Map<String, Object> m) {
        String[] g = new String[3];
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        int last = -1;
        for (int k = 0; k < 3; k++) {
            Object o = m.get(names[k]);
            g[k] = o instanceof String s ? s : "";
            if (o != null && !(o instanceof String)) {
                throw invalid(tag, "person name group is not a string");
            }
            if (!g[k].isEmpty()) {
                last = k;
            }
        }
        return String.join("=", java.util.Arrays.copyOf(g, last + 1));
    }

    private static BigDecimal number(int tag, Object o) {
        if (o instanceof BigDecimal d) {
            return d;
        }
        throw invalid(tag, "value is not a number");
    }

    private static MalformedDataException invalid(int tag, String reason) {
        return new MalformedDataException("DICOM JSON: " + reason, -1, tag);
    }

}
