package dev.berth.desktop.dashboard;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Formats;
import dev.berth.remote.system.EventMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * One engine event in the dashboard's list: when, what kind of object, what happened, to which object (by name when
 * it has one), and a detail worth a glance (a container's image, a network's container, an exit code).
 */
public record EventRow(Instant time, String type, String action, String object, String detail, String key) {

    private static final Texts T = Texts.of(EventRow.class);

    public static EventRow of(EventMessage e) {
        String type = Objects.toString(e.type(), "");
        String id = e.actorId();
        String name = e.actor() == null ? null : e.actor().attribute("name");
        // image events name the image by reference when there is one, else by its full ID: shorten IDs
        String object = name != null && !name.isEmpty() ? name : Objects.toString(id, "");
        if (object.startsWith("sha256:") || object.matches("[0-9a-f]{64}")) {
            object = Formats.shortId(object);
        }
        String detail = detail(e, type);
        Instant time = e.instant() == null ? Instant.EPOCH : e.instant();
        String key = (e.timeNano() != null ? e.timeNano() : e.time()) + "|" + type + "|" + e.action() + "|" + id;
        return new EventRow(time, type, Objects.toString(e.action(), ""), object, detail, key);
    }

    private static String detail(EventMessage e, String type) {
        if (e.actor() == null) {
            return "";
        }
        return switch (type) {
            case "container" -> {
                String exit = e.actor().attribute("exitCode");
                String image = Objects.toString(e.actor().attribute("image"), "");
                yield exit == null ? image : T.get("event.exit-code", image, exit);
            }
            case "network" -> {
                String container = e.actor().attribute("container");
                yield container == null ? Objects.toString(e.actor().attribute("type"), "") : T.get("event.container", Formats.shortId(container));
            }
            case "volume" -> Objects.toString(e.actor().attribute("driver"), "");
            default -> "";
        };
    }
}
