package io.alertline.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies {@code Authorization: Bearer <token>} against the configured tokens.
 *
 * <p>Tokens are compared as SHA-256 digests: {@link MessageDigest#isEqual} is constant-time only
 * for equal lengths, and digests are always 32 bytes, so timing reveals neither the token nor its
 * length. Several tokens may be active so one can be rotated without an outage.
 */
public final class BearerTokenVerifier {

    private static final String SCHEME = "Bearer";

    private final List<byte[]> tokenDigests;
    private final MessageDigest sha256Prototype;

    /**
     * @throws IllegalArgumentException for a null or blank token, or one with surrounding
     *                                  whitespace that no header could ever carry (never echoing it)
     */
    public BearerTokenVerifier(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        this.sha256Prototype = newSha256();
        List<byte[]> digests = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer token #" + i + " is null or blank");
            }
            if (!token.equals(token.strip())) {
                throw new IllegalArgumentException("bearer token #" + i + " has leading or trailing whitespace");
            }
            digests.add(digest(token));
        }
        this.tokenDigests = List.copyOf(digests);
    }

    /** True when no token is configured, i.e. bearer authentication is not in use. */
    public boolean isEmpty() {
        return tokenDigests.isEmpty();
    }

    public Verification verify(String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        if (token == null) {
            return Verification.failed(AuthScheme.BEARER, VerificationFailure.MISSING);
        }
        byte[] presented = digest(token);
        boolean matched = false;
        // No early exit, so timing does not reveal which of the tokens matched.
        for (byte[] expected : tokenDigests) {
            matched |= MessageDigest.isEqual(expected, presented);
        }
        return matched
                ? Verification.ok(AuthScheme.BEARER)
                : Verification.failed(AuthScheme.BEARER, VerificationFailure.MISMATCH);
    }

    /** The token after {@code Bearer} and one or more spaces, or null if there is none. */
    private static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        // RFC 7235: the scheme name is case-insensitive.
        if (value.length() <= SCHEME.length()
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        String token = value.substring(SCHEME.length()).stripLeading();
        return token.isEmpty() ? null : token;
    }

    private byte[] digest(String value) {
        return sha256().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    // Cloned for the same reason as HmacKey: getInstance walks the provider list on every call.
    private MessageDigest sha256() {
        try {
            return (MessageDigest) sha256Prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
