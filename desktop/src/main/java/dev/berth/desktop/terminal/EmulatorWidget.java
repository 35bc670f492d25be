package dev.berth.desktop.terminal;

import com.techsenger.jeditermfx.core.TerminalExecutorServiceManager;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JediTermFX's widget with daemon threads: its stock executors use non-daemon threads, so one terminal left open
 * would keep the app's JVM alive after the window closed.
 */
final class EmulatorWidget extends JediTermFxWidget {

    EmulatorWidget(int columns, int rows) {
        super(columns, rows, new Settings());
    }

    @Override
    protected TerminalExecutorServiceManager createExecutorServiceManager() {
        // Called from the superclass constructor: must not touch this class's fields.
        return new DaemonExecutors();
    }

    /** The number of columns and rows the emulator currently shows. */
    int columns() {
        return getTerminalTextBuffer().getWidth();
    }

    int rows() {
        return getTerminalTextBuffer().getHeight();
    }

    private static final class Settings extends DefaultSettingsProvider {
        @Override
        public boolean audibleBell() {
            return false; // the bell goes through AWT, which a JavaFX app may not have initialised
        }
    }

    private static final class DaemonExecutors implements TerminalExecutorServiceManager {

        private final ScheduledExecutorService single = Executors.newSingleThreadScheduledExecutor(threads("berth-terminal-io-"));
        private final ExecutorService unbounded = Executors.newCachedThreadPool(threads("berth-terminal-"));

        private static ThreadFactory threads(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        @Override
        public ScheduledExecutorService getSingleThreadScheduledExecutor() {
            return single;
        }

        @Override
        public ExecutorService getUnboundedExecutorService() {
            return unbounded;
        }

        @Override
        public void shutdownWhenAllExecuted() {
            if (!single.isShutdown()) {
                single.execute(single::shutdown);
            }
            unbounded.shutdown();
        }
    }
}
