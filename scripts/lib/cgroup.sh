# Confines the calling shell (and what it execs) like a container with --cpus / --memory, through cgroups
# v1 or v2, as root. Source it, then: cgroup_enter NAME CPUS MEMORY   (e.g. node-1 1.0 1536m)
# The docker equivalent on a real host: docker run --cpus CPUS --memory MEMORY --memory-swap MEMORY ...
# (swap equal to memory: a unit has no swap, where the host has any).

cgroup_bytes() {
  local value=${1,,}
  case "$value" in
    *g) awk -v v="${value%g}" 'BEGIN { printf "%d", v * 1024 * 1024 * 1024 }' ;;
    *m) awk -v v="${value%m}" 'BEGIN { printf "%d", v * 1024 * 1024 }' ;;
    *k) awk -v v="${value%k}" 'BEGIN { printf "%d", v * 1024 }' ;;
    *) printf '%d' "$value" ;;
  esac
}

# Prints v1, v2 or none (not root, or no writable cgroup controller for cpu and memory).
cgroup_version() {
  if [ "$(id -u)" != 0 ]; then echo none; return; fi
  if [ -w /sys/fs/cgroup/cpu ] && [ -e /sys/fs/cgroup/cpu/cpu.cfs_quota_us ] && [ -d /sys/fs/cgroup/memory ]; then
    echo v1
  elif [ -e /sys/fs/cgroup/cgroup.controllers ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers \
    && grep -qw memory /sys/fs/cgroup/cgroup.controllers && [ -w /sys/fs/cgroup ] \
    && mkdir -p /sys/fs/cgroup/imageloader 2>/dev/null \
    && { echo "+cpu +memory" > /sys/fs/cgroup/cgroup.subtree_control; } 2>/dev/null \
    && { echo "+cpu +memory" > /sys/fs/cgroup/imageloader/cgroup.subtree_control; } 2>/dev/null; then
    echo v2
  else
    echo none
  fi
}

cgroup_enter() {
  local name=$1 cpus=$2 memory=$3 period=100000 quota bytes
  quota=$(awk -v c="$cpus" -v p="$period" 'BEGIN { printf "%d", c * p }')
  bytes=$(cgroup_bytes "$memory")
  case "$(cgroup_version)" in
    v1)
      local cpu=/sys/fs/cgroup/cpu/imageloader/$name mem=/sys/fs/cgroup/memory/imageloader/$name
      mkdir -p "$cpu" "$mem"
      echo "$period" > "$cpu/cpu.cfs_period_us"
      echo "$quota" > "$cpu/cpu.cfs_quota_us"
      echo "$bytes" > "$mem/memory.limit_in_bytes"
      # memory + swap: only where the kernel accounts swap (swapaccount); it must come after the memory limit
      [ -e "$mem/memory.memsw.limit_in_bytes" ] && echo "$bytes" > "$mem/memory.memsw.limit_in_bytes"
      echo "$BASHPID" > "$cpu/cgroup.procs"
      echo "$BASHPID" > "$mem/cgroup.procs"
      if [ ! -e "$cpu/cpuacct.usage" ] && [ -d /sys/fs/cgroup/cpuacct ]; then
        mkdir -p "/sys/fs/cgroup/cpuacct/imageloader/$name"
        echo "$BASHPID" > "/sys/fs/cgroup/cpuacct/imageloader/$name/cgroup.procs"
      fi
      echo "cgroup v1 imageloader/$name: cpu.cfs_quota_us=$quota/$period memory.limit_in_bytes=$bytes" ;;
    v2)
      local root=/sys/fs/cgroup/imageloader
      mkdir -p "$root/$name"
      echo "+cpu +memory" > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
      echo "+cpu +memory" > "$root/cgroup.subtree_control"
      echo "$quota $period" > "$root/$name/cpu.max"
      echo "$bytes" > "$root/$name/memory.max"
      [ -e "$root/$name/memory.swap.max" ] && echo 0 > "$root/$name/memory.swap.max"
      echo "$BASHPID" > "$root/$name/cgroup.procs"
      echo "cgroup v2 imageloader/$name: cpu.max=$quota $period memory.max=$bytes" ;;
    *)
      echo "not confined: cgroups need root and writable cpu and memory controllers (docker run --cpus $cpus --memory $memory --memory-swap $memory does it on a real host)" ;;
  esac
}

# CPU time used so far by the group, in microseconds, and memory as docker stats shows it (usage - inactive file).
cgroup_usage() {
  local name=$1
  case "$(cgroup_version)" in
    v1)
      local usage_ns mem inactive
      usage_ns=$(cat /sys/fs/cgroup/cpu/imageloader/$name/cpuacct.usage 2>/dev/null \
        || cat /sys/fs/cgroup/cpuacct/imageloader/$name/cpuacct.usage 2>/dev/null || echo 0)
      mem=$(cat /sys/fs/cgroup/memory/imageloader/$name/memory.usage_in_bytes)
      inactive=$(awk '$1 == "total_inactive_file" { print $2 }' /sys/fs/cgroup/memory/imageloader/$name/memory.stat)
      echo "$((usage_ns / 1000)) $((mem - ${inactive:-0}))" ;;
    v2)
      local usage_us mem inactive
      usage_us=$(awk '$1 == "usage_usec" { print $2 }' /sys/fs/cgroup/imageloader/$name/cpu.stat)
      mem=$(cat /sys/fs/cgroup/imageloader/$name/memory.current)
      inactive=$(awk '$1 == "inactive_file" { print $2 }' /sys/fs/cgroup/imageloader/$name/memory.stat)
      echo "$usage_us $((mem - ${inactive:-0}))" ;;
    *) echo "0 0" ;;
  esac
}
