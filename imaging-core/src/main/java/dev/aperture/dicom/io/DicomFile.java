// SPDX-License-Identifier: Apache-2.0
package dev.aperture.dicom.io;

import dev.aperture.dicom.DicomObject;
import dev.aperture.imaging.Repair;
import dev.aperture.transfer.TransferSyntax;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DICOM Part 10 file (or a bare dataset) as read: File Meta Information, the dataset, the
 * transfer syntax the dataset was encoded in, and what the reader repaired or tolerated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param preamble       the 128-byte preamble, when the file had one
 * @param fileMeta       group 0002 (empty for a bare dataset)
 * @param dataset        the dataset
 * @param transferSyntax the transfer syntax of the dataset
 * @param repairs        deviations from the standard that were accepted, in input order; each
 *                       says what and where. A strict reader lists only those it tolerates
 *                       without guessing (an odd length, a missing preamble); a lenient one also
 *                       what it repaired.
 */
public record DicomFile(Optional<byte[]> preamble, DicomObject fileMeta, DicomObject dataset,
                        TransferSyntax transferSyntax, List<Repair> repairs) {
    /** Copies the preamble and the repairs. */
    public DicomFile {
        Objects.requireNonNull(fileMeta, "fileMeta");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        preamble = preamble.map(byte[]::clone);
        repairs = List.copyOf(repairs);
    }

    /** Returns a copy of the preamble, when there was one. */
    @Override
    public Optional<byte[]> preamble() {
        return preamble.map(byte[]::clone);
    }
}
