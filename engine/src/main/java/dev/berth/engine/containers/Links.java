package dev.berth.engine.containers;

import dev.berth.remote.containers.ContainerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Legacy container links ({@code --link name[:alias]}), as moby keeps them: on the default bridge in HostConfig.Links
 * as "/target:/parent/alias", with a hosts entry and moby's environment variables at start; on a user-defined
 * network in the endpoint as "target:alias", a name only the linking container resolves.
 */
final class Links {

    /** One link: the container linked to, and the name the linking container knows it by. */
    record Link(String target, String alias) {
    }

    private Links() {
    }

    /** "beta", "beta:db", or the stored form "/beta:/parent/db". */
    static Link parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String target = strip(colon < 0 ? s : s.substring(0, colon));
        String alias = colon < 0 ? target : s.substring(colon + 1);
        if (alias.startsWith("/")) {
            alias = alias.substring(alias.lastIndexOf('/') + 1);
        }
        return new Link(target, alias.isEmpty() ? target : alias);
    }

    /** moby's HostConfig.Links form. */
    static String stored(String target, String parent, String alias) {
        return "/" + strip(target) + ":/" + strip(parent) + "/" + alias;
    }

    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** The config the process starts with: link variables first, the container's own winning over them. */
    static ContainerConfig withEnv(ContainerConfig config, List<String> linkEnv) {
        List<String> env = new ArrayList<>(linkEnv);
        if (config.env() != null) {
            env.addAll(config.env());
        }
        return WireEdits.with(config, ContainerConfig.class, fields -> fields.put("Env", env));
    }

    /** moby's Link.ToEnv: the linked container's exposed ports, name and environment, under the alias. */
    static List<String> env(String alias, String linkName, String ip, Map<String, ?> exposedPorts,
            List<String> childEnv) {
        String prefix = alias.toUpperCase(Locale.ROOT).replace('-', '_');
        List<String[]> ports = new ArrayList<>();
        if (exposedPorts != null) {
            for (String p : exposedPorts.keySet()) {
                String[] parts = p.split("/", 2);
                ports.add(new String[] {parts[0], parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "tcp"});
            }
        }
        // by number, tcp first on a tie
        ports.sort(Comparator.<String[]>comparingInt(p -> Integer.parseInt(p[0])).thenComparing(p -> !p[1].equals(
                "tcp")));
        List<String> env = new ArrayList<>();
        if (!ports.isEmpty()) {
            env.add(prefix + "_PORT=" + ports.get(0)[1] + "://" + ip + ":" + ports.get(0)[0]);
        }
        for (int i = 0; i < ports.size(); ) {
            int j = i;
            while (j + 1 < ports.size() && Integer.parseInt(ports.get(j + 1)[0]) == Integer.parseInt(ports.get(j)[0])
                    + 1 && ports.get(j + 1)[1].equals(ports.get(i)[1])) {
                j++;
            }
            String[] first = ports.get(i);
            String key = prefix + "_PORT_" + first[0] + "_" + first[1].toUpperCase(Locale.ROOT);
            if (j > i) {
                String[] last = ports.get(j);
                env.add(key + "_START=" + first[1] + "://" + ip + ":" + first[0]);
                env.add(key + "_ADDR=" + ip);
                env.add(key + "_PROTO=" + first[1]);
                env.add(key + "_PORT_START=" + first[0]);
                env.add(key + "_END=" + last[1] + "://" + ip + ":" + last[0]);
                env.add(key + "_PORT_END=" + last[0]);
            }
            for (int k = i; k <= j; k++) {
                String[] p = ports.get(k);
                String pk = prefix + "_PORT_" + p[0] + "_" + p[1].toUpperCase(Locale.ROOT);
                env.add(pk + "=" + p[1] + "://" + ip + ":" + p[0]);
                env.add(pk + "_ADDR=" + ip);
                env.add(pk + "_PORT=" + p[0]);
                env.add(pk + "_PROTO=" + p[1]);
            }
            i = j + 1;
        }
        env.add(prefix + "_NAME=" + linkName);
        if (childEnv != null) {
            for (String kv : childEnv) {
                String[] parts = kv.split("=", 2);
                if (parts.length < 2 || parts[0].equals("HOME") || parts[0].equals("PATH")) {
                    continue;
                }
                env.add(prefix + "_ENV_" + parts[0] + "=" + parts[1]);
            }
        }
        return env;
    }
}
