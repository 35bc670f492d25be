package dev.berth.desktop.tlswizard;

import dev.berth.remote.tls.TlsUsageText;

/**
 * A systemd drop-in that makes the distribution's docker.service listen on TCP with TLS: it resets {@code ExecStart}
 * and starts dockerd as the stock units do ({@code -H fd://} and the system containerd), plus
 * {@code -H tcp://0.0.0.0:PORT} and the TLS flags of {@link TlsUsageText#dockerdCommand()}.
 */
final class SystemdDropIn {

    static final String PATH = "/etc/systemd/system/docker.service.d/berth-tls.conf";
    /** Both Debian's docker.io unit and Docker's own docker-ce unit run dockerd with the system containerd. */
    private static final String CONTAINERD = "--containerd=/run/containerd/containerd.sock";

    private SystemdDropIn() {
    }

    /**
     * @param dockerd where dockerd is on the daemon host ({@code /usr/sbin/dockerd} on Debian's docker.io,
     *                {@code /usr/bin/dockerd} with Docker's packages)
     */
    static String of(TlsUsageText usage, String dockerd, int port) {
        return "# " + PATH + "\n"
                + "# then: sudo systemctl daemon-reload && sudo systemctl restart docker\n"
                + "# Leave \"hosts\" out of daemon.json with this: dockerd refuses -H and \"hosts\" together.\n"
                + "# dockerd is /usr/sbin/dockerd with Debian's docker.io, /usr/bin/dockerd with Docker's packages.\n"
                + "[Service]\n"
                + "ExecStart=\n"
                + "ExecStart=" + dockerd + " -H fd:// -H tcp://0.0.0.0:" + port + " " + tlsFlags(usage, port) + " "
                + CONTAINERD + "\n";
    }

    /**
     * The TLS part of {@code dockerd --tlsverify --tlscacert=… --tlscert=… --tlskey=… -H=0.0.0.0:PORT}: the command
     * line {@code berth tls generate} prints, so both always name the same files the same way (systemd reads its
     * quoting like a shell does).
     */
    static String tlsFlags(TlsUsageText usage, int port) {
        String command = usage.dockerdCommand();
        String prefix = "dockerd ";
        String suffix = " -H=0.0.0.0:" + port;
        if (!command.startsWith(prefix) || !command.endsWith(suffix)) {
            throw new IllegalStateException("unexpected dockerd command line: " + command);
        }
        return command.substring(prefix.length(), command.length() - suffix.length());
    }
}
