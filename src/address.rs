//! Address fields: a header value in, [`Party`] values out.
//!
//! Reads the forms mail clients and converters write: `Name <a@b>`,
//! `"Name" <a@b>`, `Name [mailto:a@b]`, `Name<mailto:a@b>`, `a@b (Name)`,
//! bare `a@b`, and the forms redaction leaves behind: `[REDACTED]@minjenv.nl>`
//! (local part boxed, the `<` lost), `Name [REDACTED]@x.nl>`, or a bare
//! `[REDACTED]`. Lists split on `;`; a comma splits only between parties
//! that each carry an address, so `Dam, Chris van` stays one name.
//!
//! Not supported: RFC 5322 groups (`undisclosed-recipients:;` reads as a
//! name) and comments inside addresses.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Party;
use crate::redact;

/// An address, possibly with a redacted local part.
///
/// Matches `jan@x.nl`, `[REDACTED]@minjenv.nl`, `j.doe+tag@sub.x.org`,
/// `█████@x.nl`. Does not match `@x.nl` or `jan@localhost` (no dot).
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:[\w.+'!#$%&*/=?^`{|}~-]|\[[^\[\]\s@]{1,40}\]|█+)+@[\w-]+(?:\.[\w-]+)+",
    )
    .expect("valid regex")
});

/// Parses one party: a name, an address, or both.
pub(crate) fn parse_party(value: &str) -> Option<Party> {
    let value = value.trim().trim_matches(|c: char| c == ',' || c == ';').trim();
    if value.is_empty() {
        return None;
    }
    let redacted = redact::contains_marker(value);
    let found = ADDRESS.find(value);
    let (name, address) = match found {
        Some(m) => {
            let mut before = &value[..m.start()];
            let mut after = &value[m.end()..];
            // Strip the wrapping around the address.
            before = before
                .trim_end()
                .trim_end_matches("mailto:")
                .trim_end_matches(['<', '[', '('])
                .trim_end_matches("mailto:")
                .trim_end_matches(['<', '[', '(']);
            after = after.trim_start().trim_start_matches(['>', ']', ')']);
            let name = if before.trim().is_empty() {
                // `a@b (Name)` or `a@b Name`
                strip_name(after)
            } else {
                strip_name(before)
            };
            (name, Some(m.as_str().to_string()))
        }
        None => (strip_name(value), None),
    };
    let name = name.filter(|n| {
        !redact::is_only_markers(n) && address.as_deref() != Some(n.as_str())
    });
    let domain = address.as_deref().and_then(domain_of);
    if name.is_none() && address.is_none() && !redacted {
        return None;
    }
    Some(Party { name, address, domain, redacted })
}

/// The readable domain of an address, lower case.
fn domain_of(address: &str) -> Option<String> {
    let (_, d) = address.rsplit_once('@')?;
    let d = d.trim_end_matches('.');
    if d.is_empty() || redact::contains_marker(d) {
        None
    } else {
        Some(d.to_lowercase())
    }
}

/// Cleans a display name: quotes, brackets, and stray punctuation.
fn strip_name(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '"' | '\'' | '<' | '>' | ',' | ';' | '«' | '»' | '„' | '”' | '“')
        })
        .trim_end_matches("[mailto:")
        .trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    if t.is_empty() {
        None
    } else {
        Some(collapse_spaces(t))
    }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Parses a recipient list.
pub(crate) fn parse_list(value: &str) -> Vec<Party> {
    let mut parties = Vec::new();
    for piece in split_top_level(value, ';') {
        let commas = split_top_level(piece, ',');
        if commas.len() == 1 {
            parties.extend(parse_party(piece));
            continue;
        }
        let with_address = commas.iter().filter(|c| ADDRESS.is_match(c)).count();
        if with_address == 0 {
            // `Dam, Chris van` is one name; `Alice Smith, Bob Jones` two.
            let all_multiword =
                commas.iter().all(|c| c.split_whitespace().count() >= 2);
            if all_multiword {
                parties.extend(commas.iter().filter_map(|c| parse_party(c)));
            } else {
                parties.extend(parse_party(piece));
            }
            continue;
        }
        // Merge pieces until each holds an address: `Smith, John <j@x>`.
        let mut acc_start: Option<usize> = None;
        let base = piece.as_ptr() as usize;
        for c in &commas {
            let off = c.as_ptr() as usize - base;
            let start = *acc_start.get_or_insert(off);
            if ADDRESS.is_match(c) {
                parties.extend(parse_party(&piece[start..off + c.len()]));
                acc_start = None;
            }
        }
        if let Some(start) = acc_start {
            parties.extend(parse_party(&piece[start..]));
        }
    }
    parties
}

/// Splits on `sep` outside quotes, angle brackets and square brackets.
fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth_angle = 0i32;
    let mut depth_square = 0i32;
    let mut depth_paren = 0i32;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => depth_angle += 1,
            '>' if !quoted => depth_angle = (depth_angle - 1).max(0),
            '[' if !quoted => depth_square += 1,
            ']' if !quoted => depth_square = (depth_square - 1).max(0),
            '(' if !quoted => depth_paren += 1,
            ')' if !quoted => depth_paren = (depth_paren - 1).max(0),
            c if c == sep
                && !quoted
                && depth_angle == 0
                && depth_square == 0
                && depth_paren == 0 =>
            {
                if !s[start..i].trim().is_empty() {
                    out.push(s[start..i].trim());
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(s[start..].trim());
    }
    out
}

/// Every address in `s`, in order.
pub(crate) fn find_addresses(s: &str) -> impl Iterator<Item = &str> {
    ADDRESS.find_iter(s).map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(p: &Party) -> String {
        format!(
            "{}|{}|{}|{}",
            p.name.as_deref().unwrap_or("-"),
            p.address.as_deref().unwrap_or("-"),
            p.domain.as_deref().unwrap_or("-"),
            if p.redacted { "R" } else { "" }
        )
    }

    #[track_caller]
    fn check_list(input: &str, expected: &[&str]) {
        let got: Vec<String> = parse_list(input).iter().map(show).collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fields/addresses.tsv");
        let data = std::fs::read_to_string(path).expect("addresses.tsv");
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
            check_list(input, &expected);
            n += 1;
        }
        assert!(n >= 20, "only {n} rows");
    }
}
