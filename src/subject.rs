//! Subjects and case numbers: a subject or body text in, a normalised
//! subject and case numbers out.
//!
//! `normalize` drops reply and forward prefixes in every language of the
//! `lang` tables (stacked, numbered `RE[2]:`/`Re^2:`, with a full-width
//! colon), bracketed case-number tags (`[23.0003747]`) and mailing-list tags
//! (`[OMPI users]`), but never a redaction marker. `case_numbers` finds the
//! bracketed tag and labelled references (`Ons kenmerk: 4567890`,
//! `Case No. F-2014-20439`), the labels coming from the `lang` tables.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{LANGS, TABLES};
use crate::redact;

/// A bracketed case-number tag: `[23.0003747]`, `[2023-0000123456]`,
/// `[WOO-2023-123]`. Needs at least five digits; `[1]` and `[list]` are
/// not tags.
static CASE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\s*([A-Za-z]{0,8}[-/ .]?\d[\d./-]{3,24}\d)\s*\]").expect("valid regex")
});

/// A labelled reference: the label from the tables, an optional `no.`/`nr.`
/// and a colon, then the value.
static CASE_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = LANGS.iter().flat_map(|l| l.case_labels.iter().copied()).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels.dedup();
    let alt = labels.iter().map(|l| regex::escape(l)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(
        r"(?i)(?:^|[^\w])(?:{alt})\.?(?:\s*(?:no|nr|n°|nº|n\.º|#)\.?)?\s*[:.#]?\s*((?:[A-Z]{{1,6}}[-/ ]?)?\d[\w./-]{{1,40}})"
    ))
    .expect("valid regex")
});

/// The subject without reply/forward prefixes and case or list tags.
pub(crate) fn normalize(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let before = s.len();
        s = s.trim_start();
        if s.starts_with('[') {
            if let Some(close) = s.find(']') {
                let tag = &s[..=close];
                if !redact::contains_marker(tag) {
                    s = &s[close + 1..];
                    continue;
                }
            }
        }
        if let Some(rest) = strip_prefix(s) {
            s = rest;
            continue;
        }
        if s.len() == before {
            break;
        }
    }
    s.trim().to_string()
}

/// Strips one `RE:`, `Fwd[2]:`, `Re^2:`, `AW：` prefix.
fn strip_prefix(s: &str) -> Option<&str> {
    let word_end = s.find(|c: char| !c.is_alphabetic() && c != '.').unwrap_or(s.len());
    if word_end == 0 || word_end > 12 {
        return None;
    }
    let word = s[..word_end].trim_end_matches('.').to_lowercase();
    if !TABLES.subject_prefixes.contains_key(word.as_str()) {
        return None;
    }
    let mut rest = &s[word_end..];
    // `[2]`, `^2`, `(2)`
    if let Some(r) = rest.strip_prefix('^') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    } else if rest.starts_with(['[', '(']) {
        let close = rest.find([']', ')'])?;
        if !rest[1..close].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest = &rest[close + 1..];
    }
    let rest = rest.trim_start_matches(' ');
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

/// Case numbers in a subject or text: bracketed tags first, then labelled
/// references, in order of appearance within each kind.
pub(crate) fn case_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for c in CASE_TAG.captures_iter(text) {
        // OK because group 1 is not optional in CASE_TAG.
        let m = c.get(1).expect("group 1");
        let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
        if digits >= 5 && !looks_like_date(m.as_str()) {
            out.push((m.start(), m.as_str().to_string()));
        }
    }
    for c in CASE_LABELLED.captures_iter(text) {
        // OK because group 1 is not optional in CASE_LABELLED.
        let m = c.get(1).expect("group 1");
        let v = m.as_str().trim_end_matches(['.', ',', '/', '-']);
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 2 && !looks_like_date(v) {
            out.push((m.start(), v.to_string()));
        }
    }
    out.sort_by_key(|x| x.0);
    let mut seen = Vec::new();
    for (_, v) in out {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen
}

/// `12-03-2021`, `2021-03-12`: a date, not a case number.
fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && (parts[0].len() == 4 || parts[2].len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fields/case_numbers.tsv");
        let data = std::fs::read_to_string(path).expect("case_numbers.tsv");
        let mut n = 0;
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (input, expected) = line.split_once('\t').expect("a tab");
            let expected: Vec<&str> =
                if expected == "(none)" { vec![] } else { expected.split(" ;; ").collect() };
            assert_eq!(case_numbers(input), expected, "{input:?}");
            n += 1;
        }
        assert!(n >= 12, "only {n} rows");
    }
}
