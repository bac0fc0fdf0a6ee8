// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The typed Lung-RADS form ({@link LungRadsCase}) gives exactly the decision of the reference
 * path (validation and tables read from the JSON tree), on the first evaluation of a case and on
 * every later one, over seeded random cases that cover every finding kind, status, prior
 * category, flag and exam kind (invented data; invalid combinations included).
 */
class PreparedCaseEquivalenceTest {
    private static final Programme LUNG = Programmes.standard().get("lung-rads-2022").orElseThrow();

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

    private String lungCase(int i) {
        LocalDate exam = LocalDate.ofEpochDay(17_000 + rng.nextInt(3_000));
        StringBuilder sb = new StringBuilder(512).append("{\"id\":\"E").append(i)
                .append("\",\"program\":\"lung-rads-2022\",\"asOf\":\"2025-06-30\",")
                .append("\"patient\":{\"birthDate\":\"1955-03-01\",\"sex\":\"").append(pick("female", "male"))
                .append("\"},\"exam\":{\"date\":\"").append(exam).append("\",\"modality\":\"LDCT\",\"kind\":\"")
                .append(pick("baseline", "annual", "annual", "follow-up")).append('"');
        if (rng.nextInt(4) > 0) {
            sb.append(",\"priorExamDate\":\"").append(exam.minusMonths(pick("6", "12", "12", "13").equals("13") ? 13
                    : rng.nextInt(12) + 1)).append('"');
        }
        sb.append("},\"findings\":[");
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
    void typedFormGivesTheReferenceDecisionOnEveryEvaluation() {
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            String json = lungCase(i);
            Decision reference = LUNG.evaluateReference(ScreeningCase.parse(json));
            ScreeningCase c = ScreeningCase.parse(json);
            Decision first = LUNG.evaluate(c);
            assertEquals(reference.toJson(), first.toJson(), json);
            // The second evaluation builds the typed form, later ones decide from it alone.
            assertEquals(reference.toJson(), LUNG.evaluate(c).toJson(), json);
            if (first.isValid()) {
                valid++;
                assertTrue(c.prepared() instanceof LungRadsCase, json);
            }
            assertEquals(reference.toJson(), LUNG.evaluate(c).toJson(), json);
            assertEquals(reference.toJson(), Programmes.standard().evaluate(c).toJson(), json);
        }
        assertTrue(valid > 5_000, "valid cases: " + valid);
    }

    @Test
    void typedFormIsKeptPerCaseAndReused() {
        ScreeningCase c = ScreeningCase.parse(lungCaseValid());
        Decision d = LUNG.evaluate(c);
        assertTrue(d.isValid());
        assertSame(LUNG, c.prepared()); // evaluated once: remembered, no typed form yet
        assertEquals(d.toJson(), LUNG.evaluate(c).toJson());
        PreparedCase p = (PreparedCase) c.prepared();
        assertSame(LUNG, p.programme);
        assertEquals(d.toJson(), LUNG.evaluate(c).toJson());
        assertSame(p, c.prepared());
        // A case with another as-of date is a new case: validated again.
        ScreeningCase later = c.withAsOf(LocalDate.of(2025, 7, 1));
        assertEquals(null, later.prepared());
        assertEquals(d.toJson(), LUNG.evaluate(later).toJson());
        // Worklists evaluate each case once and remember nothing.
        ScreeningCase once = c.withAsOf(LocalDate.of(2025, 7, 2));
        assertEquals(d.toJson(), Programmes.standard().evaluate(once, false).toJson());
        assertEquals(null, once.prepared());
    }

    private static String lungCaseValid() {
        return "{\"id\":\"V1\",\"program\":\"lung-rads-2022\",\"asOf\":\"2025-06-30\",\"patient\":{\"birthDate\":"
                + "\"1955-03-01\",\"sex\":\"male\"},\"exam\":{\"date\":\"2025-01-15\",\"modality\":\"LDCT\",\"kind\":"
                + "\"annual\"},\"findings\":[{\"kind\":\"lung-nodule\",\"composition\":\"solid\",\"meanDiameterMm\":"
                + "7.25,\"status\":\"new\"}]}";
    }
}
