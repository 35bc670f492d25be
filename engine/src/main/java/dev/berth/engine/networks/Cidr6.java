package dev.berth.engine.networks;

import dev.berth.engine.errors.EngineException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;

/** An IPv6 prefix, with what IPAM needs of it; literals only, never a name lookup. */
record Cidr6(BigInteger base, int prefix) {

    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    static boolean looksLikeV6(String text) {
        return text != null && text.contains(":");
    }

    static Cidr6 parse(String text) {
        int prefix = Cidr.prefixLength(text, 126);
        return new Cidr6(address(text.substring(0, text.indexOf('/'))).and(mask(prefix)), prefix);
    }

    static BigInteger address(String text) {
        if (!looksLikeV6(text) || !text.matches("[0-9a-fA-F:.]+")) {
            throw EngineException.badRequest("invalid address: " + text);
        }
        try {
            return new BigInteger(1, InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException | RuntimeException e) {
            throw EngineException.badRequest("invalid address: " + text);
        }
    }

    static String format(BigInteger addr) {
        byte[] raw = addr.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        try {
            // the shortest form, as Go prints it ("fd00::1")
            return compress(((Inet6Address) InetAddress.getByAddress(bytes)).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Java writes every group ("fd00:0:0:0:0:0:0:1"); Go and Docker collapse the longest run of zeros. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }

    private static BigInteger mask(int prefix) {
        return ALL.shiftRight(prefix).xor(ALL);
    }

    /** A random unique-local /64 (fdXX:XXXX:XXXX:XXXX::/64), for an IPv6 network created without a subnet. */
    static Cidr6 randomUniqueLocal(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xfd;
        for (int i = 8; i < 16; i++) {
            bytes[i] = 0;
        }
        return new Cidr6(new BigInteger(1, bytes), 64);
    }

    boolean contains(BigInteger addr) {
        return addr.and(mask(prefix)).equals(base);
    }

    boolean overlaps(Cidr6 other) {
        int p = Math.min(prefix, other.prefix);
        return base.and(mask(p)).equals(other.base.and(mask(p)));
    }

    BigInteger first() {
        return base.add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
