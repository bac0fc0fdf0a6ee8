// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

/** Input the program cannot process; the message is the one line printed on stderr (exit 1). */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
