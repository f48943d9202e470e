//! Per-thread memos of pure functions of a string.
//!
//! A mailbox names the same correspondents, and quotes the same header
//! lines, in message after message: in the shared corpus's mail read once
//! (12 MB, 3,555 emails), 69% of the address lists of quoted header
//! blocks, 48% of the single parties and 24% of the dates had been read
//! before in the same run. A memo hands back what a field parser made of
//! a value it has seen, instead of parsing it again.
//!
//! A memo pays for hashing its key and copying the value out, so it suits
//! a parser that does much with a short value (an address list, a date),
//! not a scan of a long text: memos of the case-number scan of a body and
//! of signature blocks cost more than they saved on that mail.
//!
//! Each thread keeps its own memos (no locks: a batch parses on every
//! core), each of at most [`MOST`] values; a full memo starts over, so
//! memory stays bounded however long the mailbox. The keys are hashed with
//! the standard library's randomly seeded hasher: the values come from the
//! input, and a fixed hash would let a crafted mailbox pile them onto one
//! bucket. Only functions whose result depends on nothing but the key may
//! be memoised: then a hit is the value the function would return.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// The most values a memo holds.
pub(crate) const MOST: usize = 4096;

/// A memo: values by the string they were made from, each with the
/// context it was made in.
pub(crate) type Memo<V, C = ()> = RefCell<HashMap<Box<str>, (C, V)>>;

/// `f(key)`, from `memo` when this thread has made it before.
pub(crate) fn get_or<V: Clone + 'static>(
    memo: &'static LocalKey<Memo<V>>,
    key: &str,
    f: impl FnOnce(&str) -> V,
) -> V {
    get_or_in(memo, key, (), f)
}

/// `f(key)` in the context `ctx` (the arguments of the function besides
/// the string), from `memo` when this thread has made it before in the
/// same context. A value made in another context is made again and takes
/// its place.
///
/// `f` may use other memos, and even this one: no borrow of `memo` is held
/// while it runs. When the thread's memos are gone (while the thread
/// ends), or `memo` is in use, `f` runs without one.
pub(crate) fn get_or_in<V: Clone + 'static, C: Copy + PartialEq + 'static>(
    memo: &'static LocalKey<Memo<V, C>>,
    key: &str,
    ctx: C,
    f: impl FnOnce(&str) -> V,
) -> V {
    let hit = memo
        .try_with(|m| {
            let m = m.try_borrow().ok()?;
            let (made_in, v) = m.get(key)?;
            (*made_in == ctx).then(|| v.clone())
        })
        .ok()
        .flatten();
    if let Some(v) = hit {
        return v;
    }
    let v = f(key);
    // Not kept when the memo cannot be had: the value is right either way.
    let _ = memo.try_with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            if m.len() >= MOST {
                m.clear();
            }
            m.insert(key.into(), (ctx, v.clone()));
        }
    });
    v
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        static LENGTHS: Memo<usize> = RefCell::new(HashMap::new());
        static SCALED: Memo<usize, usize> = RefCell::new(HashMap::new());
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
    fn a_value_made_in_another_context_is_made_again() {
        let scaled = |s: &str, by: usize| get_or_in(&SCALED, s, by, |s| s.len() * by);
        assert_eq!(scaled("abc", 2), 6);
        assert_eq!(scaled("abc", 3), 9);
        assert_eq!(scaled("abc", 2), 6);
    }
}
