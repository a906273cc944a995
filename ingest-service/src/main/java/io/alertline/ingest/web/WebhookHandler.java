package io.alertline.ingest.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.ByteArrayDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

import io.alertline.common.logging.FailureSummary;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadSummary;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.topic.Category;
import io.alertline.ingest.auth.AuthOutcome;
import io.alertline.ingest.auth.RequestAuthenticator;
import io.alertline.ingest.publish.AlertPublisher;
import io.alertline.ingest.publish.AlertRecord;
import io.alertline.ingest.ratelimit.ClientAddressResolver;
import io.alertline.ingest.ratelimit.RateLimitDecision;
import io.alertline.ingest.ratelimit.RateLimiter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One webhook request, in the contract's order: body size limit → rate limit → authentication
 * → parse and validate → publish → 200 only after the broker's ack. Every step is non-blocking;
 * everything after the body is read runs on the event loop and is CPU work of microseconds.
 */
public class WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
    /** The MDC key of a request's id, the same as the processor's. */
    public static final String MDC_REQUEST_ID = "request_id";
    private static final ByteArrayDecoder BYTES = new ByteArrayDecoder();
    private static final ResolvableType BYTE_ARRAY = ResolvableType.forClass(byte[].class);

    private final FailureSummary publishFailures = new FailureSummary(log, "publish to Kafka failed, answered 503",
            Duration.ofMinutes(1));

    private final RateLimiter rateLimiter;
    private final ClientAddressResolver addresses;
    private final RequestAuthenticator authenticator;
    private final PayloadParser parser;
    private final AlertPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;
    private final long unavailableRetryAfterSeconds;

    public WebhookHandler(RateLimiter rateLimiter, ClientAddressResolver addresses, RequestAuthenticator authenticator,
            PayloadParser parser, AlertPublisher publisher, IngestMetrics metrics, Clock clock, int maxBodyBytes,
            long unavailableRetryAfterSeconds) {
        this.rateLimiter = rateLimiter;
        this.addresses = addresses;
        this.authenticator = authenticator;
        this.parser = parser;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.unavailableRetryAfterSeconds = unavailableRetryAfterSeconds;
    }

    /**
     * Answers one webhook request. The caller ({@link WebhookEndpoints}) has matched its method and
     * path; everything else about it is decided here.
     */
    public Mono<Void> handle(Category category, ServerHttpRequest request, ServerHttpResponse response) {
        return answer(category, request).flatMap(answer -> answer.writeTo(response));
    }

    private Mono<JsonResponse> answer(Category category, ServerHttpRequest request) {
        long receivedAt = clock.millis();
        String client = addresses.resolve(request);
        HttpHeaders headers = request.getHeaders();

        if (headers.getContentLength() > maxBodyBytes) {
            return count(category, Mono.just(Responses.tooLarge(rateLimiter.peek(category, client), maxBodyBytes)));
        }
        RateLimitDecision rate = rateLimiter.tryConsume(category, client);
        if (!rate.allowed()) {
            metrics.rateLimited(category);
            return count(category, Mono.just(authenticator.presentsValidBearerToken(headers)
                    ? Responses.rateLimitedAsUnavailable(rate)
                    : Responses.rateLimited(rate)));
        }
        Mono<JsonResponse> response = readBody(request)
                .flatMap(body -> afterBody(category, headers, body, client, receivedAt, rate))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Responses.tooLarge(rate, maxBodyBytes)));
        return count(category, response);
    }

    private Mono<JsonResponse> afterBody(Category category, HttpHeaders headers, byte[] body, String client,
            long receivedAt, RateLimitDecision rate) {
        AuthOutcome auth = authenticator.authenticate(headers, body);
        if (!auth.authenticated()) {
            metrics.authFailure(auth.schemeTag(), auth.verification() == null ? IngestMetrics.MISSING
                    : IngestMetrics.reason(auth.verification().failure()));
            return Mono.just(Responses.unauthorized(rate));
        }
        PayloadSummary payload;
        try {
            payload = parser.summarize(body);
        } catch (PayloadValidationException e) {
            return Mono.just(Responses.validationFailed(rate, e.field(), e.getMessage()));
        }
        String requestId = RequestIds.next();
        AlertRecord record = new AlertRecord(category, payload.recordKey(), body, requestId, receivedAt, client,
                auth.scheme().id(), auth.senderSignature(), auth.senderTimestamp(), auth.webhookId());
        if (record.senderHeaderBytes() > AlertRecord.MAX_SENDER_HEADER_BYTES) {
            // they go into the record; past this the record could outgrow what Kafka accepts
            return Mono.just(Responses.headersTooLarge(rate, AlertRecord.MAX_SENDER_HEADER_BYTES));
        }
        metrics.bodySize(body.length);
        List<String> alertnames = payload.alertnames();
        // few operators: each one costs a subscription and a signal per request
        return publisher.publish(record)
                .map(receipt -> {
                    if (log.isDebugEnabled()) { // the hot path: no MDC work for a line that is off
                        withRequestId(requestId, () -> log.debug("request to {} accepted as {}-{}@{}",
                                category.id(), receipt.topic(), receipt.partition(), receipt.offset()));
                    }
                    return Responses.accepted(rate, requestId, alertnames, receipt.topic(), receipt.partition(),
                            receipt.offset());
                })
                .onErrorResume(e -> Mono.just(publishFailed(category, requestId, rate, e)));
    }

    private JsonResponse publishFailed(Category category, String requestId, RateLimitDecision rate, Throwable e) {
        if (AlertPublisher.isRecordTooLarge(e)) {
            // the budget should make this impossible: a topic's max.message.bytes was lowered?
            withRequestId(requestId, () -> log.warn("Kafka refused request {} to {} as too large: {}",
                    requestId, category.id(), e.toString()));
            return Responses.recordTooLarge(rate, requestId);
        }
        String details = e instanceof TimeoutException ? "Kafka did not acknowledge in time" : "Kafka unavailable";
        // Every request fails like this during a broker outage: summarised, not one line each
        // (the 503s are counted in alertline_ingest_requests_total by status).
        withRequestId(requestId, () -> publishFailures.record("request " + requestId + " to "
                + category.id() + ": " + e));
        return Responses.unavailable(rate, unavailableRetryAfterSeconds, requestId, details);
    }

    /**
     * Logs with the request's id in the MDC ({@code request_id}), on whichever thread the
     * reactive chain is on at that point; JSON logs then carry it as a field.
     */
    private static void withRequestId(String requestId, Runnable logging) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_REQUEST_ID, requestId)) {
            logging.run();
        }
    }

    /**
     * Joins the body into one array, failing with DataBufferLimitException past the limit.
     *
     * <p>When the body fails (the client went away, or the read timeout fired) Reactor Netty
     * signals the error to this reader but keeps it registered, and signals the same error a
     * second time when the exchange ends; that second signal reaches Reactor's onErrorDropped,
     * which logs it as an ERROR with a stack trace. Cancelling the body on its first error
     * unregisters the reader, so the error is seen once, by {@link ClientDisconnects}.
     */
    private Mono<byte[]> readBody(ServerHttpRequest request) {
        return Mono.defer(() -> {
            AtomicReference<Subscription> upstream = new AtomicReference<>();
            Flux<DataBuffer> body = request.getBody()
                    .doOnSubscribe(upstream::set)
                    .doOnError(e -> {
                        Subscription subscription = upstream.get();
                        if (subscription != null) {
                            subscription.cancel();
                        }
                    });
            return DataBufferUtils.join(body, maxBodyBytes);
        })
                .map(buffer -> BYTES.decode(buffer, BYTE_ARRAY, null, null)) // copies, then releases the buffer
                .defaultIfEmpty(new byte[0]);
    }

    private Mono<JsonResponse> count(Category category, Mono<JsonResponse> response) {
        return response.doOnNext(r -> metrics.request(category, r.statusCode().value()));
    }
}
