package dev.berth.desktop.monitor;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.monitor.TrafficRecord;
import dev.berth.remote.monitor.TrafficSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One exchange as the traffic table shows it; the record itself stays available for the detail pane and export. */
public final class TrafficRow {

    private static final Texts T = Texts.of(TrafficRow.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final TrafficRecord record;

    TrafficRow(TrafficRecord record) {
        this.record = record;
    }

    public TrafficRecord record() {
        return record;
    }

    public String time() {
        return TIME.format(record.start().atZone(ZoneId.systemDefault()));
    }

    public String source() {
        return record.source() == TrafficSource.APP ? T.get("source.app") : T.get("source.proxy");
    }

    public String method() {
        return record.method();
    }

    public String path() {
        return record.target();
    }

    /** "200", "101 hijacked", "200, open" while a stream goes on, or "—" when no answer came. */
    public String status() {
        if (record.status() == 0) {
            return "—";
        }
        String status = record.upgraded() ? T.get("status.hijacked", String.valueOf(record.status()))
                : String.valueOf(record.status());
        return record.open() ? T.get("status.open", status) : status;
    }

    /** Style class for the status: success, redirect or informational, client error, server error or failure. */
    public String statusStyle() {
        int s = record.status();
        if (record.error() != null || s == 0 || s >= 500) {
            return "traffic-status-failed";
        }
        if (s >= 400) {
            return "traffic-status-client-error";
        }
        if (s >= 300 || s < 200) {
            return "traffic-status-other";
        }
        return "traffic-status-ok";
    }

    public String latency() {
        return record.latency() == null ? "—" : record.latency().toMillis() + " ms";
    }

    public String size() {
        String size = TrafficRecord.formatSize(record.size());
        return record.responseBody().stream() ? T.get("size.stream", size) : size;
    }

    /** What the filter field matches against. */
    String searchText() {
        return (record.method() + " " + record.target() + " " + record.status() + " " + record.client() + " "
                + (record.error() == null ? "" : record.error())).toLowerCase(Locale.ROOT);
    }
}
