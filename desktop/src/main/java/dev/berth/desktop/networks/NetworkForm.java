package dev.berth.desktop.networks;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.KeyValues;
import dev.berth.remote.networks.Ipam;
import dev.berth.remote.networks.NetworkCreateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the create-network dialog holds, checked as {@code docker network create} would check it before the engine
 * is asked: a valid name, CIDR syntax, the gateway and the IP range inside the subnet, labels as key=value.
 *
 * @param subnet  CIDR or blank (the engine then picks one from its address pools)
 * @param gateway an address in the subnet, or blank
 * @param ipRange a CIDR block inside the subnet that containers get addresses from, or blank
 * @param labels  key=value, one per line
 */
record NetworkForm(String name, String driver, String subnet, String gateway, String ipRange, boolean internal,
                   boolean attachable, boolean ipv6, String labels) {

    private static final Texts T = Texts.of(NetworkForm.class);
    /** The engine's rule for object names. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** The field a problem is about, so the dialog can point at it. */
    enum Field { NAME, SUBNET, GATEWAY, IP_RANGE, LABELS }

    record Problem(Field field, String message) {
    }

    /** Everything wrong with the form; empty when it may be sent. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        String n = name.strip();
        if (n.isEmpty()) {
            problems.add(new Problem(Field.NAME, T.get("form.name.required")));
        } else if (!NAME.matcher(n).matches()) {
            problems.add(new Problem(Field.NAME, T.get("form.name.invalid", n)));
        }
        Optional<IpBlock> net = Optional.empty();
        if (!subnet.isBlank()) {
            net = IpBlock.cidr(subnet);
            if (net.isEmpty()) {
                problems.add(new Problem(Field.SUBNET, T.get("form.subnet.invalid", subnet.strip())));
            }
        }
        if (!gateway.isBlank()) {
            Optional<IpBlock> gw = IpBlock.address(gateway);
            if (gw.isEmpty()) {
                problems.add(new Problem(Field.GATEWAY, T.get("form.gateway.invalid", gateway.strip())));
            } else if (subnet.isBlank()) {
                problems.add(new Problem(Field.GATEWAY, T.get("form.gateway.needsSubnet")));
            } else if (net.isPresent() && !net.get().contains(gw.get())) {
                problems.add(new Problem(Field.GATEWAY, T.get("form.gateway.outside", gateway.strip(), subnet.strip())));
            }
        }
        if (!ipRange.isBlank()) {
            Optional<IpBlock> range = IpBlock.cidr(ipRange);
            if (range.isEmpty()) {
                problems.add(new Problem(Field.IP_RANGE, T.get("form.ipRange.invalid", ipRange.strip())));
            } else if (subnet.isBlank()) {
                problems.add(new Problem(Field.IP_RANGE, T.get("form.ipRange.needsSubnet")));
            } else if (net.isPresent() && !net.get().contains(range.get())) {
                problems.add(new Problem(Field.IP_RANGE, T.get("form.ipRange.outside", ipRange.strip(), subnet.strip())));
            }
        }
        try {
            KeyValues.parse(labels);
        } catch (KeyValues.Malformed e) {
            problems.add(new Problem(Field.LABELS, T.get("form.labels.invalid", e.entry())));
        }
        return problems;
    }

    /** The engine request; only for a form without {@link #problems()}. */
    NetworkCreateRequest request() {
        NetworkCreateRequest request = NetworkCreateRequest.named(name.strip())
                .withDriver(driver == null || driver.isBlank() ? "bridge" : driver)
                .withCheckDuplicate(true);
        if (!subnet.isBlank()) {
            request = request.withIpam(new Ipam("default", List.of(new Ipam.Config(subnet.strip(),
                    ipRange.isBlank() ? null : ipRange.strip(), gateway.isBlank() ? null : gateway.strip(), null)),
                    null));
        }
        if (internal) {
            request = request.withInternal(true);
        }
        if (attachable) {
            request = request.withAttachable(true);
        }
        if (ipv6) {
            request = request.withEnableIpv6(true);
        }
        Map<String, String> parsed = KeyValues.parse(labels);
        if (!parsed.isEmpty()) {
            request = request.withLabels(parsed);
        }
        return request;
    }
}
