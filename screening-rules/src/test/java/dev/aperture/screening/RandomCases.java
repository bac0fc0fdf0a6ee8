// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import java.time.LocalDate;
import java.util.Random;

/** Seeded synthetic cases over all twelve programmes (invented data), as JSON text. */
final class RandomCases {
    private static final String[] PROGRAMMES = Programmes.standard().ids().toArray(new String[0]);
    private final Random rng;

    RandomCases(long seed) {
        this.rng = new Random(seed);
    }

    private String pick(String... options) {
        return options[rng.nextInt(options.length)];
    }

    private LocalDate date(LocalDate from, LocalDate to) {
        return from.plusDays(rng.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
    }

    private String tenths(int maxTenths) {
        int v = rng.nextInt(maxTenths + 1);
        return (v / 10) + "." + (v % 10);
    }

    /** One case; about one in twenty has a deliberate error. */
    String next(long i) {
        String program = PROGRAMMES[rng.nextInt(PROGRAMMES.length)];
        LocalDate birth = date(LocalDate.of(1935, 1, 1), LocalDate.of(1990, 12, 31));
        LocalDate exam = date(LocalDate.of(2016, 1, 1), LocalDate.of(2025, 6, 30));
        String sex = pick("female", "male");
        StringBuilder sb = new StringBuilder(320).append("{\"id\":\"R").append(i).append("\",\"program\":\"")
                .append(program).append("\",\"asOf\":\"2025-06-30\",\"patient\":{\"birthDate\":\"").append(birth)
                .append("\",\"sex\":\"").append(sex).append('"');
        String smokingStatus = pick("current", "former", "never");
        sb.append(",\"smoking\":{\"status\":\"").append(smokingStatus).append("\",\"packYears\":")
                .append(pick("0", "10", "20", "35.5")).append(",\"yearsSinceQuit\":").append(pick("1", "14.9", "15", "30"))
                .append("},\"lungCancerRisk\":\"").append(pick("low", "high")).append("\"}");
        String findings = null;
        String kind = "screening";
        String modality = "US";
        switch (program) {
            case "bi-rads-5":
                findings = "{\"kind\":\"breast-assessment\",\"assessment\":\"" + pick("0", "1", "2", "3", "4", "4A", "4B",
                        "4C", "5", "6") + "\",\"composition\":\"" + pick("a", "b", "c", "d") + "\"}";
                modality = "MG";
                break;
            case "lung-rads-2022": {
                kind = "baseline";
                String comp = pick("solid", "solid", "part-solid", "non-solid");
                String d = tenths(300);
                findings = "{\"kind\":\"lung-nodule\",\"composition\":\"" + comp + "\",\"meanDiameterMm\":" + d
                        + ("part-solid".equals(comp) ? ",\"solidComponentMm\":0.0" : "") + "}";
                modality = "LDCT";
                break;
            }
            case "fleischner-2017":
                kind = "incidental";
                findings = "{\"kind\":\"pulmonary-nodule\",\"composition\":\"" + pick("solid", "ground-glass", "part-solid")
                        + "\",\"meanDiameterMm\":" + tenths(150) + ",\"multiplicity\":\"" + pick("single", "multiple") + "\"}";
                modality = "CT";
                break;
            case "aaa-svs-2018":
                findings = "{\"kind\":\"aorta\",\"maxDiameterCm\":" + tenths(70) + "}";
                break;
            case "dxa-gourlay-2012":
                findings = "{\"kind\":\"bmd\",\"tScore\":-" + tenths(35) + "}";
                modality = "DXA";
                break;
            case "c-rads-2005":
                findings = "{\"kind\":\"polyp\",\"sizeMm\":" + pick("3", "6", "9.9", "10", "14") + "}";
                modality = "CTC";
                break;
            case "ti-rads-2017":
                findings = "{\"kind\":\"thyroid-nodule\",\"composition\":\"" + pick("cystic", "solid", "spongiform")
                        + "\",\"echogenicity\":\"" + pick("anechoic", "hypoechoic", "isoechoic") + "\",\"shape\":\""
                        + pick("wider-than-tall", "taller-than-wide") + "\",\"margin\":\"smooth\",\"echogenicFoci\":[],"
                        + "\"maxDiameterCm\":" + tenths(30) + "}";
                break;
            case "uspstf-colorectal-2021":
                modality = pick("COLONOSCOPY", "FIT", "SDNA_FIT", "CTC");
                break;
            default:
                break;
        }
        if (findings != null || rng.nextInt(4) > 0) {
            sb.append(",\"exam\":{\"date\":\"").append(rng.nextInt(20) == 0 ? "2025-13-01" : exam.toString())
                    .append("\",\"modality\":\"").append(modality).append("\",\"kind\":\"").append(kind).append("\"}");
        }
        if (findings != null) {
            sb.append(",\"findings\":[").append(findings).append(']');
        }
        return sb.append('}').toString();
    }
}
