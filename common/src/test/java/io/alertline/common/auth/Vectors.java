package io.alertline.common.auth;

import java.nio.charset.StandardCharsets;

/**
 * Known answers computed with the openssl CLI, independently of the code under test. Shared by
 * the tests in this package; kept package-private so it stays out of the test-jar's API.
 */
final class Vectors {

    private Vectors() {
    }

    static final String BODY_TEXT = "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"HighLatency\"}}]}";
    static final byte[] BODY = BODY_TEXT.getBytes(StandardCharsets.UTF_8);

    static final String SECRET = "alertline-test-secret";
    static final String ROTATED_SECRET = "rotated-secret-2";

    // BODY='{"status":"firing","alerts":[{"labels":{"alertname":"HighLatency"}}]}'
    // printf '%s' "$BODY" | openssl dgst -sha256 -hmac "alertline-test-secret"
    static final String X_SIGNATURE = "ee5eb358336b71416fc721cb4214b28cc20d7baf2dcc87ca1acfd64cb870806a";

    // printf '%s' "$BODY" | openssl dgst -sha256 -hmac "rotated-secret-2"
    static final String X_SIGNATURE_ROTATED = "71379d7dad260fb28188ce87554fae5ada9d4898759554d2c712a6ad0c710e1a";

    // 2026-01-01T00:00:00Z
    static final String TIMESTAMP = "1767225600";
    static final long TIMESTAMP_SECONDS = 1_767_225_600L;

    // printf '%s:%s' 1767225600 "$BODY" | openssl dgst -sha256 -hmac "alertline-test-secret"
    static final String X_SIGNATURE_TIMESTAMPED = "9ad878c536fd29af1b72c58d5ed03c10641a9fe72ae4a9f0c289aa9f44584e21";

    // printf '' | openssl dgst -sha256 -hmac "alertline-test-secret"
    static final String X_SIGNATURE_EMPTY_BODY = "41b7c103267f2fea6de7bfbe6b50ced8f5ed791227be388a095755d608c709b2";

    /** The example published with the Standard Webhooks / Svix documentation. */
    static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String SW_TIMESTAMP = "1614265330";
    static final byte[] SW_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    // K=$(printf '%s' MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | od -An -tx1 | tr -d ' \n')
    //   (= 31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0)
    // printf '%s.%s.%s' msg_p5jXN8AQM9LWM0D4loKWxJek 1614265330 '{"test": 2432232314}' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K -binary | base64
    static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // printf '%s' 'alertline-standard-webhooks-key2' | base64
    static final String SW_SECRET_2 = "whsec_YWxlcnRsaW5lLXN0YW5kYXJkLXdlYmhvb2tzLWtleTI=";
    static final String SW_ID_2 = "msg_2alertline";

    // K2=616c6572746c696e652d7374616e646172642d776562686f6f6b732d6b657932
    // printf '%s.%s.%s' msg_2alertline 1767225600 "$BODY" \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K2 -binary | base64
    static final String SW_SIGNATURE_2 = "v1,ijEx82smjecavDZRII1XR90Dh2DJ6WKD37Lwpb35gGQ=";

    // Same message as SW_SIGNATURE_2 but with the key of SW_SECRET ($K above):
    // printf '%s.%s.%s' msg_2alertline 1767225600 "$BODY" \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K -binary | base64
    static final String SW_SIGNATURE_2_WITH_SECRET_1 = "v1,Szik44b+UGdT4zxeqaa7gZHL2kM0wRfnqzdTDeA+bhk=";

    // RFC 4231 test case 2, confirmed with:
    // printf '%s' 'what do ya want for nothing?' | openssl dgst -sha256 -hmac Jefe
    static final String RFC4231_KEY = "Jefe";
    static final String RFC4231_DATA = "what do ya want for nothing?";
    static final String RFC4231_MAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] flipBit(byte[] original, int index) {
        byte[] copy = original.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
