//! Batch: many documents parsed on many threads, handed back in input
//! order as they are produced.
//!
//! Input: paths (through [`crate::input::units`], read sequentially on a
//! reader thread). Output: one value per document, made by the caller's
//! `map` on a worker and passed to the caller's `sink` on the calling
//! thread, in input order.
//!
//! Units go to the workers one at a time, so a slow unit holds up only its
//! own worker; the calling thread puts the values back in input order. A
//! [`Budget`] bounds the units read but not yet sunk, by count and by
//! bytes ([`IN_FLIGHT_BYTES`]), so memory does not grow with the mailbox,
//! and a worker never waits for the others.

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
/// ... and the most units (a unit counts at least [`UNIT_FLOOR`] bytes).
pub const IN_FLIGHT_UNITS: usize = 1024;
/// What a unit counts against the budget at least.
const UNIT_FLOOR: usize = IN_FLIGHT_BYTES / IN_FLIGHT_UNITS;

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
        while let Some(unit) = units.next() {
            let value = map(unit.and_then(|u| u.parse(parser)));
            let progress = Progress {
                bytes_read: units.bytes_read(),
            };
            if !sink(value, progress) {
                return;
            }
        }
        return;
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        // No threads to be had: do the work here.
        Err(_) => return run(parser, paths, 1, map, sink),
    };
    let budget = Budget::default();
    // Units travel to the workers with their place in the input and the
    // weight they hold against the budget; values come back the same way.
    let (unit_tx, unit_rx) = mpsc::channel::<(usize, usize, Result<Unit>)>();
    let unit_rx = Mutex::new(unit_rx);
    let (value_tx, value_rx) = mpsc::channel::<(usize, usize, T)>();
    let read_so_far = AtomicU64::new(0);
    std::thread::scope(|scope| {
        let (budget, read_so_far) = (&budget, &read_so_far);
        scope.spawn(move || {
            let mut units = input::units(parser, paths);
            let mut index = 0;
            while let Some(unit) = units.next() {
                let weight = unit.as_ref().map_or(0, Unit::len).max(UNIT_FLOOR);
                read_so_far.store(units.bytes_read(), Ordering::Relaxed);
                if !budget.take(weight) || unit_tx.send((index, weight, unit)).is_err() {
                    return;
                }
                index += 1;
            }
        });
        pool.in_place_scope(|workers| {
            let (unit_rx, map) = (&unit_rx, &map);
            for _ in 0..jobs {
                let value_tx = value_tx.clone();
                workers.spawn(move |_| loop {
                    // OK because a worker that panicked while holding the
                    // lock took the batch down with it.
                    let next = unit_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((index, weight, unit))) = next else {
                        return;
                    };
                    let value = map(unit.and_then(|u| u.parse(parser)));
                    if value_tx.send((index, weight, value)).is_err() {
                        return;
                    }
                });
            }
            drop(value_tx);
            // Values that arrived before their turn, by input position.
            let mut waiting: BTreeMap<usize, (usize, T)> = BTreeMap::new();
            let mut next = 0;
            for (index, weight, value) in value_rx {
                waiting.insert(index, (weight, value));
                while let Some((weight, value)) = waiting.remove(&next) {
                    next += 1;
                    budget.give(weight);
                    let progress = Progress {
                        bytes_read: read_so_far.load(Ordering::Relaxed),
                    };
                    if !sink(value, progress) {
                        // The reader stops at its next unit; the workers
                        // finish the units already read, unheard.
                        budget.close();
                        return;
                    }
                }
            }
        });
    });
}

/// The bytes of units read but not yet sunk, and whether the batch has
/// stopped.
#[derive(Default)]
struct Budget {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `weight` more bytes fit (or nothing is in flight, so
    /// that a unit larger than the budget still goes). `false` once the
    /// batch has stopped.
    fn take(&self, weight: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while !state.1 && state.0 > 0 && state.0 + weight > IN_FLIGHT_BYTES {
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
