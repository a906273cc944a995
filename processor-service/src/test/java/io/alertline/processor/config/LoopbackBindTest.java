package io.alertline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.processor.support.Apps;

/**
 * Both services, started with no bind address of their own, listen on loopback only: their port
 * answers on 127.0.0.1 and refuses a connection on this machine's own non-loopback address.
 */
class LoopbackBindTest {

    @Test
    void bothServicesListenOnLoopbackOnlyByDefault() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isNotNull();
        try (ConfigurableApplicationContext processor = Apps.processor("bind-default", Map.of());
                ConfigurableApplicationContext ingest = Apps.ingest("bind-default", Map.of())) {
            for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {processor, ingest}) {
                int port = Apps.port(app);
                assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
                assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:%s", port).isTrue();
                assertThat(connects(external, port)).as("%s:%s", external.getHostAddress(), port).isFalse();
            }
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }
}
