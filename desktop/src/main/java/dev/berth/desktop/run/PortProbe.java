package dev.berth.desktop.run;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Answers "could the engine publish on this host port?" for an engine on this machine, by binding the address
 * briefly ourselves. Reuse-address is on, as in dockerd's own listeners, so sockets lingering in TIME_WAIT do not
 * count as taken while real listeners do. Blocking: call it in the background.
 */
public final class PortProbe {

    public enum Verdict { FREE, UNAVAILABLE, UNKNOWN }

    public record Result(Verdict verdict, String text) {
    }

    private PortProbe() {
    }

    /** @param hostIp an IP literal, or blank for every interface */
    public static Result check(String hostIp, int port, String protocol) {
        try {
            InetAddress address = hostIp == null || hostIp.isBlank()
                    ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(hostIp.strip());
            InetSocketAddress where = new InetSocketAddress(address, port);
            if ("udp".equals(protocol)) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.setReuseAddress(true);
                    socket.bind(where);
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(where);
                }
            }
            return new Result(Verdict.FREE, "free");
        } catch (BindException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("in use")) {
                return new Result(Verdict.UNAVAILABLE, "in use on this machine");
            }
            if (message.contains("Permission denied")) {
                // Ports below 1024 need privileges we do not have; the engine (root) does.
                return new Result(Verdict.UNKNOWN, "cannot check a privileged port");
            }
            if (message.contains("assign requested address")) {
                return new Result(Verdict.UNAVAILABLE, "this machine has no address " + hostIp.strip());
            }
            return new Result(Verdict.UNKNOWN, "cannot check: " + message);
        } catch (IOException | SecurityException e) {
            return new Result(Verdict.UNKNOWN, "cannot check: " + e.getMessage());
        }
    }
}
