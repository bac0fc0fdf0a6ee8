// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of screening programmes, looked up by id, optionally with site rules applied after each
 * programme's own decision.
 *
 * <p>{@link #standard()} holds the twelve built-in programmes of the screening-case contract, in
 * its order. Immutable and thread-safe: {@link #withSiteRules(SiteRules)} returns a new set.
 *
 * <pre>{@code
 * Programmes programmes = Programmes.standard();
 * Decision d = programmes.evaluate(ScreeningCase.parse(json));
 * Optional<LocalDate> due = d.dueDate();   // with d.action(), d.rationale(), d.errors()
 * }</pre>
 */
public final class Programmes {
    private static final Programmes STANDARD = new Programmes(builtIns(), SiteRules.none());

    private final Map<String, Programme> byId;
    private final SiteRules siteRules;

    private Programmes(Map<String, Programme> byId, SiteRules siteRules) {
        this.byId = byId;
        this.siteRules = siteRules;
    }

    /** @return the twelve built-in programmes, without site rules */
    public static Programmes standard() {
        return STANDARD;
    }

    private static Map<String, Programme> builtIns() {
        List<Programme> list = List.of(
                new Programme("bi-rads-5", "ACR BI-RADS Atlas, mammography", "5th edition (2013)",
                        "American College of Radiology, ACR BI-RADS Atlas, 5th ed., Reston VA, 2013",
                        BiRads.CITATION, new BiRads()),
                new Programme("uspstf-breast-2024", "USPSTF Breast Cancer: Screening", "2024-04-30",
                        "US Preventive Services Task Force, Final Recommendation Statement, Breast Cancer: Screening, 30 April 2024",
                        UspstfBreast.CITATION, new UspstfBreast()),
                new Programme("lung-rads-2022", "ACR Lung-RADS", "v2022 (November 2022)",
                        "American College of Radiology, Lung-RADS v2022; Christensen J et al., J Am Coll Radiol 2024;21(3):473-488",
                        LungRads.CITATION, new LungRads()),
                new Programme("uspstf-lung-2021", "USPSTF Lung Cancer: Screening", "2021-03-09",
                        "US Preventive Services Task Force, Final Recommendation Statement, Lung Cancer: Screening, 9 March 2021",
                        UspstfLung.CITATION, new UspstfLung()),
                new Programme("fleischner-2017", "Fleischner Society: incidental pulmonary nodules", "2017",
                        "MacMahon H et al., Guidelines for Management of Incidental Pulmonary Nodules Detected on CT Images: From the Fleischner Society 2017, Radiology 2017;284(1):228-243",
                        Fleischner.CITATION, new Fleischner()),
                new Programme("aaa-svs-2018", "SVS abdominal aortic aneurysm surveillance", "2018",
                        "Chaikof EL et al., The Society for Vascular Surgery practice guidelines on the care of patients with an abdominal aortic aneurysm, J Vasc Surg 2018;67(1):2-77",
                        AaaSvs.CITATION, new AaaSvs()),
                new Programme("uspstf-aaa-2019", "USPSTF Abdominal Aortic Aneurysm: Screening", "2019-12-10",
                        "US Preventive Services Task Force, Final Recommendation Statement, Abdominal Aortic Aneurysm: Screening, 10 December 2019",
                        UspstfAaa.CITATION, new UspstfAaa()),
                new Programme("dxa-gourlay-2012", "Bone density testing interval (Gourlay)", "2012",
                        "Gourlay ML et al., Bone-Density Testing Interval and Transition to Osteoporosis in Older Women, N Engl J Med 2012;366(3):225-233",
                        DxaGourlay.CITATION, new DxaGourlay()),
                new Programme("uspstf-osteoporosis-2025", "USPSTF Osteoporosis to Prevent Fractures: Screening", "2025-01-14",
                        "US Preventive Services Task Force, Final Recommendation Statement, Osteoporosis to Prevent Fractures: Screening, 14 January 2025",
                        UspstfOsteoporosis.CITATION, new UspstfOsteoporosis()),
                new Programme("c-rads-2005", "CT Colonography Reporting and Data System", "2005",
                        "Zalis ME et al., CT Colonography Reporting and Data System: A Consensus Proposal, Radiology 2005;236(1):3-9",
                        CRads.CITATION, new CRads()),
                new Programme("uspstf-colorectal-2021", "USPSTF Colorectal Cancer: Screening", "2021-05-18",
                        "US Preventive Services Task Force, Final Recommendation Statement, Colorectal Cancer: Screening, 18 May 2021",
                        UspstfColorectal.CITATION, new UspstfColorectal()),
                new Programme("ti-rads-2017", "ACR Thyroid Imaging Reporting and Data System", "2017 white paper",
                        "Tessler FN et al., ACR TI-RADS: White Paper of the ACR TI-RADS Committee, J Am Coll Radiol 2017;14(5):587-595",
                        TiRads.CITATION, new TiRads()));
        Map<String, Programme> m = new LinkedHashMap<>();
        for (Programme p : list) {
            m.put(p.id(), p);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Returns a copy that applies {@code rules} after each programme's decision.
     *
     * @param rules the site rules (replacing any set before)
     * @return the new set
     */
    public Programmes withSiteRules(SiteRules rules) {
        return new Programmes(byId, Objects.requireNonNull(rules, "rules"));
    }

    /** @return the site rules applied (empty rules for {@link #standard()}) */
    public SiteRules siteRules() {
        return siteRules;
    }

    /** @return the programmes, in contract order (unmodifiable) */
    public List<Programme> all() {
        return List.copyOf(byId.values());
    }

    /** @return the programme ids, in contract order (unmodifiable) */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * Looks up a programme.
     *
     * @param id the programme id
     * @return the programme, if known
     */
    public Optional<Programme> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Evaluates a case with the programme its {@code program} field names, then the site rules.
     * A case naming no known programme gives a decision with an error on {@code program} (and
     * any other common errors).
     *
     * @param c the case
     * @return the decision
     */
    public Decision evaluate(ScreeningCase c) {
        Objects.requireNonNull(c, "case");
        String pid = c.programId();
        Programme p = pid == null ? null : byId.get(pid);
        if (p == null) {
            CaseView v = new CaseView(c, null);
            return Decision.invalid(v.id, v.program, v.errors());
        }
        Decision d = p.evaluate(c);
        return siteRules.isEmpty() || !d.isValid() ? d : siteRules.apply(p, c, d);
    }
}
