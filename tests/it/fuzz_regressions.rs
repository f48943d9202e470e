//! Every input the fuzzer ever crashed on (`fuzz/regressions/<target>/`),
//! replayed through the very function the fuzz target runs
//! (`fuzz/fuzz_targets/common.rs`): no panic, and the invariants hold.

use std::path::Path;

#[path = "../../fuzz/fuzz_targets/common.rs"]
mod common;

/// Replays every file under `fuzz/regressions/<target>/`; returns how
/// many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in &paths {
        let data = std::fs::read(p).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} fails again", p.display());
    }
    paths.len()
}

#[test]
fn saved_crash_inputs_pass() {
    let counts = [
        ("transcript", replay("transcript", common::transcript_bytes)),
        ("eml", replay("eml", common::eml)),
        ("mbox", replay("mbox", common::mbox)),
        ("date", replay("date", common::date)),
        ("address", replay("address", common::address)),
    ];
    // The crashes found so far (see issue 7); the directories only grow.
    let total: usize = counts.iter().map(|c| c.1).sum();
    assert!(total >= 68, "regression inputs went missing: {counts:?}");
}
