// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.screening.Decision;
import dev.aperture.screening.Programmes;
import dev.aperture.screening.ScreeningCase;
import dev.aperture.screening.Worklist;
import dev.aperture.screening.WorklistSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Screening rules throughput: evaluations per second of parsed cases per programme (and a mixed
 * set), validation included; parse + evaluate + write of one JSON case; and worklist throughput
 * (JSON Lines records per second, streaming, summary included).
 *
 * <p>Cases are synthetic with random sizes and dates (no ramps), seeded for repeatability:
 * 16,384 distinct parsed cases per trial by default ({@code -p distinct=...}), cycled. Evaluation remembers nothing about a
 * case, so every call validates and decides from the case's JSON tree.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'ScreeningBenchmark.(evaluate|parseEvaluateWrite)$' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * java -jar benchmarks/target/benchmarks.jar 'ScreeningBenchmark.worklist' -p programme=mixed -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScreeningBenchmark {
    static final int CASES = 16_384;
    private static final int WORKLIST_RECORDS = 10_000;

    /**
     * Distinct cases cycled by {@link #evaluate} and {@link #parseEvaluateWrite} (a power of two;
     * 16,384 by default, whose JSON trees do not fit in the CPU caches).
     */
    @Param({"16384"})
    public int distinct;

    /** The programme whose cases are evaluated, or {@code mixed} for all twelve. */
    @Param({"lung-rads-2022", "bi-rads-5", "uspstf-breast-2024", "uspstf-lung-2021", "fleischner-2017", "aaa-svs-2018",
        "uspstf-aaa-2019", "dxa-gourlay-2012", "uspstf-osteoporosis-2025", "c-rads-2005", "uspstf-colorectal-2021",
        "ti-rads-2017", "mixed"})
    public String programme;

    Programmes programmes;
    ScreeningCase[] cases;
    String[] lines;
    int next;
    int mask;

    @Setup(Level.Trial)
    public void setUp() {
        programmes = Programmes.standard();
        SplittableRandom rng = new SplittableRandom(20251128L);
        if (Integer.bitCount(distinct) != 1) {
            throw new IllegalArgumentException("distinct must be a power of two");
        }
        mask = distinct - 1;
        cases = new ScreeningCase[distinct];
        lines = new String[distinct];
        String[] ids = programmes.ids().toArray(new String[0]);
        for (int i = 0; i < distinct; i++) {
            String p = "mixed".equals(programme) ? ids[rng.nextInt(ids.length)] : programme;
            lines[i] = synthetic(rng, p, i);
            cases[i] = ScreeningCase.parse(lines[i]);
            if (!programmes.evaluate(cases[i]).isValid()) {
                throw new IllegalStateException("benchmark case is invalid: " + lines[i]);
            }
        }
    }

    /**
     * One evaluation of a parsed case (validation and decision; nothing is remembered from
     * earlier evaluations of the same case), cycling through {@link #distinct} distinct cases.
     */
    @Benchmark
    public Decision evaluate() {
        int i = next;
        next = (i + 1) & mask;
        return programmes.evaluate(cases[i]);
    }

    /** Parse one JSON case, evaluate it and write the decision JSON (what the CLI does per case). */
    @Benchmark
    public String parseEvaluateWrite() {
        int i = next;
        next = (i + 1) & mask;
        return programmes.evaluate(ScreeningCase.parse(lines[i])).toJson();
    }

    /** A mixed population of 10,000 JSON Lines records (independent of {@link #programme}). */
    @State(Scope.Benchmark)
    public static class Population {
        String text;
        Programmes programmes;

        @Setup(Level.Trial)
        public void setUp() {
            programmes = Programmes.standard();
            SplittableRandom rng = new SplittableRandom(20250630L);
            String[] ids = programmes.ids().toArray(new String[0]);
            StringBuilder sb = new StringBuilder(WORKLIST_RECORDS * 300);
            for (int i = 0; i < WORKLIST_RECORDS; i++) {
                sb.append(synthetic(rng, ids[rng.nextInt(ids.length)], i)).append('\n');
            }
            text = sb.toString();
        }
    }

    /**
     * Worklist over 10,000 JSON Lines records (mixed programmes, read, parsed, evaluated,
     * classified and summarised); the score is records per second. Run it alone with
     * {@code -p programme=mixed} (the parameter does not affect it).
     */
    @Benchmark
    @OperationsPerInvocation(WORKLIST_RECORDS)
    public WorklistSummary worklist(Population pop, Blackhole bh) throws IOException {
        return Worklist.of(pop.programmes, LocalDate.of(2025, 6, 30))
                .run(new BufferedReader(new StringReader(pop.text), 1 << 16), "bench", bh::consume);
    }

    private static String pick(SplittableRandom rng, String... options) {
        return options[rng.nextInt(options.length)];
    }

    private static String tenths(SplittableRandom rng, int min, int max) {
        int v = rng.nextInt(min, max + 1);
        return (v / 10) + "." + (v % 10);
    }

    /**
     * Typical Lung-RADS findings: mostly one or two solid nodules of 2 to 20 mm (mean diameter or
     * axes), new, stable or growing against a prior on follow-up exams (sometimes without a
     * status, then computed from the prior diameter), part-solid and non-solid now and then;
     * occasionally suspicious features (4X), a significant other finding (S), an infectious
     * finding or an incomplete exam (category 0).
     */
    static String lungFindings(SplittableRandom rng, boolean baseline) {
        StringBuilder f = new StringBuilder(256);
        int n = rng.nextInt(10) < 6 ? 1 : rng.nextInt(10) < 8 ? 2 : rng.nextInt(4);
        for (int k = 0; k < n; k++) {
            if (f.length() > 0) {
                f.append(',');
            }
            int c = rng.nextInt(20);
            String comp = c < 15 ? "solid" : c < 18 ? "part-solid" : "non-solid";
            int d = rng.nextInt(20, comp.equals("non-solid") ? 400 : 200); // tenths of a mm
            f.append("{\"kind\":\"lung-nodule\",\"composition\":\"").append(comp).append('"');
            if (rng.nextBoolean()) {
                f.append(",\"meanDiameterMm\":").append(d / 10).append('.').append(d % 10);
            } else {
                int spread = rng.nextInt(0, 20);
                int l = d + spread;
                int sh = Math.max(0, d - spread);
                f.append(",\"longAxisMm\":").append(l / 10).append('.').append(l % 10).append(",\"shortAxisMm\":")
                        .append(sh / 10).append('.').append(sh % 10);
            }
            if (comp.equals("part-solid")) {
                int s = rng.nextInt(0, Math.max(1, d - 20));
                f.append(",\"solidComponentMm\":").append(s / 10).append('.').append(s % 10);
            }
            if (!baseline) {
                int prior = Math.max(10, d - rng.nextInt(0, 30));
                int st = rng.nextInt(10);
                if (st < 3) {
                    f.append(",\"status\":\"new\"");
                } else if (st < 7) {
                    f.append(",\"status\":\"stable\",\"priorMeanDiameterMm\":").append(prior / 10).append('.')
                            .append(prior % 10).append(",\"priorCategory\":\"").append(pick(rng, "2", "2", "3", "4A"))
                            .append('"');
                } else if (st < 8) {
                    f.append(",\"status\":\"growing\"");
                } else {
                    // No status: growth computed from the prior diameter (within 12 months).
                    f.append(",\"priorMeanDiameterMm\":").append(prior / 10).append('.').append(prior % 10)
                            .append(",\"priorCategory\":\"2\"");
                }
            }
            if (rng.nextInt(30) == 0) {
                f.append(",\"suspiciousFeatures\":true");
            }
            if (rng.nextInt(40) == 0) {
                f.append(",\"benignCalcificationOrFat\":true");
            }
            f.append('}');
        }
        if (rng.nextInt(10) == 0) {
            f.append(f.length() > 0 ? "," : "").append("{\"kind\":\"significant-other\"}");
        }
        if (rng.nextInt(40) == 0) {
            f.append(f.length() > 0 ? "," : "").append("{\"kind\":\"infectious-inflammatory\"}");
        } else if (rng.nextInt(60) == 0) {
            f.append(f.length() > 0 ? "," : "").append("{\"kind\":\"incomplete\",\"reason\":\"")
                    .append(pick(rng, "prior-being-located", "lungs-not-evaluable")).append("\"}");
        }
        return f.toString();
    }

    /** A valid synthetic case of programme {@code p}. */
    static String synthetic(SplittableRandom rng, String p, int i) {
        LocalDate birth = LocalDate.ofEpochDay(rng.nextInt(-12_000, 7_000));
        LocalDate exam = LocalDate.ofEpochDay(rng.nextInt(17_000, 20_200));
        String sex = pick(rng, "female", "male");
        String findings = null;
        String exKind = "screening";
        String modality = "US";
        String extraPatient = "";
        switch (p) {
            case "bi-rads-5":
                findings = "{\"kind\":\"breast-assessment\",\"assessment\":\"" + pick(rng, "1", "1", "2", "2", "3", "0",
                        "4A") + "\",\"composition\":\"" + pick(rng, "a", "b", "c", "d") + "\"}";
                modality = "MG";
                break;
            case "lung-rads-2022": {
                exKind = pick(rng, "baseline", "annual", "annual", "annual", "follow-up");
                modality = "LDCT";
                findings = lungFindings(rng, "baseline".equals(exKind));
                break;
            }
            case "fleischner-2017":
                exKind = "incidental";
                modality = "CT";
                extraPatient = ",\"lungCancerRisk\":\"" + pick(rng, "low", "high") + "\"";
                findings = "{\"kind\":\"pulmonary-nodule\",\"composition\":\"" + pick(rng, "solid", "ground-glass",
                        "part-solid") + "\",\"meanDiameterMm\":" + tenths(rng, 20, 150) + ",\"multiplicity\":\""
                        + pick(rng, "single", "multiple") + "\"}";
                birth = LocalDate.ofEpochDay(rng.nextInt(-12_000, 0));
                break;
            case "aaa-svs-2018":
                findings = "{\"kind\":\"aorta\",\"maxDiameterCm\":" + tenths(rng, 18, 65) + "}";
                break;
            case "dxa-gourlay-2012":
                findings = "{\"kind\":\"bmd\",\"tScore\":-" + tenths(rng, 0, 35) + "}";
                modality = "DXA";
                break;
            case "c-rads-2005":
                findings = "{\"kind\":\"polyp\",\"sizeMm\":" + tenths(rng, 20, 140) + "}";
                modality = "CTC";
                break;
            case "ti-rads-2017":
                findings = "{\"kind\":\"thyroid-nodule\",\"composition\":\"solid\",\"echogenicity\":\""
                        + pick(rng, "isoechoic", "hypoechoic", "very-hypoechoic") + "\",\"shape\":\""
                        + pick(rng, "wider-than-tall", "taller-than-wide") + "\",\"margin\":\"" + pick(rng, "smooth",
                        "lobulated") + "\",\"echogenicFoci\":[\"" + pick(rng, "none", "punctate") + "\"],"
                        + "\"maxDiameterCm\":" + tenths(rng, 3, 30) + "}";
                break;
            case "uspstf-colorectal-2021":
                modality = pick(rng, "COLONOSCOPY", "FIT", "SDNA_FIT", "CTC");
                break;
            default:
                extraPatient = ",\"smoking\":{\"status\":\"" + pick(rng, "current", "former", "never")
                        + "\",\"packYears\":" + pick(rng, "10", "20", "35.5") + ",\"yearsSinceQuit\":"
                        + pick(rng, "3", "14.9", "20") + "}";
                break;
        }
        if (exam.isBefore(birth)) {
            exam = birth.plusYears(30);
        }
        LocalDate asOf = exam.plusDays(rng.nextInt(0, 400));
        StringBuilder sb = new StringBuilder(320).append("{\"id\":\"B").append(i).append("\",\"program\":\"").append(p)
                .append("\",\"asOf\":\"").append(asOf).append("\",\"patient\":{\"birthDate\":\"").append(birth)
                .append("\",\"sex\":\"").append(sex).append('"').append(extraPatient).append('}');
        sb.append(",\"exam\":{\"date\":\"").append(exam).append("\",\"modality\":\"").append(modality)
                .append("\",\"kind\":\"").append(exKind).append("\",\"priorExamDate\":\"")
                .append(exam.minusMonths(rng.nextInt(6, 13))).append("\"}");
        if (findings != null) {
            sb.append(",\"findings\":[").append(findings).append(']');
        }
        return sb.append('}').toString();
    }
}
