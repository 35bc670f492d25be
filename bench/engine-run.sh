#!/usr/bin/env bash
# Berth's engine against dockerd on this machine, in one run, with the same busybox image on both:
#   1. `docker run --rm <busybox> true`, BENCH_RUNS times on each, alternating (after 2 warm-up runs): medians and
#      the ratio (goal: Berth at most half of dockerd), and `runc run` of the same rootfs as the floor;
#   2. `docker ps -a` with BENCH_PS_CONTAINERS created containers on each: median of 5;
#   3. the engine's idle RSS with BENCH_IDLE_CONTAINERS containers running `sleep 3600` (goal: under 150 MB),
#      dockerd's (+ containerd's) for comparison.
# Prints the figures; asserts nothing. Needs root, a built project (./mvnw -q -B -o -DskipTests package -pl desktop
# -am) and `bin/install-deps test` (dockerd, busybox-static). Everything it starts is removed when it exits.
#   BENCH_RUNS=20 BENCH_PS_CONTAINERS=500 BENCH_IDLE_CONTAINERS=20 bench/engine-run.sh
# The engine runs as `./berth engine` runs it (same main class, same JVM options: bin/engine.jvm-options) from a copy
# of the built jars taken at the start, so it never builds and a rebuild during the run cannot change what is
# measured. BENCH_JARS names another build: a directory with berth-desktop.jar and lib/ (default: desktop/target).
set -euo pipefail
cd "$(dirname "$0")/.."
home="$(pwd)"
runs="${BENCH_RUNS:-20}"
ps_containers="${BENCH_PS_CONTAINERS:-500}"
idle_containers="${BENCH_IDLE_CONTAINERS:-20}"
image="berth-bench/busybox:latest"
jars="${BENCH_JARS:-$home/desktop/target}"

[ "$(id -u)" -eq 0 ] || { echo "engine-run.sh: run as root (both engines need it)" >&2; exit 1; }
for tool in docker dockerd runc busybox java; do
  command -v "$tool" >/dev/null || { echo "engine-run.sh: $tool is missing; run bin/install-deps test" >&2; exit 1; }
done
[ -f "$jars/berth-desktop.jar" ] && [ -d "$jars/lib" ] || {
  echo "engine-run.sh: no build in $jars; run ./mvnw -q -B -o -DskipTests package -pl desktop -am" >&2; exit 1; }

# Short paths: Unix sockets (ours, conmon's, containerd's) must fit in 108 bytes.
work="$(mktemp -d -t beb.XXXXXX)"
berth_sock="$work/berth.sock"
docker_sock="$work/docker.sock"
export DOCKER_CONFIG="$work/cli" berth_sock docker_sock
mkdir -p "$DOCKER_CONFIG"
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_API_VERSION
berth_pid=""
dockerd_pid=""

on_berth() { DOCKER_HOST="unix://$berth_sock" docker "$@"; }
on_dockerd() { DOCKER_HOST="unix://$docker_sock" docker "$@"; }

# ---- teardown: containers, engines, leftover monitors, mounts, files -------------------------------------------
cleanup() {
  set +e
  for on in on_berth on_dockerd; do
    ids="$($on ps -aq 2>/dev/null)"
    [ -n "$ids" ] && echo "$ids" | xargs -r -n 50 bash -c "$(declare -f "$on"); $on rm -f \"\$@\" >/dev/null 2>&1" _
  done
  for pid in $berth_pid $dockerd_pid; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in $berth_pid $dockerd_pid; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  # Containers a crashed engine left in our private runc roots, and the conmon monitors naming our directory.
  for root in "$work/berth-exec/runc" "$work/runc"; do
    [ -d "$root" ] || continue
    for id in $(runc --root "$root" list -q 2>/dev/null); do runc --root "$root" delete --force "$id" >/dev/null 2>&1; done
  done
  for pid in $(pgrep -x conmon); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$work/" && kill -KILL "$pid" 2>/dev/null
  done
  grep -F " $work" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wait_for() { # wait_for WHAT SECONDS COMMAND...: until COMMAND succeeds
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 $(( seconds * 10 ))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "engine-run.sh: $what did not come up; its log:" >&2
  tail -n 30 "$work/$what.log" >&2
  exit 1
}

# ---- the two engines --------------------------------------------------------------------------------------------
echo "Starting berth engine and dockerd under $work ..." >&2
mkdir -p "$work/jars"
cp -r "$jars/berth-desktop.jar" "$jars/lib" "$work/jars/"
java "@$home/bin/engine.jvm-options" -cp "$work/jars/berth-desktop.jar:$work/jars/lib/*" dev.berth.cli.Main \
  engine -H "unix://$berth_sock" --data-root "$work/berth-data" --exec-root "$work/berth-exec" \
  --log-level warn >"$work/berth.log" 2>&1 </dev/null &
berth_pid=$!
dockerd --host "unix://$docker_sock" --data-root "$work/docker-data" --exec-root "$work/docker-exec" \
  --pidfile "$work/dockerd.pid" --containerd-namespace berth-bench --containerd-plugins-namespace berth-bench-plugins \
  --bridge none --iptables=false --ip-masq=false --userland-proxy=false >"$work/dockerd.log" 2>&1 </dev/null &
dockerd_pid=$!
wait_for berth 90 on_berth version
wait_for dockerd 90 on_dockerd version

# ---- the same image on both: busybox-static and its applets, as the test fixtures build it ---------------------
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
cp "$(command -v busybox)" "$rootfs/bin/busybox"
for applet in $(busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$rootfs/etc/group"
tar -C "$rootfs" -cf "$work/busybox.tar" .
for on in on_berth on_dockerd; do
  $on import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' "$work/busybox.tar" "$image" >/dev/null
done

# ---- 1. docker run --rm true ------------------------------------------------------------------------------------
time_runs() { # time_runs COMMAND...: prints one duration in ms per run, after 2 warm-up runs
  "$@" >/dev/null; "$@" >/dev/null
  for _ in $(seq 1 "$runs"); do
    local t0; t0=$(now_ms)
    "$@" >/dev/null
    echo $(( $(now_ms) - t0 ))
  done
}
time_both() { # time_both DOCKER-ARGS...: medians "berth dockerd" of runs alternating between the engines, so that
  # a change of load on a shared machine weighs on both alike (2 warm-up runs each first)
  local t0 b=() d=()
  for on in on_berth on_dockerd; do $on "$@" >/dev/null; $on "$@" >/dev/null; done
  for _ in $(seq 1 "$runs"); do
    t0=$(now_ms); on_berth "$@" >/dev/null; b+=($(( $(now_ms) - t0 )))
    t0=$(now_ms); on_dockerd "$@" >/dev/null; d+=($(( $(now_ms) - t0 )))
  done
  echo "$(printf '%s\n' "${b[@]}" | median) $(printf '%s\n' "${d[@]}" | median)"
}
echo "Timing docker run --rm $image true, $runs runs each ..." >&2
read -r berth_run dockerd_run < <(time_both run --rm "$image" true)

# The floor: runc alone on the same rootfs (no image, no API, no monitor).
bundle="$work/bundle"
mkdir -p "$bundle"
(cd "$bundle" && runc spec)
sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"$/"true"/' "$bundle/config.json"
sed -i -e "s|\"path\": \"rootfs\"|\"path\": \"$rootfs\"|" "$bundle/config.json"
runc_once() { runc --root "$work/runc" run --bundle "$bundle" "bench-$RANDOM$RANDOM" </dev/null; }
runc_run=$(time_runs runc_once | median)

# ---- 2. docker ps -a with many containers ----------------------------------------------------------------------
echo "Creating $ps_containers containers on each engine ..." >&2
for on in on_berth on_dockerd; do
  seq 1 "$ps_containers" | xargs -P 4 -I{} bash -c "$(declare -f "$on"); $on create $image true >/dev/null"
done
berth_count=$(on_berth ps -aq | wc -l)
dockerd_count=$(on_dockerd ps -aq | wc -l)
ps_runs=5
read -r berth_ps dockerd_ps < <(runs=$ps_runs time_both ps -a)
for on in on_berth on_dockerd; do
  $on ps -aq | xargs -r -n 100 bash -c "$(declare -f "$on"); $on rm -f \"\$@\" >/dev/null" _
done

# ---- 3. idle memory with containers running --------------------------------------------------------------------
echo "Starting $idle_containers containers running sleep 3600 on each engine ..." >&2
for on in on_berth on_dockerd; do
  for _ in $(seq 1 "$idle_containers"); do $on run -d "$image" sleep 3600 >/dev/null; done
done
sleep 10 # let both settle (GC, caches) before reading their memory
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
berth_rss=$(rss_mb "$berth_pid")
dockerd_rss=$(rss_mb "$dockerd_pid")
containerd_pid=$(pgrep -f -- "--root $work/docker-data/containerd|$work/docker-exec/containerd/containerd.toml" | head -n 1 || true)
containerd_rss=$([ -n "$containerd_pid" ] && rss_mb "$containerd_pid" || echo "?")
berth_running=$(on_berth ps -q | wc -l)
dockerd_running=$(on_dockerd ps -q | wc -l)

# ---- figures ----------------------------------------------------------------------------------------------------
echo
echo "docker run --rm $image true (median of $runs, ms)"
printf '  berth engine  %8s\n  dockerd       %8s\n  runc run      %8s   (floor)\n' "$berth_run" "$dockerd_run" "$runc_run"
awk -v b="$berth_run" -v d="$dockerd_run" 'BEGIN { printf "  ratio berth/dockerd  %.2f   (goal: at most 0.50)\n", b / d }'
echo
echo "docker ps -a (median of $ps_runs, ms)"
printf '  berth engine  %8s   with %s containers\n  dockerd       %8s   with %s containers\n' \
  "$berth_ps" "$berth_count" "$dockerd_ps" "$dockerd_count"
awk -v b="$berth_ps" -v d="$dockerd_ps" 'BEGIN { printf "  ratio berth/dockerd  %.2f\n", b / d }'
echo
echo "Idle RSS (MB)"
printf '  berth engine  %8s   with %s containers running   (goal: under 150)\n' "$berth_rss" "$berth_running"
printf '  dockerd       %8s   + containerd %s, with %s containers running\n' "$dockerd_rss" "$containerd_rss" "$dockerd_running"
