// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.screening.Decision;
import dev.aperture.screening.Programmes;
import dev.aperture.screening.Worklist;
import dev.aperture.screening.WorklistEntry;
import dev.aperture.screening.WorklistSummary;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aperture screening worklist POP --as-of DATE [--format csv|json]}: the recall list of a
 * JSON Lines population, streamed; the summary goes to stderr (or alone to stdout with
 * {@code --summary-only}).
 */
@Command(name = "worklist", description = "Recall worklist of a JSON Lines population at a date.")
final class ScreeningWorklistCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { csv, json }

    /** Population formats. */
    enum Input { jsonl, csv }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POP",
            description = "Population: JSON Lines (one case per line) or CSV (header of case field paths).")
    Path file;

    @Option(names = "--input", paramLabel = "jsonl|csv", description = "Population format (default: csv for *.csv, else jsonl).")
    Input input;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "Evaluation date (yyyy-MM-dd).")
    String asOfText;

    @Option(names = "--format", paramLabel = "csv|json", description = "Row format (default csv; json = JSON Lines).")
    Format format = Format.csv;

    @Option(names = "--grace-days", paramLabel = "N", description = "Days after the latest due date before a recall is overdue (default 0).")
    int graceDays;

    @Option(names = "--site-rules", paramLabel = "RULES.json", description = "Apply a site rule table after each programme.")
    Path siteRules;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--summary-only", description = "Print only the summary JSON on stdout.")
    boolean summaryOnly;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(asOfText);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--as-of must be a date yyyy-MM-dd");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1");
        }
        if (graceDays < 0) {
            throw new ParameterException(spec.commandLine(), "--grace-days must be >= 0");
        }
        Programmes programmes = ScreeningCommand.programmes(siteRules);
        Worklist worklist = Worklist.of(programmes, asOf).withGraceDays(graceDays).withThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long size = Files.size(file);
        boolean showProgress = progress || (stderrIsTerminal() && size > (8L << 20));
        Progress bar = new Progress(err, size, showProgress);
        StringBuilder buf = new StringBuilder(1 << 16);
        if (!summaryOnly && format == Format.csv) {
            buf.append("line,id,program,status,overdueDays,category,action,recallMonthsMin,recallMonthsMax,dueDate,dueDateLatest,errorField\n");
        }
        WorklistSummary summary;
        try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
             BufferedReader in = new BufferedReader(new InputStreamReader(counting,
                     StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                             .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            Input kind = input != null ? input
                    : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? Input.csv
                    : Input.jsonl;
            java.util.function.Consumer<WorklistEntry> sink = e -> {
                if (!summaryOnly) {
                    if (format == Format.csv) {
                        csv(buf, e);
                    } else {
                        json(buf, e);
                    }
                    if (buf.length() > (1 << 16) - 1024) {
                        out.write(buf.toString());
                        buf.setLength(0);
                    }
                }
                bar.update(counting.count, e.line());
            };
            summary = kind == Input.csv ? worklist.runCsv(in, file.toString(), sink)
                    : worklist.run(in, file.toString(), sink);
        } catch (java.nio.charset.CharacterCodingException e) {
            bar.finish();
            throw new CliException(file + ": not UTF-8 text");
        } catch (dev.aperture.screening.ScreeningFormatException e) {
            bar.finish();
            throw new CliException(e.getMessage(), e);
        }
        bar.finish();
        if (summaryOnly) {
            out.println(summary.toJson());
        } else {
            out.write(buf.toString());
            err.println(summary.toJson());
        }
        out.flush();
        err.flush();
        return 0;
    }

    /**
     * Whether stderr is a terminal: on Linux through /proc/self/fd/2, elsewhere whether the JVM
     * has a console (which needs stdout to be a terminal too).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private static void csv(StringBuilder sb, WorklistEntry e) {
        Decision d = e.decision();
        sb.append(e.line()).append(',');
        csvField(sb, d.id().orElse(""));
        sb.append(',');
        csvField(sb, d.program().orElse(""));
        sb.append(',').append(e.status()).append(',').append(e.overdueDays()).append(',');
        csvField(sb, d.category().orElse(""));
        sb.append(',').append(d.action().map(Enum::name).orElse("")).append(',');
        if (d.recallMonthsMin().isPresent()) {
            sb.append(d.recallMonthsMin().getAsInt());
        }
        sb.append(',');
        if (d.recallMonthsMax().isPresent()) {
            sb.append(d.recallMonthsMax().getAsInt());
        }
        sb.append(',').append(d.dueDate().map(Object::toString).orElse("")).append(',')
                .append(d.dueDateLatest().map(Object::toString).orElse("")).append(',');
        csvField(sb, d.errors().isEmpty() ? "" : d.errors().get(0).field());
        sb.append('\n');
    }

    /** RFC 4180 quoting when needed. */
    private static void csvField(StringBuilder sb, String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void json(StringBuilder sb, WorklistEntry e) {
        sb.append("{\"line\":").append(e.line()).append(",\"status\":\"").append(e.status())
                .append("\",\"overdueDays\":").append(e.overdueDays()).append(",\"decision\":");
        e.decision().appendJson(sb).append("}\n");
    }

    /** Counts bytes read, for the progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A one-line progress bar redrawn at most every 250 ms. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean enabled;
        private long next;
        private boolean drawn;

        Progress(PrintWriter err, long total, boolean enabled) {
            this.err = err;
            this.total = Math.max(1, total);
            this.enabled = enabled;
        }

        void update(long bytes, long records) {
            if (!enabled || (records & 1023) != 0) {
                return;
            }
            long now = System.nanoTime();
            if (now < next) {
                return;
            }
            next = now + 250_000_000L;
            int pct = (int) Math.min(100, bytes * 100 / total);
            StringBuilder sb = new StringBuilder("\r[");
            for (int i = 0; i < 40; i++) {
                sb.append(i < pct * 40 / 100 ? '#' : '.');
            }
            sb.append("] ").append(pct).append("% ").append(records).append(" records");
            err.print(sb);
            err.flush();
            drawn = true;
        }

        void finish() {
            if (drawn) {
                err.print("\r" + " ".repeat(72) + "\r");
                err.flush();
            }
        }
    }
}
