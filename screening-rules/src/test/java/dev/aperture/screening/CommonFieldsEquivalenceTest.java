// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reading of the common fields ({@link CommonFields}, behind {@code CaseView.of})
 * gives every programme exactly the decision of the validating {@code CaseView} constructor, and
 * declines every case whose common fields have an error: seeded random cases of all twelve
 * programmes (invented data), with common fields replaced by invalid, null or unusual values.
 */
class CommonFieldsEquivalenceTest {
    /** Replacements applied to the JSON text of a case: valid variants and errors. */
    private static final String[][] MUTATIONS = {
        {"\"asOf\":\"2025-06-30\"", "\"asOf\":\"2025-02-30\""},
        {"\"asOf\":\"2025-06-30\"", "\"asOf\":null"},
        {"\"asOf\":\"2025-06-30\"", "\"asOf\":\"2012-01-01\""},
        {"\"sex\":\"female\"", "\"sex\":\"f\""},
        {"\"sex\":\"male\"", "\"sex\":null"},
        {"\"id\":\"R", "\"id\":\"\",\"x\":\"R"},
        {"\"program\":\"", "\"program\":null,\"y\":\""},
        {"\"birthDate\":\"19", "\"birthDate\":\"29"},
        {"\"packYears\":", "\"packYears\":-"},
        {"\"packYears\":", "\"packYears\":null,\"z\":"},
        {"\"status\":\"current\"", "\"status\":\"sometimes\""},
        {"\"status\":\"former\"", "\"status\":null"},
        {"\"smoking\":{", "\"riskFactors\":[\"postmenopausal\",\"family-history-aaa\"],\"smoking\":{"},
        {"\"smoking\":{", "\"riskFactors\":[\"postmenopausal\",\"nonsense\"],\"smoking\":{"},
        {"\"smoking\":{", "\"riskFactors\":\"postmenopausal\",\"smoking\":{"},
        {"\"smoking\":{", "\"lungCancerRisk\":\"medium\",\"smoking\":{"},
        {"\"smoking\":{", "\"lungCancerRisk\":null,\"smoking\":{"},
        {"\"exam\":{", "\"options\":{\"routineIntervalMonths\":12.0},\"exam\":{"},
        {"\"exam\":{", "\"options\":{\"routineIntervalMonths\":0},\"exam\":{"},
        {"\"exam\":{", "\"options\":{\"routineIntervalMonths\":2.5},\"exam\":{"},
        {"\"exam\":{", "\"options\":[],\"exam\":{"},
        {"\"exam\":{", "\"exam\":{\"priorExamDate\":\"2030-01-01\","},
        {"\"exam\":{", "\"exam\":{\"modality\":\"XRAY\","},
        {"\"exam\":{", "\"exam\":{\"kind\":5,"},
        {"\"exam\":{", "\"exam\":{\"kind\":null,"},
        {"\"findings\":[", "\"findings\":[5,"},
        {"\"findings\":[", "\"findings\":[{\"kind\":null},"},
        {"\"date\":\"20", "\"date\":\"30"},
        {"\"date\":\"20", "\"date\":null,\"w\":\"20"},
    };

    @Test
    void oneSweepGivesTheValidatingDecisionForEveryProgramme() {
        RandomCases gen = new RandomCases(20251128L);
        Random rng = new Random(7);
        Programmes all = Programmes.standard();
        int valid = 0;
        for (int i = 0; i < 12_000; i++) {
            String json = gen.next(i);
            if (rng.nextInt(3) == 0) {
                String[] m = MUTATIONS[rng.nextInt(MUTATIONS.length)];
                json = json.replaceFirst(java.util.regex.Pattern.quote(m[0]),
                        java.util.regex.Matcher.quoteReplacement(m[1]));
            }
            ScreeningCase c;
            try {
                c = ScreeningCase.parse(json);
            } catch (ScreeningFormatException e) {
                continue; // a mutation that repeats a member name
            }
            String program = c.program().orElse("bi-rads-5");
            Programme p = all.get(program).orElse(all.get("bi-rads-5").orElseThrow());
            Decision reference = p.evaluateReference(c);
            assertEquals(reference.toJson(), p.evaluate(c).toJson(), json);
            // The one-pass reading accepts exactly the cases whose common fields are valid (the
            // validating constructor records only common errors; programmes add theirs later).
            assertEquals(!new CaseView(c, p.id()).hasErrors(), CommonFields.read(c, p.id()) != null, json);
            if (reference.isValid()) {
                valid++;
            }
        }
        assertTrue(valid > 5_000, "valid: " + valid);
    }
}
