package dev.berth.desktop.networks;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address block in CIDR notation ("10.20.0.0/16", "fd00:1::/64") or a single address, checked the way the engine
 * will check it, so the create and connect dialogs can refuse bad input before asking the engine.
 */
record IpBlock(BigInteger base, int prefix, int bits) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** A CIDR block, or empty when the text is not one. The host bits may be set ("10.1.2.3/16" is 10.1.0.0/16). */
    static Optional<IpBlock> cidr(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            return Optional.empty();
        }
        Optional<IpBlock> address = address(t.substring(0, slash));
        String prefixText = t.substring(slash + 1);
        if (address.isEmpty() || !prefixText.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(prefixText);
        int bits = address.get().bits();
        if (prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new IpBlock(mask(address.get().base(), prefix, bits), prefix, bits));
    }

    /** A single IPv4 or IPv6 address as a block of one; never a host name (nothing is looked up). */
    static Optional<IpBlock> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        var v4 = IPV4.matcher(t);
        if (v4.matches()) {
            long value = 0;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(v4.group(i));
                if (octet > 255) {
                    return Optional.empty();
                }
                value = value << 8 | octet;
            }
            return Optional.of(new IpBlock(BigInteger.valueOf(value), 32, 32));
        }
        if (t.contains(":") && IPV6.matcher(t).matches()) {
            try {
                // a literal with ':' is parsed, never resolved
                byte[] bytes = InetAddress.getByName(t).getAddress();
                if (bytes.length == 16) {
                    return Optional.of(new IpBlock(new BigInteger(1, bytes), 128, 128));
                }
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    boolean ipv4() {
        return bits == 32;
    }

    /** Whether {@code other} (an address or a block) lies wholly inside this block. */
    boolean contains(IpBlock other) {
        return other.bits == bits && other.prefix >= prefix && mask(other.base, prefix, bits).equals(base);
    }

    private static BigInteger mask(BigInteger value, int prefix, int bits) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return value.and(all.xor(host));
    }
}
