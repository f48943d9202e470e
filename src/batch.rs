//! Batch: many documents parsed on many threads, handed back in input
//! order as they are produced.
//!
//! Input: paths (through [`crate::input::units`], read sequentially on a
//! reader thread). Output: one value per document, made by the caller's
//! `map` on a worker and passed to the caller's `sink` on the calling
//! thread, in input order. Units travel in chunks of bounded size through
//! a channel of bounded depth, so memory does not grow with the mailbox:
//! at most [`IN_FLIGHT`] chunks of about [`CHUNK_BYTES`] each are held at
//! once.

use std::path::Path;
use std::sync::mpsc;

use rayon::prelude::*;

use crate::error::Result;
use crate::input::{self, Unit};
use crate::model::Document;
use crate::parser::Parser;

/// A chunk closes when its units hold this many bytes.
pub const CHUNK_BYTES: usize = 4 << 20;
/// ... or this many units.
const CHUNK_UNITS: usize = 256;
/// Chunks read ahead of the one being parsed.
pub const IN_FLIGHT: usize = 2;

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
    let (tx, rx) = mpsc::sync_channel::<(Vec<Result<Unit>>, Progress)>(IN_FLIGHT);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut units = input::units(parser, paths);
            let mut chunk = Vec::new();
            let mut bytes = 0;
            while let Some(unit) = units.next() {
                bytes += unit.as_ref().map_or(0, Unit::len);
                chunk.push(unit);
                if bytes >= CHUNK_BYTES || chunk.len() >= CHUNK_UNITS {
                    let progress = Progress {
                        bytes_read: units.bytes_read(),
                    };
                    if tx.send((std::mem::take(&mut chunk), progress)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let progress = Progress {
                    bytes_read: units.bytes_read(),
                };
                let _ = tx.send((chunk, progress));
            }
        });
        // `rx` moves in here, so returning early drops it and the reader
        // stops at its next send instead of waiting forever.
        for (chunk, progress) in rx {
            let values: Vec<T> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|unit| map(unit.and_then(|u| u.parse(parser))))
                    .collect()
            });
            for value in values {
                if !sink(value, progress) {
                    // Dropping the receiver ends the reader at its next send.
                    return;
                }
            }
        }
    });
}
