// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aperture demo}: runs each capability on the bundled samples and prints a summary. */
@Command(name = "demo", description = "Run every capability on the bundled sample files and print a summary.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Aperture demo");
        ScreeningDemo.run(out);
        return 0;
    }
}
