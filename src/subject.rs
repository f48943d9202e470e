//! Subjects and case numbers: a subject or body text in, a normalised
//! subject and case numbers out.
//!
//! `normalize` drops reply and forward prefixes in every language of the
//! `lang` tables (stacked, numbered `RE[2]:`/`Re^2:`, with a full-width
//! colon, a no-break space before the colon), bracketed case-number tags
//! (`[23.0003747]`) and mailing-list tags (`[OMPI users]`), but never a
//! redaction marker, and never a word that merely starts like a prefix
//! (`Reorganisatie`). `case_numbers` finds the bracketed tag and labelled
//! references (`Ons kenmerk: 4567890`, `Case No. F-2014-20439`,
//! `Aktenzeichen: 12 O 345/20`), the labels coming from the `lang` tables;
//! dates and redaction markers after a label are no case numbers.

use std::cell::RefCell;
use std::sync::LazyLock;

use regex::Regex;
use regex_automata::{hybrid, meta, Anchored, Input};

use crate::lang::{LANGS, TABLES};
use crate::redact;

/// A bracketed case-number tag: `[23.0003747]`, `[2023-0000123456]`,
/// `[WOO-2023-123]`. Needs at least five digits; `[1]` and `[list]` are
/// not tags.
static CASE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"\[\s*([A-Za-z]{0,8}[-/ .]?\d[\d./-]{3,24}\d)\s*\]").expect("valid regex")
});

/// A labelled reference: the label from the tables, an optional `no.`/`nr.`
/// and a colon, then the value.
///
/// A label ending in a letter must end a word (`Refund 12345` is no `ref`).
/// The value is a German court file number (`12 O 345/20`: chamber,
/// register letters, number/year) or a run of digits, letters and `./-`
/// that starts with a digit, optionally after a capitalised prefix
/// (`ABC/123/45`, `F-2014-20439`, `KS 2021/123`).
///
/// That run after the first digit takes at most [`CASE_RUN_CHARS`]
/// characters. The regex matches only its first character (group 2), and
/// [`labelled`] reads the rest with [`CASE_RUN`] within a bounded span: a
/// bounded repetition of a Unicode class (`{1,40}`) made the pattern many
/// times larger and slower to compile, and an unbounded one made each
/// match run to the end of the run, again and again along a long run of
/// such values (`ref.1/ref.1/…`, quadratic).
///
/// Only the labels and `no`/`nr` are case-insensitive: `(?i)` over the
/// whole pattern folded the case of its Unicode classes (`[^\w]`, `\s`,
/// `\d`, `[\w./-]`), which match the same characters either way: that
/// took a third of the time to compile it.
///
/// The `regex` crate's own engine (`regex-automata`'s meta regex), which
/// [`labelled`] asks for a match that starts at a given place.
static CASE_LABELLED: LazyLock<meta::Regex> = LazyLock::new(|| {
    // OK because the labels are escaped and the rest of the pattern is a
    // constant, checked by every test run.
    meta::Regex::new(&format!(
        r"{}(\d{{1,3}} [A-Z]{{1,4}} \d{{1,6}}/\d{{2,4}}|(?:[A-Z]{{1,6}}[-/ ]?)?\d([\w./-]))",
        label_pattern()
    ))
    .expect("valid regex")
});

/// The start of [`CASE_LABELLED`], up to its value: a label from the
/// tables, an optional `no.`/`nr.`, the colon and the blanks.
fn label_pattern() -> String {
    let alt = labels()
        .map(|l| {
            // An ASCII word boundary: a Unicode `\b` would stop the
            // regex engine's fast DFA on any non-ASCII text. A label that
            // ends in a non-ASCII letter is followed by a non-letter.
            let boundary = match l.chars().next_back() {
                Some(c) if c.is_ascii_alphanumeric() => r"(?-u:\b)",
                Some(c) if c.is_alphanumeric() => r"(?:[^\w]|$)",
                _ => "",
            };
            format!("(?i:{}){boundary}", regex::escape(l))
        })
        .collect::<Vec<_>>()
        .join("|");
    format!(r"(?:^|[^\w])(?:{alt})\.?(?:\s*(?i:no|nr|n°|nº|n\.º|#)\.?)?\s*[:.#]?\s*")
}

/// The case-number labels of every language, longest first, each once.
fn labels() -> impl Iterator<Item = &'static str> {
    let mut labels: Vec<&'static str> = LANGS
        .iter()
        .flat_map(|l| l.case_labels.iter().copied())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels.dedup();
    labels.into_iter()
}

/// [`CASE_LABELLED`] up to the value's first digit (its capitalised
/// prefix included), widened to bytes and compiled backwards: run from a
/// digit towards the start of the text, it finds where the leftmost match
/// that could hold that digit starts, or a byte before it. A lazy DFA of
/// the `regex` crate's own engine (`regex-automata`), with "all" match
/// semantics so that it reports the leftmost start, not the first one it
/// passes.
///
/// Widened: each character outside ASCII that the pattern may match (in
/// `[^\w]`, `\s`, a label's `é`, and the Kelvin sign and long s that
/// `(?i)` reads as `k` and `s`, the only ASCII letters with a case
/// partner outside ASCII) becomes a run of bytes above 127, and a
/// label's non-ASCII letter also any ASCII letter. It matches every text
/// the pattern matches, and its automaton is small: the Unicode classes
/// made building its states cost more than all its searches.
static LABEL_BEFORE: LazyLock<hybrid::dfa::DFA> = LazyLock::new(|| {
    // Any character outside ASCII, as bytes.
    const HIGH: &str = r"[\x80-\xFF]+";
    let widen = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if matches!(c, 'k' | 'K' | 's' | 'S') {
                    format!(
                        "(?:[{}{}]|{HIGH})",
                        c.to_ascii_lowercase(),
                        c.to_ascii_uppercase()
                    )
                } else if c.is_ascii_alphabetic() {
                    format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                } else if c.is_ascii() {
                    regex::escape(c.encode_utf8(&mut [0; 4]))
                } else {
                    format!("(?:{HIGH}|[A-Za-z])")
                }
            })
            .collect()
    };
    let non_word = format!(r"(?:[^0-9A-Za-z_\x80-\xFF]|{HIGH})");
    let blank = format!(r"(?:[\t\n\x0B\x0C\r ]|{HIGH})");
    let alt = labels()
        .map(|l| {
            let boundary = match l.chars().next_back() {
                Some(c) if c.is_ascii_alphanumeric() => r"\b".to_string(),
                Some(c) if c.is_alphanumeric() => format!("(?:{non_word}|$)"),
                _ => String::new(),
            };
            format!("{}{boundary}", widen(l))
        })
        .collect::<Vec<_>>()
        .join("|");
    let numero = ["no", "nr", "n°", "nº", "n.º", "#"].map(widen).join("|");
    let pattern = format!(
        r"(?:^|{non_word})(?:{alt})\.?(?:{blank}*(?:{numero})\.?)?{blank}*[:.#]?{blank}*(?:[A-Z]{{1,6}}[-/ ]?)?"
    );
    hybrid::dfa::DFA::builder()
        .configure(hybrid::dfa::DFA::config().match_kind(regex_automata::MatchKind::All))
        .syntax(
            regex_automata::util::syntax::Config::new()
                .unicode(false)
                .utf8(false),
        )
        .thompson(
            regex_automata::nfa::thompson::Config::new()
                .reverse(true)
                .utf8(false),
        )
        .build(&pattern)
        // OK because the labels are escaped and the rest of the pattern is
        // a constant, checked by every test run.
        .expect("valid regex")
});

thread_local! {
    /// The states [`LABEL_BEFORE`] has built, one set per thread.
    static LABEL_BEFORE_STATES: RefCell<hybrid::dfa::Cache> =
        RefCell::new(hybrid::dfa::Cache::new(&LABEL_BEFORE));
}

/// The bytes that may stand between a label and the value's first digit
/// in ASCII text: the blanks `\s` holds in ASCII, `.`, `:`, `#`, and the
/// `-`/`/` after a capitalised prefix.
fn is_between(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'.' | b':' | b'#' | b'-' | b'/'
    )
}

/// The last words of the labels (their last run of ASCII letters, lower
/// case) and `no`, `nr`: what a [`CASE_LABELLED`] match may have last
/// before its value, past the bytes [`is_between`] holds, when that is an
/// ASCII word in lower case (see [`may_end_label`]).
static LABEL_WORDS: LazyLock<crate::lang::Set<Vec<u8>>> = LazyLock::new(|| {
    labels()
        .filter_map(|l| {
            let b = l.as_bytes();
            let end = b.iter().rposition(|&c| !is_between(c))? + 1;
            // OK because `rposition` found `end - 1` in `b`.
            let run = &b[..end];
            let start = run
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |i| i + 1);
            // OK because `start <= end`.
            (start < end).then(|| run[start..].to_ascii_lowercase())
        })
        .chain([b"no".to_vec(), b"nr".to_vec()])
        .collect()
});

/// Whether a [`CASE_LABELLED`] match may end its part before the value
/// at `k`, at or after `at`: `b[k - 1]` is the last byte of `b[..d]`
/// (`d` the value's first digit) that [`is_between`] does not hold.
///
/// That byte is the last of a label, of `no`/`nr`, of a capitalised
/// prefix, or of a character outside ASCII (a blank, `°`, a label's
/// letter), or it is the non-letter after a label that ends in such a
/// letter (`číslo jednací, 12`). So an ASCII byte other than a letter
/// must come right after a character outside ASCII. An ASCII letter ends
/// a run of ASCII letters that comes right after a character outside
/// ASCII (a label's letter, the Kelvin sign that `(?i)` reads as `k`), or
/// is a word of [`LABEL_WORDS`] in any case, or is a capitalised prefix
/// (`[A-Z]{1,6}`, alone or after `no`/`nr`) with such a word, read the
/// same way, before it.
fn may_end_label(b: &[u8], at: usize, k: usize) -> bool {
    ends_label(b, at, k, true)
}

/// [`may_end_label`]; `prefix` says whether the run may be a
/// capitalised prefix.
fn ends_label(b: &[u8], at: usize, k: usize, prefix: bool) -> bool {
    // Indexing: the callers have `at < k <= b.len()`; `start < k` below.
    let last = b[k - 1];
    if !last.is_ascii() {
        return true;
    }
    let after_non_ascii = |i: usize| i.checked_sub(1).is_some_and(|j| !b[j].is_ascii());
    if !last.is_ascii_alphabetic() {
        return after_non_ascii(k - 1);
    }
    let start = b[at..k]
        .iter()
        .rposition(|c| !c.is_ascii_alphabetic())
        .map_or(at, |i| at + i + 1);
    if after_non_ascii(start) || (start == at && at > 0) {
        // After a character outside ASCII, or a run that may go on
        // before `at`.
        return true;
    }
    let run = &b[start..k];
    let mut word = [0u8; 24];
    if let Some(w) = word.get_mut(..run.len()) {
        w.copy_from_slice(run);
        w.make_ascii_lowercase();
        if LABEL_WORDS.contains(&w[..]) {
            return true;
        }
    }
    let capitals = |w: &[u8]| (1..=6).contains(&w.len()) && w.iter().all(u8::is_ascii_uppercase);
    let after_numero = run.len() > 2
        && (run[..2].eq_ignore_ascii_case(b"no") || run[..2].eq_ignore_ascii_case(b"nr"))
        && capitals(&run[2..]);
    if !prefix || !(capitals(run) || after_numero) {
        return false;
    }
    let mut before = start;
    while before > at && is_between(b[before - 1]) {
        before -= 1;
    }
    before > at && ends_label(b, at, before, false)
}

/// The most characters of a labelled case number's run after its first
/// digit.
const CASE_RUN_CHARS: usize = 40;

/// The rest of a labelled case number's run, after its first character:
/// searched anchored, within the bytes that [`CASE_RUN_CHARS`]
/// characters can take.
static CASE_RUN: LazyLock<meta::Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant: every test run compiles it.
    meta::Regex::new(r"[\w./-]+").expect("valid regex")
});

/// Spaces that may stand between a prefix and its colon: French writes a
/// no-break space (`TR\u{a0}: x`).
const PREFIX_SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// The subject without reply/forward prefixes and case or list tags.
pub(crate) fn normalize(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        s = s.trim_start();
        if let Some(rest) = strip_tag(s) {
            s = rest;
            continue;
        }
        if let Some(rest) = strip_prefix(s) {
            s = rest;
            continue;
        }
        break;
    }
    s.trim().to_string()
}

/// Strips one leading bracketed tag (`[23.0003747]`, `[OMPI users]`) that
/// is not a redaction marker.
fn strip_tag(s: &str) -> Option<&str> {
    let inner_and_rest = s.strip_prefix('[')?;
    let (inner, rest) = inner_and_rest.split_once(']')?;
    if redact::contains_marker(&format!("[{inner}]")) {
        return None;
    }
    Some(rest)
}

/// Strips one `RE:`, `Fwd[2]:`, `Re^2:`, `AW：` prefix.
fn strip_prefix(s: &str) -> Option<&str> {
    let word_end = s
        .find(|c: char| !c.is_alphabetic() && c != '.')
        .unwrap_or(s.len());
    // OK because `word_end` is where `find` found a char, or `s.len()`.
    let (word, mut rest) = s.split_at(word_end);
    if word.is_empty() || word_end > 12 {
        return None;
    }
    let known = crate::text::with_lowercase(word.trim_end_matches('.'), |w| {
        TABLES.subject_prefixes.contains_key(w)
    });
    if !known {
        return None;
    }
    // `[2]`, `^2`, `(2)`
    if let Some(r) = rest.strip_prefix('^') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    } else if let Some(r) = rest.strip_prefix(['[', '(']) {
        let (number, after) = r.split_once([']', ')'])?;
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest = after;
    }
    let rest = rest.trim_start_matches(PREFIX_SPACES);
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

/// Case numbers in a subject or text: bracketed tags first, then labelled
/// references, in order of appearance within each kind; each number once.
/// Dates (`Kenmerk: 12-03-2021`) and redaction markers (`Ons kenmerk:
/// 5.1.2e`) are no case numbers.
pub(crate) fn case_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    };
    // Both searches first ask whether there is a match at all: most texts
    // have none, and that question needs no room for the groups.
    if may_hold_tag(text) && CASE_TAG.is_match(text) {
        for c in CASE_TAG.captures_iter(text) {
            // OK because group 1 is not optional in CASE_TAG.
            let m = c.get(1).expect("group 1");
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            if digits >= 5 && !looks_like_date(m.as_str()) {
                push(m.as_str());
            }
        }
    }
    // No search for the labels alone first: short ones (`ref`, `az`)
    // occur in nearly every text, so it only doubled the work. But a
    // labelled number keeps only values with two ASCII digits or more.
    if under_two_ascii_digits(text) {
        return out;
    }
    labelled(text, &mut push, digits_are_ascii(text));
    out
}

/// The labelled case numbers of `text`, handed to `push` in order. With
/// `skip_ahead` (which needs a text whose only digits, as `\d` reads
/// them, are ASCII), [`next_label_start`] says where the next match may
/// start, and the regex is asked for a match that starts right there
/// (an anchored search, which stops as soon as it fails); when there is
/// none, the next match starts after that character. The regex alone runs
/// its automaton over every byte, and most texts hold no match at all.
fn labelled(text: &str, push: &mut impl FnMut(&str), skip_ahead: bool) {
    let mut groups = CASE_LABELLED.create_captures();
    let mut skip_ahead = skip_ahead;
    let mut at = 0;
    loop {
        if skip_ahead {
            match LABEL_BEFORE_STATES.with_borrow_mut(|states| next_label_start(text, at, states)) {
                Next::At(from) => {
                    // The leftmost match starts there or later.
                    let input = Input::new(text).range(from..).anchored(Anchored::Yes);
                    CASE_LABELLED.search_captures(&input, &mut groups);
                    at = from;
                }
                Next::Done => return,
                Next::GaveUp => skip_ahead = false,
            }
        }
        if !skip_ahead {
            CASE_LABELLED.search_captures(&Input::new(text).range(at..), &mut groups);
        }
        let Some(m) = groups.get_group(1) else {
            if !skip_ahead {
                return;
            }
            // No match starts there either: the next one starts after it.
            // OK because `at` is a char boundary (`next_label_start`).
            match text[at..].chars().next() {
                Some(c) => at += c.len_utf8(),
                None => return,
            }
            continue;
        };
        // The run after the first digit, cut at `CASE_RUN_CHARS`: the next
        // search starts where a bounded repetition would have stopped.
        // Group 2 is its first character; the rest is read within the
        // bytes its other characters can take, at most four each.
        let end = groups.get_group(2).map_or(m.end, |first| {
            let mut limit = text.len().min(first.end + 4 * CASE_RUN_CHARS);
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let input = Input::new(text)
                .range(first.end..limit)
                .anchored(Anchored::Yes);
            let rest = CASE_RUN.search(&input).map_or(first.end, |r| r.end());
            // OK because `first.end` and `rest` are ends of regex matches
            // on `text`: char boundaries.
            text[first.end..rest]
                .char_indices()
                .nth(CASE_RUN_CHARS - 1)
                .map_or(rest, |(i, _)| first.end + i)
        });
        at = end;
        // OK because `end` is `m.end` or a char boundary inside group 2,
        // which ends group 1.
        let v = text[m.start..end].trim_end_matches(['.', ',', '/', '-']);
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 2 && !looks_like_date(v) && !redact::contains_marker(v) {
            push(v);
        }
    }
}

/// What [`next_label_start`] found.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// The leftmost match starts here or later.
    At(usize),
    /// No match starts at or after `at`.
    Done,
    /// The automaton gave up (it has no reason to: no byte makes it quit,
    /// and it never gives up on clearing its states); the plain search
    /// takes over.
    GaveUp,
}

/// Where, at or after `at`, the leftmost [`CASE_LABELLED`] match may
/// start. The text's digits must all be ASCII (see
/// [`digits_are_ascii`]).
///
/// Why this is exact. Before the value's first digit, a match holds no
/// digit: `[^\w]`, the labels, `no`, blanks, `[:.#]`, capitals, `-`
/// and `/` hold none. So that digit is the first of a run of digits,
/// and it is the first digit after the match's start. The runs are
/// taken in order; a run start `d` is passed over only when
/// [`LABEL_BEFORE`], run backwards from `d` down to `at`, finds no start
/// (then no match at or after `at` holds `d`). At the first run start
/// where it finds one, the leftmost start `s` it reports is where the
/// search may begin: a match starting between `at` and `s` would hold an
/// earlier run start (passed over, so none does), or `d` (then it would
/// start at `s` or later), and cannot hold a later one, as `d` would be a
/// digit before its first.
///
/// Tests of a few bytes pass over most run starts before the automaton
/// (whose states, built as it meets new text, cost more than its
/// search): back from `d` past the bytes [`is_between`] holds, the byte
/// reached must lie at `at` or after (a match has a label letter there),
/// and [`may_end_label`] must let it through.
fn next_label_start(text: &str, at: usize, states: &mut hybrid::dfa::Cache) -> Next {
    let b = text.as_bytes();
    // A digit just before `at` makes a digit at `at` no run start.
    let mut carry = at
        .checked_sub(1)
        .and_then(|i| b.get(i))
        .is_some_and(u8::is_ascii_digit);
    let Some(rest) = b.get(at..) else {
        return Next::Done;
    };
    // The padding (a space) is no digit.
    crate::bytes::find_chunk(rest, b' ', |offset, chunk| {
        let digits = crate::bytes::range_mask(chunk, b'0', b'9');
        let mut starts = digits & !((digits << 1) | u16::from(carry));
        carry = digits & 0x8000 != 0;
        while starts != 0 {
            let d = at + offset + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let mut k = d;
            // OK because `at < k <= d < b.len()` in the loop.
            while k > at && is_between(b[k - 1]) {
                k -= 1;
            }
            if k <= at || !may_end_label(b, at, k) {
                continue;
            }
            let input = Input::new(b).span(at..d).anchored(Anchored::Yes);
            match LABEL_BEFORE.try_search_rev(states, &input) {
                Ok(Some(start)) => {
                    // The widened pattern reads a character outside ASCII
                    // as a run of bytes above 127, which reaches back to
                    // its first byte; should a start still fall inside a
                    // character, the search starts at that character.
                    let mut s = start.offset();
                    while s > at && !text.is_char_boundary(s) {
                        s -= 1;
                    }
                    return Some(Next::At(s));
                }
                Ok(None) => {}
                Err(_) => return Some(Next::GaveUp),
            }
        }
        None
    })
    .unwrap_or(Next::Done)
}

/// Whether every character of `text` that the regex class `\d` may
/// match is an ASCII digit: no numeric character (`٣`, `５`, `²`) outside
/// ASCII. Only the non-ASCII characters are looked at.
fn digits_are_ascii(text: &str) -> bool {
    let b = text.as_bytes();
    let mut at = 0;
    loop {
        // The padding (a space) is ASCII. A lead byte is 0xC0 or above.
        let Some(lead) = b.get(at..).and_then(|rest| {
            crate::bytes::find_chunk(rest, b' ', |offset, chunk| {
                let m = crate::bytes::range_mask(chunk, 0xC0, 0xFF);
                (m != 0).then(|| at + offset + m.trailing_zeros() as usize)
            })
        }) else {
            return true;
        };
        // OK because a lead byte starts a character of a `str`.
        let Some(c) = text[lead..].chars().next() else {
            return true;
        };
        if c.is_numeric() {
            return false;
        }
        at = lead + c.len_utf8();
    }
}

/// Whether [`CASE_TAG`] may match `text`: after some `[`, blanks, up to
/// eight ASCII letters and one of `-/ .`, a digit and four more of digits
/// and `./-` (a non-ASCII character may be a blank or a digit of another
/// script, and lets the text through). Most brackets (`[mailto:`,
/// `[image: x]`, `[1]`) fail that, and the text skips the regex.
fn may_hold_tag(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'[', b).any(|at| {
        let mut i = at + 1;
        while b.get(i).is_some_and(|&c| crate::text::is_ascii_blank(c)) {
            i += 1;
        }
        let letters = b
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take(9)
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let ok_at = |j: usize| -> bool {
            // A digit (or a non-ASCII character), then four more of the
            // run's characters.
            match b.get(j) {
                Some(c) if c.is_ascii_digit() || !c.is_ascii() => {
                    b.get(j + 1..)
                        .unwrap_or_default()
                        .iter()
                        .take(4)
                        .filter(|c| {
                            c.is_ascii_digit() || matches!(c, b'.' | b'/' | b'-') || !c.is_ascii()
                        })
                        .count()
                        == 4
                }
                _ => false,
            }
        };
        // The digit follows the letters (at most eight), or one separator
        // after them; every count of letters is tried, as the regex may.
        (0..=letters.min(8)).any(|n| {
            let j = i + n;
            ok_at(j)
                || (b
                    .get(j)
                    .is_some_and(|c| matches!(c, b'-' | b'/' | b' ' | b'.'))
                    && ok_at(j + 1))
        }) || b.get(i).is_some_and(|c| !c.is_ascii())
    })
}

/// Whether `text` holds fewer than two ASCII digits.
fn under_two_ascii_digits(text: &str) -> bool {
    crate::text::ascii_digits_up_to(text, 2) < 2
}

/// `12-03-2021`, `2021-03-12`: a date, not a case number.
fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [a, b, c] => {
            [a, b, c]
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                && (a.len() == 4 || c.len() == 4)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The bracket prefilter lets through every text the tag regex
        /// matches.
        #[test]
        fn the_tag_prefilter_lets_through_what_the_regex_matches(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("["), Just("]"), Just(" "), Just("\t"), Just("\u{a0}"), Just("ab"),
                    Just("WOO"), Just("-"), Just("/"), Just("."), Just("1"), Just("23"),
                    Just("2023"), Just("٣"), Just("x"), Just("abcdefghi"), Just("\n"),
                ],
                0..10,
            )
        ) {
            let t = parts.concat();
            if CASE_TAG.is_match(&t) {
                prop_assert!(may_hold_tag(&t), "{:?}", t);
            }
        }
    }

    /// The labelled case numbers of `t`, found with or without skipping
    /// ahead.
    fn labelled_numbers(t: &str, skip_ahead: bool) -> Vec<String> {
        let mut found = Vec::new();
        labelled(t, &mut |v: &str| found.push(v.to_string()), skip_ahead);
        found
    }

    proptest! {
        /// Skipping ahead finds what the regex alone finds, in texts made
        /// of labels (in other cases, with the Kelvin sign, after a word),
        /// `no`, blanks (ASCII and not), separators, capitals, non-ASCII
        /// letters and digits of other scripts.
        #[test]
        fn skipping_ahead_finds_what_the_regex_finds(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Ons kenmerk"), Just("ONS KENMERK"), Just("kenmer\u{212A}"),
                    Just("ref"), Just("Az."), Just("xref"), Just("case no"), Just("No."),
                    Just("číslo jednací"), Just("n° de dossier"), Just("réf"), Just("nr"),
                    Just("Aktenzeichen"), Just("processo n.º"), Just("исх. №"), Just("#"),
                    Just(":"), Just("."), Just(" "), Just("\u{a0}"), Just("\n"), Just("-"),
                    Just("/"), Just(","), Just("("), Just("_"), Just("F"), Just("ABC"),
                    Just("é"), Just("ſ"), Just("x"), Just("1"), Just("12"), Just("2023"),
                    Just("12 O 345/20"), Just("4567890"), Just("٣"), Just("²"),
                ],
                0..14,
            )
        ) {
            let t = parts.concat();
            let plain = labelled_numbers(&t, false);
            if digits_are_ascii(&t) {
                prop_assert_eq!(labelled_numbers(&t, true), plain, "{:?}", t);
            } else {
                prop_assert!(t.contains(['٣', '²']), "{:?}", t);
            }
        }

        /// The same, in texts built the way labelled numbers are: words
        /// before, a label, `no`, blanks and separators, a capitalised
        /// prefix, a value, each part possibly left out or damaged.
        #[test]
        fn skipping_ahead_finds_labelled_numbers(
            parts in proptest::collection::vec(
                (
                    prop_oneof![Just(""), Just("Zie "), Just("x"), Just("é"), Just("\n"), Just("HOUSTON ")],
                    prop_oneof![
                        Just("ons kenmerk"), Just("Case"), Just("REF"), Just("Az"),
                        Just("číslo jednací"), Just("n/réf"), Just("j.nr"), Just("č. j"),
                        Just("Kenmer\u{212A}"), Just("TX"), Just(""),
                    ],
                    prop_oneof![Just(""), Just(" "), Just("."), Just(", "), Just("\u{a0}")],
                    prop_oneof![Just(""), Just("no"), Just("No."), Just("NR"), Just("#"), Just("n°")],
                    prop_oneof![Just(""), Just(": "), Just(" "), Just(":"), Just(" # ")],
                    prop_oneof![Just(""), Just("F-"), Just("ABC"), Just("KS "), Just("ABCDEFG/")],
                    prop_oneof![Just("12"), Just("4567890"), Just("12 O 345/20"), Just("1"), Just("2014-20439")],
                ),
                1..4,
            )
        ) {
            let t: String = parts
                .iter()
                .map(|p| [p.0, p.1, p.2, p.3, p.4, p.5, p.6, " "].concat())
                .collect();
            prop_assert_eq!(labelled_numbers(&t, true), labelled_numbers(&t, false), "{:?}", t);
        }
    }

    /// Skipping ahead passes over digits without a label before them (the
    /// reason it exists), and stops at one with a label.
    #[test]
    fn skipping_ahead_passes_over_unlabelled_digits() {
        let mut states = hybrid::dfa::Cache::new(&LABEL_BEFORE);
        for t in [
            "Call 555-1234 at 10:30 on 12/03/2020, room EB 3880, $1,000 (2x).",
            "HOUSTON TX 77002, [PATCH 1/2], WEDNESDAY, SEPTEMBER 12",
            "Refund 12345; prefix 12 ABC 12/20",
            "kenmerkx 123",
        ] {
            assert_eq!(next_label_start(t, 0, &mut states), Next::Done, "{t:?}");
        }
        for (t, start) in [
            ("Zie ons kenmerk: 4567890", 3),
            ("Aktenzeichen: 12 O 345/20", 0),
            ("de réf 12345", 2),
            ("x\u{a0}ref 12345", 1),
        ] {
            assert_eq!(
                next_label_start(t, 0, &mut states),
                Next::At(start),
                "{t:?}"
            );
        }
    }

    /// The byte tests before the automaton: what they let through and
    /// what they pass over, for the text before a value's first digit.
    #[test]
    fn label_end_tests() {
        let passes = |before: &str| {
            let b = before.as_bytes();
            let mut k = b.len();
            while k > 0 && is_between(b[k - 1]) {
                k -= 1;
            }
            k > 0 && may_end_label(b, 0, k)
        };
        for t in [
            "ons kenmerk: ",
            "Case No. F-",
            "REF ",
            "Ref noABC-",
            "zie no. ",
            "de réf ",
            "číslo jednací, ",
            "dossier n°",
            "Kenmer\u{212A} ",
            "Az.: KS ",
        ] {
            assert!(passes(t), "{t:?}");
        }
        for t in [
            "HOUSTON TX ",
            "[PATCH ",
            "SEPTEMBER ",
            "at ",
            "Street, EB ",
            "xref ",
            "(",
            "TX",
            "room KS ",
        ] {
            assert!(!passes(t), "{t:?}");
        }
    }

    /// Only `k` and `s` of the ASCII letters have a case partner outside
    /// ASCII (the Kelvin sign, the long s), as [`LABEL_BEFORE`] assumes.
    #[test]
    fn only_k_and_s_fold_outside_ascii() {
        let all: String = ('\u{80}'..=char::MAX).flat_map(|c| [c, '\n']).collect();
        let folded: Vec<&str> = Regex::new("(?im)^[a-z]$")
            .expect("valid regex")
            .find_iter(&all)
            .map(|m| m.as_str())
            .collect();
        assert_eq!(folded, ["ſ", "\u{212A}"]);
    }

    /// Every label ends (past the bytes between a label and its value) in
    /// an ASCII letter or a character outside ASCII, as
    /// [`may_end_label`] assumes.
    #[test]
    fn labels_end_in_a_letter_or_outside_ascii() {
        for l in labels() {
            let last = l.bytes().rev().find(|&b| !is_between(b));
            assert!(
                last.is_some_and(|b| b.is_ascii_alphabetic() || !b.is_ascii()),
                "{l:?}"
            );
        }
    }

    #[test]
    fn tag_prefilter_in_hand_picked_texts() {
        for t in [
            "[23.0003747]",
            "[ WOO-2023-123 ]",
            "[abcdefgh/12345]",
            "[\u{a0}12345]",
            "[٣٣٣٣٣]",
            "x [2023-0000123456] y",
        ] {
            assert!(CASE_TAG.is_match(t) && may_hold_tag(t), "{t:?}");
        }
        for t in [
            "[mailto:a@b.c]",
            "[1]",
            "[image: logo]",
            "[abcdefghi12345]",
            "[12]",
            "no bracket 12345",
        ] {
            assert!(!may_hold_tag(t), "{t:?}");
        }
    }

    #[test]
    fn subjects() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fields/subjects.tsv");
        let data = std::fs::read_to_string(path).expect("subjects.tsv");
        let mut n = 0;
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (input, expected) = line.split_once('\t').expect("a tab");
            assert_eq!(normalize(input), expected, "{input:?}");
            n += 1;
        }
        assert!(n >= 15, "only {n} rows");
    }

    #[test]
    fn case_number_table() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/fields/case_numbers.tsv"
        );
        let data = std::fs::read_to_string(path).expect("case_numbers.tsv");
        let mut n = 0;
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (input, expected) = line.split_once('\t').expect("a tab");
            let expected: Vec<&str> = if expected == "(none)" {
                vec![]
            } else {
                expected.split(" ;; ").collect()
            };
            assert_eq!(case_numbers(input), expected, "{input:?}");
            assert_eq!(
                labelled_numbers(input, true),
                labelled_numbers(input, false),
                "{input:?}"
            );
            n += 1;
        }
        assert!(n >= 12, "only {n} rows");
    }
}
