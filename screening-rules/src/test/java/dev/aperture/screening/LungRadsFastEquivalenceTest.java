// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The typed Lung-RADS path ({@link LungRadsFast}) gives exactly the decision of the reference
 * path (validation and tables read from the JSON tree) and declines every case that has an
 * error, over seeded random cases that cover every finding kind, status, prior category, flag
 * and exam kind, and invalid common fields (invented data; invalid combinations included).
 */
class LungRadsFastEquivalenceTest {
    private static final Programme LUNG = Programmes.standard().get("lung-rads-2022").orElseThrow();
    private static final Programme FLEISCHNER = Programmes.standard().get("fleischner-2017").orElseThrow();

    private final Random rng = new Random(20251128L);

    private String pick(String... options) {
        return options[rng.nextInt(options.length)];
    }

    private String size(int maxTenths) {
        // Hundredths as well, so that half-up rounding to 0.1 mm is exercised.
        int v = rng.nextInt(maxTenths * 10 + 1);
        return (v / 100) + "." + (v / 10 % 10) + (v % 10);
    }

    private String finding() {
        StringBuilder f = new StringBuilder("{\"kind\":\"");
        String kind = pick("lung-nodule", "lung-nodule", "lung-nodule", "lung-nodule", "airway-nodule", "atypical-cyst",
                "incomplete", "infectious-inflammatory", "significant-other");
        f.append(kind).append('"');
        switch (kind) {
            case "lung-nodule": {
                String comp = pick("solid", "solid", "part-solid", "non-solid");
                f.append(",\"composition\":\"").append(comp).append('"');
                if (rng.nextBoolean()) {
                    f.append(",\"meanDiameterMm\":").append(size(rng.nextInt(4) == 0 ? 400 : 200));
                    if (rng.nextInt(6) == 0) {
                        // Not read when the mean diameter is given: must not disturb the typed form.
                        f.append(",\"longAxisMm\":").append(pick("\"7\"", "true", "null", "12.5"));
                    }
                } else {
                    f.append(",\"longAxisMm\":").append(size(200)).append(",\"shortAxisMm\":").append(size(120));
                }
                if ("part-solid".equals(comp) || rng.nextInt(8) == 0) {
                    f.append(",\"solidComponentMm\":").append(size(100));
                }
                if (rng.nextInt(3) > 0) {
                    f.append(",\"priorMeanDiameterMm\":").append(size(200));
                }
                if (rng.nextInt(4) > 0) {
                    f.append(",\"status\":\"").append(pick("baseline", "new", "growing", "stable", "decreased",
                            "slow-growing")).append('"');
                }
                if (rng.nextInt(3) > 0) {
                    f.append(",\"priorCategory\":\"").append(pick("0", "1", "2", "3", "4A", "4B", "4X", "2S", "4AS"))
                            .append('"');
                }
                for (String flag : new String[] {"juxtapleuralBenign", "benignCalcificationOrFat", "suspiciousFeatures",
                    "provenBenign"}) {
                    if (rng.nextInt(5) == 0) {
                        f.append(",\"").append(flag).append("\":").append(rng.nextBoolean());
                    }
                }
                break;
            }
            case "airway-nodule":
                f.append(",\"level\":\"").append(pick("subsegmental", "segmental-or-proximal")).append('"');
                if (rng.nextInt(4) > 0) {
                    f.append(",\"status\":\"").append(pick("baseline", "new", "stable", "growing")).append('"');
                }
                break;
            case "atypical-cyst": {
                f.append(",\"cystType\":\"").append(pick("thick-walled", "multilocular")).append('"');
                String status = pick("baseline", "new", "stable", "decreased", "changed", "changed");
                if (rng.nextInt(5) > 0) {
                    f.append(",\"status\":\"").append(status).append('"');
                }
                if ("changed".equals(status) || rng.nextInt(10) == 0) {
                    f.append(",\"change\":\"").append(pick("became-multilocular", "growing-cystic-component",
                            "growing-wall", "growing-multilocular", "increased-loculation-or-opacity")).append('"');
                }
                if (rng.nextInt(4) > 0) {
                    f.append(",\"priorCategory\":\"").append(pick("0", "1", "2", "3", "4A", "4B", "4X")).append('"');
                }
                break;
            }
            case "incomplete":
                f.append(",\"reason\":\"").append(pick("prior-being-located", "lungs-not-evaluable")).append('"');
                break;
            default:
                break;
        }
        return f.append('}').toString();
    }

    /** A common field: usually valid, sometimes one of the invalid forms (null, wrong type or value). */
    private String common(String valid, String... invalid) {
        return rng.nextInt(40) == 0 ? pick(invalid) : valid;
    }

    private String lungCase(int i) {
        LocalDate exam = LocalDate.ofEpochDay(17_000 + rng.nextInt(3_000));
        StringBuilder sb = new StringBuilder(512).append("{\"id\":").append(common("\"E" + i + "\"", "\"\"", "5", "null"))
                .append(",\"program\":").append(common("\"lung-rads-2022\"", "\"fleischner-2017\"", "null", "1"))
                .append(",\"asOf\":").append(common("\"2025-06-30\"", "\"2025-02-30\"", "\"2025-6-30\"", "null",
                        "\"2019-01-01\""))
                .append(",\"patient\":").append(common("{\"birthDate\":" + common("\"1955-03-01\"", "\"2026-01-01\"",
                        "null", "\"1955-02-29\"", "19550301") + ",\"sex\":" + common("\"" + pick("female", "male") + "\"",
                        "\"other\"", "null") + common(rng.nextInt(10) == 0 ? ",\"smoking\":{\"status\":\"former\","
                        + "\"packYears\":30,\"yearsSinceQuit\":2.5},\"riskFactors\":[\"immunocompromised\"],"
                        + "\"lungCancerRisk\":\"high\"" : "",
                        ",\"smoking\":{\"status\":\"current\",\"packYears\":-1}",
                        ",\"smoking\":{\"status\":\"sometimes\"}", ",\"smoking\":5", ",\"lungCancerRisk\":\"medium\"",
                        ",\"riskFactors\":[\"unknown\"]", ",\"riskFactors\":\"x\"", ",\"riskFactors\":[1]")
                        + "}", "null", "\"x\"", "{}"))
                .append(",\"exam\":{\"date\":").append(common("\"" + exam + "\"", "\"2025-07-01\"", "\"1950-01-01\"",
                        "null", "\"x\""))
                .append(",\"modality\":").append(common("\"LDCT\"", "\"XX\"", "null", "3"))
                .append(",\"kind\":").append(common("\"" + pick("baseline", "annual", "annual", "follow-up") + "\"",
                        "\"incidental\"", "\"yearly\"", "null"));
        if (rng.nextInt(4) > 0) {
            sb.append(",\"priorExamDate\":\"").append(exam.minusMonths(pick("6", "12", "12", "13").equals("13") ? 13
                    : rng.nextInt(12) + 1)).append('"');
        } else if (rng.nextInt(20) == 0) {
            sb.append(",\"priorExamDate\":\"").append(exam.plusDays(rng.nextInt(2))).append('"');
        }
        sb.append('}').append(common("", ",\"options\":{\"routineIntervalMonths\":12}",
                ",\"options\":{\"routineIntervalMonths\":0}", ",\"options\":{\"routineIntervalMonths\":1.5}",
                ",\"options\":{\"routineIntervalMonths\":1201}", ",\"options\":5", ",\"options\":null"));
        if (rng.nextInt(50) == 0) {
            sb.append(",\"findings\":").append(pick("\"x\"", "[1]", "[{\"kind\":5}]", "[{}]", "null", "[]")).append('}');
            return sb.toString();
        }
        sb.append(",\"findings\":[");
        int n = rng.nextInt(4);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(finding());
        }
        return sb.append("]}").toString();
    }

    @Test
    void typedPathGivesTheReferenceDecision() {
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            String json = lungCase(i);
            Decision reference = LUNG.evaluateReference(ScreeningCase.parse(json));
            ScreeningCase c = ScreeningCase.parse(json);
            Decision fast = LungRadsFast.evaluate(c, "lung-rads-2022");
            if (reference.isValid()) {
                valid++;
                // Every valid generated case is decided by the typed path (sizes of at most
                // four decimals, as generated), with the reference decision.
                assertNotNull(fast, json);
                assertEquals(reference.toJson(), fast.toJson(), json);
            } else {
                assertNull(fast, json); // errors are reported by the reference path only
            }
            assertEquals(reference.toJson(), LUNG.evaluate(c).toJson(), json);
            // The packed form's decision is the same value through every accessor.
            Decision viaLung = LUNG.evaluate(c);
            assertEquals(reference, viaLung, json);
            assertEquals(reference.hashCode(), viaLung.hashCode(), json);
            assertEquals(reference.dueDate(), viaLung.dueDate(), json);
            assertEquals(reference.dueDateLatest(), viaLung.dueDateLatest(), json);
            assertEquals(reference.recallMonthsMin(), viaLung.recallMonthsMin(), json);
            // A parsed case keeps its text instead of its tree when it has a packed form; a case
            // from parseAll keeps its tree: both give the same id, program and decisions, with
            // this programme and with another one (which reads the tree again).
            ScreeningCase withTree = ScreeningCase.parseAll("[" + json + "]", "t").get(0);
            assertEquals(withTree.id(), c.id(), json);
            assertEquals(withTree.program(), c.program(), json);
            assertEquals(LUNG.evaluateReference(withTree).toJson(), LUNG.evaluate(c).toJson(), json);
            if (i % 10 == 0) {
                assertEquals(FLEISCHNER.evaluate(withTree).toJson(), FLEISCHNER.evaluate(c).toJson(), json);
            }
            if (json.contains("\"program\":\"lung-rads-2022\"")) {
                assertEquals(reference.toJson(), Programmes.standard().evaluate(c).toJson(), json);
            }
            ScreeningCase later = c.withAsOf(LocalDate.of(2025, 7, 1));
            assertEquals(LUNG.evaluateReference(later).toJson(), LUNG.evaluate(later).toJson(), json);
            if (i % 50 == 0) {
                // As-of dates outside the packed range (years 0 to 9999) take the reference path.
                for (LocalDate far : new LocalDate[] {LocalDate.of(12_000, 1, 1), LocalDate.of(-5, 3, 1),
                    LocalDate.MAX}) {
                    ScreeningCase f = c.withAsOf(far);
                    assertEquals(LUNG.evaluateReference(f).toJson(), LUNG.evaluate(f).toJson(), json);
                }
            }
        }
        assertTrue(valid > 3_000, "valid cases: " + valid);
    }

    @Test
    void sizesWithManyDecimalsOrHugeValuesAgree() {
        String[] sizes = {"6.049999", "6.05", "5.95", "7.999", "7.95", "1e1", "6.0E0", "0.0000001", "123456789.95",
            "99999999999999999999", "8", "14.95", "15", "0"};
        for (String l : sizes) {
            for (String s : sizes) {
                String json = "{\"id\":\"S\",\"program\":\"lung-rads-2022\",\"asOf\":\"2025-06-30\",\"patient\":"
                        + "{\"birthDate\":\"1955-03-01\",\"sex\":\"male\"},\"exam\":{\"date\":\"2025-01-31\","
                        + "\"kind\":\"annual\"},\"findings\":[{\"kind\":\"lung-nodule\",\"composition\":\"part-solid\","
                        + "\"longAxisMm\":" + l + ",\"shortAxisMm\":" + s + ",\"solidComponentMm\":" + s
                        + ",\"status\":\"new\"},{\"kind\":\"lung-nodule\",\"composition\":\"solid\",\"meanDiameterMm\":"
                        + l + ",\"status\":\"new\"}]}";
                assertEquals(LUNG.evaluateReference(ScreeningCase.parse(json)).toJson(),
                        LUNG.evaluate(ScreeningCase.parse(json)).toJson(), json);
            }
        }
    }
}
