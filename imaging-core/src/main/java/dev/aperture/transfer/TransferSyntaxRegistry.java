// SPDX-License-Identifier: Apache-2.0
package dev.aperture.transfer;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Maps transfer syntaxes to the codecs that decode and encode their pixel data.
 *
 * <p>Immutable and thread-safe. {@link #standard()} holds the {@link CodecProvider}s found once
 * through {@link ServiceLoader}; {@link #with(CodecProvider)} returns a new registry in which
 * another provider takes precedence. There is no mutable global default. A syntax the registry
 * can name but not decode gives an {@link UnsupportedDataException} that says so.
 */
public final class TransferSyntaxRegistry {
    private static final class Holder {
        static final TransferSyntaxRegistry STANDARD = load();

        private static TransferSyntaxRegistry load() {
            List<CodecProvider> found = new ArrayList<>();
            for (CodecProvider p : ServiceLoader.load(CodecProvider.class, TransferSyntaxRegistry.class.getClassLoader())) {
                found.add(p);
            }
            return new TransferSyntaxRegistry(found);
        }
    }

    private final List<CodecProvider> providers;

    private TransferSyntaxRegistry(List<CodecProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Returns the registry of the codecs found through {@link ServiceLoader}, loaded once. */
    public static TransferSyntaxRegistry standard() {
        return Holder.STANDARD;
    }

    /** Returns a registry of exactly these providers, earlier ones taking precedence. */
    public static TransferSyntaxRegistry of(List<CodecProvider> providers) {
        return new TransferSyntaxRegistry(providers);
    }

    /** Returns a new registry in which {@code provider} takes precedence over this one's. */
    public TransferSyntaxRegistry with(CodecProvider provider) {
        List<CodecProvider> l = new ArrayList<>(providers.size() + 1);
        l.add(Objects.requireNonNull(provider, "provider"));
        l.addAll(providers);
        return new TransferSyntaxRegistry(l);
    }

    /** Returns the providers, in order of precedence. */
    public List<CodecProvider> providers() {
        return providers;
    }

    /** Returns the decoder for a transfer syntax, if a provider has one. */
    public Optional<FrameDecoder> decoder(String uid) {
        for (CodecProvider p : providers) {
            if (p.transferSyntaxes().contains(uid)) {
                Optional<FrameDecoder> d = p.decoder(uid);
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the encoder for a transfer syntax, if a provider has one. */
    public Optional<FrameEncoder> encoder(String uid) {
        for (CodecProvider p : providers) {
            if (p.transferSyntaxes().contains(uid)) {
                Optional<FrameEncoder> e = p.encoder(uid);
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the decoder for a transfer syntax.
     *
     * @param ts the syntax
     * @return its decoder
     * @throws UnsupportedDataException naming the syntax when no provider decodes it
     */
    public FrameDecoder requireDecoder(TransferSyntax ts) {
        return decoder(ts.uid()).orElseThrow(() -> new UnsupportedDataException(
                "no decoder for transfer syntax " + ts.uid() + " (" + ts.name() + ")"));
    }

    /**
     * Returns the encoder for a transfer syntax.
     *
     * @param ts the syntax
     * @return its encoder
     * @throws UnsupportedDataException naming the syntax when no provider encodes it
     */
    public FrameEncoder requireEncoder(TransferSyntax ts) {
        return encoder(ts.uid()).orElseThrow(() -> new UnsupportedDataException(
                "no encoder for transfer syntax " + ts.uid() + " (" + ts.name() + ")"));
    }
}
