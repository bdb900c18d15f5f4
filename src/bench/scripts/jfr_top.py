#!/usr/bin/env python3
"""Hot spots of a JFR recording: top self frames and top (frame-with-package-filter) of CPU samples,
and top allocation sites by sampled weight.

usage: jfr_top.py RECORDING.jfr [--filter dev.plateau] [--top 15] [--thread multiThreadIoEventLoopGroup]
Needs the JDK's `jfr` tool on the PATH (it is in every JDK 17).
"""
import argparse
import collections
import json
import subprocess


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", name, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(f):
    m = f["method"]
    return m["type"]["name"] + "." + m["name"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--filter", default="dev.plateau")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--thread", default="", help="only events of threads whose name starts with this")
    a = ap.parse_args()
    a.filter = a.filter.replace(".", "/")

    def on_thread(e, key):
        t = e["values"].get(key) or {}
        return (t.get("javaName") or "").startswith(a.thread)

    cpu = [e for e in events(a.recording, "jdk.ExecutionSample") if on_thread(e, "sampledThread")]
    self_frames = collections.Counter()
    first_own = collections.Counter()
    for e in cpu:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        self_frames[frame_name(frames[0])] += 1
        own = next((frame_name(f) for f in frames if f["method"]["type"]["name"].startswith(a.filter)), None)
        if own:
            first_own[own] += 1
    total = max(1, len(cpu))
    print(f"CPU samples: {len(cpu)}")
    print(f"  top self frames:")
    for name, n in self_frames.most_common(a.top):
        print(f"    {100.0 * n / total:5.1f}%  {name}")
    print(f"  top first {a.filter} frame on the stack (where the time is spent, by our caller):")
    for name, n in first_own.most_common(a.top):
        print(f"    {100.0 * n / total:5.1f}%  {name}")

    alloc = [e for e in events(a.recording, "jdk.ObjectAllocationSample") if on_thread(e, "eventThread")]
    by_site = collections.Counter()
    by_class = collections.Counter()
    weight_total = 0
    for e in alloc:
        v = e["values"]
        w = v.get("weight", 0)
        weight_total += w
        cls = (v.get("objectClass") or {}).get("name", "?")
        frames = (v.get("stackTrace") or {}).get("frames") or []
        own = next((frame_name(f) for f in frames if f["method"]["type"]["name"].startswith(a.filter)), "(other)")
        top = " < ".join(frame_name(f).rsplit("/", 1)[-1] for f in frames[:3]) if frames else "?"
        by_site[f"{cls:28s} {top}  <- {own}"] += w
        by_class[cls] += w
    weight_total = max(1, weight_total)
    print(f"allocation samples: {len(alloc)}, sampled weight {weight_total / 1e6:.1f} MB")
    print("  top classes:")
    for name, w in by_class.most_common(a.top):
        print(f"    {100.0 * w / weight_total:5.1f}%  {name}")
    print("  top sites (class, allocating frame <- first own frame):")
    for name, w in by_site.most_common(a.top):
        print(f"    {100.0 * w / weight_total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
