package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest
    @CsvSource({
            "docker.example.lan, docker.example.lan, DNS",
            "Docker.Example.LAN, docker.example.lan, DNS",
            "docker.example.lan., docker.example.lan, DNS",
            "localhost, localhost, DNS",
            "nas-01, nas-01, DNS",
            "*.example.lan, *.example.lan, DNS",
            "192.168.1.20, 192.168.1.20, IP",
            "127.0.0.1, 127.0.0.1, IP",
            "0.0.0.0, 0.0.0.0, IP",
            "::1, ::1, IP",
            "[::1], ::1, IP",
            "fe80::1:2, fe80::1:2, IP",
            "2001:DB8::42, 2001:db8::42, IP",
    })
    void acceptsNamesAndAddresses(String input, String normalised, HostNames.Kind kind) {
        HostNames.Host host = HostNames.parse(input);
        assertEquals(normalised, host.value());
        assertEquals(kind, host.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "foo_bar", "-docker", "docker-", "a..b", "192.168.1.256", "10.1", "1234",
            "010.0.0.1", "fe80::1%eth0", "1::2::3", "*", "*.lan", "host name", "tcp://docker:2376",
            "docker:2376", "10.0.0.0/8", "exa$mple.com"})
    void rejectsWhatNoCertificateCouldMatch(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostNames.parse(input));
        assertTrue(e.getMessage().length() > 5, e.getMessage());
    }

    @Test
    void rejectsOverlongLabelsAndNames() {
        assertThrows(IllegalArgumentException.class, () -> HostNames.parse("a".repeat(64) + ".lan"));
        String longName = ("a".repeat(60) + ".").repeat(5) + "lan";
        assertThrows(IllegalArgumentException.class, () -> HostNames.parse(longName));
        assertEquals(HostNames.Kind.DNS, HostNames.parse("a".repeat(63) + ".lan").kind());
    }

    @Test
    void messageQuotesTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostNames.parse("foo_bar"));
        assertTrue(e.getMessage().startsWith("'foo_bar': "), e.getMessage());
    }
}
