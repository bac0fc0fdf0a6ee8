// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.screening.Decision;
import dev.aperture.screening.Programmes;
import dev.aperture.screening.ScreeningCase;
import dev.aperture.screening.ScreeningFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aperture screening evaluate CASE.json}: one decision per case on stdout. Exit 0 when
 * every decision is valid, 1 when the file is not a case or an array of cases (nothing on
 * stdout) or when any decision has errors (decisions still printed, one line on stderr).
 */
@Command(name = "evaluate", description = "Evaluate one case, or a JSON array of cases, and print the decisions.")
final class ScreeningEvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.json", description = "A case object or an array of case objects.")
    Path file;

    @Option(names = "--site-rules", paramLabel = "RULES.json", description = "Apply a site rule table after each programme.")
    Path siteRules;

    @Override
    public Integer call() throws IOException {
        Programmes programmes = ScreeningCommand.programmes(siteRules);
        String text = read(file);
        String trimmed = text.stripLeading();
        boolean array = trimmed.startsWith("[");
        List<ScreeningCase> cases;
        try {
            cases = ScreeningCase.parseAll(text, file.toString());
        } catch (ScreeningFormatException e) {
            throw new CliException(e.getMessage(), e);
        }
        StringBuilder sb = new StringBuilder(512 * cases.size() + 8);
        String firstBad = null;
        if (array) {
            sb.append('[');
        }
        for (int i = 0; i < cases.size(); i++) {
            Decision d = programmes.evaluate(cases.get(i));
            if (i > 0) {
                sb.append(',');
            }
            if (array) {
                sb.append('\n');
            }
            d.appendJson(sb);
            if (firstBad == null && !d.isValid()) {
                firstBad = file + ": case " + d.id().map(id -> "'" + id + "'").orElse("#" + i)
                        + ": invalid field " + d.errors().get(0).field()
                        + (d.errors().size() > 1 ? " (and " + (d.errors().size() - 1) + " more)" : "");
            }
        }
        if (array) {
            sb.append(cases.isEmpty() ? "]" : "\n]");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(sb);
        out.flush();
        if (firstBad != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("aperture: " + firstBad);
            err.flush();
            return Aperture.EXIT_INPUT;
        }
        return 0;
    }

    /** Reads UTF-8 strictly: malformed bytes are an input error, not replacement characters. */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": not UTF-8 text");
        }
    }
}
