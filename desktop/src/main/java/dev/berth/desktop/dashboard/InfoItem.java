package dev.berth.desktop.dashboard;

/** One fact about the engine, as a label and its value ("Storage driver", "overlay2"). */
public record InfoItem(String id, String label, String value) {
}
