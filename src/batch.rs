//! Batch: many documents parsed on many threads, handed back in input
//! order as they are produced.
//!
//! Input: paths (through [`crate::input::units`], read sequentially, a
//! group of units at a time, by whichever thread is free). Output: one
//! value per document, made by the caller's `map` on the thread that
//! parsed it and passed to the caller's `sink` on the calling thread, in
//! input order.
//!
//! Every thread, the calling one too, reads a group of units
//! (`group_limits`) under a lock, parses it while its bytes are in that
//! core's cache, and hands the values back; a slow unit holds up only
//! its own thread, and the calling thread sinks the groups in input
//! order. A `Budget` bounds the units read but not yet sunk, by count and
//! by bytes ([`IN_FLIGHT_BYTES`]), so memory does not grow with the
//! mailbox.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};

use crate::error::Result;
use crate::input::{self, Unit};
use crate::model::Document;
use crate::parser::Parser;

/// The most bytes of units read but not yet handed to the sink (give or
/// take the last unit each thread read): a worker waits to read when this
/// is reached, and the calling thread sinks what is ready instead. One
/// unit larger than this is read alone.
pub const IN_FLIGHT_BYTES: usize = 16 << 20;
/// ... and the most units (a unit counts at least `UNIT_FLOOR` bytes).
pub const IN_FLIGHT_UNITS: usize = 1024;
/// What a unit counts against the budget at least.
const UNIT_FLOOR: usize = IN_FLIGHT_BYTES / IN_FLIGHT_UNITS;
/// Units are read in groups, so that taking the reader's lock and
/// handing the values back cost little beside parsing them: a group
/// closes at `units` units or `bytes` bytes, as many as leave each thread
/// four groups in flight within the budget, from 16 units or 256 KiB up
/// to 64 units or 1 MiB. (With two jobs, 16, 32, 64 and 128 units a group
/// took the same time within the VM's noise.)
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
/// (0: one per core, this one among them), calls `map` on each result on
/// the thread that parsed it, and `sink` on each mapped value on this
/// thread, in input order. With one job, everything runs on this thread.
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
    let budget = Budget::new(IN_FLIGHT_BYTES);
    let shared = Shared {
        reader: Mutex::new(Reader {
            units: input::units(parser, paths),
            index: 0,
            exhausted: false,
        }),
        read_so_far: AtomicU64::new(0),
        parsed: Mutex::new(Parsed {
            groups: BTreeMap::new(),
            stopped: false,
        }),
        deposited: Condvar::new(),
        limits: group_limits(jobs),
    };
    std::thread::scope(|scope| {
        let (shared, budget, map) = (&shared, &budget, &map);
        for _ in 1..jobs {
            scope.spawn(move || {
                // A panic here stops the batch: the calling thread stops
                // waiting for this thread's group, and the scope passes
                // the panic on.
                let _guard = StopOnPanic(shared, budget);
                while let Ok((index, weight, group)) = shared.read_group(budget, true) {
                    let values = parse_group(parser, group, map);
                    shared.deposit(index, weight, values);
                }
            });
        }
        // This thread reads and parses groups too, and sinks every value
        // in input order.
        let _guard = StopOnPanic(shared, budget);
        let mut next = 0;
        loop {
            // The groups that are ready, in order.
            while let Some((weight, values)) = shared.take_parsed(next) {
                if !sink_group(values, shared, &mut sink) {
                    budget.close();
                    shared.stop();
                    return;
                }
                budget.give(weight);
                next += 1;
            }
            match shared.read_group(budget, false) {
                // Sunk above when its turn comes (at once if it is next).
                Ok((index, weight, group)) => {
                    shared.deposit(index, weight, parse_group(parser, group, map));
                }
                // Nothing to read now: wait for what may change that, or
                // for the next group.
                Err(why) => {
                    if !shared.wait_for(next, why) {
                        return;
                    }
                }
            }
        }
    });
}

/// Parses a group of units, stage by stage a few at a time, and maps each
/// document.
fn parse_group<T, M>(parser: &Parser, group: Vec<Result<Unit>>, map: &M) -> Vec<T>
where
    M: Fn(Result<Document>) -> T,
{
    let mut parsed = Vec::with_capacity(group.len());
    let mut group = group.into_iter();
    loop {
        let some = stage_group(&mut group);
        if some.is_empty() {
            return parsed;
        }
        parsed.extend(input::parse_units(parser, some).into_iter().map(map));
    }
}

/// Passes a group's values to the sink; `false` when the sink stopped.
fn sink_group<T, S>(values: Vec<T>, shared: &Shared<T>, sink: &mut S) -> bool
where
    S: FnMut(T, Progress) -> bool,
{
    let progress = Progress {
        bytes_read: shared.read_so_far.load(Ordering::Relaxed),
    };
    values.into_iter().all(|value| sink(value, progress))
}

/// What the threads of a batch of several jobs share. Each thread reads a
/// group of units, parses it and hands its values back: the units are
/// parsed where they were read, while their bytes are still in that
/// core's cache, and no thread waits for a reader of its own. (With a
/// reader thread and a pool of workers, two jobs took 8% to 15% more CPU
/// time than one, where two single-job runs side by side took no more
/// than one alone: cold input, hand-overs and wake-ups.)
struct Shared<T> {
    reader: Mutex<Reader>,
    /// Bytes read from the inputs so far, for progress.
    read_so_far: AtomicU64,
    parsed: Mutex<Parsed<T>>,
    /// Signalled when a group is deposited or the batch stops.
    deposited: Condvar,
    /// The most units and bytes in a group ([`group_limits`]).
    limits: (usize, usize),
}

/// Why the calling thread read no group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Idle {
    /// Another thread holds the reader.
    Busy,
    /// The budget is spent.
    Full,
    /// The input is read.
    Read,
    /// The batch has stopped.
    Stopped,
}

/// The input, read a group at a time under a lock.
struct Reader {
    units: input::Units,
    /// The index of the next group.
    index: usize,
    /// Whether every unit has been read.
    exhausted: bool,
}

/// Groups parsed before their turn, by index, with their weight against
/// the budget; and whether the batch has stopped.
struct Parsed<T> {
    groups: BTreeMap<usize, (usize, Vec<T>)>,
    stopped: bool,
}

impl<T> Shared<T> {
    /// The next group of units, with its index and its weight against the
    /// budget. A worker (`wait`) waits for the reader's lock and for the
    /// budget; the calling thread, which alone frees the budget, never
    /// waits: it takes no more than the budget allows, and says why it
    /// read nothing.
    fn read_group(
        &self,
        budget: &Budget,
        wait: bool,
    ) -> std::result::Result<(usize, usize, Vec<Result<Unit>>), Idle> {
        let mut reader = if wait {
            self.reader.lock().map_err(|_| Idle::Stopped)?
        } else {
            match self.reader.try_lock() {
                Ok(reader) => reader,
                Err(std::sync::TryLockError::WouldBlock) => return Err(Idle::Busy),
                Err(std::sync::TryLockError::Poisoned(_)) => return Err(Idle::Stopped),
            }
        };
        if reader.exhausted {
            return Err(Idle::Read);
        }
        let (max_units, max_bytes) = self.limits;
        let (mut group, mut bytes, mut weight) = (Vec::new(), 0, 0);
        while group.len() < max_units && bytes < max_bytes {
            // What the next unit weighs is known only once it is read:
            // peeking would read it anyway. So the floor is taken first (a
            // worker waits for room for it; the calling thread reads on
            // only while there is room), and the rest once the unit is
            // read: each reading thread may go past the budget by one
            // unit, as the reader thread of old held one read unit while
            // it waited for room.
            let room = if wait {
                budget.take(UNIT_FLOOR, weight)
            } else {
                budget.try_take(UNIT_FLOOR, weight)
            };
            if !room {
                if group.is_empty() {
                    return Err(if budget.stopped() {
                        Idle::Stopped
                    } else {
                        Idle::Full
                    });
                }
                break;
            }
            let Some(unit) = reader.units.next() else {
                budget.give(UNIT_FLOOR);
                reader.exhausted = true;
                break;
            };
            let len = unit.as_ref().map_or(0, Unit::len);
            // The floor was taken; the rest of the unit's weight is taken
            // as it is, so that one large unit still goes.
            budget.add(len.max(UNIT_FLOOR) - UNIT_FLOOR);
            self.read_so_far
                .store(reader.units.bytes_read(), Ordering::Relaxed);
            group.push(unit);
            bytes += len;
            weight += len.max(UNIT_FLOOR);
        }
        let read = if group.is_empty() {
            Err(Idle::Read)
        } else {
            let index = reader.index;
            reader.index += 1;
            Ok((index, weight, group))
        };
        drop(reader);
        // The calling thread may wait for the lock, or for the end.
        if wait {
            self.nudge();
        }
        read
    }

    /// Wakes the calling thread should it wait: under the lock it checks
    /// under, so that no wake-up falls between its check and its wait.
    fn nudge(&self) {
        let parsed = self.parsed.lock();
        self.deposited.notify_all();
        drop(parsed);
    }

    /// Hands a parsed group back for the calling thread to sink in turn.
    fn deposit(&self, index: usize, weight: usize, values: Vec<T>) {
        if let Ok(mut parsed) = self.parsed.lock() {
            parsed.groups.insert(index, (weight, values));
        }
        self.deposited.notify_all();
    }

    /// The group of index `next`, if it has been deposited.
    fn take_parsed(&self, next: usize) -> Option<(usize, Vec<T>)> {
        self.parsed.lock().ok()?.groups.remove(&next)
    }

    /// Waits, on the calling thread, until the group of index `next` is
    /// deposited, or until what kept this thread from reading (`why`) may
    /// have changed: the reader's lock is free again. `false` when there
    /// is nothing left: the input is read and every group sunk, or the
    /// batch has stopped.
    fn wait_for(&self, next: usize, why: Idle) -> bool {
        let Ok(mut parsed) = self.parsed.lock() else {
            return false;
        };
        loop {
            if parsed.stopped || why == Idle::Stopped {
                return false;
            }
            if parsed.groups.contains_key(&next) {
                return true;
            }
            match (why, self.reader.try_lock()) {
                // Free again: read.
                (Idle::Busy, Ok(_)) => return true,
                // Every group before the reader's next index is parsed
                // or being parsed: with `next` there, all are sunk.
                (Idle::Read, Ok(reader)) if reader.index == next => return false,
                // The budget is freed only by sinking `next`.
                _ => {}
            }
            parsed = match self.deposited.wait(parsed) {
                Ok(p) => p,
                Err(_) => return false,
            };
        }
    }

    /// Stops the batch: waiting threads return.
    fn stop(&self) {
        if let Ok(mut parsed) = self.parsed.lock() {
            parsed.stopped = true;
        }
        self.deposited.notify_all();
    }
}

/// Stops the batch when dropped while its thread panics, so that no
/// thread waits for a group the panicking one will never hand back.
struct StopOnPanic<'a, T>(&'a Shared<T>, &'a Budget);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.1.close();
            self.0.stop();
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
    /// but the `own` bytes of the group being read (so that a unit larger
    /// than the budget still goes, and a reading thread never waits for
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

    /// [`Budget::take`] without waiting: `false` when `weight` does not
    /// fit now (or the batch has stopped).
    fn try_take(&self, weight: usize, own: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        if state.1 || (state.0 > own && state.0 + weight > self.cap) {
            return false;
        }
        state.0 += weight;
        true
    }

    /// Counts `weight` more bytes in flight, room or not: the rest of a
    /// unit whose floor was taken.
    fn add(&self, weight: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.0 += weight;
        }
    }

    /// Whether the batch has stopped.
    fn stopped(&self) -> bool {
        self.state.lock().map_or(true, |state| state.1)
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
        // The calling thread's reading never waits: no room, no unit.
        assert!(!budget.try_take(1, 0));
        assert!(budget.try_take(1, 100));
        budget.add(9);
        budget.give(110);
        assert!(budget.try_take(100, 0));
        budget.close();
        assert!(!budget.take(1, 0));
        assert!(!budget.try_take(1, 0));
        assert!(budget.stopped());
    }

    /// A directory of `n` one-message transcripts, `Bericht 0.` and on.
    fn many_files(name: &str, n: usize) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("mailthread-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        for i in 0..n {
            let text = format!("Hallo,\n\nBericht {i}.\n");
            std::fs::write(dir.join(format!("{i:04}.txt")), text).expect("write");
        }
        dir
    }

    #[test]
    fn every_value_comes_in_input_order_with_more_threads_than_cores() {
        // More units than the budget holds, so that the threads wait on
        // it, and more threads than this machine's cores.
        let dir = many_files("order", IN_FLIGHT_UNITS + 300);
        for jobs in [2, 3, 7] {
            let mut seen = Vec::new();
            run(
                &Parser::new(),
                std::slice::from_ref(&dir),
                jobs,
                |doc| doc.map(|d| d.messages[0].body.clone()),
                |body, _| {
                    seen.push(body.expect("parsed"));
                    true
                },
            );
            assert_eq!(seen.len(), IN_FLIGHT_UNITS + 300, "{jobs} jobs");
            for (i, body) in seen.iter().enumerate() {
                assert_eq!(*body, format!("Bericht {i}."), "{jobs} jobs");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_sink_that_stops_ends_the_batch_on_many_threads() {
        // More units than the budget holds, so that the workers wait on it.
        let dir = many_files("batch", IN_FLIGHT_UNITS + 300);
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
