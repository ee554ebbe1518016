#!/usr/bin/env python3
"""What an api node served between two scrapes of its /metrics: batches by status, images asked for, and the p95 of
successful batches from the imageloader_batch_seconds histogram (interpolated within a bucket, as Prometheus'
histogram_quantile does).  Usage: prom-window.py BEFORE AFTER  ->  one JSON line."""
import json
import re
import sys

LINE = re.compile(r'^(\w+)\{([^}]*)\}\s+(\S+)$')


def parse(path):
    series = {}
    for line in open(path):
        m = LINE.match(line.strip())
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            series[(m.group(1), tuple(sorted(labels.items())))] = float(m.group(3))
    return series


def delta(before, after, name, keep=lambda labels: True):
    out = {}
    for (metric, labels), value in after.items():
        if metric == name and keep(dict(labels)):
            out[labels] = value - before.get((metric, labels), 0.0)
    return out


before, after = parse(sys.argv[1]), parse(sys.argv[2])
counts = {}
for labels, n in delta(before, after, 'imageloader_batch_seconds_count').items():
    status = dict(labels)['status']
    counts[status] = counts.get(status, 0) + int(round(n))
images = sum(delta(before, after, 'imageloader_batch_images_sum').values())
buckets = {}
for labels, n in delta(before, after, 'imageloader_batch_seconds_bucket', lambda l: l.get('status') == '200').items():
    le = dict(labels)['le']
    bound = float('inf') if le == '+Inf' else float(le)
    buckets[bound] = buckets.get(bound, 0) + n
p95 = None
total = buckets.get(float('inf'), 0)
if total > 0:
    rank, lower, below = 0.95 * total, 0.0, 0.0
    for bound in sorted(buckets):
        if buckets[bound] >= rank:
            p95 = lower if bound == float('inf') else lower + (bound - lower) * (rank - below) / max(buckets[bound] - below, 1e-9)
            break
        lower, below = bound, buckets[bound]
print(json.dumps({'statuses': counts, 'images': int(images), 'p95Ms': None if p95 is None else round(p95 * 1000, 1)}))
