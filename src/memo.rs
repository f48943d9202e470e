//! Per-thread memos of pure functions of a string.
//!
//! A mailbox names the same correspondents in message after message: in
//! the shared corpus's mail read once (12 MB, 3,555 emails), 69% of the
//! address lists of quoted header blocks and 48% of the single parties
//! had been read before in the same run. A memo hands back what the
//! address parsers made of a value they have seen, instead of parsing it
//! again.
//!
//! A memo pays for hashing its key and copying the value out, so it suits
//! a parser that does much with a short value that recurs (an address
//! list): on that mail, memos of the case-number scan of a body and of
//! signature blocks cost more than they saved, and one of the dates (24%
//! seen before) saved 0.1% of the instructions.
//!
//! Each thread keeps its own memos (no locks: a batch parses on every
//! core), each of at most [`MOST`] values and [`MOST_BYTES`] bytes of keys
//! (a longer key than [`LONGEST_KEY`] is not kept); a full memo starts
//! over, so memory stays bounded however long the mailbox and whatever
//! its header lines hold. The keys are hashed with foldhash, randomly
//! seeded for each memo: the values come from the input, and a fixed hash
//! would let a crafted mailbox pile them onto one bucket. (The standard
//! library's seeded SipHash did the same for 1.3% more instructions in
//! all, on 5 MB of the corpus's mail.) Only functions whose result depends
//! on nothing but the key may be memoised: then a hit is the value the
//! function would return.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::thread::LocalKey;

use foldhash::fast::RandomState;

/// The most values a memo holds.
pub(crate) const MOST: usize = 4096;

/// The most bytes of keys a memo holds. A value is made of parts of its
/// key (names, addresses, domains), so it takes about as much again: a
/// thread's memos stay within a few MiB, even for a mailbox of very long
/// recipient lists.
pub(crate) const MOST_BYTES: usize = 1 << 20;

/// The longest key a memo keeps: one longer value, seen once, would empty
/// the memo of a good part of what it holds.
pub(crate) const LONGEST_KEY: usize = 4096;

thread_local! {
    /// This thread's memos hold only values kept since [`forget`] last
    /// raised it.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Makes every memo of this thread start over: for a benchmark that reads
/// one text again and again, which would otherwise time the memos' hits.
pub(crate) fn forget() {
    let _ = GENERATION.try_with(|g| g.set(g.get().wrapping_add(1)));
}

/// A memo: values by the string they were made from.
pub(crate) type Memo<V> = RefCell<Table<V>>;

/// The values of a memo, by the hash of their key.
///
/// A key is hashed once a search (with the seeded hasher), and the table
/// is keyed by that hash: the lookup and the insertion after a miss share
/// it, and growing the table moves the hashes without hashing a key
/// again. Keys whose hashes agree share a slot, and are told apart there.
pub(crate) struct Table<V> {
    /// The [`GENERATION`] the values were kept in: from another, the
    /// table is empty.
    generation: u64,
    seed: RandomState,
    by_hash: HashMap<u64, Vec<Entry<V>>, BuildHasherDefault<Prehashed>>,
    len: usize,
    /// The bytes of the keys held.
    bytes: usize,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            generation: 0,
            seed: RandomState::default(),
            by_hash: HashMap::default(),
            len: 0,
            bytes: 0,
        }
    }
}

struct Entry<V> {
    key: Box<str>,
    value: V,
}

/// The hasher of a table keyed by hashes: a hash is its own.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (a `u64` hashes so); any other input
        // still hashes, byte by byte.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `f(key)`, from `memo` when this thread has made it before.
///
/// `f` may use other memos, and even this one: no borrow of `memo` is held
/// while it runs. When the thread's memos are gone (while the thread
/// ends), or `memo` is in use, `f` runs without one.
pub(crate) fn get_or<V: Clone + 'static>(
    memo: &'static LocalKey<Memo<V>>,
    key: &str,
    f: impl FnOnce(&str) -> V,
) -> V {
    if key.len() > LONGEST_KEY {
        return f(key);
    }
    let generation = GENERATION.try_with(Cell::get).unwrap_or(0);
    // The value, or the key's hash for keeping the value made.
    let found = memo
        .try_with(|m| {
            let t = m.try_borrow().ok()?;
            let hash = t.seed.hash_one(key);
            let value = (t.generation == generation)
                .then(|| t.by_hash.get(&hash))
                .flatten()
                .and_then(|es| es.iter().find(|e| &*e.key == key))
                .map(|e| e.value.clone());
            Some(value.ok_or(hash))
        })
        .ok()
        .flatten();
    let hash = match found {
        Some(Ok(v)) => return v,
        Some(Err(hash)) => Some(hash),
        None => None,
    };
    let v = f(key);
    // Not kept when the memo cannot be had: the value is right either way.
    if let Some(hash) = hash {
        let _ = memo.try_with(|m| {
            if let Ok(mut t) = m.try_borrow_mut() {
                t.keep(generation, hash, key, v.clone());
            }
        });
    }
    v
}

impl<V> Table<V> {
    /// Keeps `value` for `key` (whose hash is `hash`) in `generation`; a
    /// full table, or one of another generation, starts over.
    fn keep(&mut self, generation: u64, hash: u64, key: &str, value: V) {
        if self.len >= MOST || self.bytes + key.len() > MOST_BYTES || self.generation != generation
        {
            self.by_hash.clear();
            self.len = 0;
            self.bytes = 0;
            self.generation = generation;
        }
        let slot = self.by_hash.entry(hash).or_default();
        if slot.iter().all(|e| &*e.key != key) {
            slot.push(Entry {
                key: key.into(),
                value,
            });
            self.len += 1;
            self.bytes += key.len();
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    #[cfg(test)]
    fn value(&self, hash: u64, key: &str) -> Option<&V> {
        let es = self.by_hash.get(&hash)?;
        es.iter().find(|e| &*e.key == key).map(|e| &e.value)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        static LENGTHS: Memo<usize> = RefCell::default();
        static CALLS: Cell<usize> = const { Cell::new(0) };
    }

    fn length(s: &str) -> usize {
        get_or(&LENGTHS, s, |s| {
            CALLS.with(|c| c.set(c.get() + 1));
            s.len()
        })
    }

    #[test]
    fn a_value_is_made_once_and_the_memo_stays_bounded() {
        assert_eq!(length("abc"), 3);
        assert_eq!(length("abc"), 3);
        assert_eq!(CALLS.with(Cell::get), 1);
        for i in 0..MOST + 10 {
            assert_eq!(length(&"x".repeat(i)), i);
        }
        assert!(LENGTHS.with(|m| m.borrow().len()) <= MOST);
        // A function that asks its own memo inside: no borrow is held.
        let nested = get_or(&LENGTHS, "outer", |s| length("inner") + s.len());
        assert_eq!(nested, 10);
    }

    #[test]
    fn keys_that_share_a_hash_are_told_apart() {
        let mut t: Table<u32> = Table::default();
        t.keep(0, 42, "a", 1);
        t.keep(0, 42, "b", 2);
        t.keep(0, 42, "a", 3);
        assert_eq!(t.value(42, "a"), Some(&1));
        assert_eq!(t.value(42, "b"), Some(&2));
        assert_eq!(t.value(42, "c"), None);
        assert_eq!(t.len(), 2);
        // Another generation starts over.
        t.keep(1, 7, "c", 4);
        assert_eq!(t.value(42, "a"), None);
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn the_memo_holds_a_bounded_number_of_bytes() {
        let mut t: Table<u32> = Table::default();
        let big = "x".repeat(LONGEST_KEY);
        for i in 0..(MOST_BYTES / LONGEST_KEY) {
            t.keep(0, i as u64, &format!("{i}{big}"), 0);
            assert!(t.bytes <= MOST_BYTES, "{i}");
        }
        assert!(t.len() < MOST_BYTES / LONGEST_KEY);
        // A key longer than the longest kept is made each time.
        let long = "y".repeat(LONGEST_KEY + 1);
        let before = CALLS.with(Cell::get);
        assert_eq!(length(&long), LONGEST_KEY + 1);
        assert_eq!(length(&long), LONGEST_KEY + 1);
        assert_eq!(CALLS.with(Cell::get), before + 2);
    }

    #[test]
    fn forgotten_values_are_made_again() {
        let before = CALLS.with(Cell::get);
        assert_eq!(length("forgotten"), 9);
        assert_eq!(length("forgotten"), 9);
        assert_eq!(CALLS.with(Cell::get), before + 1);
        forget();
        assert_eq!(length("forgotten"), 9);
        assert_eq!(CALLS.with(Cell::get), before + 2);
        assert_eq!(LENGTHS.with(|m| m.borrow().len()), 1);
    }
}
