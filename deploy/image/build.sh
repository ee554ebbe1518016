#!/usr/bin/env bash
# Builds the service image with podman where no container registry is reachable: the runnable jar (built when
# missing or stale, as scripts/run does), the Debian-packages base (deploy/build-base-image.sh, root, built
# once into target/base-image/), then deploy/image/Containerfile on top of it, in docker format so the
# HEALTHCHECK is kept.
#
#   deploy/image/build.sh                          # -> localhost/image-batch-loader:<project version>
#   IMAGE=localhost/image-batch-loader:mine deploy/image/build.sh
#   BASE=docker.io/library/eclipse-temurin:17-jre deploy/image/build.sh   # a registry's base instead
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
IMAGE=${IMAGE:-localhost/image-batch-loader:$VERSION}
scripts/run --build-only
if [ -z "${BASE:-}" ]; then
  BASE=localhost/debian-jre17:local
  if ! podman image exists "$BASE"; then
    [ -f target/base-image/debian-jre17.tar ] || deploy/build-base-image.sh
    podman load -q -i target/base-image/debian-jre17.tar
  fi
fi
podman build -q --format docker --build-arg BASE="$BASE" -f deploy/image/Containerfile -t "$IMAGE" . >/dev/null
echo "image: $IMAGE (base $BASE, $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
