#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after the
# other, and prints per target: seconds run, executions, crash inputs found.
#
#   fuzz/run.sh 600            # ten minutes per target
#   TARGETS="date address" fuzz/run.sh 30
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly compiler, or
# RUSTC_BOOTSTRAP=1 on stable (set here). libFuzzer runs in fork mode with
# crashes ignored, so one crash does not end the run: every crashing input
# is saved under fuzz/artifacts/<target>/ (crash-*). New corpus entries go
# to fuzz/corpus/<target>/; fuzz/seeds/<target>/ is the checked-in seed
# corpus. Exits 1 when any target found a new crash input. Reproduce a
# crash with:
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/crash-...
# Once fixed, copy it to fuzz/regressions/<target>/: the test
# tests/it/fuzz_regressions.rs replays every file there.
set -euo pipefail

SECONDS_EACH="${1:-60}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
TARGETS="${TARGETS:-transcript eml mbox date address}"

if ! cargo fuzz --help >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
fi

cargo fuzz build >/dev/null 2>&1 || cargo fuzz build
mkdir -p logs
summary=()
found=0
for t in $TARGETS; do
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(find "artifacts/$t" -name 'crash-*' | wc -l)
    log="logs/$t.log"
    start=$(date +%s)
    # -fork=1: one worker that is restarted after a crash, so the run
    # goes on for the whole time. -timeout: an input slower than 10 s is
    # a hang. -rss_limit_mb: memory blow-ups count too.
    cargo fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECONDS_EACH" -fork=1 -ignore_crashes=1 \
        -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
        >"$log" 2>&1 || true
    took=$(( $(date +%s) - start ))
    after=$(find "artifacts/$t" -name 'crash-*' | wc -l)
    found=$((found + after - before))
    # Fork mode reports `#<execs>: cov: ... oom/timeout/crash: a/b/c`.
    line=$(grep -E '^#[0-9]+: cov' "$log" | tail -1 || true)
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$line")
    oom_timeout_crash=$(sed -nE 's#.*oom/timeout/crash: ([0-9]+/[0-9]+/[0-9]+).*#\1#p' <<<"$line")
    summary+=("$(printf '%-11s %6ss %12s execs  %3s new crash inputs  (oom/timeout/crash events %s)' \
        "$t" "$took" "${execs:-?}" "$((after - before))" "${oom_timeout_crash:-?}")")
done
printf '%s\n' "${summary[@]}"
if [ "$found" -gt 0 ]; then
    echo "fuzz: $found new crash inputs under fuzz/artifacts/" >&2
    exit 1
fi
