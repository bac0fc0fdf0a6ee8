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
 * Screening rules throughput: evaluations per second of already-parsed (and already validated)
 * cases per programme (and a mixed set), first evaluation of a parsed case (validation included),
 * parse + evaluate of one JSON case, and worklist throughput (JSON Lines records per
 * second, streaming, summary included).
 *
 * <p>Cases are synthetic with random sizes and dates (no ramps), seeded for repeatability.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'ScreeningBenchmark.(evaluate|validateEvaluate|parse)' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
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
    private static final int CASES = 1024;
    private static final int WORKLIST_RECORDS = 10_000;

    /** The programme whose cases are evaluated, or {@code mixed} for all twelve. */
    @Param({"lung-rads-2022", "fleischner-2017", "bi-rads-5", "uspstf-breast-2024", "ti-rads-2017", "mixed"})
    public String programme;

    Programmes programmes;
    ScreeningCase[] cases;
    LocalDate[] asOf;
    String[] lines;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        programmes = Programmes.standard();
        SplittableRandom rng = new SplittableRandom(20251128L);
        cases = new ScreeningCase[CASES];
        asOf = new LocalDate[CASES];
        lines = new String[CASES];
        String[] ids = programmes.ids().toArray(new String[0]);
        for (int i = 0; i < CASES; i++) {
            String p = "mixed".equals(programme) ? ids[rng.nextInt(ids.length)] : programme;
            lines[i] = synthetic(rng, p, i);
            cases[i] = ScreeningCase.parse(lines[i]);
            asOf[i] = LocalDate.parse(lines[i].substring(lines[i].indexOf("\"asOf\":\"") + 8).substring(0, 10));
            if (!programmes.evaluate(cases[i]).isValid()) {
                throw new IllegalStateException("benchmark case is invalid: " + lines[i]);
            }
        }
    }

    /**
     * One evaluation of an already-parsed case that has been evaluated before (validated once:
     * programmes with a typed form, Lung-RADS so far, decide from it without the JSON tree; the
     * set-up and the warm-up evaluate every case at least twice).
     */
    @Benchmark
    public Decision evaluate() {
        int i = next;
        next = (i + 1) & (CASES - 1);
        return programmes.evaluate(cases[i]);
    }

    /**
     * First evaluation of an already-parsed case: validation and decision from the JSON tree
     * ({@code withAsOf} gives a case that has not been evaluated before, as in a worklist).
     */
    @Benchmark
    public Decision validateEvaluate() {
        int i = next;
        next = (i + 1) & (CASES - 1);
        return programmes.evaluate(cases[i].withAsOf(asOf[i]));
    }

    /** Parse one JSON case, evaluate it and write the decision JSON (what the CLI does per case). */
    @Benchmark
    public String parseEvaluateWrite() {
        int i = next;
        next = (i + 1) & (CASES - 1);
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
                // Typical annual screens: one or two solid nodules, new or stable against a prior.
                exKind = "annual";
                modality = "LDCT";
                StringBuilder f = new StringBuilder();
                int n = 1 + rng.nextInt(2);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        f.append(',');
                    }
                    boolean stable = rng.nextBoolean();
                    f.append("{\"kind\":\"lung-nodule\",\"composition\":\"").append(pick(rng, "solid", "solid", "solid",
                            "part-solid", "non-solid")).append("\",\"longAxisMm\":").append(tenths(rng, 30, 120))
                            .append(",\"shortAxisMm\":").append(tenths(rng, 20, 30)).append(",\"solidComponentMm\":")
                            .append(tenths(rng, 0, 20)).append(",\"status\":\"").append(stable ? "stable" : "new")
                            .append('"');
                    if (stable) {
                        f.append(",\"priorCategory\":\"").append(pick(rng, "2", "3", "4A")).append('"');
                    }
                    f.append('}');
                }
                findings = f.toString();
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
                .append("\",\"kind\":\"").append(exKind).append("\",\"priorExamDate\":\"").append(exam.minusMonths(12))
                .append("\"}");
        if (findings != null) {
            sb.append(",\"findings\":[").append(findings).append(']');
        }
        return sb.append('}').toString();
    }
}
