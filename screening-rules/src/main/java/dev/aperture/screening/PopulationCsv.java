// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV population: the header names each column by the JSON path of a case field
 * ({@code id}, {@code program}, {@code patient.birthDate}, {@code exam.date},
 * {@code findings[0].kind}, {@code findings[0].meanDiameterMm}, ...); each later line is one
 * patient. Cells are RFC 4180 fields (quotes within one line). An empty cell leaves the field out.
 * Fields the contract types as numbers or booleans are converted ({@code 6.1} stays an exact
 * decimal; a cell that is not a number stays text, so that evaluation reports the field);
 * {@code patient.riskFactors} and {@code echogenicFoci} are lists separated by {@code ;}.
 *
 * <p>Immutable and thread-safe once built from a header.
 */
final class PopulationCsv {
    private static final Set<String> NUMBERS = Set.of("packYears", "yearsSinceQuit", "routineIntervalMonths",
            "probablyBenignMonth", "meanDiameterMm", "longAxisMm", "shortAxisMm", "solidComponentMm",
            "priorMeanDiameterMm", "maxDiameterCm", "tScore", "sizeMm", "surveillanceYear");
    private static final Set<String> BOOLEANS = Set.of("juxtapleuralBenign", "benignCalcificationOrFat",
            "suspiciousFeatures", "provenBenign", "symptomatic", "levelIncreased");
    private static final Set<String> LISTS = Set.of("riskFactors", "echogenicFoci");
    /** Highest finding index a header may name. */
    static final int MAX_FINDINGS = 64;

    /** One path step: a member name, and an array index (or -1). */
    private record Step(String name, int index) {
    }

    private final Step[][] columns;

    private PopulationCsv(Step[][] columns) {
        this.columns = columns;
    }

    /**
     * Parses the header line.
     *
     * @throws ScreeningFormatException naming the column of a path that is not a case field path
     */
    static PopulationCsv header(String line, String source) {
        List<String> cells = cells(line, source, 1);
        Step[][] columns = new Step[cells.size()][];
        for (int c = 0; c < cells.size(); c++) {
            columns[c] = path(cells.get(c).strip(), source, c + 1);
        }
        return new PopulationCsv(columns);
    }

    private static Step[] path(String p, String source, int column) {
        if (p.isEmpty()) {
            throw new ScreeningFormatException(source, 1, 0, "column " + column, "empty column name");
        }
        String[] parts = p.split("\\.", -1);
        if (parts.length > 3) {
            throw new ScreeningFormatException(source, 1, 0, "column " + column, "path too deep");
        }
        Step[] steps = new Step[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int index = -1;
            int b = part.indexOf('[');
            if (b >= 0) {
                if (!part.endsWith("]") || i != 0 || !"findings".equals(part.substring(0, b))) {
                    throw new ScreeningFormatException(source, 1, 0, "column " + column,
                            "only findings[N] may be indexed");
                }
                try {
                    index = Integer.parseInt(part.substring(b + 1, part.length() - 1));
                } catch (NumberFormatException e) {
                    index = -2;
                }
                if (index < 0 || index >= MAX_FINDINGS) {
                    throw new ScreeningFormatException(source, 1, 0, "column " + column,
                            "finding index must be 0.." + (MAX_FINDINGS - 1));
                }
                part = part.substring(0, b);
            }
            if (part.isEmpty()) {
                throw new ScreeningFormatException(source, 1, 0, "column " + column, "empty path step");
            }
            steps[i] = new Step(part, index);
        }
        if (steps.length == 1 && "findings".equals(steps[0].name)) {
            throw new ScreeningFormatException(source, 1, 0, "column " + column, "name a field of a finding");
        }
        return steps;
    }

    /**
     * One data line to a case.
     *
     * @throws ScreeningFormatException if the line is not valid CSV or has more cells than the header
     */
    ScreeningCase record(String line, long lineNumber, String source) {
        List<String> cells = cells(line, source, lineNumber);
        if (cells.size() > columns.length) {
            throw new ScreeningFormatException(source, (int) Math.min(lineNumber, Integer.MAX_VALUE), 0, "",
                    "more cells than header columns");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (cell.isEmpty()) {
                continue;
            }
            put(root, columns[c], value(columns[c][columns[c].length - 1].name, cell));
        }
        return ScreeningCase.of(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, Step[] steps, Object value) {
        Map<String, Object> node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            Step s = steps[i];
            if (s.index >= 0) {
                List<Object> list = (List<Object>) node.computeIfAbsent(s.name, k -> new ArrayList<>());
                while (list.size() <= s.index) {
                    list.add(new LinkedHashMap<String, Object>());
                }
                node = (Map<String, Object>) list.get(s.index);
            } else {
                Object child = node.computeIfAbsent(s.name, k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map)) {
                    return; // a scalar column and an object column with the same name: the scalar wins
                }
                node = (Map<String, Object>) child;
            }
        }
        node.put(steps[steps.length - 1].name, value);
    }

    private static Object value(String name, String cell) {
        if (NUMBERS.contains(name)) {
            try {
                return new BigDecimal(cell.strip());
            } catch (NumberFormatException e) {
                return cell;
            }
        }
        if (BOOLEANS.contains(name)) {
            String v = cell.strip();
            return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : cell;
        }
        if (LISTS.contains(name)) {
            return Arrays.stream(cell.split(";", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return cell;
    }

    /** RFC 4180 cells of one line (no line breaks inside quotes). */
    static List<String> cells(String line, String source, long lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            cell.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new ScreeningFormatException(source, (int) Math.min(lineNumber, Integer.MAX_VALUE), i + 1,
                                "", "unterminated quoted cell");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new ScreeningFormatException(source, (int) Math.min(lineNumber, Integer.MAX_VALUE), i + 1, "",
                            "text after a quoted cell");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    cell.append(line.charAt(i++));
                }
            }
            out.add(cell.toString());
            if (i >= n) {
                return out;
            }
            i++; // comma
        }
    }
}
