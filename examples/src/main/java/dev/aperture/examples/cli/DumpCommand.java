// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import dev.aperture.dicom.io.DicomFile;
import dev.aperture.dicom.json.DicomJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aperture dump IN.dcm [--json]}: the dataset as DICOM JSON (PS3.18 Annex F). */
@Command(name = "dump", description = "Print the dataset (File Meta Information excluded) as DICOM JSON.")
final class DumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.dcm", description = "The DICOM file.")
    Path input;

    @Option(names = "--json", description = "DICOM JSON output (the default and only format).")
    boolean json;

    @Option(names = "--lenient", description = "Repair what can be repaired; list repairs on stderr.")
    boolean lenient;

    @Option(names = "--compact", description = "No indentation.")
    boolean compact;

    @Override
    public Integer call() throws IOException {
        DicomFile f = Inputs.read(input, lenient, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        DicomJson.standard().write(f.dataset(), out, !compact);
        out.println();
        out.flush();
        return 0;
    }
}
