package io.alertline.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressResolverTest {

    private static MockServerHttpRequest request(String peer, String... forwarded) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.post("/webhook")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        for (String f : forwarded) {
            builder.header("X-Forwarded-For", f);
        }
        return builder.build();
    }

    @Test
    void ignoresForwardedForFromUntrustedPeers() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.resolve(request("192.0.2.7", "203.0.113.1"))).isEqualTo("192.0.2.7");
    }

    @Test
    void takesTheFirstUntrustedHopFromTheRight() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.0.2.1"));
        assertThat(resolver.resolve(request("10.1.2.3", "203.0.113.9, 198.51.100.4, 10.9.9.9")))
                .isEqualTo("198.51.100.4");
        assertThat(resolver.resolve(request("192.0.2.1", "203.0.113.9", "198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void stopsAtGarbageAndNeverResolvesNames() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("127.0.0.1"));
        assertThat(resolver.resolve(request("127.0.0.1", "example.invalid"))).isEqualTo("127.0.0.1");
        assertThat(resolver.resolve(request("127.0.0.1", "2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void rejectsMalformedTrustedProxyEntries() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.local")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRUSTED_PROXIES");
    }
}
