package dev.berth.engine.runtime;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts conmon through {@code /bin/sh}, which opens the FIFOs as fds 3, 4 (and 5) and then becomes conmon, so
 * conmon inherits exactly those (a JVM child cannot inherit extra descriptors).
 *
 * <p>conmon has to be in its own cgroup before it forks (see {@link ConmonCgroup}), and moving a process between
 * cgroups costs the kernel an RCU grace period: 5–15 ms on every container start. So one spare shell is kept
 * ready, already moved, blocked reading its stdin; a launch hands it the command line and it {@code exec}s conmon
 * from there. The spare is replaced in the background after each use. When no spare is ready (two starts at once,
 * or the first start), or a line could not be handed over safely, the shell is spawned and moved on the spot.
 * A spare whose engine dies reads end-of-file and exits.
 */
final class ConmonLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConmonLauncher.class);
    private static final String SPARE_SCRIPT = "read -r line && eval \"$line\"";

    private final Path conmon;
    private final ConmonCgroup cgroup;
    private final AtomicReference<Process> spare = new AtomicReference<>();
    private final AtomicBoolean replenishing = new AtomicBoolean();
    private volatile boolean closed;

    ConmonLauncher(Path conmon, ConmonCgroup cgroup) {
        this.conmon = conmon;
        this.cgroup = cgroup;
    }

    /**
     * A started shell on its way to {@code exec conmon args…}, already in conmon's cgroup; it waits on the start
     * FIFO as conmon. Its stdin is /dev/null and its stdout and stderr are appended to {@code dir/conmon.out}.
     *
     * @param sync   FIFO conmon gets as fd 3 (it writes)
     * @param start  FIFO conmon gets as fd 4 (it reads)
     * @param attach FIFO conmon gets as fd 5 (it writes), or null
     */
    Process launch(List<String> args, Path dir, Path sync, Path start, Path attach) throws IOException {
        Process process = handOver(args, dir, sync, start, attach);
        if (process == null) {
            process = spawn(args, dir, sync, start, attach);
            cgroup.adopt(process.pid());
        }
        replenish();
        return process;
    }

    /** Gives the command line to the spare shell, or null when none is ready or the line cannot go through it. */
    private Process handOver(List<String> args, Path dir, Path sync, Path start, Path attach) {
        List<String> words = new ArrayList<>(args);
        words.add(dir.toString());
        words.add(sync.toString());
        words.add(start.toString());
        if (attach != null) {
            words.add(attach.toString());
        }
        if (words.stream().anyMatch(w -> w.indexOf('\n') >= 0 || w.indexOf('\0') >= 0)) {
            return null; // the spare reads one line
        }
        Process shell = spare.getAndSet(null);
        if (shell == null) {
            return null;
        }
        if (!shell.isAlive()) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        line.append("exec </dev/null >>").append(quote(dir.resolve("conmon.out").toString())).append(" 2>&1 && cd ")
                .append(quote(dir.toString())).append(" && export _OCI_SYNCPIPE=3 _OCI_STARTPIPE=4");
        if (attach != null) {
            line.append(" _OCI_ATTACHPIPE=5");
        }
        line.append(" && exec ").append(quote(conmon.toString()));
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        line.append(" 3>").append(quote(sync.toString())).append(" 4<").append(quote(start.toString()));
        if (attach != null) {
            line.append(" 5>").append(quote(attach.toString()));
        }
        line.append('\n');
        try (OutputStream in = shell.getOutputStream()) {
            in.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("the spare conmon shell is gone: {}", e.toString());
            shell.destroyForcibly();
            return null;
        }
        return shell;
    }

    /** The plain way: a new shell with the FIFO paths in its environment. */
    private Process spawn(List<String> args, Path dir, Path sync, Path start, Path attach) throws IOException {
        String script = "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\" 4<\"$BERTH_START\""
                + (attach != null ? " 5>\"$BERTH_ATTACH\"" : "");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, conmon.toString()));
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("conmon.out").toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", HostCommand.PATH);
        builder.environment().put("BERTH_SYNC", sync.toString());
        builder.environment().put("BERTH_START", start.toString());
        builder.environment().put("_OCI_SYNCPIPE", "3");
        builder.environment().put("_OCI_STARTPIPE", "4");
        if (attach != null) {
            builder.environment().put("BERTH_ATTACH", attach.toString());
            builder.environment().put("_OCI_ATTACHPIPE", "5");
        }
        return builder.start();
    }

    /** Prepares the next spare off the caller's path: spawned, then moved into conmon's cgroup. */
    private void replenish() {
        if (closed || spare.get() != null || !replenishing.compareAndSet(false, true)) {
            return;
        }
        RuntimeThreads.IO.execute(() -> {
            try {
                ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SPARE_SCRIPT)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().clear();
                builder.environment().put("PATH", HostCommand.PATH);
                Process shell = builder.start();
                cgroup.adopt(shell.pid());
                if (!spare.compareAndSet(null, shell)) {
                    shell.destroyForcibly();
                } else if (closed) {
                    close();
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot prepare a spare conmon shell: {}", e.toString());
            } finally {
                replenishing.set(false);
            }
        });
    }

    /** The PID of the shell waiting for the next launch, or -1 while there is none (for tests). */
    long sparePid() {
        Process shell = spare.get();
        return shell == null ? -1 : shell.pid();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        closed = true;
        Process shell = spare.getAndSet(null);
        if (shell != null) {
            shell.destroyForcibly();
        }
    }
}
