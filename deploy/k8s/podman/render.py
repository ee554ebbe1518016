#!/usr/bin/env python3
"""Writes the `podman kube play` variant of deploy/k8s/image-batch-loader.yaml to stdout.

The variant is derived from the real manifest, so everything podman can run is the real one's: the
container (image, env, resources, grace period, preStop) and the probes' paths and timings. What changes, and why:
- three Deployments instead of one: the emulator, 1 api and 2 loaders (replicas), as the compose file has it:
  prod mode would otherwise want Google credentials, and only the api's pod publishes a port;
  prod mode would otherwise want Google credentials;
- CLUSTER_HOST from status.podIP is dropped (podman has no fieldRef to it): Hazelcast takes the pod's
  address itself, and members find each other by multicast (deploy/compose/cluster-compose.xml, in a
  ConfigMap here) because there is no headless Service to resolve;
- httpGet probes become exec probes of the image's healthcheck (podman runs probes inside the
  container, and the image has no curl);
- only the api publishes a port, on loopback; Services and the HorizontalPodAutoscaler are left out.

  deploy/k8s/podman/render.py --image IMAGE --port PORT --prefix NAME > variant.yaml
"""
import argparse
import copy
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "image-batch-loader.yaml")
CLUSTER_XML = os.path.join(HERE, "..", "..", "compose", "cluster-compose.xml")


def exec_probe(probe, path, port=None):
    probe = copy.deepcopy(probe)
    probe.pop("httpGet")
    probe["exec"] = {"command": ["/app/bin/healthcheck", path] + ([str(port)] if port else [])}
    return probe


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", required=True)
    parser.add_argument("--port", type=int, required=True, help="host port of the api, on 127.0.0.1")
    parser.add_argument("--prefix", default="image-batch-loader")
    args = parser.parse_args()

    docs = list(yaml.safe_load_all(open(REAL)))
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    template = deployment["spec"]["template"]
    node = template["spec"]["containers"][0]
    config_name = template["spec"]["volumes"][0]["configMap"]["name"]
    mount = node["volumeMounts"][0]["mountPath"]

    out = [{
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": config_name},
        "data": {"cluster.xml": open(CLUSTER_XML).read()},
    }]
    # podman names a Deployment's pod <name>-pod-0, and its network's DNS answers for that name
    emulator_host = f"{args.prefix}-emulator-pod-0"
    for role, replicas in (("emulator", 1), ("api", 1), ("loader", 2)):
        pod = copy.deepcopy(template)
        container = pod["spec"]["containers"][0]
        container["image"] = args.image
        container["imagePullPolicy"] = "Never"  # the image is built here; there is no registry to pull from
        env = [e for e in container["env"] if "valueFrom" not in e]
        values = {e["name"]: e.get("value") for e in env}
        if role == "emulator":
            values = {"ROLES": "emulator", "EMULATOR_HOST": "0.0.0.0", "EMULATOR_LATENCY_MS": "40",
                      "EMULATOR_JITTER_MS": "20"}
            container["readinessProbe"] = exec_probe(container["readinessProbe"], "/_emulator/stats", 4443)
            container["livenessProbe"] = exec_probe(container["livenessProbe"], "/_emulator/stats", 4443)
            container.pop("volumeMounts")
            pod["spec"].pop("volumes")
        else:
            values.update({"ROLES": role, "CLUSTER_CONFIG": f"{mount}/cluster.xml",
                           "STORAGE_EMULATOR_HOST": f"{emulator_host}:4443"})
            container["readinessProbe"] = exec_probe(container["readinessProbe"], "/ready")
            container["livenessProbe"] = exec_probe(container["livenessProbe"], "/health")
        container["env"] = [{"name": k, "value": v} for k, v in values.items()]
        if role == "api":
            container["ports"] = [{"containerPort": 8080, "name": "http", "hostPort": args.port, "hostIP": "127.0.0.1"}]
        else:
            container.pop("ports")  # podman publishes a pod's ports on the host: every replica would want 8080 and 5701
        labels = dict(pod["metadata"]["labels"], role=role)
        pod["metadata"]["labels"] = labels
        out.append({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": f"{args.prefix}-{role}", "labels": dict(labels)},
            "spec": {"replicas": replicas, "selector": {"matchLabels": dict(labels)}, "template": pod},
        })
    yaml.safe_dump_all(out, sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main()
