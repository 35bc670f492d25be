package dev.berth.engine.runtime;

/** How the host mounts cgroups; decides where stats come from and whether crun can run. */
public enum CgroupMode {
    /** Only v1 controller hierarchies under /sys/fs/cgroup. */
    V1,
    /** v1 controllers plus a cgroup2 mount at /sys/fs/cgroup/unified (systemd's "hybrid"). */
    HYBRID,
    /** /sys/fs/cgroup itself is cgroup2. */
    V2;

    /** The name {@code /info} reports as CgroupVersion. */
    public String version() {
        return this == V2 ? "2" : "1";
    }
}
