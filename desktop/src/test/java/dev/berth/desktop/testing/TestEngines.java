package dev.berth.desktop.testing;

import dev.berth.engine.testing.BerthEngine;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;

/**
 * The engine the UI tests run against: the real dockerd by default, Berth's own engine when the build sets
 * {@code -Dberth.test.engine=berth} (the second surefire run of this module does). Both hold the busybox test image
 * {@link Dockerd#BUSYBOX}.
 */
public final class TestEngines {

    /** Tests that need what only dockerd has here (bridge and user-defined networks, published ports). */
    public static final String DOCKERD_ONLY = "dockerd-only";

    private TestEngines() {
    }

    public static boolean berth() {
        return "berth".equals(System.getProperty("berth.test.engine"));
    }

    public static TestEngine current() {
        return berth() ? BerthEngine.shared() : Dockerd.shared();
    }

    /** "test dockerd" or "test berth engine", as the engines list shows it. */
    public static String name() {
        return berth() ? "test berth engine" : "test dockerd";
    }
}
