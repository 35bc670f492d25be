package dev.berth.engine.networks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code bridge}, {@code host} and {@code none}: always there, with IDs stable across restarts as Docker's are. */
public final class PredefinedNetworks {

    private PredefinedNetworks() {
    }

    public static boolean isPredefined(String name) {
        return name.equals("bridge") || name.equals("host") || name.equals("none") || name.equals("default");
    }

    /** A stable 64-hex ID per network name. */
    public static String id(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("berth-network:" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
