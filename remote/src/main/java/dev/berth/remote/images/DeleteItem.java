package dev.berth.remote.images;

/** One line of an image removal: a tag that was removed ({@code Untagged}) or an image that was deleted. */
public record DeleteItem(String untagged, String deleted) {
}
