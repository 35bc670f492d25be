package dev.berth.remote.monitor;

/** Who made an exchange: the app's own client, or a program talking through the monitoring proxy. */
public enum TrafficSource {
    APP,
    PROXY
}
