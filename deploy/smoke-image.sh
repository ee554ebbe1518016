#!/usr/bin/env bash
# Runs the container image without a container engine, to check it: unpacks the `docker save` tarball
# Jib wrote (app/target/jib-image.tar) into a root filesystem, starts the image's entrypoint there with
# chroot (as root; the host's network, dev mode on spare ports), asks for 40 images, and cleans up.
#
#   sudo deploy/smoke-image.sh [app/target/jib-image.tar]
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${1:-app/target/jib-image.tar}
ROOT=$(mktemp -d /tmp/image-root.XXXXXX)
PORT=${SMOKE_HTTP_PORT:-18090}
EMU_PORT=${SMOKE_EMULATOR_PORT:-14490}
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && sleep 2
  umount "$ROOT/proc" 2>/dev/null || true
  rm -rf "$ROOT"
}
trap cleanup EXIT

# Unpack the layers in order; print the entrypoint as one shell-quoted command line.
COMMAND=$(python3 - "$IMAGE" "$ROOT" <<'PY'
import json, shlex, sys, tarfile
image, root = sys.argv[1], sys.argv[2]
with tarfile.open(image) as outer:
    manifest = json.load(outer.extractfile("manifest.json"))[0]
    config = json.load(outer.extractfile(manifest["Config"]))["config"]
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=outer.extractfile(layer)) as inner:
            inner.extractall(root)
env = " ".join(shlex.quote(e) for e in config.get("Env", []))
argv = " ".join(shlex.quote(a) for a in (config.get("Entrypoint") or []) + (config.get("Cmd") or []))
print(f"cd {shlex.quote(config.get('WorkingDir', '/'))} && exec env {env} HTTP_PORT=$PORT EMULATOR_PORT=$EMU_PORT {argv}")
PY
)
mkdir -p "$ROOT/proc" "$ROOT/tmp"
mount -t proc proc "$ROOT/proc"
PORT=$PORT EMU_PORT=$EMU_PORT chroot "$ROOT" /bin/sh -c "$(eval echo \"$COMMAND\")" > "$ROOT/tmp/node.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { echo "smoke-image: the image's process exited"; cat "$ROOT/tmp/node.log"; exit 1; }
  sleep 1
done
query=$(for i in $(seq 1 40); do printf 'file_names=image_%03d.jpg&' "$i"; done)
status=$(curl -s -o "$ROOT/tmp/body.json" -w '%{http_code}' "http://127.0.0.1:$PORT/images?${query%&}")
if [ "$status" != 200 ] || ! grep -q '"count":40' "$ROOT/tmp/body.json"; then
  echo "smoke-image: expected 200 with count 40, got $status"; head -c 500 "$ROOT/tmp/body.json"; cat "$ROOT/tmp/node.log"; exit 1
fi
echo "smoke-image: $IMAGE runs; GET /images with 40 names -> 200, count 40"
