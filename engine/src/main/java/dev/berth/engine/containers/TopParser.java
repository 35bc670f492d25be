package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.TopResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts the host's {@code ps} output down to a container's processes, as moby's parsePSOutput does. */
final class TopParser {

    private TopParser() {
    }

    static TopResponse parse(String output, List<Integer> pids) {
        String[] lines = output.split("\n");
        List<String> titles = Arrays.asList(lines[0].trim().split("\\s+"));
        int pidIndex = -1;
        for (int i = 0; i < titles.size(); i++) {
            if (titles.get(i).equals("PID")) {
                pidIndex = i;
            } else if (titles.get(i).equals("LWP")) {
                pidIndex = i;
                break;
            }
        }
        if (pidIndex < 0) {
            throw EngineException.serverError("Couldn't find PID field in ps output");
        }
        List<List<String>> processes = new ArrayList<>();
        boolean previousContained = false;
        for (int l = 1; l < lines.length; l++) {
            String line = lines[l];
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length <= pidIndex) {
                continue;
            }
            if (fields[pidIndex].equals("-")) {
                if (previousContained) {
                    processes.add(row(fields, titles.size()));
                }
                continue;
            }
            int pid;
            try {
                pid = Integer.parseInt(fields[pidIndex]);
            } catch (NumberFormatException e) {
                throw EngineException.serverError("Unexpected pid '" + fields[pidIndex] + "': " + e.getMessage());
            }
            previousContained = pids.contains(pid);
            if (previousContained) {
                processes.add(row(fields, titles.size()));
            }
        }
        return new TopResponse(titles, processes);
    }

    /** The columns after the last title are one column (the command and its arguments). */
    private static List<String> row(String[] fields, int titles) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < titles - 1 && i < fields.length; i++) {
            row.add(fields[i]);
        }
        if (fields.length >= titles) {
            row.add(String.join(" ", Arrays.copyOfRange(fields, titles - 1, fields.length)));
        }
        return row;
    }
}
