#!/usr/bin/env bash
# Builds a Java 17 base image as a `docker save` tarball from Debian packages alone (debootstrap +
# openjdk-17-jre-headless), for machines that reach Debian's mirror but no container registry.
# deploy/image/build.sh loads it into podman and builds the service image on top of it:
#
#   sudo deploy/build-base-image.sh                    # -> target/base-image/debian-jre17.tar
#
# Needs root (debootstrap) and python3. Where a registry is reachable, the default base
# (eclipse-temurin:17-jre) needs none of this.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/base-image
ROOTFS=$OUT/rootfs
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
command -v debootstrap >/dev/null || { echo "build-base-image: apt-get install debootstrap first" >&2; exit 1; }
mkdir -p "$OUT"
if [ ! -x "$ROOTFS/usr/lib/jvm/java-17-openjdk-amd64/bin/java" ]; then
  rm -rf "$ROOTFS"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$SUITE" "$ROOTFS" "$MIRROR"
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
fi
python3 - "$ROOTFS" "$OUT/debian-jre17.tar" <<'PY'
import hashlib, io, json, os, sys, tarfile
rootfs, out = sys.argv[1], sys.argv[2]
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as tar:
    for name in sorted(os.listdir(rootfs)):
        if name in ("proc", "sys", "dev"):
            tar.add(os.path.join(rootfs, name), arcname=name, recursive=False)
        else:
            tar.add(os.path.join(rootfs, name), arcname=name)
data = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"]},
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    # one history entry per layer: buildah refuses to build on an image whose history and layers disagree
    "history": [{"created_by": "deploy/build-base-image.sh: debootstrap --variant=minbase openjdk-17-jre-headless"}],
}
config_bytes = json.dumps(config).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["debian-jre17:local"], "Layers": ["layer.tar"]}]
with tarfile.open(out, "w") as image:
    for name, payload in (("layer.tar", data), (config_name, config_bytes), ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(payload)
        image.addfile(info, io.BytesIO(payload))
print(f"{out}: {len(data) / 1e6:.0f} MB layer, {diff_id}")
PY
