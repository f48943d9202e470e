//! Address fields: a header value in, [`Party`] values out.
//!
//! Reads the forms mail clients and converters write: `Name <a@b>`,
//! `"Name" <a@b>`, `Name [mailto:a@b]`, `Name<mailto:a@b>`, `a@b (Name)`,
//! bare `a@b`, and the forms redaction leaves behind: `[REDACTED]@minjenv.nl>`
//! (local part boxed, the `<` lost), `Name [REDACTED]@x.nl>`, a Woo code
//! and a loose domain (`5.1.2e @rivm.nl>` reads as `5.1.2e@rivm.nl`), a
//! boxed address (`Jan de Vries <[REDACTED]>`: a name, no address), or a
//! bare `[REDACTED]`. The address in `<…>` or `[mailto:…]` wins over one
//! elsewhere, so a display name that is an address stays a name. Lists
//! split on `;`; a comma splits only between parties that each carry an
//! address, or between names of two words or more, so `Dam, Chris van`
//! stays one name and `Alice Smith, Bob Jones` are two.
//!
//! Not supported: RFC 5322 groups (`undisclosed-recipients:;` reads as a
//! name) and comments inside addresses.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Party;
use crate::redact;
use crate::text::{trim, trim_by, trim_end_str};

/// An address, possibly with a redacted local part: the matches of
/// `(?:[\w.+'!#$%&*/=?^`{|}~-]|\[[^\[\]\s@]{1,40}\]|█+)+@[\w-]+(?:\.[\w-]+)+`,
/// as [`address_at`] finds them.
///
/// Matches `jan@x.nl`, `[REDACTED]@minjenv.nl`, `j.doe+tag@sub.x.org`,
/// `█████@x.nl`. Does not match `@x.nl` or `jan@localhost` (no dot).
///
/// The regex lets a bracketed part run to any length: a bounded
/// repetition of a Unicode class (`{1,40}`) makes it many times larger,
/// slower to compile and slower to search backwards. [`address_at`] holds
/// the bound.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"(?:[\w.+'!#$%&*/=?^`{|}~-]|\[[^\[\]\s@]+\]|█+)+@[\w-]+(?:\.[\w-]+)+")
        .expect("valid regex")
});

/// The most characters between the brackets of a bracketed part of an
/// address's local part.
const ADDRESS_BRACKET_CHARS: usize = 40;

/// The first address that starts at `from` or later, as the regex with
/// the bound (`\[[^\[\]\s@]{1,40}\]`) finds it.
///
/// No character of a local part is `@`, and `]` only closes a bracketed
/// part, so no bounded match can run across a longer bracketed part: the
/// leftmost one starts after the last such part in the unbounded match.
/// Everything else the two regexes match alike.
fn address_at(text: &str, from: usize) -> Option<Range<usize>> {
    let mut from = from;
    loop {
        let m = unbounded_at(text, from)?;
        // OK because `m` is a match in `text`.
        let s = &text[m.clone()];
        // Where the local part's last over-long bracketed part ends.
        let mut past_long = None;
        let mut open = None;
        let mut n = 0;
        for (i, c) in s.char_indices() {
            match (c, open) {
                ('@', _) => break,
                ('[', _) => {
                    open = Some(i);
                    n = 0;
                }
                (']', Some(_)) => {
                    if n > ADDRESS_BRACKET_CHARS {
                        past_long = Some(m.start + i + 1);
                    }
                    open = None;
                }
                (_, Some(_)) => n += 1,
                _ => {}
            }
        }
        match past_long {
            None => return Some(m),
            Some(at) => from = at,
        }
    }
}

/// The first match of [`ADDRESS`] that starts at `from` or later. Where
/// the bytes around each `@` are ASCII, in which `\w` is `[A-Za-z0-9_]`
/// and `█` cannot occur, a scan out from the `@` finds it
/// ([`ascii_address_at`]); the regex, which costs a thousand instructions
/// and more a search, reads the rest.
fn unbounded_at(text: &str, from: usize) -> Option<Range<usize>> {
    match ascii_address_at(text.as_bytes(), from) {
        Ok(found) => found,
        Err(NotAscii) => ADDRESS.find_at(text, from).map(|m| m.range()),
    }
}

/// A byte the scan of [`ascii_address_at`] cannot judge: a character
/// beyond ASCII, which may be a letter of `\w` or a blank of `\s`.
struct NotAscii;

/// A character of a local part outside brackets, in ASCII:
/// `[\w.+'!#$%&*/=?^`{|}~-]`.
fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_.+'!#$%&*/=?^`{|}~-".contains(&b)
}

/// A character of a domain label, in ASCII: `[\w-]`.
fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// [`ADDRESS`]'s first match at `from` or later in `text`, read from the
/// bytes around each `@`; `Err` where one of them is not ASCII. A local
/// part cannot hold an `@`, so the first `@` with a dotted domain after it
/// and a local part before it ends the leftmost match; its start is as far
/// back as the parts of a local part reach (the parts cannot overlap: `[`
/// and `]` only bracket), and the domain's labels run as far as they go.
/// Each scan stops at an ASCII byte no part may hold, so the bytes it
/// never reads cannot change the match, and each byte is read a bounded
/// number of times. A test holds this to the regex.
fn ascii_address_at(text: &[u8], from: usize) -> Result<Option<Range<usize>>, NotAscii> {
    let mut at = from;
    // Indexing: `at`, `j` and `k` stay within `from..=text.len()`, and a
    // byte is read only below `text.len()`.
    while let Some(p) = text.get(at..).and_then(|rest| memchr::memchr(b'@', rest)) {
        let a = at + p;
        at = a + 1;
        // The domain: a label, then one or more `.label`. A label ends at
        // an ASCII byte that is no `[\w-]`, or at the end.
        let label_end = |mut j: usize| {
            while j < text.len() && domain_char(text[j]) {
                j += 1;
            }
            match text.get(j) {
                Some(b) if !b.is_ascii() => Err(NotAscii),
                _ => Ok(j),
            }
        };
        let mut end = label_end(a + 1)?;
        if end == a + 1 {
            continue;
        }
        let mut dotted = false;
        while end + 1 < text.len() && text[end] == b'.' {
            match text[end + 1] {
                b if domain_char(b) => end = label_end(end + 1)?,
                b if !b.is_ascii() => return Err(NotAscii),
                _ => break,
            }
            dotted = true;
        }
        if !dotted {
            continue;
        }
        // The local part, back from the `@`, not before `from`.
        let mut start = a;
        while start > from {
            let b = text[start - 1];
            if !b.is_ascii() {
                return Err(NotAscii);
            }
            if local_char(b) {
                start -= 1;
            } else if b == b']' {
                // A bracketed part: `[`, one or more characters that are no
                // bracket, blank or `@`, then `]`.
                let mut k = start - 1;
                while k > from && !matches!(text[k - 1], b'[' | b']' | b'@' | b'\t'..=b'\r' | b' ')
                {
                    if !text[k - 1].is_ascii() {
                        return Err(NotAscii);
                    }
                    k -= 1;
                }
                if k > from && text[k - 1] == b'[' && k < start - 1 {
                    start = k - 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if start < a {
            return Ok(Some(start..end));
        }
    }
    Ok(None)
}

/// Every address in `text`, in order, as `ADDRESS.find_iter` would find
/// the bounded ones.
fn addresses(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let m = address_at(text, from)?;
        from = m.end;
        Some(m)
    })
}

/// A domain standing after a redacted local part and a space:
/// `5.1.2e @rivm.nl>` (RIVM OCR).
static LOOSE_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"^\s*@([\w-]+(?:\.[\w-]+)+)").expect("valid regex")
});

/// Where the address of a party stands, and the address itself.
struct Found {
    start: usize,
    end: usize,
    address: String,
}

/// Finds the address in one party's text. The address inside `<…>` or
/// `[mailto:…]` wins over one elsewhere (`"jan@x.nl" <jan.jansen@x.nl>`
/// names jan.jansen); a leading quote is no part of it (`'jan@x.nl'`); a
/// redaction marker and a loose `@domain` make one address
/// (`5.1.2e @rivm.nl>` is `5.1.2e@rivm.nl`).
fn locate(value: &str) -> Option<Found> {
    let wrapped = |start: usize| {
        let before = value.get(..start).unwrap_or("");
        let before = before.strip_suffix("mailto:").unwrap_or(before);
        before.ends_with(['<', '['])
    };
    let mut first = None;
    for m in addresses(value) {
        // OK because `m` is a match in `value`.
        let text = &value[m.clone()];
        let trimmed = text.trim_start_matches(['\'', '.']);
        // OK because `trimmed` is a suffix of `text`, so no longer than it.
        let start = m.start + (text.len() - trimmed.len());
        let found = Found {
            start,
            end: m.end,
            address: trimmed.to_string(),
        };
        if wrapped(m.start) {
            return Some(found);
        }
        if first.is_none() {
            first = Some(found);
        }
    }
    if first.is_some() {
        return first;
    }
    for hit in redact::scan(value) {
        let after = value.get(hit.span.end..).unwrap_or("");
        if let Some(c) = LOOSE_DOMAIN.captures(after) {
            // OK because group 0 always participates in a match.
            let whole = c.get(0).expect("group 0");
            // OK because group 1 is not optional in LOOSE_DOMAIN.
            let domain = c.get(1).expect("group 1");
            return Some(Found {
                start: hit.span.start,
                end: hit.span.end + whole.end(),
                address: format!("{}@{}", hit.marker, domain.as_str()),
            });
        }
    }
    None
}

/// The top-level domains OCR damages, as seen in the State Department
/// releases (`@clintonemail.corn`, `domain.md` §1, OCR): the damaged
/// ending and the real one.
const OCR_TLDS: &[(&str, &str)] = &[
    (".corn", ".com"),
    (".c0m", ".com"),
    (".corn.au", ".com.au"),
    (".goy", ".gov"),
];

/// An address whose top-level domain OCR damaged, repaired (`.corn` to
/// `.com`); others unchanged.
fn repair_tld(address: String) -> String {
    // The `]` or `)` after an address read as a letter: `x@state.govj`,
    // `x@clintonemail.comi`.
    let b = address.as_bytes();
    let stray = b.len() > 2
        && matches!(
            b[b.len() - 1].to_ascii_lowercase(),
            b'i' | b'j' | b'l' | b'1'
        );
    let address = match ["com", "gov", "org", "net", "edu", "corn"]
        .iter()
        .find(|t| {
            // OK because `stray` checked `b.len() > 2`; `get` checks the rest.
            stray
                && b.len() > t.len() + 2
                && b.get(b.len() - t.len() - 2..b.len() - 1)
                    .is_some_and(|end| {
                        end[0] == b'.' && end[1..].eq_ignore_ascii_case(t.as_bytes())
                    })
        }) {
        // OK because the last byte is an ASCII letter or digit.
        Some(_) => address[..address.len() - 1].to_string(),
        None => address,
    };
    for (bad, good) in OCR_TLDS {
        if address.len() > bad.len() && address.to_ascii_lowercase().ends_with(bad) {
            let keep = address.len() - bad.len();
            // OK because `bad` is ASCII and `address` ends with it, so `keep`
            // is a char boundary.
            return format!("{}{good}", &address[..keep]);
        }
    }
    address
}

/// Whether an address in `value` ends in a top-level domain OCR damaged
/// (`.corn`), which [`parse_party`] repairs.
pub(crate) fn has_ocr_tld(value: &str) -> bool {
    crate::memo::get_or(&OCR_TLD_HOLDERS, value, holds_ocr_tld)
}

/// [`has_ocr_tld`], without its memo.
fn holds_ocr_tld(value: &str) -> bool {
    // Every damaged ending starts with a dot: compare at each dot, ASCII
    // case-insensitively, without a lower-cased copy. No ending overlaps
    // itself, so every occurrence counts, as in a search of the copy.
    let bytes = value.as_bytes();
    // One pass over the dots, each tried against every ending.
    memchr::memchr_iter(b'.', bytes).any(|at| {
        OCR_TLDS.iter().any(|(bad, _)| {
            let end = at + bad.len();
            bytes
                .get(at..end)
                .is_some_and(|w| w.eq_ignore_ascii_case(bad.as_bytes()))
                // OK because `bad` is ASCII and matched at `at`, so `end` is
                // a char boundary.
                && value[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '.')
        })
    })
}

/// A domain OCR broke at its last dot: `@rivm. ni`, `@amsterdam nl`,
/// `@clintonemail corn`. The space stands after a dot, or replaces the
/// dot of a domain that has none; the ending is one OCR reads there.
///
/// Only the ending is case-insensitive: `[\w-]` matches the same
/// characters either way, and folding its case made the regex twice as
/// slow to compile.
static SPACED_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(
        r"@([\w-]+(?:\.[\w-]+)*\.|[\w-]+)[ \t]+(?i:(com|corn|c0m|nl|ni|n1|org|net|gov|edu|eu|uk))(?-u:\b)",
    )
    .expect("valid regex")
});

/// The ending OCR read (`ni`, `n1`) and the one printed (`nl`), after a
/// broken domain; `.corn` is left to [`repair_tld`].
fn repaired_ending(ending: &str) -> &str {
    match ending.to_ascii_lowercase().as_str() {
        "ni" | "n1" => "nl",
        _ => ending,
    }
}

/// A `[mailto:` wrapper as OCR reads it (`imailto:`, `Ernailto:`,
/// `[rnailto:`, `frnallto:`, `[mai1to:`, `tmailto:`), after a blank or at
/// the start.
static MAILTO: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"(^|\s)[\[({fijltIE]\s?(?:m|rn)a(?:il|ll|i1|1l|i|l)t[o0]:").expect("valid regex")
});

/// Angle brackets as HTML entities, as a converter left them (`H
/// &lt;HDR22@clintonemail.com&gt;`), also OCR-read (`&It;`).
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"&(?:lt|It|gt);?").expect("valid regex")
});

/// A domain whose last dot OCR lost: `@clintonemailcom`, `@stategov`.
/// [`may_be_dotless`] states this pattern as byte tests: a change here
/// changes it too (and its test).
static DOTLESS_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is a constant, checked by every test run.
    Regex::new(r"@([A-Za-z0-9-]{2,}?)(com|gov|org|net)([^A-Za-z0-9.-]|$)").expect("valid regex")
});

/// Whether [`DOTLESS_DOMAIN`] may match `value`: after some `@`, the run
/// of `[A-Za-z0-9-]` ends in `com`, `gov`, `org` or `net`, holds two
/// characters more, and is not followed by a dot. That is what the regex
/// asks (its last group takes any character but those of the run and
/// the dot), so most addresses (`x@example.com`) skip it.
fn may_be_dotless(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr_iter(b'@', b).any(|at| {
        // OK because `at` is the index of a byte of `b`.
        let rest = &b[at + 1..];
        let run = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        // OK because `run <= rest.len()`.
        let domain = &rest[..run];
        run >= 5
            && [&b"com"[..], b"gov", b"org", b"net"]
                .iter()
                .any(|end| domain.ends_with(end))
            && rest.get(run) != Some(&b'.')
    })
}

/// `value` with its OCR damage repaired: broken domains joined (`jan@rivm.
/// ni` to `jan@rivm.nl`), a lost last dot put back (`@stategov`),
/// `[mailto:` wrappers and angle-bracket entities restored; `None` when it
/// has none.
pub(crate) fn repair_ocr(value: &str) -> Option<String> {
    crate::memo::get_or(&REPAIRS, value, ocr_repair)
}

/// [`repair_ocr`], without its memo.
fn ocr_repair(value: &str) -> Option<String> {
    // Nothing to repair without an `@` or an entity.
    memchr::memchr2(b'@', b'&', value.as_bytes())?;
    let mut out = std::borrow::Cow::Borrowed(value);
    if out.contains('&') && ENTITY.is_match(&out) {
        let fixed = ENTITY.replace_all(
            &out,
            |c: &regex::Captures<'_>| {
                if c[0].starts_with("&g") {
                    ">"
                } else {
                    "<"
                }
            },
        );
        out = std::borrow::Cow::Owned(fixed.into_owned());
    }
    // SPACED_DOMAIN needs a blank after an `@`, MAILTO a colon: most
    // values have neither and skip those regexes.
    let blank_after_at = out.find('@').is_some_and(|at| {
        out.get(at..)
            .is_some_and(|rest| memchr::memchr2(b' ', b'\t', rest.as_bytes()).is_some())
    });
    if blank_after_at && SPACED_DOMAIN.is_match(&out) {
        let fixed = SPACED_DOMAIN.replace_all(&out, |c: &regex::Captures<'_>| {
            let head = c[1].trim_end_matches('.');
            format!("@{head}.{}", repaired_ending(&c[2]))
        });
        out = std::borrow::Cow::Owned(fixed.into_owned());
    }
    if may_be_dotless(&out) && DOTLESS_DOMAIN.is_match(&out) {
        let fixed = DOTLESS_DOMAIN.replace_all(&out, "@$1.$2$3");
        out = std::borrow::Cow::Owned(fixed.into_owned());
    }
    if out.contains(':') && MAILTO.is_match(&out) {
        let fixed = MAILTO.replace_all(&out, "$1[mailto:");
        out = std::borrow::Cow::Owned(fixed.into_owned());
    }
    (out != value).then(|| out.into_owned())
}

/// Parses one party: a name, an address, or both.
pub(crate) fn parse_party(value: &str) -> Option<Party> {
    let repaired = repair_ocr(value);
    parse_repaired(repaired.as_deref().unwrap_or(value))
}

/// [`parse_party`] on a value [`repair_ocr`] has already seen (a piece
/// of a list repaired whole).
fn parse_repaired(value: &str) -> Option<Party> {
    crate::memo::get_or(&PARTIES, value, read_party)
}

thread_local! {
    /// [`parse_repaired`] by value (see [`crate::memo`]).
    static PARTIES: crate::memo::Memo<Option<Party>> = Default::default();
    /// [`parse_repaired_list`] by value.
    static LISTS: crate::memo::Memo<Vec<Party>> = Default::default();
    /// [`repair_ocr`] by value.
    static REPAIRS: crate::memo::Memo<Option<String>> = Default::default();
    /// [`has_ocr_tld`] by value.
    static OCR_TLD_HOLDERS: crate::memo::Memo<bool> = Default::default();
}

/// [`parse_repaired`], without its memo.
fn read_party(value: &str) -> Option<Party> {
    let value = trim(trim_by(trim(value), |c: char| c == ',' || c == ';'));
    if value.is_empty() {
        return None;
    }
    let redacted = redact::contains_marker(value);
    let (name, address) = match locate(value) {
        Some(found) => {
            let before = value.get(..found.start).unwrap_or("");
            let after = value.get(found.end..).unwrap_or("");
            // Strip the wrapping around the address.
            let before = before.trim_end().trim_end_matches(['\'', '.']);
            let before = trim_end_str(before, "mailto:").trim_end_matches(['<', '[', '(']);
            let before = trim_end_str(before, "mailto:").trim_end_matches(['<', '[', '(']);
            let after = after.trim_start().trim_start_matches(['\'', '>', ']', ')']);
            let name = if before.trim().is_empty() {
                // `a@b (Name)` or `a@b Name`
                strip_name(after)
            } else {
                strip_name(before)
            };
            (name, Some(repair_tld(found.address)))
        }
        None => (strip_name(without_redacted_address(value)), None),
    };
    // A name `without_markers` keeps has letters or digits beside its
    // markers, so it is never markers alone.
    let name = name
        .and_then(without_markers)
        .filter(|n| address.as_deref() != Some(n.as_str()));
    let domain = address.as_deref().and_then(domain_of);
    if name.is_none() && address.is_none() && !redacted {
        return None;
    }
    Some(Party {
        name,
        address,
        domain,
        redacted,
    })
}

/// A name with something readable beside its redaction markers (`Jan
/// [REDACTED]`, `Bakker, Ilse 5.1.2e`, kept whole so the reader sees what
/// was removed), or `None` when markers and punctuation are all there is
/// (`(b) (6), (b) (7)(C)`).
fn without_markers(name: String) -> Option<String> {
    let hits = redact::scan(&name);
    if hits.is_empty() {
        return Some(name);
    }
    let mut kept = String::with_capacity(name.len());
    let mut at = 0;
    for hit in hits {
        kept.push_str(name.get(at..hit.span.start).unwrap_or(""));
        kept.push(' ');
        at = hit.span.end;
    }
    kept.push_str(name.get(at..).unwrap_or(""));
    (kept.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some(name)
}

/// `Jan de Vries <[REDACTED]>` without its boxed address: the part in
/// angle brackets or `[mailto:…]` held only a marker.
fn without_redacted_address(value: &str) -> &str {
    let trimmed = value.trim_end();
    for (close, open) in [('>', "<"), (']', "[mailto:")] {
        let Some(inner_end) = trimmed.strip_suffix(close) else {
            continue;
        };
        if let Some(at) = inner_end.rfind(open) {
            let inner = inner_end.get(at + open.len()..).unwrap_or("");
            if redact::is_only_markers(inner) {
                return inner_end.get(..at).unwrap_or(value);
            }
        }
    }
    value
}

/// The readable domain of an address, lower case.
fn domain_of(address: &str) -> Option<String> {
    let (_, d) = address.rsplit_once('@')?;
    let d = d.trim_end_matches('.');
    if d.is_empty() || redact::contains_marker(d) {
        None
    } else {
        Some(crate::text::lowercase(d))
    }
}

/// Cleans a display name: quotes, brackets, and stray punctuation.
fn strip_name(s: &str) -> Option<String> {
    let t = trim_by(trim(s), |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | ',' | ';' | '«' | '»' | '„' | '”' | '“'
            )
    });
    let t = trim_end_str(t, "[mailto:")
        .trim()
        // What is left of a bracket the address stood in: `Name [`, `H ‹`.
        .trim_end_matches(['[', '(', '‹'])
        .trim();
    let t = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        // `(Name)`, not `(b) (6) (CRM)`.
        .filter(|x| !x.contains(['(', ')']))
        .unwrap_or(t)
        .trim();
    // A name has a letter, and one letter alone is a capital initial
    // (`H`, as the State Department releases name Hillary Clinton): what
    // is left of a box OCR read over a blacked-out name (`Ì`, `: 5`, `|`)
    // is none.
    let mut alnum = t.chars().filter(|c| c.is_alphanumeric());
    let noise = match (alnum.next(), alnum.next()) {
        (None, _) => true,
        (Some(c), None) => !c.is_ascii_uppercase(),
        (Some(_), Some(_)) => !t.chars().any(char::is_alphabetic) || is_box_noise(t),
    };
    if noise && !redact::contains_marker(t) {
        None
    } else {
        Some(collapse_spaces(t))
    }
}

/// What OCR reads over a black box that covered a name: short words of
/// Latin letters without a vowel (`GD`, `MN NN`, `BN MN`, `nn`). Initials
/// with dots (`J.D.`) and names in other scripts are never noise.
fn is_box_noise(name: &str) -> bool {
    name.is_ascii()
        && !name.contains('.')
        && name.split_whitespace().all(|w| {
            let letters = w.chars().filter(char::is_ascii_alphabetic).count();
            letters <= 3
                && !w
                    .chars()
                    .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        })
}

/// `s` with its runs of blanks made single spaces, and none at either end.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    // ASCII text splits on bytes; the vertical tab, the one ASCII blank
    // `split_ascii_whitespace` keeps, sends it to the scan of characters.
    if s.is_ascii() && !s.contains('\x0b') {
        s.split_ascii_whitespace().for_each(&mut push);
    } else {
        s.split_whitespace().for_each(&mut push);
    }
    out
}

/// Parses a recipient list.
pub(crate) fn parse_list(value: &str) -> Vec<Party> {
    // Repaired before the split: `&lt;` holds a `;`.
    let repaired = repair_ocr(value);
    parse_repaired_list(repaired.as_deref().unwrap_or(value))
}

/// [`parse_list`] of a value [`repair_ocr`] has repaired already (or left
/// alone): for a caller that repaired it to tell whether it had damage.
pub(crate) fn parse_repaired_list(value: &str) -> Vec<Party> {
    crate::memo::get_or(&LISTS, value, read_list)
}

/// [`parse_repaired_list`], without its memo.
fn read_list(value: &str) -> Vec<Party> {
    let mut parties = Vec::new();
    for (_, piece) in split_top_level(value, b';') {
        let commas = split_top_level(piece, b',');
        if commas.len() == 1 {
            parties.extend(parse_repaired(piece));
            continue;
        }
        // Which pieces hold an address, asked once each.
        let holds: Vec<bool> = commas
            .iter()
            .map(|(_, c)| address_at(c, 0).is_some())
            .collect();
        if !holds.contains(&true) {
            // `Dam, Chris van` is one name; `Alice Smith, Bob Jones` two.
            let all_multiword = commas
                .iter()
                .all(|(_, c)| c.split_whitespace().count() >= 2);
            if all_multiword {
                parties.extend(commas.iter().filter_map(|(_, c)| parse_repaired(c)));
            } else {
                parties.extend(parse_repaired(piece));
            }
            continue;
        }
        // Merge pieces until each holds an address: `Smith, John <j@x>`.
        let mut acc_start: Option<usize> = None;
        for (&(off, c), &holds) in commas.iter().zip(&holds) {
            let start = *acc_start.get_or_insert(off);
            if holds {
                parties.extend(piece.get(start..off + c.len()).and_then(parse_repaired));
                acc_start = None;
            }
        }
        if let Some(start) = acc_start {
            parties.extend(piece.get(start..).and_then(parse_repaired));
        }
    }
    parties
}

/// Splits on `sep` (an ASCII byte) outside quotes, angle brackets, square
/// brackets and parentheses. Each piece is trimmed and comes with its byte
/// offset in `s`; empty pieces are dropped.
fn split_top_level<'a>(s: &'a str, sep: u8) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut depth_angle = 0i32;
    let mut depth_square = 0i32;
    let mut depth_paren = 0i32;
    let mut quoted = false;
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, &'a str)>| {
        let raw = s.get(from..to).unwrap_or("");
        // OK because `raw.trim_start()` is a suffix of `raw`.
        let lead = raw.len() - raw.trim_start().len();
        let piece = raw.trim();
        if !piece.is_empty() {
            out.push((from + lead, piece));
        }
    };
    // Without the separator, the whole is one piece.
    if memchr::memchr(sep, s.as_bytes()).is_none() {
        push(0, s.len(), &mut out);
        return out;
    }
    // Bytes, not characters: every byte looked for is ASCII, which no
    // other character's bytes include.
    for (i, &c) in s.as_bytes().iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b'<' if !quoted => depth_angle += 1,
            b'>' if !quoted => depth_angle = (depth_angle - 1).max(0),
            b'[' if !quoted => depth_square += 1,
            b']' if !quoted => depth_square = (depth_square - 1).max(0),
            b'(' if !quoted => depth_paren += 1,
            b')' if !quoted => depth_paren = (depth_paren - 1).max(0),
            c if c == sep
                && !quoted
                && depth_angle == 0
                && depth_square == 0
                && depth_paren == 0 =>
            {
                push(start, i, &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(start, s.len(), &mut out);
    out
}

/// Every address in `s`, in order.
pub(crate) fn find_addresses(s: &str) -> impl Iterator<Item = &str> {
    // OK because every range is a match in `s`.
    addresses(s).map(|m| &s[m])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_dotless_prefilter_lets_through_what_the_regex_matches() {
        let values = [
            "H <HDR22@clintonemailcom>",
            "x@stategov",
            "x@stategov, y@a.nl",
            "x@stategov.uk",
            "x@example.com",
            "x@ab-net",
            "x@abnet;",
            "x@abcom@defcom",
            "x@a.b@stateorg",
            "x@ccom",
            "x@statecom-x",
            "x@stateCOM",
            "@",
            "x@",
            "x@statecom\u{e9}",
            "x@stategové",
        ];
        for v in values {
            let matches = DOTLESS_DOMAIN.is_match(v);
            assert!(!matches || may_be_dotless(v), "{v:?}");
        }
        assert!(may_be_dotless("x@stategov"));
        assert!(!may_be_dotless("x@example.com"));
        assert!(!may_be_dotless("x@stategov.uk"));
    }

    #[test]
    fn damaged_endings() {
        assert!(has_ocr_tld("H <hdr22@clintonemail.corn>"));
        assert!(has_ocr_tld("a@state.GOY, b@x.nl"));
        assert!(has_ocr_tld("x@y.corn.au"));
        assert!(!has_ocr_tld("x@y.cornwall.uk"));
        assert!(!has_ocr_tld("x@y.corn.nl"));
        assert!(!has_ocr_tld("x@y.com"));
        // The other damage is what `repair_ocr` repairs.
        assert!(repair_ocr("jan@rivm. ni").is_some());
        assert!(!has_ocr_tld("jan@rivm. ni"));
    }

    /// `addresses` finds what the regex with the bound on bracketed parts
    /// finds.
    #[test]
    fn addresses_hold_the_bracket_bound() {
        let bounded =
            Regex::new(r"(?:[\w.+'!#$%&*/=?^`{|}~-]|\[[^\[\]\s@]{1,40}\]|█+)+@[\w-]+(?:\.[\w-]+)+")
                .expect("valid regex");
        let long = "x".repeat(41);
        let edge = "é".repeat(40);
        let texts = [
            format!("[{long}]@x.nl"),
            format!("a[{long}]b@x.nl c@y.org"),
            format!("[{edge}]@x.nl"),
            format!("[{edge}x]@x.nl, [{long}][ab]c@d.eu"),
            format!("[ab][{long}]cd[ef]@x.nl"),
            "jan@x.nl, [REDACTED]@minjenv.nl █████@x.nl".to_string(),
        ];
        for t in &texts {
            let want: Vec<_> = bounded.find_iter(t).map(|m| m.range()).collect();
            let got: Vec<_> = addresses(t).collect();
            assert_eq!(got, want, "{t}");
        }
    }

    /// Texts of the characters that decide where an address starts and
    /// ends, and a few others.
    fn ascii_address_texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("@"),
                Just("."),
                Just("["),
                Just("]"),
                Just(" "),
                Just("\t"),
                Just("\u{b}"),
                Just("-"),
                Just("_"),
                Just("a"),
                Just("Z"),
                Just("7"),
                Just("<"),
                Just(">"),
                Just("+"),
                Just("'"),
                Just("("),
                Just(","),
                Just("x.org"),
                Just("jan"),
                Just("é"),
                Just("█"),
                Just("\u{a0}"),
                Just("\u{2003}"),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn the_ascii_scan_finds_what_the_regex_finds(t in ascii_address_texts(), from in 0usize..24) {
            let from = (0..=from.min(t.len())).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
            let want = ADDRESS.find_at(&t, from).map(|m| m.range());
            prop_assert_eq!(unbounded_at(&t, from), want, "{:?} from {}", t, from);
        }

        /// Blanks collapse as `split_whitespace` splits: ASCII blanks, the
        /// vertical tab and Unicode spaces.
        #[test]
        fn spaces_collapse_as_split_whitespace_splits(
            s in prop_oneof![
                "[a ,\t\n\x0b\x0c\r\x1c]{0,12}",
                "[a ,\t\x0bé\u{a0}\u{3000}]{0,12}",
            ]
        ) {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_spaces(&s), want);
        }
    }

    #[test]
    fn the_ascii_scan_finds_what_the_regex_finds_in_hand_picked_texts() {
        for t in [
            "jan@x.nl",
            "a@b c@d.com",
            "a@b@c.com",
            "x@a.b.",
            "[REDACTED]@minjenv.nl",
            "[a[b]@x.com",
            "]]@x.com",
            "[a b]@x.com",
            "[]@x.com",
            "Jan <j.doe+tag@sub.x.org>, 'k@y.eu'",
            "@x.nl",
            "jan@localhost",
            "mailto:a_b@c-d.e_f",
            "a@é.com",
            "é@x.com",
            "a@x.é",
            "a@x.com é",
            "█@x.nl",
            "[é]@x.nl",
            "[a\u{a0}b]@x.nl",
            "x\u{2003}y@z.com",
        ] {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let want = ADDRESS.find_at(t, from).map(|m| m.range());
                assert_eq!(unbounded_at(t, from), want, "{t:?} from {from}");
            }
        }
    }

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
