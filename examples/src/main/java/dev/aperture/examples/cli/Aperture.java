// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.imaging.ApertureException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aperture} command-line program (see shared/contracts/cli.md).
 *
 * <p>Exit status: 0 on success, 1 for input that cannot be processed (one line on stderr),
 * 2 for bad usage. No stack trace for bad input unless {@code --debug} is given.
 */
@Command(name = "aperture",
        mixinStandardHelpOptions = true,
        version = "aperture 0.1.0-SNAPSHOT",
        description = "DICOM image processing and screening workflows.",
        subcommands = {
                DemoCommand.class,
                DumpCommand.class,
                DecodeCommand.class,
                RenderCommand.class,
                TranscodeCommand.class,
                ResampleCommand.class,
                MprCommand.class,
                ScreeningCommand.class,
        })
public final class Aperture implements Runnable {

    /** Exit status for input the program cannot process. */
    static final int EXIT_INPUT = 1;
    /** Exit status for bad usage. */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Runs the program.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the program with the given streams; returns the exit status (used by tests).
     *
     * @param args command-line arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = false;
        for (String a : args) {
            debug |= "--debug".equals(a);
        }
        String[] rest = java.util.Arrays.stream(args).filter(a -> !"--debug".equals(a)).toArray(String[]::new);
        final boolean showTrace = debug;
        CommandLine cl = new CommandLine(new Aperture());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> EXIT_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("aperture: " + ex.getMessage());
            err.println("Try 'aperture --help' for usage.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("aperture: " + describe(ex));
            if (showTrace) {
                ex.printStackTrace(err);
            }
            return ex instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_INPUT;
        });
        return cl.execute(rest);
    }

    /** One line for stderr: the exception's message, which never holds element values. */
    static String describe(Throwable ex) {
        if (ex instanceof CliException || ex instanceof ApertureException) {
            return ex.getMessage();
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return ex.getMessage() + ": no such file";
        }
        if (ex instanceof java.io.IOException) {
            return "I/O error: " + ex.getMessage();
        }
        return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
}
