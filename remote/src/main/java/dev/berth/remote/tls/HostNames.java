package dev.berth.remote.tls;

import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * Decides whether a string a user typed for a server certificate is a DNS name or an IP literal, and
 * rejects everything else before it ends up in a certificate that no client could match.
 *
 * <p>Pure string checks: nothing here resolves names, so validation never blocks on DNS.
 */
public final class HostNames {

    /** How a host goes into the subjectAltName extension. */
    public enum Kind { DNS, IP }

    /** A validated host: {@code value} is normalised (lower case, IPv6 without brackets). */
    public record Host(String value, Kind kind) {
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final int MAX_NAME_LENGTH = 253;

    private HostNames() {
    }

    /**
     * @throws IllegalArgumentException with a user-facing reason when {@code input} is neither a DNS name
     *     nor an IP literal
     */
    public static Host parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        String value = input.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.indexOf(':') >= 0) {
            if (value.indexOf('%') < 0 && IPAddress.isValidIPv6(value)) {
                return new Host(value, Kind.IP);
            }
            throw invalid(input, value.indexOf('%') >= 0 ? "IPv6 zone ids (%...) cannot appear in certificates"
                    : "not a valid IPv6 address");
        }
        if (IPV4.matcher(value).matches()) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw invalid(input, "not a valid IPv4 address");
                }
            }
            return new Host(value, Kind.IP);
        }
        if (value.endsWith(".")) {
            // A fully qualified "name." is the same name; certificates carry it without the dot.
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw invalid(input, "not a valid DNS name");
        }
        return dnsName(input, value);
    }

    /** Whether {@link #parse(String)} would accept {@code input}. */
    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Host dnsName(String input, String value) {
        if (value.length() > MAX_NAME_LENGTH) {
            throw invalid(input, "DNS names are at most 253 characters");
        }
        String[] labels = value.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            // A leading "*" label is a wildcard, which Go and JSSE both honour in SANs.
            if (i == 0 && "*".equals(label) && labels.length > 2) {
                continue;
            }
            if (!LABEL.matcher(label).matches()) {
                throw invalid(input, label.isEmpty() ? "empty label in DNS name"
                        : "not a valid DNS name or IP address (DNS labels are letters, digits and inner hyphens, "
                                + "at most 63 characters)");
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            // e.g. "192.168.1.300" or "10.1": looks like an IP address but is none, and no real name ends in digits.
            throw invalid(input, "not a valid IP address, and not a DNS name");
        }
        return new Host(value, Kind.DNS);
    }

    private static IllegalArgumentException invalid(String input, String reason) {
        return new IllegalArgumentException("'" + input + "': " + reason);
    }
}
