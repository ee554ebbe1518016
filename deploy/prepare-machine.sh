#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine to build and run the service's image with podman (CI runs it as root):
# the packages (podman, runc, podman-compose, debootstrap for the registry-free base image, python3, curl).
#
#   deploy/prepare-machine.sh                  # packages only; the machine's own container settings stay
#   deploy/prepare-machine.sh --sandbox-conf   # also writes /etc/containers/containers.conf for sandboxes
#
# --sandbox-conf is for machines like the project's CI sandbox (cgroup v1 hybrid, no systemd, no raising
# RLIMIT_NOFILE): podman's defaults there fail to start a container (crun, the systemd cgroup manager and
# journald are missing; a default nofile ulimit cannot be set). It replaces containers.conf, so it is never
# done unless asked, and it says what it wrote.
set -euo pipefail

SANDBOX=false
case "${1:-}" in
  --sandbox-conf) SANDBOX=true ;;
  "") ;;
  *) echo "usage: deploy/prepare-machine.sh [--sandbox-conf]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "prepare-machine: run as root (apt-get, /etc/containers)" >&2; exit 1; }

missing=()
for tool in podman runc podman-compose debootstrap python3 curl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "prepare-machine: installing ${missing[*]}"
  # bounded: a stuck mirror must not hold CI until its global timeout
  timeout 600 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq podman runc podman-compose debootstrap python3 curl >/dev/null
fi

if [ "$SANDBOX" = true ]; then
  conf=/etc/containers/containers.conf
  [ -f "$conf" ] && ! grep -q 'written by deploy/prepare-machine.sh' "$conf" && cp "$conf" "$conf.before-prepare-machine"
  cat > "$conf" <<'EOF'
# written by deploy/prepare-machine.sh --sandbox-conf: a sandbox with cgroup v1 hybrid, no systemd,
# and no permission to raise RLIMIT_NOFILE
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  echo "prepare-machine: wrote $conf (runtime runc, cgroup_manager cgroupfs, events_logger file, no default ulimits)"
else
  echo "prepare-machine: left /etc/containers/containers.conf as it is (--sandbox-conf writes the sandbox's settings)"
fi
podman --version
