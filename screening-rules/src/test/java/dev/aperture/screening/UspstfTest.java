// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.assertNoRecall;
import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.json;

import org.junit.jupiter.api.Test;

/**
 * The USPSTF eligibility programmes (GUIDELINES.md §4, §6, §9, §11, §13): one test per row, with
 * age boundaries on both sides of the birthday. As-of date is 2025-06-15 throughout.
 */
class UspstfTest {
    private static final String AS_OF = "2025-06-15";

    /** Birth date giving exactly {@code age} completed years on the as-of date (birthday that day). */
    static String bornAged(int age) {
        return (2025 - age) + "-06-15";
    }

    /** Birth date whose birthday for {@code age + 1} is the day after the as-of date. */
    static String dayBeforeBirthday(int nextAge) {
        return (2025 - nextAge) + "-06-16";
    }

    static String patient(String birth, String sex, String extra) {
        return "{'birthDate':'" + birth + "','sex':'" + sex + "'" + extra + "}";
    }

    static Decision breast(String birth, String sex, String extra, String exam) {
        return eval(json("uspstf-breast-2024", AS_OF, patient(birth, sex, extra), exam, null));
    }

    @Test
    void breastRows() {
        assertDecision(breast(bornAged(50), "male", "", null), null, Action.OUT_OF_SCOPE, "UB-OOS");
        for (String rf : new String[] {"high-risk-genetic", "chest-radiation-young-age", "prior-breast-cancer",
                "high-risk-breast-lesion"}) {
            assertDecision(breast(bornAged(50), "female", ",'riskFactors':['" + rf + "']", null), null,
                    Action.OUT_OF_SCOPE, "UB-OOS");
        }
        assertDecision(breast(dayBeforeBirthday(40), "female", "", null), null, Action.NOT_ELIGIBLE, "UB-U40");
        Decision d = breast(bornAged(40), "female", "", null);
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UB-B");
        assertRecall(d, 24, 24, AS_OF, AS_OF);
        d = breast(dayBeforeBirthday(75), "female", ",'riskFactors':['postmenopausal']",
                "{'date':'2024-02-29','modality':'MG'}");
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UB-B");
        assertRecall(d, 24, 24, "2026-02-28", "2026-02-28");
        d = breast(bornAged(75), "female", "", null);
        assertDecision(d, "I", Action.INDIVIDUAL_DECISION, "UB-I75");
        assertNoRecall(d);
    }

    @Test
    void leapDayBirthdayAdvancesOnFirstMarch() {
        // Born 29 Feb 1984: 40 on 29 Feb 2024 (a leap year), not the day before.
        String p = patient("1984-02-29", "female", "");
        Decision d = eval(json("uspstf-breast-2024", "2024-02-28", p, null, null));
        assertDecision(d, null, Action.NOT_ELIGIBLE, "UB-U40");
        d = eval(json("uspstf-breast-2024", "2024-02-29", p, null, null));
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UB-B");
        // Born 29 Feb 1980: in non-leap 2025 the 45th birthday falls on 1 March (Period.between).
        String p2 = patient("1980-02-29", "female", "");
        assertDecision(eval(json("uspstf-colorectal-2021", "2025-02-28", p2, null, null)), null,
                Action.NOT_ELIGIBLE, "UC-U45");
        assertDecision(eval(json("uspstf-colorectal-2021", "2025-03-01", p2, null, null)), "B",
                Action.ROUTINE_SCREENING, "UC-B");
    }

    static Decision lung(String birth, String smoking, String extra, String exam) {
        return eval(json("uspstf-lung-2021", AS_OF,
                patient(birth, "male", ",'smoking':" + smoking + extra), exam, null));
    }

    @Test
    void lungRows() {
        String current = "{'status':'current','packYears':20}";
        assertDecision(lung(dayBeforeBirthday(50), current, "", null), null, Action.NOT_ELIGIBLE, "UL-AGE");
        Decision d = lung(bornAged(50), current, "", null);
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UL-B");
        assertRecall(d, 12, 12, AS_OF, AS_OF);
        assertDecision(lung(dayBeforeBirthday(81), current, "", null), "B", Action.ROUTINE_SCREENING, "UL-B");
        assertDecision(lung(bornAged(81), current, "", null), null, Action.NOT_ELIGIBLE, "UL-AGE");
        assertDecision(lung(bornAged(60), "{'status':'never','packYears':0}", "", null), null, Action.NOT_ELIGIBLE,
                "UL-NEVER");
        assertDecision(lung(bornAged(60), "{'status':'never'}", "", null), null, Action.NOT_ELIGIBLE, "UL-NEVER");
        assertDecision(lung(bornAged(60), "{'status':'current','packYears':19.9}", "", null), null,
                Action.NOT_ELIGIBLE, "UL-PY");
        assertDecision(lung(bornAged(60), "{'status':'former','packYears':30,'yearsSinceQuit':14.9}", "", null), "B",
                Action.ROUTINE_SCREENING, "UL-B");
        assertDecision(lung(bornAged(60), "{'status':'former','packYears':30,'yearsSinceQuit':15.0}", "", null), null,
                Action.NO_FURTHER_SCREENING, "UL-QUIT");
        assertDecision(lung(bornAged(60), current, ",'riskFactors':['limited-life-expectancy']", null), null,
                Action.NO_FURTHER_SCREENING, "UL-LIFE");
        assertDecision(lung(bornAged(60), current, ",'riskFactors':['not-surgical-candidate']", null), null,
                Action.NO_FURTHER_SCREENING, "UL-LIFE");
        d = lung(bornAged(60), current, "", "{'date':'2025-01-31','modality':'LDCT'}");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
    }

    @Test
    void lungValidation() {
        assertErrors(lung(bornAged(60), "{'status':'current'}", "", null), "patient.smoking.packYears");
        assertErrors(lung(bornAged(60), "{'status':'former','packYears':30}", "", null),
                "patient.smoking.yearsSinceQuit");
        assertErrors(lung(bornAged(60), "{'status':'current','packYears':-1}", "", null), "patient.smoking.packYears");
        assertErrors(eval(json("uspstf-lung-2021", AS_OF, patient(bornAged(60), "male", ""), null, null)),
                "patient.smoking.status", "patient.smoking.packYears");
    }

    static Decision aaa(String birth, String sex, String smoking, String rf, String exam) {
        return eval(json("uspstf-aaa-2019", AS_OF,
                patient(birth, sex, ",'smoking':{'status':'" + smoking + "'}" + rf), exam, null));
    }

    @Test
    void aaaRows() {
        assertDecision(aaa(bornAged(70), "female", "never", "", null), "D", Action.NOT_ELIGIBLE, "UA-D");
        assertDecision(aaa(bornAged(50), "female", "never", "", null), "D", Action.NOT_ELIGIBLE, "UA-D");
        assertDecision(aaa(dayBeforeBirthday(65), "male", "former", "", null), null, Action.NOT_ELIGIBLE, "UA-AGE");
        Decision d = aaa(bornAged(65), "male", "former", "", null);
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UA-B");
        assertRecall(d, null, null, AS_OF, AS_OF);
        assertDecision(aaa(dayBeforeBirthday(76), "male", "current", "", null), "B", Action.ROUTINE_SCREENING, "UA-B");
        assertDecision(aaa(bornAged(76), "male", "current", "", null), null, Action.NOT_ELIGIBLE, "UA-AGE");
        d = aaa(bornAged(70), "male", "current", "", "{'date':'2021-03-01','modality':'US'}");
        assertDecision(d, "B", Action.NO_FURTHER_SCREENING, "UA-B-DONE");
        assertNoRecall(d);
        assertDecision(aaa(bornAged(70), "male", "never", "", null), "C", Action.INDIVIDUAL_DECISION, "UA-C");
        assertDecision(aaa(bornAged(70), "female", "former", "", null), "I", Action.INDIVIDUAL_DECISION, "UA-I");
        assertDecision(aaa(bornAged(70), "female", "never", ",'riskFactors':['family-history-aaa']", null), "I",
                Action.INDIVIDUAL_DECISION, "UA-I");
    }

    static Decision osteo(String birth, String sex, String rf, String exam) {
        return eval(json("uspstf-osteoporosis-2025", AS_OF, patient(birth, sex, rf), exam, null));
    }

    @Test
    void osteoporosisRows() {
        assertDecision(osteo(bornAged(70), "female", ",'riskFactors':['prior-fragility-fracture']", null), null,
                Action.OUT_OF_SCOPE, "UO-OOS");
        assertDecision(osteo(bornAged(70), "male", ",'riskFactors':['secondary-osteoporosis']", null), null,
                Action.OUT_OF_SCOPE, "UO-OOS");
        assertDecision(osteo(bornAged(70), "male", "", null), "I", Action.INDIVIDUAL_DECISION, "UO-M");
        Decision d = osteo(bornAged(65), "female", "", null);
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UO-65");
        assertRecall(d, null, null, AS_OF, AS_OF);
        d = osteo(bornAged(65), "female", "", "{'date':'2024-01-10','modality':'DXA'}");
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UO-65");
        assertNoRecall(d);
        assertDecision(osteo(dayBeforeBirthday(65), "female", ",'riskFactors':['postmenopausal','increased-fracture-risk']",
                null), "B", Action.ROUTINE_SCREENING, "UO-PM");
        assertDecision(osteo(dayBeforeBirthday(65), "female", ",'riskFactors':['postmenopausal']", null), null,
                Action.NOT_ELIGIBLE, "UO-NE");
        assertDecision(osteo(bornAged(50), "female", "", null), null, Action.NOT_ELIGIBLE, "UO-NE");
    }

    static Decision crc(String birth, String rf, String exam) {
        return eval(json("uspstf-colorectal-2021", AS_OF, patient(birth, "male", rf), exam, null));
    }

    @Test
    void colorectalRows() {
        for (String rf : new String[] {"prior-colorectal-cancer", "prior-adenomatous-polyps",
                "inflammatory-bowel-disease", "hereditary-crc-syndrome"}) {
            assertDecision(crc(bornAged(60), ",'riskFactors':['" + rf + "']", null), null, Action.OUT_OF_SCOPE,
                    "UC-OOS");
        }
        assertDecision(crc(dayBeforeBirthday(45), "", null), null, Action.NOT_ELIGIBLE, "UC-U45");
        Decision d = crc(bornAged(45), "", null);
        assertDecision(d, "B", Action.ROUTINE_SCREENING, "UC-B");
        assertRecall(d, null, null, AS_OF, AS_OF);
        assertDecision(crc(dayBeforeBirthday(50), "", null), "B", Action.ROUTINE_SCREENING, "UC-B");
        assertDecision(crc(bornAged(50), "", null), "A", Action.ROUTINE_SCREENING, "UC-A");
        assertDecision(crc(dayBeforeBirthday(76), "", null), "A", Action.ROUTINE_SCREENING, "UC-A");
        d = crc(bornAged(76), "", "{'date':'2020-01-31','modality':'COLONOSCOPY'}");
        assertDecision(d, "C", Action.INDIVIDUAL_DECISION, "UC-C");
        assertNoRecall(d);
        assertDecision(crc(dayBeforeBirthday(86), "", null), "C", Action.INDIVIDUAL_DECISION, "UC-C");
        assertDecision(crc(bornAged(86), "", null), null, Action.NOT_ELIGIBLE, "UC-O85");
    }

    @Test
    void colorectalIntervalsByModality() {
        String b = bornAged(60);
        assertRecall(crc(b, "", "{'date':'2024-01-31','modality':'CTC'}"), 60, 60, "2029-01-31", "2029-01-31");
        assertRecall(crc(b, "", "{'date':'2016-01-31','modality':'COLONOSCOPY'}"), 120, 120, "2026-01-31",
                "2026-01-31");
        assertRecall(crc(b, "", "{'date':'2024-01-31','modality':'FLEX_SIG'}"), 60, 60, "2029-01-31", "2029-01-31");
        assertRecall(crc(b, "", "{'date':'2024-01-31','modality':'FIT'}"), 12, 12, "2025-01-31", "2025-01-31");
        assertRecall(crc(b, "", "{'date':'2024-02-29','modality':'HSGFOBT'}"), 12, 12, "2025-02-28", "2025-02-28");
        assertRecall(crc(b, "", "{'date':'2024-01-31','modality':'SDNA_FIT'}"), 12, 36, "2025-01-31", "2027-01-31");
        assertErrors(crc(b, "", "{'date':'2024-01-31'}"), "exam.modality");
        assertErrors(crc(b, "", "{'date':'2024-01-31','modality':'MG'}"), "exam.modality");
        assertErrors(crc(b, "", "{'date':'2024-01-31','modality':'PET'}"), "exam.modality");
    }
}
