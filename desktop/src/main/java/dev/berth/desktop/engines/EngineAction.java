package dev.berth.desktop.engines;

import dev.berth.icons.AppIcon;

/**
 * A button beside the engines list's heading, for actions that add engines ("Connect to engine…", "Generate TLS
 * certificates…").
 *
 * @param id     the button's node id
 * @param title  its tooltip
 */
public record EngineAction(String id, String title, AppIcon icon, Runnable action) {
}
