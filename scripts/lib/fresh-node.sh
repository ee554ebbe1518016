# Sourced by scripts that put load on a fresh node (study-run, soak, spike): a GCS emulator process that
# behaves like GCS (first-byte latency LATENCY_MS ± JITTER_MS), one node pointed at it, a warm-up, and
# cleanup on exit. The node's PID is in NODE_PID (for jcmd/jstat), its port in HTTP_PORT.
#
# Env: HTTP_PORT (18080), EMULATOR_PORT (14443), LATENCY_MS (40), JITTER_MS (20), WARMUP (20s; 0 for none),
# UNIT_CPUS / UNIT_MEMORY (the node confined like docker run --cpus --memory, as root; unset: unconfined),
# and any node setting (STORAGE_TRANSPORT, STORAGE_POOL_SIZE, ...).

export HTTP_PORT=${HTTP_PORT:-18080} EMULATOR_PORT=${EMULATOR_PORT:-14443}
FRESH_PIDS=()

fresh_cleanup() {
  local pid
  for pid in "${FRESH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${FRESH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap fresh_cleanup EXIT

# Waits until URL answers 2xx, while PID lives; at most 300 s.
fresh_wait() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 300); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$(basename "$0"): process exited, see $log" >&2; exit 1; }
    sleep 1
  done
  echo "$(basename "$0"): $url not ready after 300 s, see $log" >&2
  exit 1
}

# fresh_start NAME: the emulator and the node, logs under results/NAME-*.log.
fresh_start() {
  local name=$1
  mkdir -p results
  scripts/run --build-only
  ROLES=emulator CLUSTERED=false HTTP_PORT=0 EMULATOR_LATENCY_MS=${LATENCY_MS:-40} EMULATOR_JITTER_MS=${JITTER_MS:-20} \
    scripts/run >"results/$name-emulator.log" 2>&1 &
  FRESH_PIDS+=($!)
  fresh_wait "http://127.0.0.1:$EMULATOR_PORT/_emulator/stats" $! "results/$name-emulator.log"
  if [ -n "${UNIT_CPUS:-}" ]; then
    # A unit like a container: the shell enters the cgroup, then execs the node, so every thread is inside.
    MODE=prod ROLES=api,loader CLUSTERED=false STORAGE_EMULATOR_HOST=127.0.0.1:$EMULATOR_PORT \
      bash -c 'source scripts/lib/cgroup.sh && cgroup_enter "$0" "$1" "$2" && exec scripts/run' \
      "$name-unit" "$UNIT_CPUS" "${UNIT_MEMORY:-1536m}" >"results/$name-node.log" 2>&1 &
  else
    MODE=prod ROLES=api,loader CLUSTERED=false STORAGE_EMULATOR_HOST=127.0.0.1:$EMULATOR_PORT \
      scripts/run >"results/$name-node.log" 2>&1 &
  fi
  NODE_PID=$!
  FRESH_PIDS+=($NODE_PID)
  fresh_wait "http://127.0.0.1:$HTTP_PORT/ready" $NODE_PID "results/$name-node.log"
  echo "$(basename "$0"): node pid $NODE_PID on :$HTTP_PORT${UNIT_CPUS:+ (a unit of $UNIT_CPUS CPU / ${UNIT_MEMORY:-1536m})}, storage emulator on :$EMULATOR_PORT (${LATENCY_MS:-40} ± ${JITTER_MS:-20} ms)"
}

# A fresh JVM answers its first burst slowly while it compiles and opens its storage connections;
# warm it up with the study's load first so the measured run shows the service as it runs for hours.
fresh_warm_up() {
  [ "${WARMUP:-20s}" = 0 ] && return 0
  echo "$(basename "$0"): warm-up ${WARMUP:-20s} (not measured)"
  DURATION=${WARMUP:-20s} VUS=30 BASE_URL=http://127.0.0.1:$HTTP_PORT RESULT_FILE=results/warmup.json \
    scripts/load images --driver >/dev/null 2>&1 || true
}
