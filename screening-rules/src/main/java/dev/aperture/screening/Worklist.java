// SPDX-License-Identifier: Apache-2.0
package dev.aperture.screening;

import dev.aperture.screening.internal.json.JsonNode;
import dev.aperture.screening.internal.json.JsonReader;
import dev.aperture.screening.internal.json.JsonSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The recall worklist of a population at one as-of date: each patient's programme decision and
 * status (due, overdue by how many days, not yet due, not eligible), streamed record by record
 * so that memory does not grow with the population.
 *
 * <p>Population format: JSON Lines, one case object per line as in the screening-case contract
 * (the patient with their latest exam and findings, and a {@code program}); the case's own
 * {@code asOf} is ignored in favour of the worklist's. Blank lines are skipped. A line that is not
 * a JSON object becomes an {@link WorklistStatus#INVALID} entry; it does not stop the run.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called from several threads at once, each
 * with its own reader.
 */
public final class Worklist {
    private final Programmes programmes;
    private final LocalDate asOf;
    private final int graceDays;
    private final int threads;

    private Worklist(Programmes programmes, LocalDate asOf, int graceDays, int threads) {
        this.programmes = programmes;
        this.asOf = asOf;
        this.graceDays = graceDays;
        this.threads = threads;
    }

    /**
     * A worklist at {@code asOf} with no grace period, evaluating on the calling thread.
     *
     * @param programmes the programmes (and site rules) to evaluate with
     * @param asOf       the evaluation date
     * @return the worklist
     */
    public static Worklist of(Programmes programmes, LocalDate asOf) {
        return new Worklist(Objects.requireNonNull(programmes, "programmes"), Objects.requireNonNull(asOf, "asOf"), 0, 1);
    }

    /**
     * Returns a copy in which a recall becomes overdue only {@code days} after its latest due date.
     *
     * @param days the grace period in days, at least 0
     * @return the copy
     * @throws IllegalArgumentException if days is negative
     */
    public Worklist withGraceDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("grace days must be >= 0");
        }
        return new Worklist(programmes, asOf, days, threads);
    }

    /** @return the as-of date */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * Evaluates one patient at the worklist's date.
     *
     * @param c    the case (its own asOf is replaced)
     * @param line the record's line number, or 0
     * @return the entry
     */
    public WorklistEntry entry(ScreeningCase c, long line) {
        Decision d = programmes.evaluate(c.withAsOf(asOf));
        return classify(d, line);
    }

    private WorklistEntry classify(Decision d, long line) {
        if (!d.isValid()) {
            return new WorklistEntry(line, d, WorklistStatus.INVALID, 0);
        }
        Action a = d.action().orElseThrow();
        switch (a) {
            case NOT_ELIGIBLE:
            case OUT_OF_SCOPE:
            case NO_FURTHER_SCREENING:
            case NO_FOLLOW_UP:
                return new WorklistEntry(line, d, WorklistStatus.NOT_ELIGIBLE, 0);
            default:
                break;
        }
        LocalDate due = d.dueDate().orElse(null);
        if (due == null) {
            boolean actNow = a == Action.ADDITIONAL_IMAGING || a == Action.TISSUE_SAMPLING
                    || a == Action.DIAGNOSTIC_WORKUP || a == Action.COLONOSCOPY || a == Action.SPECIALIST_REFERRAL;
            return new WorklistEntry(line, d, actNow ? WorklistStatus.DUE : WorklistStatus.NO_SCHEDULE, 0);
        }
        if (asOf.isBefore(due)) {
            return new WorklistEntry(line, d, WorklistStatus.NOT_YET_DUE, 0);
        }
        LocalDate closes = d.dueDateLatest().orElse(due).plusDays(graceDays);
        if (!asOf.isAfter(closes)) {
            return new WorklistEntry(line, d, WorklistStatus.DUE, 0);
        }
        return new WorklistEntry(line, d, WorklistStatus.OVERDUE, ChronoUnit.DAYS.between(closes, asOf));
    }

    /**
     * Returns a copy that parses and evaluates records on {@code threads} worker threads (created
     * for each {@link #run} and stopped when it returns). Entries still reach the sink in input
     * order, on the calling thread; at most {@code 4 * threads} batches of
     * {@value #BATCH} records are in flight, so memory stays bounded.
     *
     * @param threads worker threads, at least 1 (1 = evaluate on the calling thread)
     * @return the copy
     * @throws IllegalArgumentException if threads is less than 1
     */
    public Worklist withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        return new Worklist(programmes, asOf, graceDays, threads);
    }

    /** Records per batch handed to a worker thread. */
    static final int BATCH = 1024;

    /**
     * Streams a JSON Lines population: evaluates each record, hands each entry to {@code sink} in
     * input order (on the calling thread), and returns the summary. Memory use is independent of
     * the number of records.
     *
     * @param in     the population, one case per line
     * @param source a name for the input, used in the error of an unreadable record
     * @param sink   receives every entry, in order
     * @return the summary
     * @throws IOException if reading fails
     */
    public WorklistSummary run(BufferedReader in, String source, Consumer<? super WorklistEntry> sink)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return run(in, sink, 0, (text, line) -> record(text, line, source));
    }

    /**
     * Streams a CSV population: the header line names each column by the JSON path of a case
     * field ({@code id}, {@code program}, {@code patient.birthDate}, {@code patient.sex},
     * {@code patient.riskFactors} (separated by {@code ;}), {@code exam.date},
     * {@code findings[0].kind}, {@code findings[0].maxDiameterCm}, ...); every other line is one
     * patient, an empty cell leaving the field out. Numbers stay exact decimals. Otherwise as
     * {@link #run(BufferedReader, String, Consumer)}.
     *
     * @param in     the population, CSV with a header line
     * @param source a name for the input, used in errors
     * @param sink   receives every entry, in order
     * @return the summary
     * @throws IOException               if reading fails
     * @throws ScreeningFormatException if the header is missing or names a path that is not a case field
     */
    public WorklistSummary runCsv(BufferedReader in, String source, Consumer<? super WorklistEntry> sink)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        String headerLine = in.readLine();
        if (headerLine == null) {
            throw new ScreeningFormatException(source, 1, 0, "", "missing CSV header line");
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
            headerLine = headerLine.substring(1);
        }
        PopulationCsv csv = PopulationCsv.header(headerLine, source);
        return run(in, sink, 1, (text, line) -> {
            try {
                return entry(csv.record(text, line, source), line);
            } catch (ScreeningFormatException e) {
                return unreadable(line, e.getMessage());
            }
        });
    }

    /** Turns one non-blank input line into an entry; never throws for bad input. */
    private interface LineEvaluator {
        WorklistEntry apply(String text, long line);
    }

    private WorklistSummary run(BufferedReader in, Consumer<? super WorklistEntry> sink, long firstLine,
                                LineEvaluator evaluator) throws IOException {
        WorklistSummary.Accumulator acc = new WorklistSummary.Accumulator();
        if (threads == 1) {
            String text;
            long line = firstLine;
            while ((text = in.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    WorklistEntry e = evaluator.apply(text, line);
                    acc.add(e);
                    sink.accept(e);
                }
            }
            return acc.build();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "aperture-worklist");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<WorklistEntry[]>> inFlight = new ArrayDeque<>();
            int maxInFlight = 4 * threads;
            long line = firstLine;
            boolean eof = false;
            while (!eof) {
                String[] texts = new String[BATCH];
                long[] lines = new long[BATCH];
                int n = 0;
                while (n < BATCH) {
                    String text = in.readLine();
                    if (text == null) {
                        eof = true;
                        break;
                    }
                    line++;
                    if (!text.isBlank()) {
                        texts[n] = text;
                        lines[n++] = line;
                    }
                }
                if (n > 0) {
                    final int count = n;
                    inFlight.add(pool.submit(() -> {
                        WorklistEntry[] out = new WorklistEntry[count];
                        for (int i = 0; i < count; i++) {
                            out[i] = evaluator.apply(texts[i], lines[i]);
                        }
                        return out;
                    }));
                }
                while (inFlight.size() >= maxInFlight || (eof && !inFlight.isEmpty())) {
                    for (WorklistEntry e : await(inFlight.poll())) {
                        acc.add(e);
                        sink.accept(e);
                    }
                }
            }
            return acc.build();
        } finally {
            pool.shutdownNow();
        }
    }

    private static WorklistEntry[] await(Future<WorklistEntry[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("worklist interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** One JSON Lines record to an entry (never throws for bad input). */
    private WorklistEntry record(String text, long line, String source) {
        try {
            JsonNode n = JsonReader.parseShared(text, (int) Math.min(line, Integer.MAX_VALUE));
            if (!n.isObject()) {
                return unreadable(line, source + ":" + line + ": record is not a JSON object");
            }
            return entry(ScreeningCase.ofNode(n), line);
        } catch (JsonSyntaxException ex) {
            return unreadable(line, source + ":" + line + ":" + ex.column() + ": " + ex.reason());
        }
    }

    private static WorklistEntry unreadable(long line, String reason) {
        return new WorklistEntry(line, Decision.invalid(null, null, List.of(new FieldError("(record)", reason))),
                WorklistStatus.INVALID, 0);
    }

    @Override
    public String toString() {
        return "Worklist[asOf " + asOf + ", grace " + graceDays + " days, " + threads + " threads]";
    }
}
