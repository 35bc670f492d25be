package dev.berth.engine.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** sha256 digests as the image formats write them: {@code sha256:<64 hex>}. */
public final class Digests {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String of(byte[] bytes) {
        return format(sha256().digest(bytes));
    }

    public static String format(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    public static boolean valid(String digest) {
        return digest != null && DIGEST.matcher(digest).matches();
    }

    /** The 64 hex characters of a valid digest; anything else is refused (digests become file names). */
    public static String hex(String digest) {
        if (!valid(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    /**
     * The chain ID of a layer stack (image-spec config.md): the first layer's diff ID, then
     * {@code sha256(parentChain + " " + diffId)} for each further layer.
     */
    public static String chainId(List<String> diffIds) {
        String chain = null;
        for (String diffId : diffIds) {
            chain = chainId(chain, diffId);
        }
        return chain;
    }

    public static String chainId(String parentChain, String diffId) {
        return parentChain == null ? diffId : of((parentChain + " " + diffId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The 12-character short form Docker shows ("Loading layer" ids, container ids in messages). */
    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
