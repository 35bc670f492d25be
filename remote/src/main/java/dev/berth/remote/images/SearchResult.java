package dev.berth.remote.images;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One hit of {@code GET /images/search}, in the registry's own lower-case field names. */
public record SearchResult(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("star_count") Integer starCount,
        @JsonProperty("is_official") Boolean official,
        @JsonProperty("is_automated") Boolean automated) {
}
