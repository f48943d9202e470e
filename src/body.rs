//! Body analysis: the lines of one message (after its header block) in,
//! zones and extracted items out.
//!
//! Zones, in the order they are found: disclaimers (paragraphs that open
//! with or contain a disclaimer phrase from the `lang` tables, plus the
//! short sign-off lines after them), then the greeting (the first line, when
//! it opens with a salutation), the closing (the last closing formula near
//! the end), the signature (what follows the closing, or a `-- ` delimiter,
//! or a `Sent from my …` footer), and the body in between. From the body it
//! takes numbered recommendations with their bullets; from the signature
//! names, titles, phones, emails, urls and postal addresses.
//!
//! Every search here is a single pass over the message's lines, or a
//! backward scan bounded by a constant.

use std::sync::LazyLock;

use regex::Regex;

use crate::address;
use crate::lang::{FirstBytes, Map, Set, LANGS};
use crate::model::{Recommendation, Signature};
use crate::split::find_word;
use crate::text::{continues_sentence, ends_sentence, trim, Line};

/// How far from the end of a message a closing may stand, in non-blank
/// lines.
const CLOSING_WINDOW: usize = 20;

/// The zones of one message, as line indices into the document's lines.
#[derive(Debug, Default, Clone)]
pub(crate) struct Zones {
    pub greeting: Option<usize>,
    pub closing: Option<usize>,
    /// The closing formula's end in the closing line's cleaned text, when
    /// a name follows on the same line (`Groet, Jan`).
    pub signature: Option<(usize, usize)>,
    pub disclaimers: Vec<(usize, usize)>,
    /// Lines of the body proper: `start..end`.
    pub body: (usize, usize),
    /// The last line that belongs to the message (not a disclaimer, rule or
    /// blank), if any.
    pub last: Option<usize>,
}

/// Finds the zones of the message whose body lines are `from..to`.
pub(crate) fn zones(lines: &[Line<'_>], from: usize, to: usize) -> Zones {
    // Indexing: callers pass `to <= lines.len()` (segment bounds), and
    // every line index here is in `from..to`.
    let mut z = Zones {
        body: (from, to),
        ..Zones::default()
    };
    z.disclaimers = disclaimers(lines, from, to);
    let in_disclaimer = |i: usize| z.disclaimers.iter().any(|&(s, e)| s <= i && i < e);
    // The lines with content, found from either end as they are needed
    // (no list of them: this runs for every message).
    let content = |i: &usize| !lines[*i].is_blank() && !lines[*i].furniture && !in_disclaimer(*i);
    z.last = (from..to).rev().find(content);
    let (Some(first), Some(last)) = ((from..to).find(content), z.last) else {
        return z;
    };
    if is_greeting(lines[first].text()) {
        z.greeting = Some(first);
    }
    // The closing: the last closing formula within the window of the last
    // `CLOSING_WINDOW` lines with content, which starts at `tail`.
    let tail = (first..=last)
        .rev()
        .filter(content)
        .take(CLOSING_WINDOW)
        .last()
        .unwrap_or(first);
    for i in (tail..=last).rev().filter(content) {
        if Some(i) == z.greeting {
            break;
        }
        if is_closing(lines[i].text()) {
            z.closing = Some(i);
            break;
        }
    }
    let sig_start = match z.closing {
        Some(c) => (c + 1..=last).find(content),
        None => (tail..=last).filter(content).find(|&i| {
            let t: &str = lines[i].text();
            t == "--" || t == "-- " || is_sent_from(t) || (i == last && is_dash_name(t))
        }),
    };
    if let Some(s) = sig_start {
        z.signature = Some((s, last + 1));
    }
    let body_start = z.greeting.map_or(from, |g| g + 1);
    let body_end = z.closing.or(sig_start).unwrap_or(to);
    z.body = (body_start, body_end.max(body_start));
    z
}

fn lower_words(s: &str) -> String {
    crate::text::lowercase(s)
}

/// Whether `text` is a salutation line: `Geachte heer Van Dam,`, `Dear all,`,
/// `Hi John`.
pub(crate) fn is_greeting(text: &str) -> bool {
    let t = trim(text);
    if t.len() > 100 {
        return false;
    }
    // Lower-cased on the stack when ASCII (`t` is at most 100 bytes).
    let starts = crate::text::with_lowercase(t, |lower| {
        GREETINGS.get(first_word(lower)).is_some_and(|greetings| {
            greetings.iter().any(|g| {
                // OK because `lower` starts with `g`, so `g.len()` is a
                // char boundary.
                lower.starts_with(g)
                    && lower[g.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        })
    });
    if !starts {
        return false;
    }
    let words = t.split_whitespace().count();
    t.ends_with([',', '!', ':']) || words <= 4
}

/// Whether `text` is a closing formula: `Met vriendelijke groet,`,
/// `Kind regards`, `Mit freundlichen Grüßen`.
pub(crate) fn is_closing(text: &str) -> bool {
    let t = trim(text).trim_end_matches([',', '.', '!', ';', ' ']);
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    // An ASCII line lower-cases to ASCII, and matches a closing in any
    // ASCII case.
    if t.is_ascii() {
        // Lower-cased on the stack: `t` is at most 60 bytes.
        let mut buf = [0u8; 60];
        let lower = &mut buf[..t.len()];
        lower.copy_from_slice(t.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|l| CLOSINGS.1.contains(l));
    }
    CLOSINGS.0.contains(lower_words(t).as_str())
}

/// The greetings of every language, by their first word.
static GREETINGS: LazyLock<Map<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: Map<&'static str, Vec<&'static str>> = Map::default();
    for &g in LANGS.iter().flat_map(|l| l.greetings.iter()) {
        map.entry(first_word(g)).or_default().push(g);
    }
    map
});

/// The closings of every language as written, and with their ASCII
/// letters in lower case.
static CLOSINGS: LazyLock<(Set<&'static str>, Set<String>)> = LazyLock::new(|| {
    let closings = || LANGS.iter().flat_map(|l| l.closings.iter().copied());
    (
        closings().collect(),
        closings().map(str::to_ascii_lowercase).collect(),
    )
});

/// `s` up to its first character that is no letter or digit.
fn first_word(s: &str) -> &str {
    // OK because `find` returns a char boundary.
    &s[..s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len())]
}

/// A name signed with a dash or slash on the last line: `-Abhishek Kona`,
/// `--Maarten de Jong`, `/John`. Not a list item (`- item`, with a blank).
fn is_dash_name(text: &str) -> bool {
    let t = trim(text);
    let name = t.trim_start_matches(['-', '/', '–', '—']);
    if name.len() == t.len() || t.len() - name.len() > 2 || t.len() > 40 {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && name.starts_with(|c: char| c.is_uppercase())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '\'' || c == '-')
}

/// The bytes a footer phrase (`sent from my`) can start with.
static SENT_FROM_FIRST: LazyLock<FirstBytes> =
    LazyLock::new(|| FirstBytes::of(LANGS.iter().flat_map(|l| l.sent_from.iter().copied())));

/// The mobile-client footers of every language by their first byte
/// (they are lower case), in table order.
static SENT_FROM_BY_FIRST: LazyLock<Map<u8, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: Map<u8, Vec<&'static str>> = Map::default();
    for &phrase in LANGS.iter().flat_map(|l| l.sent_from.iter()) {
        if let Some(&b) = phrase.as_bytes().first() {
            map.entry(b).or_default().push(phrase);
        }
    }
    map
});

fn is_sent_from(text: &str) -> bool {
    let t = trim(text);
    // An ASCII first byte lower-cases to itself alone, in the ASCII and
    // the non-ASCII case below: when no phrase starts with it, decide
    // without scanning or lower-casing the line.
    if t.bytes()
        .next()
        .is_some_and(|b| !SENT_FROM_FIRST.may_start(b))
    {
        return false;
    }
    // An ASCII line lower-cases to ASCII of the same length: compare
    // without lower-casing.
    if t.is_ascii() {
        // Only the phrases that start with the line's first letter.
        return t.len() < 80
            && t.as_bytes()
                .first()
                .and_then(|b| SENT_FROM_BY_FIRST.get(&b.to_ascii_lowercase()))
                .is_some_and(|phrases| {
                    phrases.iter().any(|s| {
                        t.as_bytes()
                            .get(..s.len())
                            .is_some_and(|head| head.eq_ignore_ascii_case(s.as_bytes()))
                    })
                });
    }
    let lower = t.to_lowercase();
    lower.len() < 80
        && LANGS
            .iter()
            .flat_map(|l| l.sent_from.iter())
            .any(|s| lower.starts_with(s))
}

/// Paragraph ranges (`start..end` line indices) of `from..to`, split at
/// blank lines and rules.
fn paragraphs(lines: &[Line<'_>], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let gap = line.is_blank() || line.furniture;
        match (gap, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, to));
    }
    out
}

/// Every disclaimer phrase of every language, anywhere (`ANY`, phrases
/// that end in a colon left out: they count only at the start) and at the
/// start (`START`). Two automata instead of a substring search per phrase.
static DISCLAIMER_ANY: LazyLock<Regex> = LazyLock::new(|| {
    let phrases: Vec<&'static str> = any_phrases().collect();
    phrase_regex("", phrases.iter())
});
static DISCLAIMER_START: LazyLock<Regex> =
    LazyLock::new(|| phrase_regex("^", LANGS.iter().flat_map(|l| l.disclaimer_phrases.iter())));
/// The first two bytes a text may have that [`DISCLAIMER_START`] matches:
/// most paragraphs start otherwise, and skip the regex.
static DISCLAIMER_FIRST: LazyLock<crate::lang::FirstPairs> = LazyLock::new(|| {
    crate::lang::FirstPairs::of(
        LANGS
            .iter()
            .flat_map(|l| l.disclaimer_phrases.iter().copied()),
    )
});

/// Whether `t` starts with a disclaimer phrase.
fn starts_disclaimer(t: &str) -> bool {
    DISCLAIMER_FIRST.may_start(t) && DISCLAIMER_START.is_match(t)
}

/// The phrases of [`DISCLAIMER_ANY`], each by a key ([`ascii_key`]: a
/// run of ASCII characters, `tämä sähköposti` by `posti`), found in one
/// Aho-Corasick pass over the lower-cased paragraph: a paragraph without
/// any key cannot hold a phrase, and skips the regex, whose lazy DFA the
/// automaton's prefilter outruns.
///
/// `(?i)` lets an ASCII letter match only its other case and, for `k` and
/// `s`, the Kelvin sign and the long s (`ſ`), which [`may_hold_phrase`]
/// looks for; every other character matches only itself. A phrase without
/// ASCII would give an empty key, which matches everywhere.
static DISCLAIMER_KEYS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let keys: Vec<&str> = any_phrases().map(ascii_key).collect();
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(keys)
        // OK because the keys are a few dozen short strings, far below
        // any limit of the automaton, checked by every test run.
        .expect("valid automaton")
});

/// The phrases that count anywhere in a paragraph: those that do not end
/// in a colon.
fn any_phrases() -> impl Iterator<Item = &'static str> {
    LANGS
        .iter()
        .flat_map(|l| l.disclaimer_phrases.iter().copied())
        .filter(|p| !p.ends_with(':'))
}

/// The longest run of ASCII characters in `phrase`, trimmed (the first of
/// equally long runs), from its first word of five bytes or more: the
/// automaton's prefilter looks for the first bytes of each key, and
/// `the`, `this` or `ce` start too many places in a text.
fn ascii_key(phrase: &str) -> &str {
    let run = phrase
        .split(|c: char| !c.is_ascii())
        .map(str::trim)
        .fold(
            "",
            |best, run| if run.len() > best.len() { run } else { best },
        );
    let mut at = 0;
    for word in run.split(' ') {
        if word.len() >= 5 {
            // OK because `at` counts the bytes of the words before and
            // their one-byte blanks: a char boundary within `run`.
            return &run[at..];
        }
        at += word.len() + 1;
    }
    run
}

/// Whether `lower`, ASCII lower case, may hold a phrase of
/// [`DISCLAIMER_ANY`]: it holds one of their [`DISCLAIMER_KEYS`], or a
/// character that `(?i)` folds into an ASCII letter.
fn may_hold_phrase(lower: &str) -> bool {
    DISCLAIMER_KEYS.is_match(lower)
        || (!lower.is_ascii() && lower.contains(['\u{212A}', '\u{17F}']))
}

fn phrase_regex<'a>(anchor: &str, phrases: impl Iterator<Item = &'a &'static str>) -> Regex {
    let alt: Vec<String> = phrases.map(|p| regex::escape(p)).collect();
    // OK because every phrase is escaped: the pattern is a plain
    // alternation of literals.
    Regex::new(&format!("(?i){anchor}(?:{})", alt.join("|"))).expect("valid regex")
}

/// Whether a paragraph is (part of) a disclaimer: it starts with a
/// disclaimer phrase, or is long and contains one.
/// `joined` is scratch room for the paragraph's lines joined, kept by the
/// caller from one paragraph to the next.
fn is_disclaimer_paragraph(lines: &[Line<'_>], p: (usize, usize), joined: &mut String) -> bool {
    // A paragraph of one line needs no joined copy, but for the keys' lower
    // case: no phrase ends in a blank, so the blank the join would append
    // matches nothing.
    if p.1 == p.0 + 1 {
        if let Some(l) = lines.get(p.0) {
            let t: &str = l.text();
            if starts_disclaimer(t) {
                return true;
            }
            if t.len() < 120 {
                return false;
            }
            joined.clear();
            joined.push_str(t);
            joined.make_ascii_lowercase();
            return may_hold_phrase(joined) && DISCLAIMER_ANY.is_match(joined);
        }
    }
    // OK because `p` comes from `paragraphs`, whose ranges have
    // `p.0 < p.1 <= to <= lines.len()`: `para` is not empty either.
    let para = &lines[p.0..p.1];
    // A short paragraph whose first two bytes start no phrase is none,
    // joined or not (the join's first two bytes are the first line's):
    // decided without the copy.
    if para[0].text().len() >= 2 && !DISCLAIMER_FIRST.may_start(para[0].text()) {
        let mut joined_len = 0;
        if para.iter().all(|l| {
            joined_len += l.text().len() + 1;
            joined_len <= 120
        }) {
            return false;
        }
    }
    joined.clear();
    for l in para {
        joined.push_str(l.text());
        joined.push(' ');
        if joined.len() > 4000 {
            break;
        }
    }
    if starts_disclaimer(joined) {
        return true;
    }
    if joined.len() <= 120 {
        return false;
    }
    // Lower case changes no answer of the `(?i)` regex, and the keys need
    // it.
    joined.make_ascii_lowercase();
    may_hold_phrase(joined) && DISCLAIMER_ANY.is_match(joined)
}

/// A mailing list's footer, the last paragraph of a message: a line of
/// underscores, then a few lines naming the list, its address or its
/// `listinfo` page.
fn is_list_footer(lines: &[Line<'_>], p: (usize, usize)) -> bool {
    // Indexing: `p` is a paragraph of `lines` (`p.0 < p.1 <= lines.len()`).
    let n = p.1 - p.0;
    let names_list = |l: &Line<'_>| {
        let t = crate::text::lowercase(l.text());
        t.contains("mailing list") || t.contains("listinfo") || t.contains("list-")
    };
    // Under a line of underscores, or, without it, opening with the list's
    // name (`riak-users mailing list`) and naming its `listinfo` page.
    (lines[p.0].underscores && (2..=6).contains(&n) && lines[p.0 + 1..p.1].iter().any(names_list))
        || ((2..=5).contains(&n)
            && crate::text::lowercase(lines[p.0].text()).ends_with("mailing list")
            && lines[p.0..p.1]
                .iter()
                .any(|l| l.text().contains("listinfo")))
}

/// A short line after a disclaimer: the organisation that signs it
/// (`Ministerie van Justitie en Veiligheid`).
fn is_disclaimer_tail(lines: &[Line<'_>], p: (usize, usize)) -> bool {
    // OK because `p` comes from `paragraphs`, whose ranges have
    // `p.0 < p.1 <= to <= lines.len()`.
    p.1 - p.0 <= 2
        && lines[p.0..p.1].iter().all(|l| {
            let t: &str = l.text();
            t.split_whitespace().count() <= 8 && !ends_sentence(t) && !t.contains('@')
        })
}

/// Disclaimer runs in `from..to`, as line ranges.
fn disclaimers(lines: &[Line<'_>], from: usize, to: usize) -> Vec<(usize, usize)> {
    let paras = paragraphs(lines, from, to);
    // Indexing: `paras[k]` only after checking `k < paras.len()`.
    let mut out = Vec::new();
    // Room for the longest paragraph a join copies (see
    // `is_disclaimer_paragraph`), at most the lines' bytes: growing the
    // copy line by line cost more than the copying.
    let bytes = match (
        lines.get(from),
        to.checked_sub(1).and_then(|l| lines.get(l)),
    ) {
        (Some(first), Some(last)) if from < to => last.span.end.saturating_sub(first.span.start),
        _ => 0,
    };
    let mut joined = String::with_capacity(bytes.min(4200));
    let mut k = 0;
    while k < paras.len() {
        if k + 1 == paras.len() && is_list_footer(lines, paras[k]) {
            out.push(paras[k]);
            break;
        }
        if is_disclaimer_paragraph(lines, paras[k], &mut joined) {
            let start = paras[k].0;
            let mut end = paras[k].1;
            k += 1;
            while k < paras.len()
                && (is_disclaimer_paragraph(lines, paras[k], &mut joined)
                    || is_disclaimer_tail(lines, paras[k]))
            {
                end = paras[k].1;
                k += 1;
            }
            out.push((start, end));
        } else {
            k += 1;
        }
    }
    out
}

/// The body text of `from..to`: cleaned lines, paragraphs separated by one
/// blank line, and a paragraph that continues an unfinished sentence (as
/// after a page break) joined to it with a space.
pub(crate) fn body_text(
    lines: &[Line<'_>],
    from: usize,
    to: usize,
    skip: &[(usize, usize)],
) -> String {
    // Room for the lines' text up front: the body is most of it.
    let room = match (lines.get(from), lines.get(to.saturating_sub(1))) {
        (Some(a), Some(b)) if from < to => b.span.end.saturating_sub(a.span.start),
        _ => 0,
    };
    let mut out = String::with_capacity(room);
    let mut gap = false;
    for (i, l) in lines.iter().enumerate().take(to).skip(from) {
        if skip.iter().any(|&(s, e)| s <= i && i < e) {
            continue;
        }
        if l.is_blank() || l.furniture {
            gap = true;
            continue;
        }
        let t = trim(l.text());
        if out.is_empty() {
            out.push_str(t);
        } else if gap {
            if !ends_sentence(&out) && continues_sentence(t) {
                out.push(' ');
            } else {
                out.push_str("\n\n");
            }
            out.push_str(t);
        } else {
            out.push('\n');
            out.push_str(t);
        }
        gap = false;
    }
    out
}

/// `(3) text` or `- (3) text`, any bullet before it.
static REC_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^(?:[-*•·–]\s*)?\((\d{1,3}[a-z]?)\)\s+(\S.*)$").expect("valid regex")
});

/// `3. text` or `3) text`.
static REC_DOT: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^(?:[-*•·–]\s*)?(\d{1,3})[.)]\s+(\S.*)$").expect("valid regex")
});

/// A bullet: `- text`, `* text`, `• text`, `o text`.
static BULLET: LazyLock<Regex> =
    // OK because the pattern is built from constants: every test run compiles it.
    LazyLock::new(|| Regex::new(r"^(?:[-*•·–▪◦]|o\s)\s*(\S.*)$").expect("valid regex"));

/// The first character of `t` after the bullet that may open
/// [`REC_PAREN`] and [`REC_DOT`] (`[-*•·–]\s*`): a line whose character
/// there is neither `(` nor numeric (every `\d` is) matches neither.
fn item_start(t: &str) -> Option<char> {
    let mut chars = t.chars();
    let first = chars.next()?;
    if matches!(first, '-' | '*' | '•' | '·' | '–') {
        chars.as_str().trim_start().chars().next()
    } else {
        Some(first)
    }
}

/// What [`REC_PAREN`] (`paren`) or [`REC_DOT`] captures in `t`: the
/// number and the text. Read by hand where the number is ASCII digits
/// (the regexes ran over the whole line to capture its text); a non-ASCII
/// character right after them, which may be a digit of another script,
/// leaves the line to the regex.
fn numbered_item(t: &str, paren: bool) -> Option<(&str, &str)> {
    let by_regex = || {
        let re = if paren { &*REC_PAREN } else { &*REC_DOT };
        re.captures(t)
            .and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())))
    };
    let mut rest = t;
    // The bullet, and the blanks after it (`\s*` is Unicode's blanks, as
    // `trim_start` is).
    if let Some(c) = rest.chars().next() {
        if matches!(c, '-' | '*' | '•' | '·' | '–') {
            // OK because `c` is the first char of `rest`.
            rest = rest[c.len_utf8()..].trim_start();
        }
    }
    if paren {
        rest = rest.strip_prefix('(')?;
    }
    let b = rest.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if b.get(digits).is_some_and(|c| !c.is_ascii()) {
        return by_regex();
    }
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut end = digits;
    if paren && b.get(end).is_some_and(u8::is_ascii_lowercase) {
        end += 1;
    }
    let closes = if paren {
        b.get(end) == Some(&b')')
    } else {
        matches!(b.get(end), Some(b'.' | b')'))
    };
    if !closes {
        return None;
    }
    // OK because `end` and `end + 1` follow ASCII bytes of `rest`.
    let (number, after) = (&rest[..end], &rest[end + 1..]);
    let text = after.trim_start();
    // `\s+` needs a blank, `\S` a character, and `.` takes no line break.
    if text.len() == after.len() || text.is_empty() || text.contains('\n') {
        return None;
    }
    Some((number, text))
}

/// Numbered items in `from..to`, with the bullets under each.
pub(crate) fn recommendations(lines: &[Line<'_>], from: usize, to: usize) -> Vec<Recommendation> {
    // Not indexed: `from > to` happens when two blocks overlap (a Lotus
    // Notes prefix reaching back into the block before), so no lines then.
    let Some(body) = lines.get(from..to) else {
        return Vec::new();
    };
    let dot_count = body
        .iter()
        .filter(|l| {
            item_start(l.text()).is_some_and(char::is_numeric)
                && numbered_item(l.text(), false).is_some()
        })
        .count();
    let mut out: Vec<Recommendation> = Vec::new();
    let mut current: Option<Recommendation> = None;
    let mut gap = false;
    for line in body {
        if line.is_blank() || line.furniture {
            gap = true;
            continue;
        }
        let t = trim(line.text());
        // Both patterns need `(` or a digit after the bullet, if any.
        let start = item_start(t);
        let item = if start == Some('(') {
            numbered_item(t, true)
        } else {
            None
        }
        .or_else(|| {
            if dot_count >= 2 && start.is_some_and(char::is_numeric) {
                numbered_item(t, false)
            } else {
                None
            }
        });
        if let Some((number, text)) = item {
            out.extend(current.take());
            current = Some(Recommendation {
                number: number.to_string(),
                text: text.trim().to_string(),
                items: vec![],
            });
            gap = false;
            continue;
        }
        let Some(rec) = current.as_mut() else {
            gap = false;
            continue;
        };
        if let Some(b) = BULLET.captures(t) {
            // OK because group 1 is not optional in BULLET.
            rec.items.push(b[1].trim().to_string());
        } else {
            let last = rec.items.last_mut().unwrap_or(&mut rec.text);
            let open = !ends_sentence(last);
            if open && (!gap || continues_sentence(t)) {
                last.push(' ');
                last.push_str(t);
            } else {
                out.extend(current.take());
            }
        }
        gap = false;
    }
    out.extend(current);
    out
}

/// Address headings in signatures.
static ADDRESS_HEADINGS: &[&str] = &[
    "bezoekadres",
    "postadres",
    "correspondentieadres",
    "adres",
    "visiting address",
    "postal address",
    "mailing address",
    "address",
    "anschrift",
    "postanschrift",
    "besucheradresse",
    "adresse",
    "adresse postale",
    "besøksadresse",
    "postadresse",
    "besöksadress",
    "postadress",
    "dirección",
    "indirizzo",
    "endereço",
];

/// `Postbus 95404`, `Lange Voorhout 9`, `Antonie v. Leeuwenhoeklaan 9`.
///
/// The street name (group 1, after its first letter) may hold at most
/// [`STREET_NAME_CHARS`] characters: [`is_street`] checks that, because a
/// bounded repetition of a Unicode class (`{1,60}`) makes the pattern
/// many times larger and slower to compile.
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)^(?:(?:postbus|p\.?\s?o\.?\s?box|postfach|antwoordnummer|boîte postale|apartado|box)\s*\d+|[\p{L}]([\p{L}.'\- ]+)\s\d{1,5}\s?[a-z]?(?:[-/]\d+)?)$")
        .expect("valid regex")
});

/// The most characters of a street name after its first letter.
const STREET_NAME_CHARS: usize = 60;

/// Whether `t` is a street line ([`STREET`] with its name at most
/// [`STREET_NAME_CHARS`] long).
fn is_street(t: &str) -> bool {
    // The name holds no digit and is followed by a blank and the first
    // digit, so it is the same in every match: counting it after the
    // match is the bounded repetition. A line of at most that many bytes
    // plus three (first letter, blank, digit) cannot exceed it.
    if t.len() <= STREET_NAME_CHARS + 3 {
        return STREET.is_match(t);
    }
    STREET.captures(t).is_some_and(|c| {
        c.get(1)
            .is_none_or(|name| name.as_str().chars().count() <= STREET_NAME_CHARS)
    })
}

/// `2514 EA Den Haag`, `10115 Berlin`, `B-1000 Brussel`, `SW1A 2AA London`.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^(?:\d{4}\s?[A-Z]{2}|[A-Z]{1,2}-\d{4,5}|\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})\s+\p{Lu}[\p{L} .'\-]*$")
        .expect("valid regex")
});

/// A telephone line: a label, then digits (or a redaction marker).
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)^(?:t|tel|telefoon|telephone|telefon|tél|tlf|tfn|puh|phone|ph|m|mob|mobiel|mobile|mobil|cell|gsm|f|fax|d|direct|o|office|w)\.?\s*[:.]?\s+(\+?[\d(\[█][\d\s().\-/\[\]█A-Za-z]*)$")
        .expect("valid regex")
});

/// A bare telephone number.
static BARE_PHONE: LazyLock<Regex> =
    // OK because the pattern is built from constants: every test run compiles it.
    LazyLock::new(|| Regex::new(r"^\+?\(?\d[\d\s().\-/]{6,20}\d$").expect("valid regex"));

static URL: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>()\[\]]+").expect("valid regex")
});

/// Name particles that stay lower case: `van`, `de`, `von`.
static PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "von", "zu", "du", "la", "le", "di",
    "da", "dos", "das", "del", "y", "v.", "d'", "af", "bin", "al",
];

fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || t.len() > 60 {
        return false;
    }
    if t.contains(['@', ':', '|', '/', '(', ')']) || crate::text::has_ascii_digit(t) {
        return false;
    }
    if !t.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || PARTICLES.contains(&w.to_lowercase().as_str())
    }) && words.len() >= 2
        || (words.len() == 1 && t.len() >= 2 && t.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// Reads a signature block (cleaned, non-blank lines).
pub(crate) fn signature(lines: &[&str]) -> Signature {
    let mut sig = Signature {
        text: lines.join("\n"),
        ..Signature::default()
    };
    let mut pending_street: Option<String> = None;
    let mut free = Vec::new();
    for &raw in lines {
        let t = raw.trim();
        let lower = crate::text::lowercase(t.trim_end_matches(':'));
        if ADDRESS_HEADINGS.contains(&lower.as_str()) {
            if let Some(s) = pending_street.take() {
                sig.addresses.push(s);
            }
            continue;
        }
        let mut consumed = false;
        for m in URL.find_iter(t) {
            sig.urls
                .push(m.as_str().trim_end_matches(['.', ',', ';']).to_string());
            consumed = m.len() + 2 >= t.len();
        }
        for a in address::find_addresses(t) {
            if !sig.emails.iter().any(|e| e == a) {
                sig.emails.push(a.to_string());
            }
            consumed = consumed || a.len() + 4 >= t.len();
        }
        if consumed {
            continue;
        }
        // Every pattern below needs a digit (`\d`: an ASCII one, or a
        // non-ASCII character), and a phone line one of those, `(` or `[`:
        // most lines of a signature (names, titles) have none.
        let ascii_digit = crate::text::has_ascii_digit(t);
        let digit = ascii_digit || !t.is_ascii();
        if !digit && !t.contains(['(', '[']) {
            free.push(t);
            continue;
        }
        if let Some(c) = PHONE.captures(t) {
            // OK because group 1 is not optional in PHONE.
            if c[1].bytes().filter(u8::is_ascii_digit).count() >= 2
                || c[1].contains('[')
                || c[1].contains('█')
            {
                sig.phones.push(c[1].trim().to_string());
                continue;
            }
        }
        if !digit {
            free.push(t);
            continue;
        }
        if BARE_PHONE.is_match(t) {
            sig.phones.push(t.to_string());
            continue;
        }
        if POSTCODE.is_match(t) {
            match pending_street.take() {
                Some(s) => sig.addresses.push(format!("{s}, {t}")),
                None => sig.addresses.push(t.to_string()),
            }
            continue;
        }
        if ascii_digit && is_street(t) {
            if let Some(s) = pending_street.replace(t.to_string()) {
                sig.addresses.push(s);
            }
            continue;
        }
        free.push(t);
    }
    if let Some(s) = pending_street {
        sig.addresses.push(s);
    }
    let mut it = free.into_iter().filter(|t| !is_sent_from(t) && *t != "--");
    if let Some(first) = it.next() {
        if is_name(first) {
            sig.name = Some(first.to_string());
            sig.title = it.next().map(str::to_string);
            sig.organization = it.next().map(str::to_string);
        } else {
            sig.title = None;
            sig.organization = Some(first.to_string()).filter(|o| o.len() <= 100);
        }
    }
    sig
}

/// Whether `word` closes an attribution (re-exported for tests).
#[allow(dead_code)]
fn has_word(hay: &str, word: &str) -> bool {
    find_word(hay, word).is_some()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn by_regex(re: &Regex, t: &str) -> Option<(String, String)> {
        re.captures(t).map(|c| (c[1].to_string(), c[2].to_string()))
    }

    fn owned(found: Option<(&str, &str)>) -> Option<(String, String)> {
        found.map(|(n, t)| (n.to_string(), t.to_string()))
    }

    proptest! {
        #[test]
        fn numbered_items_are_read_as_their_regexes_read_them(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("-"), Just("*"), Just("•"), Just("–"), Just("·"), Just(" "),
                    Just("\u{a0}"), Just("\t"), Just("\n"), Just("("), Just(")"), Just("."),
                    Just("1"), Just("23"), Just("4567"), Just("٣"), Just("a"), Just("z"),
                    Just("A"), Just("é"), Just("Text"), Just("x y"),
                ],
                0..10,
            )
        ) {
            let t = parts.concat();
            prop_assert_eq!(owned(numbered_item(&t, true)), by_regex(&REC_PAREN, &t), "{:?}", t);
            prop_assert_eq!(owned(numbered_item(&t, false)), by_regex(&REC_DOT, &t), "{:?}", t);
        }
    }

    #[test]
    fn numbered_items_in_hand_picked_lines() {
        for t in [
            "1. Text",
            "(3a) Text",
            "- 12) Text",
            "• (7) zin",
            "1234. no",
            "1.Text",
            "1. ",
            "٣. Arabic-Indic",
            "1٣. mixed",
            "(1\u{a0}) no",
            "2.\u{a0}nbsp",
            "3) a\nb",
            "(12b) c",
            "(1A) no",
        ] {
            assert_eq!(
                owned(numbered_item(t, true)),
                by_regex(&REC_PAREN, t),
                "{t:?}"
            );
            assert_eq!(
                owned(numbered_item(t, false)),
                by_regex(&REC_DOT, t),
                "{t:?}"
            );
        }
        assert_eq!(numbered_item("(3a) Text", true), Some(("3a", "Text")));
    }

    /// A phrase with each letter in a random case, `k` and `s` at times
    /// written as the Kelvin sign and the long s, which `(?i)` folds to
    /// them.
    fn recased(phrase: &str, cases: &[u8]) -> String {
        phrase
            .chars()
            .zip(cases.iter().cycle())
            .map(|(c, &how)| match (c, how % 4) {
                ('k', 3) => '\u{212A}'.to_string(),
                ('s', 3) => '\u{17F}'.to_string(),
                (c, 1 | 3) => c.to_uppercase().to_string(),
                (c, _) => c.to_string(),
            })
            .collect()
    }

    fn lower(t: &str) -> String {
        t.to_ascii_lowercase()
    }

    proptest! {
        /// The key prefilter never turns away a paragraph the regex
        /// finds a phrase in.
        #[test]
        fn paragraphs_with_a_phrase_pass_the_key_prefilter(
            which in 0usize..1000,
            cases in proptest::collection::vec(any::<u8>(), 1..16),
            before in "[a-zA-Z ,.é]{0,20}",
            after in "[a-zA-Z ,.é]{0,20}",
        ) {
            let phrases: Vec<&str> = any_phrases().collect();
            let phrase = phrases[which % phrases.len()];
            let t = format!("{before}{}{after}", recased(phrase, &cases));
            prop_assert!(DISCLAIMER_ANY.is_match(&t), "{:?}", t);
            prop_assert!(may_hold_phrase(&lower(&t)), "{:?}", t);
        }

        /// The first-pair prefilter never turns away a text that starts
        /// with a phrase, in any case.
        #[test]
        fn texts_that_start_with_a_phrase_pass_the_first_pairs(
            which in 0usize..1000,
            cases in proptest::collection::vec(any::<u8>(), 1..16),
            after in "[a-zA-Z ,.é]{0,20}",
        ) {
            let phrases: Vec<&str> = LANGS.iter().flat_map(|l| l.disclaimer_phrases.iter().copied()).collect();
            let phrase = phrases[which % phrases.len()];
            let t = format!("{}{after}", recased(phrase, &cases));
            prop_assert!(DISCLAIMER_START.is_match(&t), "{:?}", t);
            prop_assert!(starts_disclaimer(&t), "{:?}", t);
        }

        /// Nor text the regex matches for any other reason: pieces of
        /// phrases, recased, glued together.
        #[test]
        fn the_key_prefilter_passes_what_the_regex_matches(
            pieces in proptest::collection::vec((0usize..1000, 0usize..80, 0usize..80), 1..6),
            cases in proptest::collection::vec(any::<u8>(), 1..16),
        ) {
            let phrases: Vec<&str> = any_phrases().collect();
            let t: String = pieces
                .iter()
                .map(|&(w, a, b)| {
                    let p = phrases[w % phrases.len()];
                    let cut = |i: usize| (0..=i.min(p.len())).rev().find(|&i| p.is_char_boundary(i)).unwrap_or(0);
                    let (a, b) = (cut(a.min(b)), cut(a.max(b)));
                    recased(&p[a..b], &cases)
                })
                .collect();
            if DISCLAIMER_ANY.is_match(&t) {
                prop_assert!(may_hold_phrase(&lower(&t)), "{:?}", t);
            }
        }
    }

    /// Phrases in capitals, in a paragraph of one line or of several,
    /// long enough to be looked for anywhere.
    #[test]
    fn disclaimer_paragraphs_in_any_case() {
        let one = "Please note. THIS E-MAIL AND ANY ATTACHMENTS are meant for the person they are addressed to and for nobody else at all, thank you.";
        let several = "Please note.\nThis E-Mail And Any Attachments are meant for the person\nthey are addressed to and for nobody else at all, thank you.";
        let neither = "Please note.\nThis letter and its appendix are meant for the person\nthey are addressed to and for nobody else at all, thank you.";
        for (t, is) in [(one, true), (several, true), (neither, false)] {
            let lines = crate::text::lines(t);
            let mut joined = String::new();
            assert_eq!(
                is_disclaimer_paragraph(&lines, (0, lines.len()), &mut joined),
                is,
                "{t:?}"
            );
        }
    }

    proptest! {
        /// `signature` skips its phone, postcode and street patterns on a
        /// line without a digit (or non-ASCII character), and the phone
        /// pattern also without `(` or `[`: none of them matches such a
        /// line.
        #[test]
        fn signature_patterns_need_what_signature_checks_first(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("T"), Just("Tel"), Just(":"), Just(" "), Just("."), Just("+"),
                    Just("31"), Just("7"), Just("("), Just(")"), Just("["), Just("]"),
                    Just("█"), Just("٣"), Just("Postbus"), Just("EA"), Just("Den Haag"),
                    Just("Lange Voorhout"), Just("-"), Just("/"), Just("a"), Just("REDACTED"),
                ],
                0..8,
            )
        ) {
            let t = parts.concat();
            let digit = crate::text::has_ascii_digit(&t) || !t.is_ascii();
            if PHONE.is_match(&t) {
                prop_assert!(digit || t.contains(['(', '[']), "{:?}", t);
            }
            if BARE_PHONE.is_match(&t) || POSTCODE.is_match(&t) || STREET.is_match(&t) {
                prop_assert!(digit, "{:?}", t);
            }
        }
    }

    /// What the key prefilter assumes of `(?i)`: no character but the
    /// ASCII letters, the Kelvin sign and the long s matches an ASCII
    /// letter.
    #[test]
    fn only_two_characters_fold_into_ascii_letters() {
        let letter = Regex::new("(?i)^[a-z]$").expect("valid regex");
        let folding: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
    }

    #[test]
    fn disclaimer_keys() {
        for phrase in any_phrases() {
            let key = ascii_key(phrase);
            assert!(key.len() >= 5, "{phrase:?}: {key:?}");
            assert!(
                phrase.contains(key) && key == key.to_ascii_lowercase(),
                "{phrase:?}"
            );
        }
        assert_eq!(ascii_key("tämä sähköposti"), "posti");
        assert_eq!(
            ascii_key("if you are not the one"),
            "if you are not the one"
        );
        assert_eq!(
            ascii_key("ce message et ses pièces jointes"),
            "message et ses pi"
        );
        // A paragraph with a key and no phrase passes to the regex; one
        // without turns away, unless it holds a character that folds.
        assert!(may_hold_phrase("we accepts no liability"));
        assert!(!may_hold_phrase("we take no responsibility"));
        assert!(may_hold_phrase("this e-mail and any attachments"));
        assert!(may_hold_phrase("accepts no liability"));
        let kelvin = "this message may contain information that is not intended for you";
        assert!(may_hold_phrase(&kelvin.replace("is not", "i\u{17F} not")));
        assert!(!may_hold_phrase("é"));
    }

    /// `is_disclaimer_paragraph` matches a one-line paragraph without the
    /// blank a join appends: that needs phrases that end in no blank.
    #[test]
    fn disclaimer_phrases_end_in_no_blank() {
        for phrase in LANGS.iter().flat_map(|l| l.disclaimer_phrases.iter()) {
            assert!(!phrase.ends_with(char::is_whitespace), "{phrase:?}");
        }
    }

    #[test]
    fn greetings_and_closings() {
        assert!(is_greeting("Geachte heer Van Dam,"));
        assert!(is_greeting("Geachte [REDACTED],"));
        assert!(is_greeting("Dear all,"));
        assert!(is_greeting("Hi John"));
        assert!(!is_greeting(
            "Dear John, thanks for the long and detailed answer you sent us last week about the"
        ));
        assert!(!is_greeting("Hierbij stuur ik u"));
        assert!(is_closing("Met vriendelijke groet,"));
        assert!(is_closing("Kind regards"));
        assert!(is_closing("Mit freundlichen Grüßen"));
        assert!(!is_closing(
            "Met vriendelijke groet aan iedereen die dit leest en nog veel meer tekst hier"
        ));
    }

    #[test]
    fn signatures() {
        let s = signature(&[
            "Bezoekadres",
            "Lange Voorhout 9",
            "2514 EA Den Haag",
            "M 06 [REDACTED]",
            "Postadres",
            "Postbus 95404",
            "2509 CK Den Haag",
            "www.onderzoeksraad.nl",
        ]);
        assert_eq!(
            s.addresses,
            [
                "Lange Voorhout 9, 2514 EA Den Haag",
                "Postbus 95404, 2509 CK Den Haag"
            ]
        );
        assert_eq!(s.phones, ["06 [REDACTED]"]);
        // A phone of only a marker: no digit, a bracket.
        assert_eq!(signature(&["T [REDACTED]"]).phones, ["[REDACTED]"]);
        assert_eq!(signature(&["Tel. █████"]).phones, ["█████"]);
        assert_eq!(
            signature(&["Lange Voorhout 9"]).addresses,
            ["Lange Voorhout 9"]
        );
        assert_eq!(s.urls, ["www.onderzoeksraad.nl"]);
        assert_eq!(s.name, None);
        let s = signature(&[
            "Jan de Vries",
            "Senior adviseur",
            "Ministerie van Financiën",
            "T 070 123 4567",
            "jan@minfin.nl",
        ]);
        assert_eq!(s.name.as_deref(), Some("Jan de Vries"));
        assert_eq!(s.title.as_deref(), Some("Senior adviseur"));
        assert_eq!(s.organization.as_deref(), Some("Ministerie van Financiën"));
        assert_eq!(s.phones, ["070 123 4567"]);
        assert_eq!(s.emails, ["jan@minfin.nl"]);
    }

    #[test]
    fn recommendations_of_an_empty_or_reversed_range() {
        let ls = crate::text::lines("1. one\n2. two\n");
        assert_eq!(recommendations(&ls, 2, 1).len(), 0);
        assert_eq!(recommendations(&ls, 0, 2).len(), 2);
    }
}
