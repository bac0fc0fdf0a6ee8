// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import static dev.aperture.screening.Cases.assertDecision;
import static dev.aperture.screening.Cases.assertErrors;
import static dev.aperture.screening.Cases.assertNoRecall;
import static dev.aperture.screening.Cases.assertRecall;
import static dev.aperture.screening.Cases.eval;
import static dev.aperture.screening.Cases.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ACR TI-RADS 2017 (GUIDELINES.md §14): points, levels, FNA and follow-up thresholds, schedule. */
class TiRadsTest {

    static Decision us(String comp, String echo, String shape, String margin, String foci, String cm, String extra) {
        return eval(json("ti-rads-2017", "2025-03-20", "{'birthDate':'1970-01-01','sex':'female'}",
                "{'date':'2025-01-31','modality':'US'}",
                "{'kind':'thyroid-nodule','composition':'" + comp + "','echogenicity':'" + echo + "','shape':'" + shape
                        + "','margin':'" + margin + "','echogenicFoci':[" + foci + "],'maxDiameterCm':" + cm + extra
                        + "}"));
    }

    /** TR3 = 3 points: solid (2) + isoechoic (1). */
    static Decision tr3(String cm, String extra) {
        return us("solid", "isoechoic", "wider-than-tall", "smooth", "", cm, extra);
    }

    /** TR4 = 4 points: solid (2) + hypoechoic (2). */
    static Decision tr4(String cm, String extra) {
        return us("solid", "hypoechoic", "wider-than-tall", "smooth", "", cm, extra);
    }

    /** TR5 = 7 points: solid (2) + hypoechoic (2) + taller-than-wide (3). */
    static Decision tr5(String cm, String extra) {
        return us("solid", "hypoechoic", "taller-than-wide", "smooth", "", cm, extra);
    }

    @Test
    void pointsAndLevels() {
        Decision d = us("cystic", "anechoic", "wider-than-tall", "smooth", "", "3.0", "");
        assertDecision(d, "TR1", Action.NO_FOLLOW_UP, "TI-TR1", "TI-NOFNA");
        assertEquals(0, d.score().getAsInt());
        // Spongiform: no points from any other feature.
        d = us("spongiform", "very-hypoechoic", "taller-than-wide", "extrathyroidal-extension", "'punctate'", "4", "");
        assertDecision(d, "TR1", Action.NO_FOLLOW_UP, "TI-TR1", "TI-NOFNA");
        d = us("mixed", "isoechoic", "wider-than-tall", "ill-defined", "'none'", "3.0", "");
        assertDecision(d, "TR2", Action.NO_FOLLOW_UP, "TI-TR2", "TI-NOFNA");
        assertEquals(2, d.score().getAsInt());
        assertEquals(3, tr3("1.0", "").score().getAsInt());
        assertEquals("TR3", tr3("1.0", "").category().orElseThrow());
        assertEquals("TR4", tr4("0.1", "").category().orElseThrow());
        // 6 points is still TR4: solid 2 + hypoechoic 2 + lobulated 2.
        d = us("solid", "hypoechoic", "wider-than-tall", "lobulated", "", "0.1", "");
        assertEquals(6, d.score().getAsInt());
        assertEquals("TR4", d.category().orElseThrow());
        d = tr5("0.1", "");
        assertEquals(7, d.score().getAsInt());
        assertEquals("TR5", d.category().orElseThrow());
        // Foci add up: indeterminate composition 2 + very-hypoechoic 3 + irregular 2 + macro 1 + peripheral 2 + punctate 3.
        d = us("indeterminate", "very-hypoechoic", "wider-than-tall", "irregular",
                "'macrocalcification','peripheral-calcification','punctate','large-comet-tail'", "0.1", "");
        assertEquals(13, d.score().getAsInt());
    }

    @Test
    void tr3Thresholds() {
        assertDecision(tr3("2.5", ""), "TR3", Action.TISSUE_SAMPLING, "TI-TR3", "TI-FNA");
        Decision d = tr3("2.49", "");
        assertDecision(d, "TR3", Action.SURVEILLANCE, "TI-TR3", "TI-SURV");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
        assertDecision(tr3("1.5", ""), "TR3", Action.SURVEILLANCE, "TI-TR3", "TI-SURV");
        d = tr3("1.49", "");
        assertDecision(d, "TR3", Action.NO_FOLLOW_UP, "TI-TR3", "TI-SMALL");
        assertNoRecall(d);
    }

    @Test
    void tr4Thresholds() {
        assertDecision(tr4("1.5", ""), "TR4", Action.TISSUE_SAMPLING, "TI-TR4", "TI-FNA");
        assertDecision(tr4("1.49", ""), "TR4", Action.SURVEILLANCE, "TI-TR4", "TI-SURV");
        assertDecision(tr4("1.0", ""), "TR4", Action.SURVEILLANCE, "TI-TR4", "TI-SURV");
        assertDecision(tr4("0.99", ""), "TR4", Action.NO_FOLLOW_UP, "TI-TR4", "TI-SMALL");
    }

    @Test
    void tr5Thresholds() {
        assertDecision(tr5("1.0", ""), "TR5", Action.TISSUE_SAMPLING, "TI-TR5", "TI-FNA");
        assertDecision(tr5("0.99", ""), "TR5", Action.SURVEILLANCE, "TI-TR5", "TI-SURV");
        assertDecision(tr5("0.5", ""), "TR5", Action.SURVEILLANCE, "TI-TR5", "TI-SURV");
        assertDecision(tr5("0.49", ""), "TR5", Action.NO_FOLLOW_UP, "TI-TR5", "TI-SMALL");
    }

    @Test
    void surveillanceSchedules() {
        // TR3 {1, 3, 5}
        assertRecall(tr3("2.0", ",'surveillanceYear':0"), 12, 12, "2026-01-31", "2026-01-31");
        assertRecall(tr3("2.0", ",'surveillanceYear':1"), 24, 24, "2027-01-31", "2027-01-31");
        assertRecall(tr3("2.0", ",'surveillanceYear':3"), 24, 24, "2027-01-31", "2027-01-31");
        assertDecision(tr3("2.0", ",'surveillanceYear':5"), "TR3", Action.NO_FOLLOW_UP, "TI-TR3", "TI-SURV-DONE");
        // TR4 {1, 2, 3, 5}
        assertRecall(tr4("1.2", ",'surveillanceYear':2"), 12, 12, "2026-01-31", "2026-01-31");
        assertRecall(tr4("1.2", ",'surveillanceYear':3"), 24, 24, "2027-01-31", "2027-01-31");
        assertDecision(tr4("1.2", ",'surveillanceYear':5"), "TR4", Action.NO_FOLLOW_UP, "TI-TR4", "TI-SURV-DONE");
        // TR5 yearly to 5 {1, 2, 3, 4, 5}, not 1, 2, 3, 5.
        assertRecall(tr5("0.7", ",'surveillanceYear':3"), 12, 12, "2026-01-31", "2026-01-31");
        assertRecall(tr5("0.7", ",'surveillanceYear':4"), 12, 12, "2026-01-31", "2026-01-31");
        assertDecision(tr5("0.7", ",'surveillanceYear':6"), "TR5", Action.NO_FOLLOW_UP, "TI-TR5", "TI-SURV-DONE");
        // Level increased within the follow-up band: 12 months.
        Decision d = tr3("2.0", ",'surveillanceYear':1,'levelIncreased':true");
        assertDecision(d, "TR3", Action.SURVEILLANCE, "TI-TR3", "TI-LEVELUP");
        assertRecall(d, 12, 12, "2026-01-31", "2026-01-31");
    }

    @Test
    void validation() {
        // mixed 1 + anechoic 0 = 1 point: no TI-RADS level has exactly 1.
        assertErrors(us("mixed", "anechoic", "wider-than-tall", "smooth", "", "1.0", ""), "findings[0]");
        assertErrors(us("solid", "bright", "wider-than-tall", "smooth", "", "1.0", ""), "findings[0].echogenicity");
        assertErrors(us("solid", "isoechoic", "wider-than-tall", "smooth", "'punctate','punctate'", "1.0", ""),
                "findings[0].echogenicFoci[1]");
        assertErrors(us("solid", "isoechoic", "wider-than-tall", "smooth", "", "-1", ""), "findings[0].maxDiameterCm");
        assertErrors(tr3("2.0", ",'surveillanceYear':-1"), "findings[0].surveillanceYear");
        assertErrors(tr3("2.0", ",'surveillanceYear':1.5"), "findings[0].surveillanceYear");
        assertErrors(eval(json("ti-rads-2017", "2025-03-20", "{'birthDate':'1970-01-01','sex':'female'}",
                "{'date':'2025-01-31'}", "{'kind':'thyroid-nodule','composition':'solid','echogenicity':'isoechoic',"
                        + "'shape':'wider-than-tall','margin':'smooth','maxDiameterCm':1}")),
                "findings[0].echogenicFoci");
    }
}
