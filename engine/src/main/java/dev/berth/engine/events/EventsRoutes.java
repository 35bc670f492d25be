package dev.berth.engine.events;

import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import dev.berth.remote.system.EventMessage;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** GET /events: replay from {@code since}, then live until {@code until} or until the client leaves. */
public final class EventsRoutes implements Routes {

    private final EventBus bus;

    public EventsRoutes(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/events", this::events);
    }

    private Response events(Request request) {
        EventFilter filter = new EventFilter(request.filters());
        long now = bus.nowNanos();
        Long since = request.query("since").filter(s -> !s.isBlank()).map(EventsRoutes::toNanos).orElse(null);
        Long until = request.query("until").filter(s -> !s.isBlank()).map(EventsRoutes::toNanos).orElse(null);
        if (since != null && until != null && since > until) {
            throw EngineException.badRequest("`since` time (" + request.query("since").get()
                    + ") cannot be after `until` time (" + request.query("until").get() + ")");
        }
        return Response.stream(200, "application/json", out -> {
            BlockingQueue<EventMessage> queue = new LinkedBlockingQueue<>();
            // Without since, only live events; the replay starts at "now" so nothing older is sent.
            long from = since == null ? now + 1 : since;
            try (AutoCloseable subscription = bus.subscribe(from, queue::add)) {
                out.flush();
                pump(request, out, queue, filter, until);
            }
        });
    }

    private static void pump(Request request, OutputStream out, BlockingQueue<EventMessage> queue,
            EventFilter filter, Long until) throws Exception {
        while (!request.clientGone()) {
            if (until != null && System.currentTimeMillis() * 1_000_000L > until && queue.isEmpty()) {
                return;
            }
            EventMessage event = queue.poll(200, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            if (until != null && event.timeNano() > until) {
                return;
            }
            if (filter.matches(event)) {
                out.write(Json.MAPPER.writeValueAsBytes(event));
                out.write('\n');
                out.flush();
            }
        }
    }

    /** Docker's timestamps: "1700000000", "1700000000.123456789", or RFC 3339. */
    static long toNanos(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            return seconds.movePointRight(9).longValue();
        } catch (NumberFormatException e) {
            try {
                OffsetDateTime time = OffsetDateTime.parse(value.trim());
                return time.toEpochSecond() * 1_000_000_000L + time.getNano();
            } catch (DateTimeParseException e2) {
                throw EngineException.badRequest("invalid timestamp: " + value);
            }
        }
    }
}
