// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.screening.Programmes;
import dev.aperture.screening.ScreeningFormatException;
import dev.aperture.screening.SiteRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aperture screening}: recall decisions per shared/contracts/screening-case.md.
 */
@Command(name = "screening",
        description = "Screening recall decisions (see shared/contracts/screening-case.md).",
        subcommands = {ScreeningEvaluateCommand.class, ScreeningProgramsCommand.class, ScreeningWorklistCommand.class})
final class ScreeningCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: evaluate, programs or worklist");
    }

    /** The standard programmes, with the site rules of {@code file} when it is not null. */
    static Programmes programmes(Path file) throws IOException {
        Programmes p = Programmes.standard();
        if (file == null) {
            return p;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return p.withSiteRules(SiteRules.parse(text, file.toString(), p));
        } catch (ScreeningFormatException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
