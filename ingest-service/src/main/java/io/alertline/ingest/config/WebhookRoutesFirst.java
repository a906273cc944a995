package io.alertline.ingest.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * Puts the router functions (the webhook routes and {@code /health}) ahead of every other handler
 * mapping. The actuator's endpoint mapping has a higher precedence by default (order -100), so
 * every webhook request was first matched against each actuator path, about 1 % of the ingest's
 * CPU at saturation (docs/PERFORMANCE.md); the actuator's paths (under {@code /actuator}) match
 * none of the routes, so moving the routes first changes what is matched for no request.
 */
final class WebhookRoutesFirst implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RouterFunctionMapping mapping) {
            mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        }
        return bean;
    }
}
