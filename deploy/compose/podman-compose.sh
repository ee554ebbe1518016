#!/usr/bin/env bash
# podman-compose (1.0.x, Debian 12's) on compose.yaml, with what that version does not read from the file:
# memswap_limit and stop_grace_period, given to every `podman run` as --memory-swap and --stop-timeout, and
# a `down`/`stop` that waits the grace period (its own default is 1 s, which would cut a node's drain short).
#
#   deploy/compose/podman-compose.sh up -d        # IMAGE, API_PORT, API_HOST as in compose.yaml
#   deploy/compose/podman-compose.sh ps
#   deploy/compose/podman-compose.sh down
# PROJECT (default image-batch-loader) names the containers: <project>_api_1, <project>_loader_1, …
set -euo pipefail
cd "$(dirname "$0")"

# the one place these live is compose.yaml's x-unit
read -r SWAP GRACE < <(python3 -c '
import re, yaml
unit = yaml.safe_load(open("compose.yaml"))["x-unit"]
print(unit["memswap_limit"], re.sub("s$", "", str(unit["stop_grace_period"])))')
COMPOSE=(podman-compose -p "${PROJECT:-image-batch-loader}" -f compose.yaml)
case "${1:-}" in
  up) exec "${COMPOSE[@]}" --podman-run-args "--memory-swap=$SWAP --stop-timeout=$GRACE" "$@" ;;
  down|stop) exec "${COMPOSE[@]}" "$@" -t "$GRACE" ;;
  *) exec "${COMPOSE[@]}" "$@" ;;
esac
