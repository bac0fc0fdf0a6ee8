// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.screening.Programme;
import dev.aperture.screening.Programmes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aperture screening programs}: the known programmes as a JSON array. */
@Command(name = "programs", description = "List the screening programmes as JSON.")
final class ScreeningProgramsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (Programme p : Programmes.standard().all()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("  {\"id\": ").append(ScreeningJson.quote(p.id()))
                    .append(", \"title\": ").append(ScreeningJson.quote(p.title()))
                    .append(", \"version\": ").append(ScreeningJson.quote(p.version()))
                    .append(", \"source\": ").append(ScreeningJson.quote(p.source())).append('}');
        }
        sb.append("\n]");
        PrintWriter out = spec.commandLine().getOut();
        out.println(sb);
        out.flush();
        return 0;
    }
}
