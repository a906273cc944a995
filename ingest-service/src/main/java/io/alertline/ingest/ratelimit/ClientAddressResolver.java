package io.alertline.ingest.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * The address a request is charged to. {@code X-Forwarded-For} is believed only when the peer
 * is a configured trusted proxy, and then only up to the first hop that is not itself trusted
 * (read right to left), so a client cannot pick its own bucket by sending the header.
 * Addresses are parsed as literals only: nothing here resolves a name or blocks.
 */
public class ClientAddressResolver {

    private final List<IpSubnetFilterRule> trustedProxies;

    public ClientAddressResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddressResolver::rule).toList();
    }

    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        InetAddress client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = NetUtil.createInetAddressFromIpAddressString(forwarded.get(i).trim());
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socketAddress = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trustedProxies) {
            if (rule.matches(socketAddress)) {
                return true;
            }
        }
        return false;
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
        if (address == null) {
            throw new IllegalArgumentException("TRUSTED_PROXIES entry is not an IP address or CIDR range: " + entry);
        }
        int maxBits = address.getAddress().length * 8;
        int bits = slash < 0 ? maxBits : Integer.parseInt(entry.substring(slash + 1));
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }
}
