#!/usr/bin/env bash
# Runs the image the way a unit of the study runs (1 vCPU, 1.5 GB of memory and no swap) under podman, as
# its non-root user, on a loopback port, and checks it: the process is not uid 0, JAVA_OPTS reached the JVM,
# the image's healthcheck passes, and a 40-image batch answers 200 with count 40. Removes the container.
#
#   deploy/image/check.sh [IMAGE]                 # default localhost/image-batch-loader:<project version>
#   CHECK_PORT=18350 deploy/image/check.sh        # the host port (127.0.0.1 only)
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
IMAGE=${1:-${IMAGE:-localhost/image-batch-loader:$VERSION}}
PORT=${CHECK_PORT:-18350}
NAME=image-check-$$
fail() {
  echo "image-check: $*" >&2
  podman logs --tail 40 "$NAME" >&2 || true
  exit 1
}
trap 'podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true' EXIT

# --memory-swap equal to --memory: podman's default would add as much swap again (3 GB in all)
podman run -d --name "$NAME" --cpus 1 --memory 1536m --memory-swap 1536m -p "127.0.0.1:$PORT:8080" \
  -e JAVA_OPTS=-Dimage.check=on "$IMAGE" >/dev/null
started=$(date +%s)
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break
  [ "$(podman inspect --format '{{.State.Running}}' "$NAME")" = true ] || fail "the container exited"
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 || fail "not ready after 180 s"
ready_s=$(( $(date +%s) - started ))

uid=$(podman exec "$NAME" id -u)
[ "$uid" != 0 ] || fail "the process runs as root"
cmdline=$(podman exec "$NAME" sh -c 'tr "\0" " " < /proc/1/cmdline')
grep -q -- '-Dimage.check=on' <<<"$cmdline" || fail "JAVA_OPTS did not reach the JVM"
limits=$(podman inspect --format '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}' "$NAME")
[ "$limits" = "1000000000 1610612736 1610612736" ] || fail "unexpected limits (NanoCpus Memory MemorySwap): $limits"
podman healthcheck run "$NAME" >/dev/null || fail "the image's healthcheck failed"

query=$(for i in $(seq 1 40); do printf 'file_names=image_%03d.jpg&' "$i"; done)
body=$(mktemp)
status=$(curl -s -o "$body" -w '%{http_code}' "http://127.0.0.1:$PORT/images?${query%&}")
if [ "$status" != 200 ] || ! grep -q '"count":40' "$body"; then
  head -c 500 "$body" >&2; rm -f "$body"
  fail "expected 200 with count 40, got $status"
fi
rm -f "$body"
echo "image-check: $IMAGE as uid $uid, --cpus 1 --memory 1536m --memory-swap 1536m: ready after ${ready_s} s, healthy, JAVA_OPTS honoured; GET /images with 40 names -> 200, count 40"
