//! Byte classes sixteen bytes at a time: for each 16-byte chunk of a text,
//! a mask of the bytes that are in a small set (one bit a byte, the first
//! byte lowest). The scans that read every byte of a mailbox use these:
//! the mbox reader's lines, the binary check, each line's newline and
//! cleaning, label colons, colon and digit counts, the redaction
//! prefilter and JSON escaping.
//!
//! On x86-64, SSE2 (which every x86-64 processor has) builds a mask in a
//! few vector instructions, through `safe_arch`'s safe wrappers of the
//! intrinsics: the crate forbids `unsafe`. Without SSE2, a loop of
//! compares builds the same mask. The compiler does not find the vector
//! form of that loop by itself: it builds the mask bit by bit.

/// The bytes of a chunk.
pub(crate) const CHUNK: usize = 16;

/// Calls `f` on each chunk of `bytes` with the offset where it starts,
/// until `f` returns `Some`, and returns that. The last chunk is padded
/// with `pad`, which the caller picks so that it is in no class it asks
/// about.
#[inline(always)]
pub(crate) fn find_chunk<T>(
    bytes: &[u8],
    pad: u8,
    mut f: impl FnMut(usize, &[u8; CHUNK]) -> Option<T>,
) -> Option<T> {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        // Every chunk converts: `chunks_exact` gives `CHUNK` bytes.
        if let Ok(c) = <&[u8; CHUNK]>::try_from(chunk) {
            if let Some(found) = f(at, c) {
                return Some(found);
            }
        }
        at += CHUNK;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    f(at, &padded(rest, pad))
}

/// The chunk of `bytes` that starts at `at`, padded with `pad` past the
/// end (all `pad` if `at` is at or past the end).
#[inline(always)]
pub(crate) fn chunk_at(bytes: &[u8], at: usize, pad: u8) -> [u8; CHUNK] {
    match bytes.get(at..at + CHUNK) {
        Some(c) => <[u8; CHUNK]>::try_from(c).unwrap_or([pad; CHUNK]),
        None => padded(bytes.get(at..).unwrap_or_default(), pad),
    }
}

/// `rest`, shorter than a chunk, at the start of a chunk of `pad`.
///
/// Copied in two overlapping pieces of a fixed size (8 or 4 bytes, by
/// the length; three or fewer one at a time), which the compiler makes a
/// few moves: a copy of any length is a call to `memcpy`, which cost more
/// than the chunk's scan, once for every line, label and JSON string.
#[inline(always)]
fn padded(rest: &[u8], pad: u8) -> [u8; CHUNK] {
    let mut last = [pad; CHUNK];
    let n = rest.len();
    if n >= 8 {
        copy_fixed::<8>(&mut last, rest, 0);
        copy_fixed::<8>(&mut last, rest, n - 8);
    } else if n >= 4 {
        copy_fixed::<4>(&mut last, rest, 0);
        copy_fixed::<4>(&mut last, rest, n - 4);
    } else if n > 0 {
        // One, two or three bytes: the first, the middle and the last
        // cover them.
        for i in [0, n / 2, n - 1] {
            if let (Some(d), Some(&s)) = (last.get_mut(i), rest.get(i)) {
                *d = s;
            }
        }
    }
    last
}

/// Copies the `N` bytes of `from` at `at` to the same place in `to`; does
/// nothing if they do not fit (the callers see that they do).
#[inline(always)]
fn copy_fixed<const N: usize>(to: &mut [u8; CHUNK], from: &[u8], at: usize) {
    let src = from
        .get(at..at + N)
        .and_then(|s| <&[u8; N]>::try_from(s).ok());
    let dst = to
        .get_mut(at..at + N)
        .and_then(|d| <&mut [u8; N]>::try_from(d).ok());
    if let (Some(s), Some(d)) = (src, dst) {
        *d = *s;
    }
}

/// How many bytes of `bytes` a `mask` of each chunk marks, counted up to
/// `most`: the count stops at the chunk that reaches it. The last chunk
/// is padded with NULs, which `mask` must not mark.
#[inline(always)]
pub(crate) fn count_up_to(bytes: &[u8], most: u32, mask: impl Fn(&[u8; CHUNK]) -> u16) -> u32 {
    let mut n = 0;
    find_chunk(bytes, 0, |_, chunk| {
        // Bit by bit, up to `most`: `count_ones` is a long sequence of
        // instructions without the POPCNT instruction, which x86-64 does
        // not promise.
        let mut m = mask(chunk);
        while m != 0 && n < most {
            n += 1;
            m &= m - 1;
        }
        (n >= most).then_some(())
    });
    n
}

/// The bytes of `chunk` equal to one of `set`.
#[inline(always)]
pub(crate) fn eq_mask<const N: usize>(chunk: &[u8; CHUNK], set: [u8; N]) -> u16 {
    imp::eq_mask(chunk, set)
}

/// The bytes of `chunk` below `bound`.
#[inline(always)]
pub(crate) fn below_mask(chunk: &[u8; CHUNK], bound: u8) -> u16 {
    match bound.checked_sub(1) {
        Some(hi) => imp::range_mask(chunk, 0, hi),
        None => 0,
    }
}

/// The bytes of `chunk` from `lo` to `hi`, both included (none when `lo`
/// is above `hi`).
#[inline(always)]
pub(crate) fn range_mask(chunk: &[u8; CHUNK], lo: u8, hi: u8) -> u16 {
    if lo > hi {
        return 0;
    }
    imp::range_mask(chunk, lo, hi)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod imp {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, max_u8_m128i, min_u8_m128i,
        move_mask_i8_m128i, set_splat_i8_m128i, zeroed_m128i,
    };

    use super::CHUNK;

    /// The mask's 16 bits are the 16 lanes' high bits.
    #[inline(always)]
    fn to_mask(lanes: safe_arch::m128i) -> u16 {
        // OK because `move_mask_i8_m128i` sets only the low 16 bits.
        move_mask_i8_m128i(lanes) as u16
    }

    #[inline(always)]
    pub(super) fn eq_mask<const N: usize>(chunk: &[u8; CHUNK], set: [u8; N]) -> u16 {
        let v = load_unaligned_m128i(chunk);
        let mut hits = zeroed_m128i();
        for b in set {
            // `as` keeps the bits: a byte above 127 is a negative lane.
            hits = bitor_m128i(hits, cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(b as i8)));
        }
        to_mask(hits)
    }

    /// A byte is in `lo..=hi` when clamping it to that range leaves it.
    #[inline(always)]
    pub(super) fn range_mask(chunk: &[u8; CHUNK], lo: u8, hi: u8) -> u16 {
        let v = load_unaligned_m128i(chunk);
        let clamped = min_u8_m128i(
            max_u8_m128i(v, set_splat_i8_m128i(lo as i8)),
            set_splat_i8_m128i(hi as i8),
        );
        to_mask(cmp_eq_mask_i8_m128i(clamped, v))
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use scalar as imp;

/// The masks by a loop of compares: where there is no SSE2, and in the
/// tests, to check the vector masks against.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
mod scalar {
    use super::CHUNK;

    pub(super) fn eq_mask<const N: usize>(chunk: &[u8; CHUNK], set: [u8; N]) -> u16 {
        bits(chunk, |b| set.contains(&b))
    }

    pub(super) fn range_mask(chunk: &[u8; CHUNK], lo: u8, hi: u8) -> u16 {
        bits(chunk, |b| (lo..=hi).contains(&b))
    }

    fn bits(chunk: &[u8; CHUNK], hit: impl Fn(u8) -> bool) -> u16 {
        let mut mask = 0;
        for (i, &b) in chunk.iter().enumerate() {
            mask |= u16::from(hit(b)) << i;
        }
        mask
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The mask `hit` gives, bit by bit.
    fn scalar(chunk: &[u8; CHUNK], hit: impl Fn(u8) -> bool) -> u16 {
        let mut mask = 0;
        for (i, &b) in chunk.iter().enumerate() {
            mask |= u16::from(hit(b)) << i;
        }
        mask
    }

    proptest! {
        /// Each mask is the test of each byte, for bytes on both sides of
        /// every bound and above 127 (negative lanes).
        #[test]
        fn masks_are_the_tests_of_each_byte(
            chunk in proptest::array::uniform16(prop_oneof![
                Just(b'\n'), Just(b'"'), Just(0x1f), Just(0x20), Just(b'0'), Just(b'9'),
                Just(b'/'), Just(b':'), Just(0x80), Just(0xE2), Just(0xFF), any::<u8>(),
            ]),
            lo in any::<u8>(),
            hi in any::<u8>(),
        ) {
            let set = [b'\n', b'"', 0xE2];
            prop_assert_eq!(eq_mask(&chunk, set), scalar(&chunk, |b| set.contains(&b)));
            // The fallback, built on every target for this test.
            prop_assert_eq!(super::scalar::eq_mask(&chunk, set), eq_mask(&chunk, set));
            if lo <= hi {
                prop_assert_eq!(super::scalar::range_mask(&chunk, lo, hi), range_mask(&chunk, lo, hi));
            }
            prop_assert_eq!(below_mask(&chunk, 0x20), scalar(&chunk, |b| b < 0x20));
            prop_assert_eq!(below_mask(&chunk, 0), 0);
            prop_assert_eq!(below_mask(&chunk, hi), scalar(&chunk, |b| b < hi));
            prop_assert_eq!(
                range_mask(&chunk, lo, hi),
                scalar(&chunk, |b| (lo..=hi).contains(&b))
            );
        }

        /// `find_chunk` hands over every byte once, at its offset, the
        /// last chunk padded.
        #[test]
        fn chunks_cover_the_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..70)) {
            let mut seen = Vec::new();
            let none: Option<()> = find_chunk(&bytes, 0xAA, |at, c| {
                assert_eq!(at, seen.len());
                seen.extend_from_slice(c);
                None
            });
            prop_assert!(none.is_none());
            prop_assert_eq!(&seen[..bytes.len()], &bytes[..]);
            prop_assert!(seen[bytes.len()..].iter().all(|&b| b == 0xAA));
            prop_assert!(seen.len() - bytes.len() < CHUNK);
        }
    }

    /// The padded last chunk, for every length a remainder can have.
    #[test]
    fn every_remainder_is_padded() {
        for n in 0..CHUNK {
            let rest: Vec<u8> = (1..=n as u8).collect();
            let last = padded(&rest, 0xAA);
            assert_eq!(&last[..n], &rest[..], "{n}");
            assert!(last[n..].iter().all(|&b| b == 0xAA), "{n}");
        }
    }
}
