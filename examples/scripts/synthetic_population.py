#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the synthetic screening population bundled with `aperture demo`.

Every record is invented (seeded random numbers); no real patient is behind any of them.
Usage: python3 synthetic_population.py N SEED > synthetic-population.jsonl
"""
import datetime
import json
import random
import sys


def date(rng, start, end):
    a = datetime.date.fromisoformat(start).toordinal()
    b = datetime.date.fromisoformat(end).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b)).isoformat()


def case(rng, i):
    program = rng.choice(["bi-rads-5", "uspstf-breast-2024", "lung-rads-2022", "uspstf-lung-2021",
                          "fleischner-2017", "aaa-svs-2018", "uspstf-aaa-2019", "dxa-gourlay-2012",
                          "uspstf-osteoporosis-2025", "c-rads-2005", "uspstf-colorectal-2021", "ti-rads-2017"])
    sex = rng.choice(["female", "male"])
    if program in ("bi-rads-5", "uspstf-breast-2024", "dxa-gourlay-2012", "uspstf-osteoporosis-2025"):
        sex = "female" if rng.random() < 0.95 else "male"
    birth = date(rng, "1935-01-01", "1990-12-31")
    exam_date = date(rng, "2015-01-01", "2025-06-30")
    while exam_date < birth:
        exam_date = date(rng, "2015-01-01", "2025-06-30")
    c = {"id": "P%06d" % i, "program": program,
         "patient": {"birthDate": birth, "sex": sex}}
    exam = {"date": exam_date}
    findings = []
    if program == "bi-rads-5":
        exam["modality"] = rng.choice(["MG", "DBT"])
        a = rng.choices(["0", "1", "2", "3", "4A", "4B", "5"], [8, 50, 30, 6, 3, 2, 1])[0]
        f = {"kind": "breast-assessment", "assessment": a, "composition": rng.choice("abcd")}
        if a == "3":
            f["probablyBenignMonth"] = rng.choice([0, 6, 12, 24])
        findings.append(f)
        c["options"] = {"routineIntervalMonths": rng.choice([12, 24])}
    elif program == "lung-rads-2022":
        exam.update({"modality": "LDCT", "kind": "baseline"})
        comp = rng.choices(["solid", "part-solid", "non-solid"], [7, 2, 1])[0]
        d = round(rng.uniform(2, 20), 1)
        n = {"kind": "lung-nodule", "composition": comp, "meanDiameterMm": d}
        if comp == "part-solid":
            n["solidComponentMm"] = round(rng.uniform(0, d), 1)
        findings.append(n)
    elif program == "fleischner-2017":
        exam.update({"modality": "CT", "kind": "incidental"})
        c["patient"]["lungCancerRisk"] = rng.choice(["low", "high"])
        findings.append({"kind": "pulmonary-nodule", "composition": rng.choice(["solid", "ground-glass", "part-solid"]),
                         "meanDiameterMm": round(rng.uniform(2, 14), 1), "multiplicity": rng.choice(["single", "multiple"])})
    elif program == "aaa-svs-2018":
        exam["modality"] = "US"
        findings.append({"kind": "aorta", "maxDiameterCm": round(rng.uniform(1.8, 6.0), 1)})
    elif program == "dxa-gourlay-2012":
        exam["modality"] = "DXA"
        findings.append({"kind": "bmd", "tScore": round(rng.uniform(-3.2, 1.0), 2)})
    elif program == "c-rads-2005":
        exam["modality"] = "CTC"
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            findings.append({"kind": "polyp", "sizeMm": rng.choice([3, 4, 5, 6, 7, 8, 9, 11, 14])})
    elif program == "ti-rads-2017":
        exam["modality"] = "US"
        findings.append({"kind": "thyroid-nodule", "composition": rng.choice(["cystic", "mixed", "solid"]),
                         "echogenicity": rng.choice(["anechoic", "isoechoic", "hypoechoic"]),
                         "shape": rng.choice(["wider-than-tall", "wider-than-tall", "taller-than-wide"]),
                         "margin": rng.choice(["smooth", "ill-defined", "lobulated"]),
                         "echogenicFoci": rng.choice([[], ["macrocalcification"], ["punctate"]]),
                         "maxDiameterCm": round(rng.uniform(0.3, 3.0), 1)})
    else:  # USPSTF eligibility programmes: the last screening exam, or none yet
        if program in ("uspstf-lung-2021", "uspstf-aaa-2019"):
            status = rng.choice(["current", "former", "never"])
            smoking = {"status": status, "packYears": rng.choice([0, 10, 20, 25, 40]) if status != "never" else 0}
            if status == "former":
                smoking["yearsSinceQuit"] = rng.choice([2, 8, 14.9, 15, 20])
            c["patient"]["smoking"] = smoking
        exam["modality"] = {"uspstf-breast-2024": "MG", "uspstf-lung-2021": "LDCT", "uspstf-aaa-2019": "US",
                            "uspstf-osteoporosis-2025": "DXA"}.get(program) or rng.choice(["COLONOSCOPY", "FIT", "CTC"])
        if rng.random() < 0.25:
            exam = None
    if exam is not None:
        c["exam"] = exam
    if findings:
        c["findings"] = findings
    return c


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20250630)
    for i in range(n):
        sys.stdout.write(json.dumps(case(rng, i), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
