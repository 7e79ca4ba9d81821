package io.onionpanel.onion;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Opens a v3 onion service descriptor as tor hands it out ({@code GETINFO hs/service/desc/id/<addr>} on the
 * service's tor, or {@code hs/client/desc/id/<addr>} on a client after HSFETCH) with nothing but the onion
 * address, as any client can (rend-spec-v3 §2.5): both layers, so the operator can see what tor really
 * publishes (e.g. the {@code pow-params} line proof-of-work adds). Services with client authorisation encrypt
 * the inner layer for their clients only: that layer cannot be opened here and the MAC check says so.
 */
public final class OnionDescriptor {
    /** The decrypted outer ({@code superencrypted}) and inner ({@code encrypted}) layers, as text. */
    public record Layers(String outer, String inner) {
        /** The inner layer's lines that start with {@code keyword} (e.g. {@code pow-params}). */
        public List<String> lines(String keyword) {
            return inner.lines().filter(l -> l.equals(keyword) || l.startsWith(keyword + " ")).toList();
        }
    }

    private OnionDescriptor() {
    }

    /**
     * @param descriptor the descriptor text (anything before {@code hs-descriptor 3}, e.g. a GETINFO key, is skipped)
     * @param address    the service's onion address, with or without ".onion"
     * @throws IllegalArgumentException saying what does not fit (not a v3 descriptor, another address's, …)
     */
    public static Layers open(String descriptor, String address) {
        byte[] publicKey = OnionAddress.publicKeyOf(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + address + "' is not a v3 onion address"));
        int start = descriptor.indexOf("hs-descriptor 3");
        if (start < 0) {
            throw new IllegalArgumentException("not a v3 onion service descriptor (no 'hs-descriptor 3' line)");
        }
        String text = descriptor.substring(start).replace("\r\n", "\n");
        byte[] blinded = SigningKeyCert.signingKey(object(text, "descriptor-signing-key-cert"));
        long revision = Long.parseUnsignedLong(value(text, "revision-counter")
                .orElseThrow(() -> new IllegalArgumentException("the descriptor has no revision-counter")));
        byte[] credential = Digests.sha3(ascii("credential"), publicKey);
        byte[] subcredential = Digests.sha3(ascii("subcredential"), credential, blinded);
        String outer = DescriptorLayer.decrypt(object(text, "superencrypted"), blinded, subcredential, revision,
                DescriptorLayer.OUTER);
        String inner = DescriptorLayer.decrypt(object(outer, "encrypted"), blinded, subcredential, revision,
                DescriptorLayer.INNER);
        return new Layers(outer, inner);
    }

    private static Optional<String> value(String text, String keyword) {
        return text.lines().filter(l -> l.startsWith(keyword + " ")).findFirst()
                .map(l -> l.substring(keyword.length() + 1).strip());
    }

    /** The base64 body of the {@code -----BEGIN …-----} object on the lines after the keyword's line. */
    private static byte[] object(String text, String keyword) {
        List<String> lines = text.lines().toList();
        int at = lines.indexOf(keyword);
        if (at < 0 || at + 1 >= lines.size() || !lines.get(at + 1).startsWith("-----BEGIN ")) {
            throw new IllegalArgumentException("the descriptor has no '" + keyword + "' object");
        }
        StringBuilder base64 = new StringBuilder();
        for (int i = at + 2; i < lines.size() && !lines.get(i).startsWith("-----END "); i++) {
            base64.append(lines.get(i).strip());
        }
        try {
            return Base64.getMimeDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the '" + keyword + "' object is not base64", e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
