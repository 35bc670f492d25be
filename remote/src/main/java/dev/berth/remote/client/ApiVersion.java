package dev.berth.remote.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An Engine API version such as {@code 1.41}, compared numerically (1.9 &lt; 1.10). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** The oldest engine API we speak: Debian bookworm's dockerd 20.10. */
    public static final ApiVersion MIN = new ApiVersion(1, 41);
    /** The newest API whose schema this client was reviewed against (Docker 28.5). */
    public static final ApiVersion MAX = new ApiVersion(1, 51);

    @JsonCreator
    public static ApiVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("API version is missing");
        }
        String t = text.trim();
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        int dot = t.indexOf('.');
        try {
            if (dot < 0) {
                return new ApiVersion(Integer.parseInt(t), 0);
            }
            return new ApiVersion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an API version: \"" + text + "\"");
        }
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(String other) {
        return atLeast(parse(other));
    }

    public static ApiVersion min(ApiVersion a, ApiVersion b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @JsonValue
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
