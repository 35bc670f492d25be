package dev.berth.engine.networks;

import dev.berth.engine.errors.EngineException;

/** An IPv4 prefix, with the little address arithmetic IPAM needs. */
record Cidr(int base, int prefix) {

    static Cidr parse(String text) {
        int prefix = prefixLength(text, 30);
        int addr = address(text.substring(0, text.indexOf('/')));
        return new Cidr(addr & mask(prefix), prefix);
    }

    /** The length after the slash of "address/length", between 1 and {@code max}; 400 otherwise. */
    static int prefixLength(String text, int max) {
        int slash = text.indexOf('/');
        int prefix;
        try {
            prefix = slash < 0 ? -1 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 1 || prefix > max) {
            throw EngineException.badRequest("invalid CIDR address: " + text);
        }
        return prefix;
    }

    static int address(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw EngineException.badRequest("invalid address: " + text);
        }
        int v = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw EngineException.badRequest("invalid address: " + text);
            }
            if (octet < 0 || octet > 255) {
                throw EngineException.badRequest("invalid address: " + text);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    static String format(int addr) {
        return ((addr >>> 24) & 255) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    boolean contains(int addr) {
        return (addr & mask(prefix)) == base;
    }

    boolean overlaps(Cidr other) {
        int p = Math.min(prefix, other.prefix);
        return (base & mask(p)) == (other.base & mask(p));
    }

    int last() {
        return base | ~mask(prefix);
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
