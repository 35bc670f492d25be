package dev.berth.desktop.ports;

/**
 * A process holding a host port: found through its listening socket in /proc/net and the process whose open files
 * include that socket.
 *
 * @param pid         -1 when the socket is there but no process we may look into has it open
 * @param command     the process's name (/proc/PID/comm), "" when unknown
 * @param commandLine its arguments joined by spaces, "" when unknown
 * @param address     the address the socket is bound to, as the kernel reports it (IPv6 in brackets)
 * @param port        the bound port
 * @param protocol    "tcp" or "udp"
 */
public record PortHolder(long pid, String command, String commandLine, String address, int port, String protocol) {

    /** dockerd publishes ports through one of these per binding, unless its userland proxy is off. */
    public boolean isDockerProxy() {
        return "docker-proxy".equals(command);
    }

    public boolean known() {
        return pid >= 0;
    }
}
