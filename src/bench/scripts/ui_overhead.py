#!/usr/bin/env python3
"""Console overhead: ingestion requests/s and server CPU per request, headless `plateau collect` vs the console.

Starts one server JVM per mode (headless: `plateau collect`; console: `plateau console --autostart` on an X
display, Live tab shown; any other command can be given with --console-cmd), warms it up with bursts until the JIT
is quiet (see --jit-quiet), then runs --runs measured bursts (`plateau burst`, a separate JVM) against it and reads,
around each burst, the server process's CPU time per thread from /proc/PID/task/*/stat. Modes are alternated
(headless, console, headless, console, ...) --rounds times so a noisy neighbour hits both alike.

Prints one line per burst: req/s (from the burst's report), server CPU µs per request, and the CPU % (of one
core) of the UI threads (JavaFX Application Thread, QuantumRenderer, plateau-sampler) and GC threads.

usage: ui_overhead.py [--jar target/plateau.jar] [--display :98] [--requests 60000] [--connections 8]
                      [--rounds 3] [--runs 2] [--warmup 4] [--max-warmup 20] [--jit-quiet 3] [--modes headless,console] [--console-cmd "..."]
"""
import argparse
import collections
import os
import re
import shlex
import socket
import subprocess
import sys
import time

CLK = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """comm -> CPU seconds (utime + stime) summed over the process's threads with that comm."""
    out = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[comm] += (int(fields[11]) + int(fields[12])) / CLK
    return out


def group(comm):
    if comm.startswith("JavaFX Applicat"):
        return "fx"
    if comm.startswith("QuantumRendere"):
        return "render"
    if comm.startswith("plateau-sample"):
        return "sampler"
    if comm.startswith("G1 ") or comm.startswith("GC ") or comm.startswith("VM Thread") or comm.startswith("G1"):
        return "gc"
    if comm.startswith("C1 ") or comm.startswith("C2 "):
        return "jit"
    if comm.startswith("plateau-") and not comm.startswith("plateau-ui"):
        return "netty"
    return "other"


def wait_port(port, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing listens on {port} after {timeout}s")


def burst(jar, port, requests, connections):
    cmd = ["java", "-jar", jar, "burst", f"--target=http://127.0.0.1:{port}/app", f"--requests={requests}",
           f"--connections={connections}", "--lines=1"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"Throughput\s+([\d.]+) req/s", out)
    d = re.search(r"Duration\s+([\d.]+) s", out)
    return float(m.group(1)), float(d.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="target/plateau.jar")
    ap.add_argument("--display", default=":98")
    ap.add_argument("--port", type=int, default=9881)
    ap.add_argument("--requests", type=int, default=60000)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=2, help="measured bursts per server start")
    ap.add_argument("--warmup", type=int, default=4, help="unmeasured bursts after each server start")
    ap.add_argument("--max-warmup", type=int, default=20)
    ap.add_argument("--jit-quiet", type=float, default=3.0, help="JIT CPU %% below which the server counts as warm")
    ap.add_argument("--modes", default="headless,console")
    ap.add_argument("--console-cmd", default="", help="command for the console mode (default: plateau console)")
    ap.add_argument("--jvm", default="", help="extra JVM flags for the server (both modes)")
    args = ap.parse_args()
    jvm = shlex.split(args.jvm)
    cmds = {
        "headless": ["java", *jvm, "-jar", args.jar, "collect", f"--port={args.port}"],
        "console": shlex.split(args.console_cmd) if args.console_cmd else
        ["java", *jvm, "-jar", args.jar, "console", "--autostart", f"--port={args.port}"],
    }
    rows = collections.defaultdict(list)
    for rnd in range(args.rounds):
        for mode in args.modes.split(","):
            env = dict(os.environ, DISPLAY=args.display)
            proc = subprocess.Popen(cmds[mode], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_port(args.port)
                time.sleep(3 if mode != "headless" else 1)
                # JIT warm-up: at least --warmup bursts, then more until the server's compiler threads are quiet
                # (< --jit-quiet % of a core over a burst; the console's UI code, run only 4 times a second, keeps
                # the JIT busy for minutes), at most --max-warmup bursts
                for i in range(args.max_warmup):
                    before, t0 = thread_cpu(proc.pid), time.time()
                    burst(args.jar, args.port, args.requests, args.connections)
                    after, wall = thread_cpu(proc.pid), time.time() - t0
                    jit = sum(v - before.get(c, 0) for c, v in after.items() if group(c) == "jit") / wall * 100
                    if i + 1 >= args.warmup and jit < args.jit_quiet:
                        break
                print(f"round {rnd + 1} {mode:9s} warm after {i + 1} bursts (JIT {jit:.1f}% of a core in the last)",
                      flush=True)
                time.sleep(1)
                for _ in range(args.runs):
                    before, t0 = thread_cpu(proc.pid), time.time()
                    rps, dur = burst(args.jar, args.port, args.requests, args.connections)
                    after, t1 = thread_cpu(proc.pid), time.time()
                    wall = t1 - t0
                    per = collections.Counter()
                    for comm, v in after.items():
                        per[group(comm)] += v - before.get(comm, 0)
                    total = sum(per.values())
                    row = dict(rps=rps, us_per_req=total / args.requests * 1e6,
                               **{k: per[k] / wall * 100 for k in ("fx", "render", "sampler", "gc", "netty", "jit", "other")})
                    rows[mode].append(row)
                    print(f"round {rnd + 1} {mode:9s} {rps:8.0f} req/s  server {row['us_per_req']:6.1f} µs CPU/req  "
                          + "  ".join(f"{k} {row[k]:5.1f}%" for k in ("fx", "render", "sampler", "gc", "netty", "jit", "other")),
                          flush=True)
                    time.sleep(1)
            finally:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                time.sleep(1)
    print()
    for mode, rs in rows.items():
        r = sorted(x["rps"] for x in rs)
        u = sorted(x["us_per_req"] for x in rs)
        print(f"{mode:9s} req/s {r[0]:.0f}–{r[-1]:.0f} (median {r[len(r) // 2]:.0f}), server CPU/req "
              f"{u[0]:.1f}–{u[-1]:.1f} µs (median {u[len(u) // 2]:.1f})  "
              + "  ".join(f"{k} {sum(x[k] for x in rs) / len(rs):.1f}%" for k in ("fx", "render", "sampler", "gc")))


if __name__ == "__main__":
    sys.exit(main())
