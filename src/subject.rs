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

use std::sync::LazyLock;

use regex::Regex;

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
/// That run after the first digit (group 2) takes at most
/// [`CASE_RUN_CHARS`] characters; [`case_numbers`] cuts it there, because
/// a bounded repetition of a Unicode class (`{1,40}`) makes the pattern
/// many times larger and slower to compile.
///
/// Only the labels and `no`/`nr` are case-insensitive: `(?i)` over the
/// whole pattern folded the case of its Unicode classes (`[^\w]`, `\s`,
/// `\d`, `[\w./-]`), which match the same characters either way: that
/// took a third of the time to compile it.
static CASE_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = LANGS
        .iter()
        .flat_map(|l| l.case_labels.iter().copied())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels.dedup();
    let alt = labels
        .iter()
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
    // OK because the labels are escaped and the rest of the pattern is a
    // constant, checked by every test run.
    Regex::new(&format!(
        r"(?:^|[^\w])(?:{alt})\.?(?:\s*(?i:no|nr|n°|nº|n\.º|#)\.?)?\s*[:.#]?\s*(\d{{1,3}} [A-Z]{{1,4}} \d{{1,6}}/\d{{2,4}}|(?:[A-Z]{{1,6}}[-/ ]?)?\d([\w./-]+))"
    ))
    .expect("valid regex")
});

/// The most characters of a labelled case number's run after its first
/// digit.
const CASE_RUN_CHARS: usize = 40;

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
    let word = crate::text::lowercase(word.trim_end_matches('.'));
    if !TABLES.subject_prefixes.contains_key(word.as_str()) {
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
    let mut at = 0;
    while let Some(c) = CASE_LABELLED.captures_at(text, at) {
        // OK because group 1 is not optional in CASE_LABELLED.
        let m = c.get(1).expect("group 1");
        // The run after the first digit, cut at `CASE_RUN_CHARS`: the next
        // search starts where the bounded repetition would have stopped.
        let end = c.get(2).map_or(m.end(), |run| {
            run.as_str()
                .char_indices()
                .nth(CASE_RUN_CHARS)
                .map_or(run.end(), |(i, _)| run.start() + i)
        });
        at = end;
        // OK because `end` is `m.end()` or a char boundary inside group 2,
        // which ends group 1.
        let v = text[m.start()..end].trim_end_matches(['.', ',', '/', '-']);
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 2 && !looks_like_date(v) && !redact::contains_marker(v) {
            push(v);
        }
    }
    out
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
            n += 1;
        }
        assert!(n >= 12, "only {n} rows");
    }
}
