package io.alertline.processor.api;

import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * Puts the actuator behind the API's bearer token: metrics name categories, consumer groups,
 * rates and failures, and info names the build, which is more than an anonymous caller needs.
 * {@code /actuator/health} and its groups ({@code /liveness}, {@code /readiness}) stay open:
 * orchestrators probe them without credentials, and they answer a status, not alert content.
 *
 * <p>The metrics endpoints also take the read-only metrics token, so a Prometheus scraper's
 * configuration never holds a token that can replay or re-drive. An endpoint is open only when
 * no token that could guard it is set (the API's rule for local runs).
 *
 * <p>Paths are matched with the same {@link PathPatternParser} the actuator's own handler
 * mapping uses, so any spelling that reaches an endpoint (matrix parameters, percent-encoding)
 * is guarded like the plain one. Everything under the base path is guarded unless it is health.
 */
public class ActuatorAccess implements WebFilter, Ordered {

    private static final byte[] UNAUTHORIZED = "{\"error\":\"Unauthorized\",\"message\":\"Invalid or missing token\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final ApiToken apiToken;
    private final ApiToken metricsToken;
    private final PathPattern root;
    private final PathPattern below;
    private final PathPattern health;
    private final PathPattern healthGroups;
    private final PathPattern prometheus;
    private final PathPattern metrics;
    private final PathPattern metric;

    /** @param basePath the actuator's base path, {@code management.endpoints.web.base-path} */
    public ActuatorAccess(String basePath, ApiToken apiToken, ApiToken metricsToken) {
        this.apiToken = apiToken;
        this.metricsToken = metricsToken;
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.root = parser.parse(base.isEmpty() ? "/" : base);
        this.below = parser.parse(base + "/**");
        this.health = parser.parse(base + "/health");
        this.healthGroups = parser.parse(base + "/health/**");
        this.prometheus = parser.parse(base + "/prometheus");
        this.metrics = parser.parse(base + "/metrics");
        this.metric = parser.parse(base + "/metrics/**");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!root.matches(path) && !below.matches(path) || health.matches(path) || healthGroups.matches(path)) {
            return chain.filter(exchange);
        }
        boolean metricsPath = prometheus.matches(path) || metrics.matches(path) || metric.matches(path);
        boolean guarded = apiToken.isSet() || metricsPath && metricsToken.isSet();
        if (!guarded) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean permitted = apiToken.isSet() && apiToken.permits(authorization)
                || metricsPath && metricsToken.isSet() && metricsToken.permits(authorization);
        return permitted ? chain.filter(exchange) : unauthorized(exchange.getResponse());
    }

    /** The same body as {@link ApiToken#unauthorized()}, written without a router. */
    private static Mono<Void> unauthorized(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(UNAUTHORIZED)));
    }
}
