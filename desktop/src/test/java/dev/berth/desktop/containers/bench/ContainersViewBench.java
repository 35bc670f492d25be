package dev.berth.desktop.containers.bench;

import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.containers.ContainersBenchSupport;
import dev.berth.desktop.containers.ContainersView;
import dev.berth.desktop.containers.ContainersViewModel;
import dev.berth.desktop.containers.StateFilter;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.containers.ContainerSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * How fast the containers view is with 1,000 containers, headless on Monocle with the software renderer (the slowest
 * pipeline: a desktop GPU only does better). Not a test: it prints figures and asserts nothing.
 *
 * <ul>
 *   <li>load: the engine's JSON parsed, then a new view gets the rows, and the frame showing them is painted;</li>
 *   <li>filter: a keystroke in the search field (or a state-filter / grouping change) until the frame showing the
 *       result is painted;</li>
 *   <li>live update: one container changing state (an event), and a full relisting where every running
 *       container's status text changed.</li>
 * </ul>
 * Run with {@code bench/containers-view.sh}; {@code -Dbench.containers=N -Dbench.runs=N} change the size.
 */
public final class ContainersViewBench {

    private static final double FRAME_MS = 1000.0 / 60;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int count;
    private final int runs;
    private final long now = System.currentTimeMillis() / 1000;
    private final SyntheticEngine engine;
    private final BackgroundExecutor background = new BackgroundExecutor();
    private final Notifier notifier = new Notifier();
    private Stage stage;
    private Scene scene;

    private ContainersViewBench(int count, int runs) {
        this.count = count;
        this.runs = runs;
        this.engine = new SyntheticEngine(count, now);
    }

    public static void main(String[] args) throws Exception {
        headlessDefaults();
        int count = Integer.getInteger("bench.containers", 1000);
        int runs = Integer.getInteger("bench.runs", 30);
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        try {
            new ContainersViewBench(count, runs).run();
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void headlessDefaults() {
        Map<String, String> defaults = Map.of("glass.platform", "Monocle", "monocle.platform", "Headless",
                "prism.order", "sw", "prism.text", "t2k", "java.awt.headless", "true",
                "headless.geometry", "1600x1000-32", "testfx.headless", "true");
        defaults.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Containers view benchmark: %d containers, %d runs, %s, JavaFX %s, "
                        + "renderer %s%n", count, runs, Runtime.version(), System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order"));
        System.out.printf(Locale.ROOT, "listing JSON: %d KiB; %d CPUs, load average %.1f (other processes inflate "
                        + "wall times; CPU figures are what the FX and render threads spent)%n%n", engine.json().length / 1024,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            stage = new Stage();
            scene = new Scene(new StackPane(), 1150, 850);
            scene.getStylesheets().add(ContainersView.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return null;
        });

        Samples load = new Samples("load total");
        Samples parse = new Samples("  parse JSON");
        Samples rows = new Samples("  rows (view model)");
        Samples frame = new Samples("  rows to painted frame");
        Samples loadCpu = new Samples("  CPU of that (FX + render)");
        double cold = 0;
        Loaded last = null;
        for (int i = 0; i <= runs; i++) {
            Loaded l = load();
            if (i == 0) {
                cold = l.total();
            } else {
                parse.add(l.parse);
                rows.add(l.rows);
                frame.add(l.frame);
                loadCpu.add(l.cpu);
                load.add(l.total());
            }
            last = l;
        }
        String screenshot = System.getProperty("bench.screenshot");
        if (screenshot != null) {
            Loaded shown = last;
            onFx(() -> {
                shown.model.groupedProperty().set(Boolean.getBoolean("bench.grouped"));
                shown.view.applyCss();
                shown.view.layout();
                writePng(scene.snapshot(null), java.nio.file.Path.of(screenshot));
                shown.model.groupedProperty().set(false);
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "LOAD (%d containers into a new view)%n", count);
        System.out.printf(Locale.ROOT, "  first load, cold JVM            %8.1f ms%n", cold);
        for (Samples s : List.of(load, parse, rows, frame, loadCpu)) {
            s.print();
        }

        Map<String, Consumer<ContainersViewModel>> steps = filterSteps(last.model);
        Map<String, Samples> filter = new LinkedHashMap<>();
        Map<String, Samples> filterCpu = new LinkedHashMap<>();
        Samples all = new Samples("all filter steps");
        Samples allCpu = new Samples("all filter steps, CPU only");
        for (int i = 0; i <= runs; i++) {
            for (Map.Entry<String, Consumer<ContainersViewModel>> step : steps.entrySet()) {
                Samples stepCpu = filterCpu.computeIfAbsent(step.getKey(), Samples::new);
                Consumer<ContainersViewModel> act = step.getValue();
                ContainersViewModel model = last.model;
                double ms = measure(() -> act.accept(model), i > 0 ? stepCpu : null);
                if (i > 0) {
                    allCpu.add(stepCpu.last());
                    filter.computeIfAbsent(step.getKey(), Samples::new).add(ms);
                    all.add(ms);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nFILTER (from the change to the painted frame; one frame = %.1f ms)%n",
                FRAME_MS);
        filter.forEach((name, wall) -> wall.print(filterCpu.get(name)));
        all.print();
        allCpu.print();

        Samples one = new Samples("one container changes state");
        Samples oneCpu = new Samples("  CPU only");
        Samples relist = new Samples("relisting, all running changed");
        Samples relistCpu = new Samples("  CPU only");
        ContainerSummary target = engine.containers().get(0);
        List<ContainerSummary> later = engine.aMinuteLater();
        for (int i = 0; i <= runs; i++) {
            boolean even = i % 2 == 0;
            String state = even ? "exited" : "running";
            ContainerSummary changed = SyntheticEngine.withState(target, state, state.equals("exited")
                    ? "Exited (0) Less than a second ago" : "Up Less than a second");
            ContainersViewModel m = last.model;
            double a = measure(() -> ContainersBenchSupport.update(m, Set.of(target.id()), List.of(changed)),
                    i > 0 ? oneCpu : null);
            double b = measure(() -> ContainersBenchSupport.load(m, even ? later : engine.containers()),
                    i > 0 ? relistCpu : null);
            if (i > 0) {
                one.add(a);
                relist.add(b);
            }
        }
        System.out.printf(Locale.ROOT, "%nLIVE UPDATES (from the change to the painted frame)%n");
        one.print();
        oneCpu.print();
        relist.print();
        relistCpu.print();
        background.close();
    }

    private Map<String, Consumer<ContainersViewModel>> filterSteps(ContainersViewModel model) {
        Map<String, Consumer<ContainersViewModel>> steps = new LinkedHashMap<>();
        String typed = "proj-12-web";
        for (int i = 1; i <= typed.length(); i += 2) {
            String prefix = typed.substring(0, i);
            steps.put("type \"" + prefix + "\"", m -> m.searchProperty().set(prefix));
        }
        steps.put("clear search", m -> m.searchProperty().set(""));
        String idPrefix = engine.containers().get(500).id().substring(0, 6);
        steps.put("id prefix", m -> m.searchProperty().set(idPrefix));
        steps.put("image \"redis\"", m -> m.searchProperty().set("redis"));
        steps.put("clear search ", m -> m.searchProperty().set(""));
        steps.put("state Running", m -> m.stateFilterProperty().set(StateFilter.RUNNING));
        steps.put("state Exited", m -> m.stateFilterProperty().set(StateFilter.EXITED));
        steps.put("state All", m -> m.stateFilterProperty().set(StateFilter.ALL));
        steps.put("group by project", m -> m.groupedProperty().set(true));
        steps.put("type \"web\" (grouped)", m -> m.searchProperty().set("web"));
        steps.put("clear (grouped)", m -> m.searchProperty().set(""));
        steps.put("ungroup", m -> m.groupedProperty().set(false));
        return steps;
    }

    private record Loaded(ContainersViewModel model, ContainersView view, double parse, double rows, double frame,
                          double cpu) {
        double total() {
            return parse + frame;
        }
    }

    /** A new view gets the listing: parse (a background thread in the app), then rows, layout and paint. */
    private Loaded load() throws Exception {
        long t0 = System.nanoTime();
        List<ContainerSummary> listing = SyntheticEngine.parse(engine.json());
        double parse = ms(t0);
        ContainersViewModel model = onFx(() -> new ContainersViewModel(background, notifier));
        ContainersView view = onFx(() -> new ContainersView(model, List::of));
        double[] rows = new double[1];
        Samples cpu = new Samples("cpu");
        double frame = measure(() -> {
            scene.setRoot(view);
            long t1 = System.nanoTime();
            ContainersBenchSupport.load(model, listing);
            rows[0] = ms(t1);
        }, cpu);
        return new Loaded(model, view, parse, rows[0], frame, cpu.last());
    }

    /**
     * One change as the user sees it: from the change until the frame that shows it has been painted (the pulse
     * after the one that laid it out starts only when that paint is done). Wall time is returned; the CPU time the FX
     * and render threads spent goes to {@code cpu} (what the wall time would be on an idle machine, give or take the
     * wait for the next 60 Hz pulse).
     */
    private double measure(Runnable change, Samples cpu) throws Exception {
        CompletableFuture<double[]> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long r0 = rendererCpu();
            change.run();
            long[] fxCpu = {THREADS.getCurrentThreadCpuTime() - c0};
            Runnable[] listener = new Runnable[1];
            int[] pulses = {0};
            listener[0] = () -> {
                pulses[0]++;
                if (pulses[0] == 1) {
                    // this pulse laid the change out; its paint is done when the next pulse begins
                    fxCpu[0] = THREADS.getCurrentThreadCpuTime() - c0;
                    Platform.requestNextPulse();
                } else {
                    scene.removePostLayoutPulseListener(listener[0]);
                    shown.complete(new double[] {ms(t0), (fxCpu[0] + rendererCpu() - r0) / 1e6});
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        double[] both = shown.get(30, TimeUnit.SECONDS);
        if (cpu != null) {
            cpu.add(both[1]);
        }
        return both[0];
    }

    /** PNG without javafx.swing: the pixels copied into an AWT image. */
    private static void writePng(javafx.scene.image.WritableImage image, java.nio.file.Path file) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0,
                    w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    /** CPU time of the Quantum render thread, which paints (the snapshot waits for it). */
    private static long rendererCpu() {
        if (rendererId < 0) {
            rendererId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst()
                    .orElse(0);
        }
        return rendererId == 0 ? 0 : THREADS.getThreadCpuTime(rendererId);
    }

    private static long rendererId = -1;

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }

    private static final class Samples {
        private final String name;
        private final List<Double> values = new ArrayList<>();

        Samples(String name) {
            this.name = name;
        }

        void add(double ms) {
            values.add(ms);
        }

        double last() {
            return values.get(values.size() - 1);
        }

        double median() {
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            return v.get(v.size() / 2);
        }

        /** Wall time, then the FX thread's CPU time for the same steps. */
        void print(Samples cpu) {
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            System.out.printf(Locale.ROOT, "  %-32s median %7.1f ms   p95 %7.1f ms   | CPU median %6.1f ms%n", name,
                    median(), v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.95) - 1)), cpu.median());
        }

        void print() {
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            double median = v.get(v.size() / 2);
            double p95 = v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.95) - 1));
            System.out.printf(Locale.ROOT, "  %-32s median %7.1f ms   p95 %7.1f ms   max %7.1f ms%s%n", name, median,
                    p95, v.get(v.size() - 1), median <= FRAME_MS ? "   (within a frame)"
                            : median <= 2 * FRAME_MS ? "   (within two frames)" : "");
        }
    }
}
