#!/usr/bin/env bash
# Plays the Kubernetes manifests under podman (`podman kube play`), so they run somewhere without a cluster:
# renders the variant of deploy/k8s/image-batch-loader.yaml (render.py says what differs and why) — an
# emulator pod, 1 api pod and 2 loader pods, each a 1 vCPU / 1.5 GB unit with no swap — on a network of its
# own, checks that the api answers a 40-image batch with 200 / count 40 and that both loader pods loaded
# images for it, then takes it all down (--keep leaves it running; `podman kube down FILE` stops it).
#
#   deploy/k8s/podman/play.sh                 # PORT (18360) on 127.0.0.1, IMAGE, PREFIX (kube-play)
set -euo pipefail
cd "$(dirname "$0")/../../.."

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
IMAGE=${IMAGE:-localhost/image-batch-loader:$VERSION}
PORT=${PORT:-18360} PREFIX=${PREFIX:-kube-play}
KEEP=false; [ "${1:-}" = --keep ] && KEEP=true
NET=$PREFIX-net
FILE=results/$PREFIX.yaml
mkdir -p results
podman image exists "$IMAGE" || { echo "kube-play: no image $IMAGE (deploy/image/build.sh)" >&2; exit 1; }

down() {
  timeout 120 podman kube down "$FILE" >/dev/null 2>&1 || true
  podman network rm -f "$NET" >/dev/null 2>&1 || true
}
[ -f "$FILE" ] && down
[ "$KEEP" = true ] || trap down EXIT
deploy/k8s/podman/render.py --image "$IMAGE" --port "$PORT" --prefix "$PREFIX" > "$FILE"
podman network exists "$NET" || podman network create "$NET" >/dev/null
timeout 180 podman kube play --network "$NET" "$FILE" >/dev/null

nodes=()
# podman names a Deployment's pods <name>-pod-<replica>
for pod in "$PREFIX"-emulator-pod-0 "$PREFIX"-api-pod-0 "$PREFIX"-loader-pod-0 "$PREFIX"-loader-pod-1; do
  container=$(podman ps -q --filter "pod=$pod" --filter "name=node" | head -n 1)
  [ -n "$container" ] || { podman pod ps; echo "kube-play: no running node in pod $pod" >&2; exit 1; }
  # kube YAML cannot say --memory-swap; without it podman gives a unit as much swap again as its memory
  memory=$(podman inspect --format '{{.HostConfig.Memory}}' "$container")
  podman update --memory "$memory" --memory-swap "$memory" "$container" >/dev/null
  nodes+=("$container")
done

deadline=$((SECONDS + 240))
until curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { podman logs --tail 30 "${nodes[1]}"; echo "kube-play: api not ready after 240 s" >&2; exit 1; }
  sleep 2
done
for loader in "${nodes[2]}" "${nodes[3]}"; do
  until podman exec "$loader" /app/bin/healthcheck /ready; do
    [ $SECONDS -lt $deadline ] || { podman logs --tail 30 "$loader"; echo "kube-play: loader not ready" >&2; exit 1; }
    sleep 2
  done
done

# images each loader has loaded so far (its /metrics, read inside the pod: loaders publish no port)
loaded() {
  podman exec "$1" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080; printf "GET /metrics HTTP/1.0\r\n\r\n" >&3; cat <&3' \
    | awk '/^imageloader_image_load_seconds_count/ { sum += $NF } END { printf "%d", sum }'
}
before=("$(loaded "${nodes[2]}")" "$(loaded "${nodes[3]}")")
query=$(for i in $(seq 1 40); do printf 'file_names=image_%03d.jpg&' "$i"; done)
body=$(mktemp)
status=$(curl -s -o "$body" -w '%{http_code}' "http://127.0.0.1:$PORT/images?${query%&}")
count=$(grep -o '"count":[0-9]*' "$body" | grep -o '[0-9]*$' || echo none)
rm -f "$body"
after=("$(loaded "${nodes[2]}")" "$(loaded "${nodes[3]}")")
l1=$((after[0] - before[0])) l2=$((after[1] - before[1]))
members=$(podman logs "${nodes[1]}" 2>&1 | grep -o 'Members {size:[0-9]*' | tail -n 1 | grep -o '[0-9]*$' || echo '?')
echo "kube-play: pods $(podman pod ps --filter "name=$PREFIX" --format '{{.Name}}' | sort | tr '\n' ' ')"
echo "kube-play: Hazelcast members (api's view) $members; GET /images with 40 names -> $status, count $count; loader-1 loaded $l1, loader-2 loaded $l2"
[ "$status" = 200 ] && [ "$count" = 40 ] && [ "$l1" -gt 0 ] && [ "$l2" -gt 0 ]
