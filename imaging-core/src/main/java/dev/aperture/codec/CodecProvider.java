// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import java.util.Optional;
import java.util.Set;

/**
 * A service that supplies decoders and encoders for one or more transfer syntaxes, found through
 * {@link java.util.ServiceLoader}. A vendor adds a codec by implementing this and listing it in
 * {@code META-INF/services/dev.aperture.codec.CodecProvider} (or {@code provides} in its module).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface CodecProvider {

    /** Returns a short name for messages and listings, e.g. {@code "aperture-rle"}. */
    String name();

    /** Returns the transfer syntax UIDs this provider serves. */
    Set<String> transferSyntaxes();

    /** Returns the decoder for a transfer syntax, if this provider decodes it. */
    Optional<FrameDecoder> decoder(String transferSyntaxUid);

    /** Returns the encoder for a transfer syntax, if this provider encodes it. */
    Optional<FrameEncoder> encoder(String transferSyntaxUid);
}
