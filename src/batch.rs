//! Batch: many documents parsed on many threads, handed back in input
//! order as they are produced.
//!
//! Input: paths (through [`crate::input::units`], read sequentially on a
//! reader thread). Output: one value per document, made by the caller's
//! `map` on a worker and passed to the caller's `sink` on the calling
//! thread, in input order.
//!
//! Units go to the workers in small groups (`group_limits`), so a slow
//! unit holds up only its own worker; the calling thread puts the values
//! back in input order. A `Budget` bounds the units read but not yet
//! sunk, by count and by bytes ([`IN_FLIGHT_BYTES`]), so memory does not
//! grow with the mailbox, and a worker never waits for the others.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use crate::error::Result;
use crate::input::{self, Unit};
use crate::model::Document;
use crate::parser::Parser;

/// The most bytes of units read but not yet handed to the sink: the
/// reader waits when this is reached. One unit larger than this is read
/// alone.
pub const IN_FLIGHT_BYTES: usize = 16 << 20;
/// ... and the most units (a unit counts at least `UNIT_FLOOR` bytes).
pub const IN_FLIGHT_UNITS: usize = 1024;
/// What a unit counts against the budget at least.
const UNIT_FLOOR: usize = IN_FLIGHT_BYTES / IN_FLIGHT_UNITS;
/// Units travel in groups, so that handing them over costs little beside
/// parsing them: a group closes at `units` units or `bytes` bytes, as
/// many as leave each worker four groups in flight within the budget,
/// from 16 units or 256 KiB up to 64 units or 1 MiB. Larger groups cost
/// fewer hand-overs: with two jobs, 64 units or 1 MiB took 4% less time
/// on the 210 MB benchmark mbox than 16 units or 256 KiB, and less time
/// in the kernel.
fn group_limits(jobs: usize) -> (usize, usize) {
    let share = 4 * jobs.max(1);
    (
        (IN_FLIGHT_UNITS / share).clamp(16, 64),
        (IN_FLIGHT_BYTES / share).clamp(256 << 10, 1 << 20),
    )
}

/// Units are parsed stage by stage across a few of them at a time
/// ([`input::parse_units`]), so that each stage's code is fetched once
/// for all of them: at most this many ...
const STAGE_UNITS: usize = 32;
/// ... or this many bytes, so that what the stages leave for each other
/// (lines, blocks, headers) stays in the core's own cache (1 MiB here).
/// On the 5 MB of the benchmark mailbox that `scripts/steady_state.py`
/// reads, 32 units took 47% fewer instruction cache misses than one at
/// a time (callgrind's simulated caches), and the 210 MB mailbox 5% to
/// 7% less time.
const STAGE_BYTES: usize = 128 << 10;

/// The next units of `units` to parse together: up to [`STAGE_UNITS`]
/// units or [`STAGE_BYTES`] bytes (at least one unit, if any is left).
fn stage_group(units: &mut impl Iterator<Item = Result<Unit>>) -> Vec<Result<Unit>> {
    let mut group = Vec::new();
    let mut bytes = 0;
    while group.len() < STAGE_UNITS && bytes < STAGE_BYTES {
        let Some(unit) = units.next() else { break };
        bytes += unit.as_ref().map_or(0, Unit::len);
        group.push(unit);
    }
    group
}

/// What the sink hears besides each value: how far reading has got.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes read from the inputs so far.
    pub bytes_read: u64,
}

/// Parses every document under `paths` with `parser` on `jobs` threads
/// (0: one per core), calls `map` on each result on a worker thread, and
/// `sink` on each mapped value on this thread, in input order. With one
/// job, everything runs on this thread.
///
/// `sink` returns `false` to stop the batch early (a closed pipe).
///
/// # Example
/// ```no_run
/// let mut messages = 0;
/// mailthread::batch::run(
///     &mailthread::Parser::new(),
///     &["mail.mbox"],
///     0,
///     |doc| doc.map(|d| d.messages.len()).unwrap_or(0),
///     |n, _| {
///         messages += n;
///         true
///     },
/// );
/// ```
pub fn run<P, T, M, S>(parser: &Parser, paths: &[P], jobs: usize, map: M, mut sink: S)
where
    P: AsRef<Path> + Sync,
    T: Send,
    M: Fn(Result<Document>) -> T + Sync,
    S: FnMut(T, Progress) -> bool,
{
    let jobs = if jobs == 0 {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        jobs
    };
    if jobs == 1 {
        let mut units = input::units(parser, paths);
        loop {
            let group = stage_group(&mut units);
            if group.is_empty() {
                return;
            }
            let progress = Progress {
                bytes_read: units.bytes_read(),
            };
            for doc in input::parse_units(parser, group) {
                if !sink(map(doc), progress) {
                    return;
                }
            }
        }
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        // No threads to be had: do the work here.
        Err(_) => return run(parser, paths, 1, map, sink),
    };
    let budget = Budget::new(IN_FLIGHT_BYTES);
    // Groups of units travel to the workers with their place in the input
    // and the weight they hold against the budget; values come back the
    // same way.
    let (unit_tx, unit_rx) = mpsc::channel::<Group>();
    let unit_rx = Mutex::new(unit_rx);
    let (value_tx, value_rx) = mpsc::channel::<(usize, usize, Vec<T>)>();
    let read_so_far = AtomicU64::new(0);
    let (group_units, group_bytes) = group_limits(jobs);
    std::thread::scope(|scope| {
        let (budget, read_so_far) = (&budget, &read_so_far);
        scope.spawn(move || {
            let mut units = input::units(parser, paths);
            let mut index = 0;
            let mut group = Vec::new();
            let (mut bytes, mut weight) = (0, 0);
            loop {
                let unit = units.next();
                let end = unit.is_none();
                if let Some(unit) = unit {
                    let len = unit.as_ref().map_or(0, Unit::len);
                    let w = len.max(UNIT_FLOOR);
                    if !budget.take(w, weight) {
                        return;
                    }
                    read_so_far.store(units.bytes_read(), Ordering::Relaxed);
                    group.push(unit);
                    bytes += len;
                    weight += w;
                }
                let full = group.len() >= group_units || bytes >= group_bytes;
                if (full || end) && !group.is_empty() {
                    let sent = unit_tx.send((index, weight, std::mem::take(&mut group)));
                    if sent.is_err() {
                        return;
                    }
                    index += 1;
                    (bytes, weight) = (0, 0);
                }
                if end {
                    return;
                }
            }
        });
        pool.in_place_scope(|workers| {
            let (unit_rx, map, budget) = (&unit_rx, &map, budget);
            for _ in 0..jobs {
                let value_tx = value_tx.clone();
                workers.spawn(move |_| {
                    // A panic in `map` stops the reader, so that the other
                    // workers and this thread run dry and the scope passes
                    // the panic on, instead of waiting for its group.
                    let _guard = CloseOnPanic(budget);
                    work(unit_rx, &value_tx, parser, map);
                });
            }
            drop(value_tx);

            // Groups that arrived before their turn, by input position.
            let mut waiting: BTreeMap<usize, (usize, Vec<T>)> = BTreeMap::new();
            let mut next = 0;
            for (index, weight, values) in value_rx {
                waiting.insert(index, (weight, values));
                while let Some((weight, values)) = waiting.remove(&next) {
                    next += 1;
                    let progress = Progress {
                        bytes_read: read_so_far.load(Ordering::Relaxed),
                    };
                    for value in values {
                        if !sink(value, progress) {
                            // The reader stops at its next unit; the workers
                            // finish the groups already read, unheard.
                            budget.close();
                            return;
                        }
                    }
                    budget.give(weight);
                }
            }
        });
    });
}

/// A worker: parses groups of units until the reader or the calling
/// thread has stopped.
fn work<T, M>(
    units: &Mutex<mpsc::Receiver<Group>>,
    values: &mpsc::Sender<(usize, usize, Vec<T>)>,
    parser: &Parser,
    map: &M,
) where
    M: Fn(Result<Document>) -> T,
{
    loop {
        // A worker that panicked while holding the lock took the batch
        // down with it: then this one stops too.
        let next = units.lock().map(|rx| rx.recv());
        let Ok(Ok((index, weight, group))) = next else {
            return;
        };
        let mut parsed = Vec::with_capacity(group.len());
        let mut group = group.into_iter();
        loop {
            let some = stage_group(&mut group);
            if some.is_empty() {
                break;
            }
            parsed.extend(input::parse_units(parser, some).into_iter().map(map));
        }
        if values.send((index, weight, parsed)).is_err() {
            return;
        }
    }
}

/// A group of units: its place in the input, its weight against the
/// budget, and the units.
type Group = (usize, usize, Vec<Result<Unit>>);

/// Closes the budget when dropped while its thread panics.
struct CloseOnPanic<'a>(&'a Budget);

impl Drop for CloseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// The bytes of units read but not yet sunk, and whether the batch has
/// stopped.
struct Budget {
    cap: usize,
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Budget {
    fn new(cap: usize) -> Budget {
        Budget {
            cap,
            state: Mutex::new((0, false)),
            freed: Condvar::new(),
        }
    }

    /// Waits until `weight` more bytes fit, or until nothing is in flight
    /// but the `own` bytes of the reader's unsent group (so that a unit
    /// larger than the budget still goes, and the reader never waits for
    /// itself). `false` once the batch has stopped.
    fn take(&self, weight: usize, own: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while !state.1 && state.0 > own && state.0 + weight > self.cap {
            state = match self.freed.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        state.0 += weight;
        !state.1
    }

    fn give(&self, weight: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = state.0.saturating_sub(weight);
            self.freed.notify_one();
        }
    }

    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
            self.freed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_large_with_few_workers_and_leave_each_worker_four_in_flight() {
        assert_eq!(group_limits(1), (64, 1 << 20));
        assert_eq!(group_limits(2), (64, 1 << 20));
        assert_eq!(group_limits(8), (32, 512 << 10));
        assert_eq!(group_limits(64), (16, 256 << 10));
        for jobs in 1..=16 {
            let (units, bytes) = group_limits(jobs);
            assert!(4 * jobs * units <= IN_FLIGHT_UNITS, "{jobs} jobs");
            assert!(4 * jobs * bytes <= IN_FLIGHT_BYTES, "{jobs} jobs");
        }
    }

    #[test]
    fn the_budget_never_waits_for_the_readers_own_group() {
        let budget = Budget::new(100);
        assert!(budget.take(60, 0));
        // Only the reader's unsent 60 are in flight: a unit larger than
        // the rest of the budget goes rather than wait forever.
        assert!(budget.take(90, 60));
        budget.give(150);
        assert!(budget.take(100, 0));
        budget.close();
        assert!(!budget.take(1, 0));
    }

    #[test]
    fn a_sink_that_stops_ends_the_batch_on_many_threads() {
        let dir = std::env::temp_dir().join(format!("mailthread-batch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        // More units than the budget holds, so that the reader waits on it.
        for i in 0..IN_FLIGHT_UNITS + 300 {
            let text = format!("Hallo,\n\nBericht {i}.\n");
            std::fs::write(dir.join(format!("{i:04}.txt")), text).expect("write");
        }
        let mut seen = Vec::new();
        run(
            &Parser::new(),
            std::slice::from_ref(&dir),
            2,
            |doc| doc.map(|d| d.messages[0].body.clone()),
            |body, _| {
                seen.push(body.expect("parsed"));
                seen.len() < 37
            },
        );
        assert_eq!(seen.len(), 37);
        assert_eq!(seen[36], "Bericht 36.");
        // A panic on a worker reaches the caller; the batch does not hang
        // waiting for the value it never made.
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(
                &Parser::new(),
                std::slice::from_ref(&dir),
                2,
                |doc| {
                    let body = doc.map(|d| d.messages[0].body.clone()).unwrap_or_default();
                    assert_ne!(body, "Bericht 150.", "a worker panics");
                    body
                },
                |_, _| true,
            );
        }));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(panicked.is_err());
    }
}
