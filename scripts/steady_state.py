#!/usr/bin/env python3
"""Steady-state instruction counts (callgrind), as the README quotes them.

    python3 scripts/steady_state.py MBOX BIN [BIN...]
    python3 scripts/steady_state.py --cache MBOX BIN   # also simulate caches
    python3 scripts/steady_state.py --top 30 MBOX BIN  # and the top functions
    python3 scripts/steady_state.py --cuts 2,4 MBOX BIN  # other cuts, in MB

MBOX is a mailbox built by `cargo run --release --example build_mbox`
(its first 12 MB are the corpus read once). The script cuts its first
5 MB and its first 10 MB at message boundaries, runs
`BIN parse CUT --format jsonl --jobs 1 --quiet` under callgrind on each,
and prints the difference: the instructions spent on the 5 MB of mail read
after the first 5 MB (`--cuts A,B`: the mail between A and B MB).
Start-up, and the regexes' first searches, fall out of the difference.
A BIN named `compare` (`target/release/examples/compare`) runs the
harness's baseline instead: mail-parser alone. Build BIN without link-time optimisation to read the
stages apart (`CARGO_PROFILE_RELEASE_LTO=false
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo build --release
--target-dir DIR`); callgrind counts the same instructions on every run,
so two builds compare without the VM's timing noise.

With `--cache`, callgrind also simulates a 32 KiB instruction cache, a
32 KiB data cache and a 1 MiB last level (64-byte lines) and prints the
misses of each, per thousand instructions.

Needs valgrind (`apt-get install valgrind`).
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

CACHE = ["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=1048576,16,64"]


def cut(data, n):
    """The mailbox up to the first `From ` line at or after byte `n`."""
    i = data.find(b"\nFrom ", n)
    return data if i < 0 else data[: i + 1]


def run(binary, mbox, out, cache):
    args = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    args += CACHE if cache else []
    if os.path.basename(binary) == "compare":
        # The harness's baseline: mail-parser alone.
        args += [binary, "--mail-parser-alone", mbox]
    else:
        args += [binary, "parse", mbox, "--format", "jsonl", "--jobs", "1", "--quiet"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def totals(out):
    events = summary = None
    with open(out) as f:
        for line in f:
            if line.startswith("events:"):
                events = line.split()[1:]
            elif line.startswith(("summary:", "totals:")) and summary is None:
                summary = [int(x) for x in line.split()[1:]]
    return dict(zip(events, summary))


def functions(out):
    """Instructions spent in each function (its own, not its callees')."""
    text = subprocess.run(
        ["callgrind_annotate", "--threshold=100", "--auto=no", out],
        capture_output=True,
        text=True,
    ).stdout
    costs = collections.Counter()
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S.*?)(?: \[.*\])?$", line)
        if m and "PROGRAM TOTALS" not in line:
            name = m.group(2).split(":", 1)[-1]
            costs[re.sub(r" \(\d[\d,]*x\)$", "", name)] += int(m.group(1).replace(",", ""))
    return costs


def main():
    args = sys.argv[1:]
    cache = "--cache" in args
    args = [a for a in args if a != "--cache"]
    top = 0
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i : i + 2]
    marks = (5.0, 10.0)
    if "--cuts" in args:
        i = args.index("--cuts")
        marks = tuple(float(x) for x in args[i + 1].split(","))
        del args[i : i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    mbox, binaries = args[0], args[1:]
    with open(mbox, "rb") as f:
        data = f.read(int(marks[1] * 1_000_000) + 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        cuts = []
        for mb in marks:
            path = os.path.join(tmp, f"first{mb}.mbox")
            with open(path, "wb") as f:
                f.write(cut(data, int(mb * 1_000_000)))
            cuts.append(path)
        for binary in binaries:
            outs = [os.path.join(tmp, f"cg{k}.out") for k in range(2)]
            procs = [run(binary, c, o, cache) for c, o in zip(cuts, outs)]
            if any(p.wait() for p in procs):
                sys.exit(f"{binary}: callgrind failed")
            a, b = totals(outs[0]), totals(outs[1])
            ir = b["Ir"] - a["Ir"]
            size = os.path.getsize(cuts[1]) - os.path.getsize(cuts[0])
            print(
                f"{binary}: {ir / 1e6:.1f} M instructions in steady state"
                f" ({ir / size:.1f} per byte of mail)"
            )
            if cache:
                for ev in ("I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw"):
                    d = b[ev] - a[ev]
                    print(f"  {ev}: {d / 1e6:.2f} M ({1000 * d / ir:.2f} per 1000)")
            if top:
                fa, fb = functions(outs[0]), functions(outs[1])
                diff = {k: v - fa.get(k, 0) for k, v in fb.items()}
                for name, v in sorted(diff.items(), key=lambda x: -x[1])[:top]:
                    print(f"  {v / 1e6:8.2f} M  {name[:110]}")


if __name__ == "__main__":
    main()
