// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Site rule tables: loading, validation errors with file/line/field, and application. */
class SiteRulesTest {
    static final String DENSE = """
            {
              "format": "aperture-site-rules",
              "formatVersion": 1,
              "site": "Example Breast Centre",
              "version": "2025.1",
              "rules": [
                {
                  "id": "SITE-DENSE-ANNUAL",
                  "program": "bi-rads-5",
                  "when": {"category": ["1", "2"], "secondaryCategory": ["c", "d"]},
                  "then": {"action": "ROUTINE_SCREENING", "recallMonths": 12}
                },
                {
                  "id": "SITE-USPSTF-FAMILY",
                  "program": "uspstf-aaa-2019",
                  "when": {"firedRule": ["UA-I"], "riskFactor": ["family-history-aaa"], "minAge": 65, "maxAge": 75},
                  "then": {"action": "ROUTINE_SCREENING", "recallMonths": null, "discretionary": true}
                },
                {
                  "id": "SITE-FLEISCHNER-RANGE",
                  "program": "fleischner-2017",
                  "when": {"action": ["SURVEILLANCE"], "sex": "female"},
                  "then": {"recallMonthsMin": 3, "recallMonthsMax": 9, "alsoConsider": ["PET_CT"]}
                }
              ]
            }
            """;

    static Programmes site() {
        return Programmes.standard().withSiteRules(SiteRules.parse(DENSE, "site.json", Programmes.standard()));
    }

    static Decision mg(Programmes p, String assessment, String composition) {
        return p.evaluate(ScreeningCase.parse(q(Cases.json("bi-rads-5", "2025-03-20",
                "{'birthDate':'1966-11-02','sex':'female'}", "{'date':'2025-01-31'}",
                "{'kind':'breast-assessment','assessment':'" + assessment + "','composition':'" + composition + "'}"))
                .replace("}]}", "}],\"options\":{\"routineIntervalMonths\":24}}")));
    }

    @Test
    void denseBreastsGetAnnualMammography() {
        SiteRules rules = site().siteRules();
        assertEquals("Example Breast Centre", rules.site());
        assertEquals("2025.1", rules.version());
        assertEquals(List.of("SITE-DENSE-ANNUAL", "SITE-USPSTF-FAMILY", "SITE-FLEISCHNER-RANGE"), rules.ruleIds());
        Decision d = mg(site(), "2", "d");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        assertEquals(List.of("BR-2", "SITE-DENSE-ANNUAL"), Cases.rules(d));
        assertEquals("Example Breast Centre site rules 2025.1", d.rationale().get(1).citation());
        // Not dense, or not category 1/2: the programme's decision stands.
        assertRecall(mg(site(), "2", "b"), 24, 24, "2027-01-31", "2027-01-31");
        assertEquals(mg(Programmes.standard(), "3", "d"), mg(site(), "3", "d"));
    }

    @Test
    void conditionsOnRulesRiskFactorsAgeAndSex() {
        String patient = "{'birthDate':'1955-01-01','sex':'female','smoking':{'status':'never'},"
                + "'riskFactors':['family-history-aaa']}";
        Decision d = site().evaluate(ScreeningCase.parse(q(Cases.json("uspstf-aaa-2019", "2025-03-20", patient, null, null))));
        assertEquals(Action.ROUTINE_SCREENING, d.action().orElseThrow());
        assertTrue(d.discretionary());
        assertRecall(d, null, null, null, null);
        // Aged 76 the rule's maxAge does not match (and the programme says NOT_ELIGIBLE anyway).
        String older = patient.replace("1955-01-01", "1948-01-01");
        d = site().evaluate(ScreeningCase.parse(q(Cases.json("uspstf-aaa-2019", "2025-03-20", older, null, null))));
        assertEquals(Action.NOT_ELIGIBLE, d.action().orElseThrow());

        String fl = Cases.json("fleischner-2017", "2025-03-20", "{'birthDate':'1966-11-02','sex':'SEX','lungCancerRisk':'low'}",
                "{'date':'2025-03-15','kind':'incidental'}",
                "{'kind':'pulmonary-nodule','composition':'solid','meanDiameterMm':7,'multiplicity':'single'}");
        d = site().evaluate(ScreeningCase.parse(q(fl.replace("SEX", "female"))));
        assertRecall(d, 3, 9, "2025-06-15", "2025-12-15");
        assertEquals(List.of(Action.PET_CT), d.alsoConsider());
        d = site().evaluate(ScreeningCase.parse(q(fl.replace("SEX", "male"))));
        assertRecall(d, 6, 12, "2025-09-15", "2026-03-15");
    }

    @Test
    void invalidCasesAreNotTouched() {
        Decision d = site().evaluate(ScreeningCase.parse("{\"program\":\"bi-rads-5\"}"));
        assertTrue(!d.isValid() && d.rationale().isEmpty());
    }

    static ScreeningFormatException bad(String json) {
        return assertThrows(ScreeningFormatException.class,
                () -> SiteRules.parse(json, "rules.json", Programmes.standard()));
    }

    @Test
    void validationNamesFileLineAndField() {
        ScreeningFormatException e = bad(DENSE.replace("\"recallMonths\": 12", "\"recallMonths\": 0"));
        assertEquals("rules.json", e.source());
        assertEquals(11, e.line());
        assertEquals("rules[0].then.recallMonths", e.field());
        assertTrue(e.getMessage().startsWith("rules.json:11:"), e.getMessage());

        e = bad(DENSE.replace("\"program\": \"bi-rads-5\"", "\"program\": \"bi-rads-4\""));
        assertEquals("rules[0].program", e.field());
        assertEquals(9, e.line());
        e = bad(DENSE.replace("\"secondaryCategory\": [", "\"density\": ["));
        assertEquals("rules[0].when.density", e.field());
        e = bad(DENSE.replace("\"action\": \"ROUTINE_SCREENING\"", "\"action\": \"ANNUAL\""));
        assertEquals("rules[0].then.action", e.field());
        e = bad(DENSE.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        assertEquals("formatVersion", e.field());
        e = bad(DENSE.replace("aperture-site-rules", "other"));
        assertEquals("format", e.field());
        e = bad(DENSE.replace("SITE-USPSTF-FAMILY", "SITE-DENSE-ANNUAL"));
        assertEquals("rules[1].id", e.field());
        e = bad(DENSE.replace("\"family-history-aaa\"", "\"family-history\""));
        assertEquals("rules[1].when.riskFactor[0]", e.field());
        e = bad(DENSE.replace("\"recallMonthsMax\": 9", "\"recallMonthsMax\": 2"));
        assertEquals("rules[2].then.recallMonthsMax", e.field());
        e = bad(DENSE.replace(", \"recallMonthsMax\": 9", ""));
        assertEquals("rules[2].then.recallMonthsMax", e.field());
        e = bad(DENSE.replace("\"site\": \"Example Breast Centre\",", ""));
        assertEquals("site", e.field());
        e = bad(DENSE.replace("\"minAge\": 65", "\"minAge\": 65.5"));
        assertEquals("rules[1].when.minAge", e.field());
        e = bad("{\"format\": \"aperture-site-rules\",\n \"rules\": [}");
        assertEquals(2, e.line());
        assertEquals("", e.field());
    }
}
