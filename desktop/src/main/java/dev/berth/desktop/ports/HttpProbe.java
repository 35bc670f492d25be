package dev.berth.desktop.ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a port speak HTTP? One HEAD request with short timeouts: an answer starting with an HTTP status line says yes
 * (whatever the status, even 404 or 501: a browser will show something). Blocking: background thread.
 */
final class HttpProbe {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int READ_TIMEOUT_MS = 1500;
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})\\b.*");

    private HttpProbe() {
    }

    /** The status code the port answered with, or empty when it did not answer HTTP. */
    static OptionalInt status(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            String hostHeader = host.contains(":") ? "[" + host + "]" : host;
            out.write(("HEAD / HTTP/1.0\r\nHost: " + hostHeader + ":" + port + "\r\nUser-Agent: Berth\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(firstLine(socket.getInputStream()));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    static OptionalInt parse(String line) {
        Matcher m = STATUS_LINE.matcher(line);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while (line.length() < 200 && (c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
