//! Splitting: [`Line`]s in, the [`Block`]s that start messages out.
//!
//! BE ADVISED: this is the heuristic heart of the crate. Each line is
//! classified once (blank, page rule, separator, header label, text); blocks
//! are then grown from the classes in one forward pass. The vocabulary comes
//! from the `lang` tables; nothing here names a language.
//!
//! The rule for a header block (ARCHITECTURE.md states it too): a run of
//! header-label lines is a block when a separator line or an attribution
//! line stands directly before it, or when it holds at least two distinct
//! labels of which one is a sender (`From`) or a date (`Sent`/`Date`). So a
//! lone `Aan: de minister` in a letter, or `T:`/`E:` lines in a signature,
//! start nothing. An attribution line (`On … wrote:`, `Op … schreef …:`,
//! possibly wrapped over two lines) and a separator line
//! (`-----Original Message-----`, 32 or 40 underscores, forward markers) are
//! blocks of their own when no labels follow.
//!
//! A label's value runs on over the next lines until the next label, a blank
//! line, or a line that cannot belong to it (see `continues_value`).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{FirstBytes, FirstPairs, HeaderField, Map, Set, LANGS, OCR_LABELS, TABLES};
use crate::text::{trim, trim_by, Line};

/// A Lotus Notes date line: `03/26/2001 10:20 AM`, `05/18/2001 01:28:43 PM`.
static LOTUS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$")
        .expect("valid regex")
});

/// Whether `text` holds a `/` and a `:`, without which neither a
/// `05/18/2001` date nor a `01:28` time of [`LOTUS_DATE`],
/// [`name_on_date`] and `lotus_name_date` can match: most lines skip
/// those regexes.
fn has_date_and_time(text: &str) -> bool {
    text.contains('/') && text.contains(':')
}

/// A time of day alone on its line: `08:09:12 PM`.
static BARE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$").expect("valid regex")
});

/// The date and time that end a Lotus Notes sender line, with the blanks
/// (and `on`) before them; the date and time are group 1.
static DATE_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(
        r"\s+(?:on\s+)?(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)$",
    )
    .expect("valid regex")
});

/// `Name <a@b> on 05/18/2001 01:28:43 PM`, `Sally Beck   12/14/2000 11:25
/// AM`, `Tana Jones on 10/20/2000 01:42 PM CDT`: a Lotus Notes sender line,
/// also inside a `From:` value. Returns the name and the date.
///
/// What `^(.{1,160}?)\s+(?:on\s+)?(DATE)$` captures: the name is the
/// shortest that the date at the end can follow, so it ends where the
/// leftmost match of [`DATE_AT_END`] starts. That regex is searched from
/// the end of the text backwards; the one with the name in front of it
/// tried every length of name from the start, at ten times the cost.
pub(crate) fn name_on_date(text: &str) -> Option<(&str, &str)> {
    if !has_date_and_time(text) {
        return None;
    }
    let mut c = DATE_AT_END.captures(text)?;
    // OK because group 0 always participates in a match.
    if c.get(0).expect("group 0").start() == 0 {
        // The name has one character at least: the next match may start
        // after the first.
        c = DATE_AT_END.captures_at(text, text.chars().next()?.len_utf8())?;
    }
    // OK because group 0 always participates, and group 1 is not optional.
    let (whole, date) = (c.get(0).expect("group 0"), c.get(1).expect("group 1"));
    // OK because a match starts at a char boundary.
    let name = &text[..whole.start()];
    // `.` takes no line break, and at most 160 characters: a longer
    // name, or one with a break, holds the shortest one.
    if name.contains('\n') || name.chars().nth(160).is_some() {
        return None;
    }
    Some((name, date.as_str()))
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Blank,
    Rule,
    Separator,
    Label {
        field: HeaderField,
        lang: &'static str,
        value_at: usize,
        /// The label as written is in the tables: no OCR repair read it.
        as_written: bool,
    },
    Text,
}

/// How a block introduces its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Header,
    Attribution,
    Separator,
}

/// One header field inside a block.
#[derive(Debug, Clone)]
pub(crate) struct FieldLines {
    pub field: HeaderField,
    pub lang: &'static str,
    /// The label line and its continuation lines: `first..end`.
    pub first: usize,
    pub end: usize,
    /// The cleaned value, continuation lines joined with a space.
    pub value: String,
    /// How OCR damage to the label was undone, if it was.
    pub repair: Option<LabelRepair>,
    /// The first line's label, as written, is in the tables: then
    /// [`repaired_label`] of that line is `None`, and need not be asked.
    pub label_as_written: bool,
}

/// OCR damage to a label that the splitter undid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelRepair {
    /// The colon was lost (`Sent Wednesday, …`).
    Colonless,
    /// The label was split over two lines (`Onder-` / `werp: …`).
    Split,
}

/// A block that starts a message.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// The block's lines: `start..end`.
    pub start: usize,
    pub end: usize,
    pub fields: Vec<FieldLines>,
    /// The attribution text, lines joined, for attribution blocks.
    pub attribution: Option<String>,
    pub lang: Option<&'static str>,
}

/// Classifies one line.
pub(crate) fn classify(line: &Line<'_>) -> Class {
    if line.furniture {
        return Class::Rule;
    }
    if line.underscores {
        return Class::Separator;
    }
    if line.is_blank() {
        return Class::Blank;
    }
    let text: &str = line.text();
    if is_separator(text) {
        return Class::Separator;
    }
    if let Some((field, lang, value_at, as_written)) = read_label(text) {
        return Class::Label {
            field,
            lang,
            value_at,
            as_written,
        };
    }
    Class::Text
}

/// Reads `Label: value`: the field, the label's language and where the
/// value starts in `text`.
pub(crate) fn label(text: &str) -> Option<(HeaderField, &'static str, usize)> {
    read_label(text).map(|(field, lang, value_at, _)| (field, lang, value_at))
}

/// [`label`], and whether the label as written is in the tables (else an
/// OCR repair read it).
fn read_label(text: &str) -> Option<(HeaderField, &'static str, usize, bool)> {
    let (k, colon, clen) = label_key(text)?;
    let k = k.as_str();
    let (&(field, lang), as_written) = match TABLES.labels.get(k) {
        Some(hit) => (hit, true),
        None => (TABLES.labels.get(repair_label(k)?)?, false),
    };
    let mut value_at = colon + clen;
    // `**Van:** x`: emphasis closing after the colon was cleaned already;
    // skip blanks.
    // OK because `value_at` starts just past the colon and only steps over
    // one-byte ASCII ` `/`*` that `starts_with` saw, so it stays a char
    // boundary no greater than `text.len()`.
    while text[value_at..].starts_with([' ', '*']) {
        value_at += 1;
    }
    Some((field, lang, value_at, as_written))
}

/// When the label of `text` was read only after repairing OCR damage:
/// the label as written and the label it was read as.
pub(crate) fn repaired_label(text: &str) -> Option<(String, &'static str)> {
    let (k, _, _) = label_key(text)?;
    let k = k.as_str();
    if TABLES.labels.contains_key(k) {
        return None;
    }
    repair_label(k).map(|fixed| (k.to_string(), fixed))
}

/// The label a damaged one stands for: an entry of the OCR table
/// (`rrom` → `from`, `ce` → `cc`), the label after undoing the usual
/// character confusions (`rn` for `m`, `0` for `o`, `1` or `|` for `l`),
/// or the one label of five letters or more that is one edit away.
fn repair_label(k: &str) -> Option<&'static str> {
    if k.len() <= *OCR_LABEL_LONGEST {
        if let Some(&(_, fixed)) = OCR_LABELS.iter().find(|(bad, _)| *bad == k) {
            return Some(fixed);
        }
    }
    // One pass over the bytes for the confusions `undo_confusions` undoes.
    let b = k.as_bytes();
    let confused = (0..b.len()).any(|i| match b[i] {
        b'0' | b'1' | b'|' | b'!' => true,
        b'r' => b.get(i + 1) == Some(&b'n'),
        b'v' => b.get(i + 1) == Some(&b'v'),
        _ => false,
    });
    if confused {
        let mut buf = [0u8; 64];
        if let Some((&label, _)) =
            undo_confusions(k, &mut buf).and_then(|u| TABLES.labels.get_key_value(u))
        {
            return Some(label);
        }
    }
    // One-letter slips: only in ASCII keys of five letters or more (OCR of
    // Latin-script labels), against the ASCII labels of five or more.
    if k.len() < 5 || !k.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
        return None;
    }
    let mut found = None;
    // Only labels within one byte of the key's length can be one edit
    // away: the sorted table's run of those lengths.
    let labels = LONG_ASCII_LABELS.as_slice();
    let from = labels.partition_point(|l| l.len() + 1 < k.len());
    let to = labels.partition_point(|l| l.len() <= k.len() + 1);
    // OK because `partition_point` returns at most `labels.len()`, and
    // `from <= to` as the first predicate implies the second.
    let (first, last) = (k.as_bytes().first(), k.as_bytes().last());
    for &label in &labels[from..to] {
        // One edit of strings of two bytes or more keeps the first or the
        // last byte: most labels differ in both and need no comparison.
        let (b, l) = (label.as_bytes().first(), label.as_bytes().last());
        if (b == first || l == last) && one_edit(k.as_bytes(), label.as_bytes()) {
            if found.is_some_and(|f| f != label) {
                // Two labels are as near: do not guess.
                return None;
            }
            found = Some(label);
        }
    }
    found
}

/// The longest damaged label of [`OCR_LABELS`]: a longer key is none.
static OCR_LABEL_LONGEST: LazyLock<usize> = LazyLock::new(|| {
    OCR_LABELS
        .iter()
        .map(|(bad, _)| bad.len())
        .max()
        .unwrap_or(0)
});

/// `k` with the OCR confusions undone (`rn` to `m`, `vv` to `w`, `0` to
/// `o`, `1`, `|` and `!` to `l`), in `buf`, in one pass: `rn` and `vv`
/// share no byte and the bytes they become make neither, so this is what
/// replacing each in turn gives. `None` for a key longer than the buffer,
/// which is longer than any label (a test checks).
fn undo_confusions<'b>(k: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let (b, mut n, mut i) = (k.as_bytes(), 0, 0);
    while i < b.len() {
        let (to, step) = match (b[i], b.get(i + 1)) {
            (b'r', Some(b'n')) => (b'm', 2),
            (b'v', Some(b'v')) => (b'w', 2),
            (b'0', _) => (b'o', 1),
            (b'1' | b'|' | b'!', _) => (b'l', 1),
            (c, _) => (c, 1),
        };
        *buf.get_mut(n)? = to;
        n += 1;
        i += step;
    }
    // OK because `n <= buf.len()`: every byte written was checked above.
    std::str::from_utf8(&buf[..n]).ok()
}

/// The labels of five ASCII letters or more, for one-letter repairs, by
/// length.
static LONG_ASCII_LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = TABLES
        .labels
        .keys()
        .copied()
        .filter(|l| l.len() >= 5 && l.is_ascii())
        .collect();
    v.sort_unstable_by_key(|l| (l.len(), *l));
    v
});

/// Whether `a` and `b` differ by exactly one inserted, deleted or replaced
/// byte.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    // OK because `prefix < short.len() <= long.len()` when lengths are
    // equal (the strings differ), and `prefix <= short.len() < long.len()`
    // otherwise.
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// A label key (lower case, single spaces): nearly always short and
/// ASCII, and then kept on the stack.
enum LabelKey {
    Ascii([u8; LabelKey::ASCII_MAX], usize),
    Other(String),
}

impl LabelKey {
    const ASCII_MAX: usize = 64;

    /// The key of `key`, which is trimmed: lower case, its blanks
    /// collapsed to single spaces.
    fn of(key: &str) -> LabelKey {
        if key.len() <= LabelKey::ASCII_MAX && key.is_ascii() {
            let mut buf = [0; LabelKey::ASCII_MAX];
            let mut n = 0;
            let mut blank = false;
            // Indexing: at most one byte is written for each byte of `key`,
            // which is no longer than `buf`.
            for &b in key.as_bytes() {
                // The ASCII characters of `char::is_whitespace`, as
                // `split_whitespace` splits on them.
                if matches!(b, b'\t'..=b'\r' | b' ') {
                    blank = n > 0;
                    continue;
                }
                if blank {
                    buf[n] = b' ';
                    n += 1;
                    blank = false;
                }
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
            return LabelKey::Ascii(buf, n);
        }
        let mut k = String::with_capacity(key.len());
        for w in key.split_whitespace() {
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&w.to_lowercase());
        }
        LabelKey::Other(k)
    }

    fn as_str(&self) -> &str {
        match self {
            // The bytes are ASCII, so this never falls back to "".
            LabelKey::Ascii(buf, n) => std::str::from_utf8(&buf[..*n]).unwrap_or(""),
            LabelKey::Other(k) => k,
        }
    }
}

/// The key of a `Label: value` line (lower case, single spaces), with
/// where its colon is and how long the colon is.
fn label_key(text: &str) -> Option<(LabelKey, usize, usize)> {
    let limit = TABLES.longest_label + 8;
    let (colon, clen) = find_colon(text, limit)?;
    // OK because `colon` is the byte index of a `:` or `：` found by
    // `char_indices`, so a char boundary.
    let key = trim(trim_by(trim(&text[..colon]), |c| c == '*'));
    if key.is_empty() || key.len() > TABLES.longest_label + 4 {
        return None;
    }
    Some((LabelKey::of(key), colon, clen))
}

/// The first `:` or full-width `：` that starts at a byte index of at
/// most `limit`, with its length. A byte scan: in UTF-8 neither `:` nor
/// the first byte of `：` (0xEF) occurs inside another character, so this
/// finds what a scan of the characters finds.
fn find_colon(text: &str, limit: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    // OK because `min` keeps the range within `b`.
    let head = &b[..b.len().min(limit.saturating_add(1))];
    // The padding (NUL) is neither byte.
    crate::bytes::find_chunk(head, 0, |at, chunk| {
        let mut hits = crate::bytes::eq_mask(chunk, [b':', 0xEF]);
        while hits != 0 {
            let i = at + hits.trailing_zeros() as usize;
            // OK because `get` checks the bounds of the two bytes after `i`.
            if head.get(i) == Some(&b':') {
                return Some((i, 1));
            }
            if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9A][..]) {
                return Some((i, 3));
            }
            hits &= hits - 1;
        }
        None
    })
}

/// Whether `text` is a separator line: `-----Original Message-----`,
/// `---------- Forwarded message ---------`, `Begin forwarded message:`.
pub(crate) fn is_separator(text: &str) -> bool {
    separator_lang(text).is_some()
}

/// The bytes a separator phrase (or `forwarded by `, `forwarded message
/// from `) can start with.
static SEPARATOR_FIRST_BYTES: LazyLock<FirstBytes> =
    LazyLock::new(|| FirstBytes::of(TABLES.separators.keys().copied().chain(["forwarded by "])));

/// The same, by their first two bytes.
static SEPARATOR_FIRST_PAIRS: LazyLock<FirstPairs> =
    LazyLock::new(|| FirstPairs::of(TABLES.separators.keys().copied().chain(["forwarded by "])));

/// The byte lengths of the separator phrases, and the ASCII bytes they
/// end with.
static SEPARATOR_SHAPES: LazyLock<(Vec<bool>, [bool; 128])> = LazyLock::new(|| {
    let mut lengths = vec![false; TABLES.longest_separator + 1];
    let mut last_bytes = [false; 128];
    for phrase in TABLES.separators.keys() {
        if let Some(l) = lengths.get_mut(phrase.len()) {
            *l = true;
        }
        match phrase.as_bytes().last() {
            // OK because an ASCII byte is below 128, the table's length.
            Some(&b) if b.is_ascii() => last_bytes[usize::from(b)] = true,
            _ => {}
        }
    }
    (lengths, last_bytes)
});

fn separator_lang(text: &str) -> Option<&'static str> {
    if text.len() > 200 {
        return None;
    }
    // A line that opens with an ASCII letter or digit keeps it when
    // trimmed below: when no phrase starts with it, decide now, without
    // trimming (every path below ends in `None` then).
    if let Some(&first) = text.as_bytes().first() {
        if first.is_ascii_alphanumeric() && !SEPARATOR_FIRST_BYTES.may_start(first) {
            return None;
        }
    }
    let core = trim_by(text, |c: char| {
        c.is_whitespace() || matches!(c, '-' | '_' | '=' | '*' | ':' | '~' | '<' | '>')
    });
    if core.is_empty() {
        return None;
    }
    let forwarded = core
        .get(..10)
        .is_some_and(|s| s.eq_ignore_ascii_case("forwarded "));
    // Lower-casing may grow a few characters by a byte or two; a core
    // much longer than every phrase is no separator.
    if !forwarded && core.len() > TABLES.longest_separator * 2 {
        return None;
    }
    // Most lines start with two letters no phrase starts with: an ASCII
    // byte lower-cases to itself alone, so they decide without
    // lower-casing the line.
    if !SEPARATOR_FIRST_PAIRS.may_start(core) {
        return None;
    }
    // An ASCII core lower-cases to the same length and the same last
    // letter: unless both are a phrase's, it is no phrase (and, without
    // `forwarded `, no `Forwarded by` line either).
    if !forwarded && core.is_ascii() {
        let (lengths, last_bytes) = &*SEPARATOR_SHAPES;
        let last = core.as_bytes().last().map(u8::to_ascii_lowercase);
        // OK because an ASCII byte is below 128, the table's length.
        if !lengths.get(core.len()).is_some_and(|&l| l)
            || !last.is_some_and(|b| last_bytes[usize::from(b)])
        {
            return None;
        }
    }
    crate::text::with_lowercase(core, |lower| {
        if let Some(&lang) = TABLES.separators.get(lower) {
            return Some(lang);
        }
        // `Forwarded by Phillip K Allen/HOU/ECT on 10/09/2000 02:16 PM`
        (lower.starts_with("forwarded by ") || lower.starts_with("forwarded message from "))
            .then_some("en")
    })
}

/// Whether `word` occurs in `hay` (both lower case) with no letter or digit
/// on either side. Returns the byte position of the last such occurrence.
/// Whether `c` belongs to a script written without blanks between words:
/// CJK ideographs, hiragana, katakana.
fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

pub(crate) fn find_word(hay: &str, word: &str) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    // OK because `from` is 0 or just past a match of `word` (or past the
    // whole char at `at` when `word` is empty), and `at` is where `find`
    // matched: all char boundaries, and `from <= hay.len()` on every pass.
    while let Some(pos) = find_from(hay, word, from) {
        let at = from + pos;
        let before = hay[..at].chars().next_back();
        let after = hay[at + word.len()..].chars().next();
        // Chinese and Japanese put no blanks between words: a word in
        // those scripts needs no boundary (`9:12写道`).
        let unspaced = word.chars().next().is_some_and(is_unspaced);
        if unspaced
            || (before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric()))
        {
            found = Some(at);
        }
        // An empty `word` matches everywhere: step over one whole char, not
        // one byte, so that `from` stays a char boundary.
        let step = if word.is_empty() {
            hay[at..].chars().next().map_or(1, char::len_utf8)
        } else {
            word.len()
        };
        from = at + step;
        if from >= hay.len() {
            break;
        }
    }
    found
}

/// `hay[from..].find(word)`, without building a substring searcher per
/// call: a `memchr` for the first byte, then a comparison. A non-empty
/// `word` is valid UTF-8, so its first byte never matches inside a
/// character of `hay`.
fn find_from(hay: &str, word: &str, from: usize) -> Option<usize> {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else {
        // OK because callers pass `from <= hay.len()` on a char boundary.
        return hay[from..].find(word);
    };
    let mut at = from;
    // OK because `at <= h.len()`: it starts at `from` and only moves to
    // one past a byte found in `h`.
    while let Some(p) = memchr::memchr(first, h.get(at..)?) {
        let start = at + p;
        // OK because `get` checks the bounds.
        if h.get(start..start + w.len()) == Some(w) {
            return Some(start - from);
        }
        at = start + 1;
    }
    None
}

/// Gmail's attribution without a verb, in any interface language:
/// `2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:`.
static ISO_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(
        r"^\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?)?\s+[^<>]{0,80}<[^<>@\s]+@[^<>\s]+>\s*:$",
    )
    .expect("valid regex")
});

/// An attribution without a verb: a date, a name and `<address>:`, as
/// some clients write it in any language (`ср, 30 апр. 2025 г. в 15:19,
/// John Doe <doe@example.com>:`, `30.09.2017, 18.30, "John - Doe" <a@b>:`,
/// `Wednesday, 17 November 2021, 3:32 PM +0300 from a@b <a@b>:`). The text
/// before the address must hold a time (`15:19`, `18.30`) and a year or a
/// month name. The language is that of the first month or weekday word.
fn verbless_attribution(t: &str) -> Option<&'static str> {
    let body = t.strip_suffix(':')?.trim_end();
    let open = body.strip_suffix('>')?.rfind('<')?;
    // OK because `open` is the byte index of an ASCII `<` in `body`.
    let (before, address) = (&body[..open], &body[open..]);
    if !address.contains('@') || before.len() > 200 {
        return None;
    }
    let words: Vec<String> = before
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '、'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_time = |w: &str| {
        let parts: Vec<&str> = w.split([':', '.']).collect();
        parts.len() >= 2
            && parts.len() <= 3
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let time = words.iter().any(|w| is_time(w));
    // A four-digit run: `2017`, `2016/11/08`, `2022年1月1日`.
    let year = words
        .iter()
        .any(|w| w.len() >= 4 && w.split(|c: char| !c.is_ascii_digit()).any(|p| p.len() == 4));
    let lang = words.iter().find_map(|w| {
        let w = w.trim_end_matches('.');
        DATE_WORD_LANG.get(w).copied()
    });
    if time && (year || lang.is_some()) {
        Some(lang.unwrap_or("en"))
    } else {
        None
    }
}

/// The language of each month and weekday name: the first language in
/// [`LANGS`] that has it.
static DATE_WORD_LANG: LazyLock<Map<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = Map::default();
    for l in LANGS {
        for w in l
            .months
            .iter()
            .map(|m| m.0)
            .chain(l.weekdays.iter().copied())
        {
            map.entry(w).or_insert(l.code);
        }
    }
    map
});

/// `s` after its last whitespace. The bytes are read backwards while
/// they are ASCII, which most words are; a non-ASCII byte hands the rest
/// to the scan of characters, which knows every Unicode blank.
fn last_word(s: &str) -> &str {
    for (i, &b) in s.as_bytes().iter().enumerate().rev() {
        if !b.is_ascii() {
            return s.rsplit(char::is_whitespace).next().unwrap_or(s);
        }
        // The ASCII characters that `char::is_whitespace` holds: `\t`,
        // `\n`, vertical tab, form feed, `\r` and the space.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            // OK because `i` is the index of an ASCII byte.
            return &s[i + 1..];
        }
    }
    s
}

/// The language of an attribution line, when `text` is one.
pub(crate) fn attribution_lang(text: &str) -> Option<&'static str> {
    let t = trim(text);
    if t.len() > 400 {
        return None;
    }
    // GroupWise: `>>> "Campbell, Carolyn" <c@kslaw.com> 01/02/01 11:12AM >>>`
    // (the leading `>>>` reads as quote markers).
    if let Some(core) = t.strip_suffix(">>>") {
        let last = core
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let time = last.contains(':') && last.starts_with(|c: char| c.is_ascii_digit())
            || matches!(last.to_ascii_lowercase().as_str(), "am" | "pm");
        return (time && core.contains('/')).then_some("en");
    }
    if !(t.ends_with(':') || t.ends_with('：')) {
        // `On … John Doe <john@doe.com> wrote` without its colon, and Zoho's
        // `---- On … john@gmail.com wrote ----`: the verb ends the line.
        // Without an address or a digit, no such line: most lines of prose
        // hold neither (the trim below cuts only dashes and blanks, so the
        // line holds one when its core does).
        if !crate::text::has_at_or_ascii_digit(t) {
            return None;
        }
        let core = trim_by(t, |c: char| c == '-' || c.is_whitespace());
        // The verb next: the last word is one in few lines. Most lines end
        // with an ASCII byte that, in lower case, no verb ends with (a word
        // lower-cases its ASCII letters to ASCII): they need no word.
        if let Some(&b) = core.as_bytes().last().filter(|b| b.is_ascii()) {
            // OK because an ASCII byte is below 128, the table's length.
            if !VERBS.last_bytes[usize::from(b.to_ascii_lowercase())] {
                return None;
            }
        }
        let last = last_word(core);
        // An ASCII word lower-cases to ASCII: compare without lower-casing.
        let verb = if last.is_ascii() {
            VERBS.has_ascii(last)
        } else {
            VERBS.written.contains(last.to_lowercase().as_str())
        };
        if !verb {
            return None;
        }
        return attribution_lang(&format!("{core}:"));
    }
    // The ISO date opens the line with a digit (every `\d` is numeric)
    // and an address follows: most lines have neither.
    if t.starts_with(char::is_numeric) && t.contains('@') && ISO_ATTRIBUTION.is_match(t) {
        // No words to tell the language; the ISO date needs none.
        return Some("en");
    }
    if let Some(lang) = verbless_attribution(t) {
        return Some(lang);
    }
    let lower = crate::text::lowercase(t);
    let first_word = lower.split_whitespace().next().unwrap_or("");
    let has_address_or_digit = lower.contains('@') || crate::text::has_ascii_digit(&lower);
    let starts_with = |s: &&str| {
        // OK because `lower` starts with `s`, so `s.len()` is a char boundary.
        lower.starts_with(s)
            && lower[s.len()..].starts_with(|c: char| c.is_whitespace() || c == ',')
    };
    // Without an address or a digit, only a line that starts like an
    // attribution in some language can be one: decide that before
    // looking for every verb of every language.
    if !has_address_or_digit && first_word != "-" && !starts_attribution(t) {
        return None;
    }
    // The verbs in the line, by their place in the tables: nearly always
    // none, and a verb as a word is only looked for among them.
    let present: Vec<usize> = VERB_FINDER
        .find_overlapping_iter(&lower)
        .map(|m| m.pattern().as_usize())
        .collect();
    if present.is_empty() {
        return None;
    }
    let mut first_verb = 0;
    for lang in LANGS {
        let verbs = lang.attribution_verbs;
        let ids = first_verb..first_verb + verbs.len();
        first_verb = ids.end;
        let Some(verb) = verbs
            .iter()
            .zip(ids)
            .find(|&(v, id)| present.contains(&id) && find_word(&lower, v).is_some())
            .map(|(v, _)| v)
        else {
            continue;
        };
        let starts = lang.attribution_starts.iter().any(starts_with) || first_word == "-";
        // The verb must stand near the end: `… wrote:`, `… schreef …:`.
        let pos = find_word(&lower, verb).unwrap_or(0);
        // OK because `pos` is 0 or where `find_word` found `verb` in `lower`:
        // a char boundary no greater than `lower.len()`.
        let tail = lower.len() - pos;
        let near_end = tail <= verb.len() + 60 || lower[pos..].contains('@');
        if near_end && (starts || has_address_or_digit) {
            return Some(lang.code);
        }
    }
    None
}

/// Finds every block in `lines`.
pub(crate) fn blocks(lines: &[Line<'_>]) -> Vec<Block> {
    // Indexing: `classes` and `wrapped` have one entry per line; `i` and
    // `i + 1` are below `lines.len()` (loop bounds), and every block ends at
    // most at `lines.len()`, so `k < b.start <= lines.len()` below.
    let mut classes: Vec<Class> = lines.iter().map(classify).collect();
    // A separator wrapped over two lines, as Enron's Lotus Notes wrote them:
    // `---- Forwarded by Brent A Price/HOU/ECT on 06/28/2000 03:01` + `PM ----`.
    let mut wrapped = vec![false; lines.len()];
    for i in 0..lines.len().saturating_sub(1) {
        if matches!(classes[i], Class::Text | Class::Separator)
            && classes[i + 1] == Class::Text
            && lines[i].text().starts_with("--")
            && lines[i + 1].text().len() <= 60
            && lines[i + 1].text().trim_end().ends_with("--")
        {
            let joined = format!("{} {}", lines[i].text().trim(), lines[i + 1].text().trim());
            if is_separator(&joined) {
                classes[i] = Class::Separator;
                classes[i + 1] = Class::Blank;
                wrapped[i + 1] = true;
            }
        }
    }
    // The text lines that end with a colon, which a wrapped attribution
    // looks for among the next six lines of each text line: found once.
    let colon_ends: Vec<bool> = lines
        .iter()
        .zip(&classes)
        .map(|(l, c)| *c == Class::Text && matches!(last_char(l.text()), Some(':' | '：')))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match classes[i] {
            Class::Separator => {
                let sep_end = if wrapped.get(i + 1) == Some(&true) {
                    i + 2
                } else {
                    i + 1
                };
                // Lotus Notes leaves up to four blank (or tab-only) lines
                // between a forward separator and the header it forwards.
                let next = skip_blanks(&classes, sep_end, 4);
                let floor = out.last().map_or(0, |b: &Block| b.end);
                // Or a Lotus Notes header under it: the sender's name and the
                // date on their own lines, then `To:` (`Forwarded by …`,
                // blank lines, `Brent A Price`, `11/20/2000 12:17 PM`, `To:`).
                let lotus = || {
                    // The dashes that close a Lotus separator may stand on a
                    // line of their own.
                    let mut n = sep_end;
                    while n < lines.len() && matches!(classes[n], Class::Rule | Class::Blank) {
                        n += 1;
                    }
                    if n > sep_end + 5 {
                        return None;
                    }
                    let label = (n..lines.len().min(n + 6))
                        .find(|&k| matches!(classes[k], Class::Label { .. }))?;
                    header_block(lines, &classes, label, false, sep_end).filter(|b| b.start == n)
                };
                // Or a header flattened onto one line (Yahoo, Lotus Notes).
                let inline = || {
                    next.filter(|&n| inline_labels(lines[n].text()).is_some())
                        .map(|n| inline_block(lines, n))
                };
                // Or the header on the next page, past the page's footer,
                // header and stamps.
                let paged = || {
                    let mut n = sep_end;
                    let mut furniture = false;
                    while n < lines.len()
                        && n < sep_end + 14
                        && matches!(classes[n], Class::Rule | Class::Blank)
                    {
                        furniture |= classes[n] == Class::Rule;
                        n += 1;
                    }
                    if !furniture || n >= lines.len() {
                        return None;
                    }
                    header_block(lines, &classes, n, true, floor)
                };
                if let Some(b) = next
                    .and_then(|n| header_block(lines, &classes, n, true, floor))
                    .or_else(paged)
                    .or_else(lotus)
                    .or_else(inline)
                {
                    let mut b = b;
                    b.start = i;
                    i = b.end;
                    out.push(b);
                } else if has_text_after(&classes, sep_end) && !lines[i].underscores {
                    // A line of underscores starts a message only with a
                    // header block under it: alone it is a mailing-list
                    // footer's rule or a signature's.
                    out.push(Block {
                        kind: BlockKind::Separator,
                        start: i,
                        end: sep_end,
                        fields: vec![],
                        attribution: None,
                        lang: separator_lang(lines[i].text()),
                    });
                    i = sep_end;
                } else {
                    i = sep_end;
                }
            }
            Class::Label { .. } | Class::Text if inline_labels(lines[i].text()).is_some() => {
                let b = inline_block(lines, i);
                i = b.end;
                out.push(b);
            }
            Class::Label { .. } if stacked_labels(lines[i].text()).is_some() => {
                match column_block(lines, &classes, i) {
                    Some(b) => {
                        i = b.end;
                        out.push(b);
                    }
                    None => i += 1,
                }
            }
            Class::Label { .. } => {
                let floor = out.last().map_or(0, |b: &Block| b.end);
                if let Some(mut b) = header_block(lines, &classes, i, false, floor) {
                    fill_column(lines, &classes, &mut b);
                    i = b.end;
                    // A separator with only blank lines before this block
                    // (`----- Forwarded by … -----`, then a Lotus Notes
                    // header) introduces it: one message, not two.
                    if let Some(prev) = out.last() {
                        let only_blanks = (prev.end..b.start).all(|k| classes[k] == Class::Blank);
                        if prev.kind == BlockKind::Separator && prev.end <= b.start && only_blanks {
                            b.start = prev.start;
                            out.pop();
                        }
                    }
                    out.push(b);
                } else {
                    i += 1;
                }
            }
            Class::Text => {
                if let Some((b, after)) = attribution_block(lines, &classes, &colon_ends, i) {
                    // A header block right after an attribution belongs to it
                    // (Apple Mail forwards: `Begin forwarded message:`).
                    out.push(b);
                    i = after;
                } else {
                    i += 1;
                }
            }
            Class::Blank | Class::Rule => i += 1,
        }
    }
    out
}

fn skip_blanks(classes: &[Class], from: usize, max: usize) -> Option<usize> {
    let mut j = from;
    let mut skipped = 0;
    while j < classes.len() && classes[j] == Class::Blank {
        j += 1;
        skipped += 1;
        if skipped > max {
            return None;
        }
    }
    (j < classes.len()).then_some(j)
}

fn has_text_after(classes: &[Class], from: usize) -> bool {
    // OK because `from` is clamped to `classes.len()`.
    classes[from.min(classes.len())..]
        .iter()
        .take(50)
        .any(|c| matches!(c, Class::Text | Class::Label { .. }))
}

/// `Тарас Шевчук написав:`, `Jane Roe wrote:` (Thunderbird's default): a
/// name of up to four capitalised words and the verb, no date and no
/// address. Only when the next line of text is quoted one level deeper,
/// so that `He wrote:` in prose stays prose.
fn name_only_attribution(lines: &[Line<'_>], i: usize) -> Option<&'static str> {
    let t = trim(lines[i].text());
    let body = t.strip_suffix([':', '：'])?.trim_end();
    let (name, verb) = body.rsplit_once(' ')?;
    let verb = crate::text::lowercase(verb);
    let lang = LANGS
        .iter()
        .find(|l| l.attribution_verbs.contains(&verb.as_str()))?;
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || !words.iter().all(|w| w.starts_with(char::is_uppercase))
    {
        return None;
    }
    // OK because `blocks` passes `i < lines.len()`.
    let next = lines[i + 1..].iter().find(|l| !l.is_blank())?;
    (next.depth() == lines[i].depth() + 1).then_some(lang.code)
}

fn attribution_block(
    lines: &[Line<'_>],
    classes: &[Class],
    colon_ends: &[bool],
    i: usize,
) -> Option<(Block, usize)> {
    // Indexing: `blocks` passes `i < lines.len()`, and `n` is checked
    // against `lines.len()` before use; `classes` has one entry per line.
    let text: &str = lines[i].text();
    let (lang, end, joined) =
        if let Some(lang) = attribution_lang(text).or_else(|| name_only_attribution(lines, i)) {
            (lang, i + 1, text.trim().to_string())
        } else {
            // Wrapped over two lines: `Op 12 december 2016 19:05 schreef X <`
            // + `x@y.com>:`.
            let n = i + 1;
            // `… skrev Test user <test@example.com` + `>:`: the `>` closing the
            // address, wrapped onto the next line, reads as a quote marker.
            // The next line first: it is rarely a lone `:`.
            if lines
                .get(n)
                .is_some_and(|l| l.depth() == lines[i].depth() + 1 && l.text().trim() == ":")
                && text.rfind('<').is_some_and(|lt| !text[lt..].contains('>'))
            {
                let joined = format!("{}>:", text.trim());
                if let Some(lang) = attribution_lang(&joined) {
                    let block = Block {
                        kind: BlockKind::Attribution,
                        start: i,
                        end: n + 1,
                        fields: vec![],
                        attribution: Some(joined),
                        lang: Some(lang),
                    };
                    return Some((block, n + 1));
                }
            }
            wrapped_attribution(lines, classes, colon_ends, i)?
        };
    let block = Block {
        kind: BlockKind::Attribution,
        start: i,
        end,
        fields: vec![],
        attribution: Some(joined),
        lang: Some(lang),
    };
    // `Begin forwarded message:` style separators are not attributions, and
    // an attribution directly followed by a header block (Apple Mail quoting
    // a forward) leaves the header block to start the next message.
    Some((block, end))
}

/// A whole header block flattened onto one line, as Yahoo forwards it:
/// `----- Doorgestuurd bericht ----- Van: X <x@a.nl>Aan: Y <y@b.nl>Verzonden:
/// dinsdag 3 oktober 2023 21:14:05 CESTOnderwerp: Z`. Returns each label's
/// start, its value's start, its field and language, in order: at least
/// three labels with values, each field once, one of them a sender or date
/// and one the subject. A label glued to the value before it
/// (`CESTOnderwerp:`) must start with a capital.
fn inline_labels(text: &str) -> Option<Vec<(usize, usize, HeaderField, &'static str)>> {
    if text.len() > 2000
        || crate::bytes::count_up_to(text.as_bytes(), 3, |c| crate::bytes::eq_mask(c, [b':'])) < 3
    {
        return None;
    }
    let longest = TABLES.longest_label;
    let mut found: Vec<(usize, usize, HeaderField, &'static str)> = Vec::new();
    for (colon, c) in text.char_indices() {
        if c != ':' {
            continue;
        }
        // OK because `colon` comes from `char_indices`.
        let before = text[..colon].trim_end();
        // A label lower-cases its last character, and an ASCII one stays
        // ASCII: most colons (in times, in addresses) follow a byte that
        // ends no label.
        if let Some(&last) = before.as_bytes().last().filter(|b| b.is_ascii()) {
            // OK because an ASCII byte is below 128, the table's length.
            if !TABLES.label_last_bytes[usize::from(last.to_ascii_lowercase())] {
                continue;
            }
        }
        // The longest known label that ends here. The suffixes that may be
        // one lie in the last `longest` bytes: lower-cased once when they
        // are ASCII (nearly always), else suffix by suffix.
        let mut tail = before.len().saturating_sub(longest);
        while !before.is_char_boundary(tail) {
            tail += 1;
        }
        // OK because `tail` was moved onto a char boundary.
        let tail_lower = before[tail..]
            .is_ascii()
            .then(|| before[tail..].to_ascii_lowercase());
        let mut best: Option<(usize, HeaderField, &'static str)> = None;
        for (start, first) in before.char_indices().rev() {
            if before.len() - start > longest {
                break;
            }
            // Only a label that starts a word or a capital counts: decide
            // that before lower-casing the suffix to look it up.
            let prev = before[..start].chars().next_back();
            let at_word = prev.is_none_or(|p| !p.is_alphanumeric());
            if !(at_word || first.is_uppercase()) {
                continue;
            }
            let owned;
            // OK because `start >= tail` here (the loop stopped before a
            // start more than `longest` bytes back), and `start` is a char
            // boundary of the ASCII tail.
            let key = match &tail_lower {
                Some(lower) => &lower[start - tail..],
                None => {
                    owned = before[start..].to_lowercase();
                    owned.as_str()
                }
            };
            let Some(&(field, lang)) = TABLES.labels.get(key) else {
                continue;
            };
            best = Some((start, field, lang));
        }
        let Some((start, field, lang)) = best else {
            continue;
        };
        if found.last().is_some_and(|l| start < l.1) {
            continue;
        }
        let value = colon + 1 + text[colon + 1..].len() - text[colon + 1..].trim_start().len();
        found.push((start, value, field, lang));
    }
    let with_values = found
        .iter()
        .enumerate()
        .filter(|(k, (_, v, _, _))| {
            let end = found.get(k + 1).map_or(text.len(), |n| n.0);
            !text[*v..end.max(*v)].trim().is_empty()
        })
        .count();
    let anchor = found
        .iter()
        .any(|f| matches!(f.2, HeaderField::From | HeaderField::Date))
        || found
            .first()
            .is_some_and(|f| lotus_name_date(&text[..f.0]).is_some());
    // A header names each field once, and a forwarded one has a subject; a
    // table row of `From: … To: …` ranges has neither.
    let has = |field| found.iter().any(|f| f.2 == field);
    let repeated = found
        .iter()
        .enumerate()
        .any(|(k, f)| found[..k].iter().any(|g| g.2 == f.2));
    (found.len() >= 3 && with_values >= 3 && anchor && has(HeaderField::Subject) && !repeated)
        .then_some(found)
}

/// Lotus Notes' sender and date before the labels of a one-line header:
/// `Rick Buy/ENRON@enronXgate 05/30/01 09:20 AM`. The name and the date.
fn lotus_name_date(text: &str) -> Option<(&str, &str)> {
    static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
        // OK because the pattern is built from constants: every test run compiles it.
        Regex::new(
            r"^\s*(\S.{0,80}?)\s+(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*$",
        )
        .expect("valid regex")
    });
    if !has_date_and_time(text) {
        return None;
    }
    let c = NAME_DATE.captures(text)?;
    // OK because groups 1 and 2 are not optional.
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

/// The block of a flattened header line (see [`inline_labels`]).
fn inline_block(lines: &[Line<'_>], i: usize) -> Block {
    let text: &str = lines[i].text();
    let labels = inline_labels(text).unwrap_or_default();
    // Lotus Notes: the sender and date stand before the labels.
    let lotus = labels
        .first()
        .and_then(|f| lotus_name_date(&text[..f.0]))
        .filter(|_| !labels.iter().any(|l| l.2 == HeaderField::From));
    let prefix = lotus.into_iter().flat_map(|(name, date)| {
        [(HeaderField::From, name), (HeaderField::Date, date)].map(|(field, value)| FieldLines {
            repair: None,
            label_as_written: false,
            field,
            lang: "en",
            first: i,
            end: i + 1,
            value: value.trim().to_string(),
        })
    });
    let fields: Vec<FieldLines> = prefix
        .chain(
            labels
                .iter()
                .enumerate()
                .map(|(k, &(_, value, field, lang))| {
                    let end = labels.get(k + 1).map_or(text.len(), |n| n.0);
                    FieldLines {
                        repair: None,
                        label_as_written: false,
                        field,
                        lang,
                        first: i,
                        end: i + 1,
                        // OK because label starts and value starts are char
                        // boundaries of `text`, in order.
                        value: text[value..end.max(value)].trim().to_string(),
                    }
                }),
        )
        .collect();
    let lang = block_lang(&fields);
    Block {
        kind: BlockKind::Header,
        start: i,
        end: i + 1,
        fields,
        attribution: None,
        lang,
    }
}

/// `From: Sent: To: Subject:` on one line: the labels of a header block
/// whose values OCR put below them (State Department releases, where the
/// labels and values stood in two columns). At least three labels, one of
/// them a sender or date.
fn stacked_labels(text: &str) -> Option<Vec<(HeaderField, &'static str)>> {
    if text.len() > 200 || text.bytes().filter(|&b| b == b':').count() < 3 {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (field, lang, value_at) = label(rest)?;
        out.push((field, lang));
        // OK because `value_at` is a char boundary of `rest` (from `label`).
        rest = rest[value_at..].trim_start();
        if out.len() > 8 {
            return None;
        }
    }
    let anchor = out
        .iter()
        .any(|(f, _)| matches!(f, HeaderField::From | HeaderField::Date));
    (out.len() >= 3 && anchor).then_some(out)
}

/// A header block whose labels all stand empty, one per line, with the
/// values in a column below them (State Department OCR): the next lines,
/// one per label, become the values.
fn fill_column(lines: &[Line<'_>], classes: &[Class], b: &mut Block) {
    if b.fields.len() < 3 || b.fields.iter().any(|f| !f.value.is_empty()) {
        return;
    }
    // Indexing: `b.end <= lines.len()`, and `k` is checked against it.
    let depth = lines[b.start].depth();
    let mut k = b.end;
    while k < lines.len() && classes[k] == Class::Blank && k < b.end + 2 {
        k += 1;
    }
    let n = b.fields.len();
    if k + n > lines.len()
        || !(k..k + n).all(|j| classes[j] == Class::Text && lines[j].depth() == depth)
    {
        return;
    }
    for (f, j) in b.fields.iter_mut().zip(k..k + n) {
        f.value = lines[j].text().trim().to_string();
        f.first = j;
        f.end = j + 1;
    }
    b.end = k + n;
}

/// A subject prefix inside a line of values: where the subject starts.
static SUBJECT_START: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)(?:^|\s)(?:re|fw|fwd|aw|wg|tr|sv|vs)\s?:").expect("valid regex")
});

/// The block of a stacked-labels line at `i`: the values are the next
/// lines, one per label (a column), or one line holding them all in
/// order, split at the end of the sender's address, around the date, and
/// at the subject's `RE:`/`FW:`.
fn column_block(lines: &[Line<'_>], classes: &[Class], i: usize) -> Option<Block> {
    // Indexing: `i < lines.len()` (loop index in `blocks`); `k` is checked
    // against `lines.len()` before use; `classes` has one entry per line.
    let labels = stacked_labels(lines[i].text())?;
    let depth = lines[i].depth();
    let mut values: Vec<usize> = Vec::new();
    let mut k = i + 1;
    let mut blanks = 0;
    while k < lines.len() && values.len() < labels.len() {
        if lines[k].depth() != depth {
            break;
        }
        match classes[k] {
            Class::Blank => {
                blanks += 1;
                if blanks > 2 || !values.is_empty() {
                    break;
                }
            }
            Class::Text | Class::Label { .. } => values.push(k),
            _ => break,
        }
        k += 1;
    }
    let first = *values.first()?;
    let pieces: Vec<(usize, String)> = if values.len() == labels.len() {
        values
            .iter()
            .map(|&v| (v, lines[v].text().trim().to_string()))
            .collect()
    } else {
        split_values(lines[first].text(), &labels)
            .into_iter()
            .map(|v| (first, v))
            .collect()
    };
    let end = pieces.last().map_or(first, |p| p.0) + 1;
    let fields: Vec<FieldLines> = labels
        .iter()
        .zip(pieces)
        .filter(|(_, (_, v))| !v.is_empty())
        .map(|(&(field, lang), (line, value))| FieldLines {
            repair: None,
            label_as_written: false,
            field,
            lang,
            first: line,
            end: line + 1,
            value,
        })
        .collect();
    let lang = block_lang(&fields);
    Some(Block {
        kind: BlockKind::Header,
        start: i,
        end,
        fields,
        attribution: None,
        lang,
    })
}

/// One line of values, cut into one value per label, in order. The sender
/// ends at its address's `>`, or where the date's weekday or month begins;
/// the date ends after its time (and `AM`/`PM`); the subject starts at its
/// `RE:`/`FW:` prefix, or after the first word of what is left.
fn split_values(text: &str, labels: &[(HeaderField, &'static str)]) -> Vec<String> {
    let words: Vec<(usize, &str)> = {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in text.split_whitespace() {
            // OK because `pos` is 0 or the end of an earlier word of `text`.
            let at = pos + text[pos..].find(w).unwrap_or(0);
            out.push((at, w));
            pos = at + w.len();
        }
        out
    };
    let lower: Vec<String> = words.iter().map(|(_, w)| w.to_lowercase()).collect();
    let mut cut = 0; // a byte offset into `text`
    let mut out = Vec::new();
    for (n, &(field, _)) in labels.iter().enumerate() {
        let last = n + 1 == labels.len();
        // OK (all slicing below) because every cut is 0, `text.len()`, or
        // the start or end of a word of `text`.
        let rest = &text[cut..];
        let end = if last {
            text.len()
        } else {
            match field {
                HeaderField::From | HeaderField::Sender => match rest.find('>') {
                    Some(gt) => cut + gt + 1,
                    None => words
                        .iter()
                        .zip(&lower)
                        .find(|((at, _), l)| *at >= cut && crate::date::is_date_word(l))
                        .map_or(cut, |((at, _), _)| *at),
                },
                HeaderField::Date => {
                    let time = words.iter().zip(&lower).position(|((at, w), _)| {
                        *at >= cut && w.contains(':') && w.starts_with(|c: char| c.is_ascii_digit())
                    });
                    match time {
                        Some(t) => {
                            let t = match lower.get(t + 1).map(String::as_str) {
                                Some("am" | "pm" | "a.m." | "p.m.") => t + 1,
                                _ => t,
                            };
                            words[t].0 + words[t].1.len()
                        }
                        None => cut,
                    }
                }
                _ => {
                    let subject_next = labels
                        .get(n + 1)
                        .is_some_and(|(f, _)| *f == HeaderField::Subject);
                    match SUBJECT_START.find(rest).filter(|_| subject_next) {
                        Some(m) if m.start() > 0 => cut + m.start(),
                        _ => words
                            .iter()
                            .find(|(at, _)| *at >= cut)
                            .map_or(cut, |(at, w)| at + w.len()),
                    }
                }
            }
        };
        let end = end.max(cut);
        out.push(text[cut..end].trim().to_string());
        cut = end;
    }
    out
}

/// How many characters at the start of a line decide whether it starts
/// an attribution: the longest start, the blank or comma after it, and
/// one more. (Lower-casing maps each character to one or more; a Greek
/// sigma, the one character whose lower case depends on what follows,
/// is in no start and is neither blank nor comma, so cutting the line
/// there changes no answer.)
static START_CHARS: LazyLock<usize> = LazyLock::new(|| {
    LANGS
        .iter()
        .flat_map(|l| l.attribution_starts.iter())
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        + 2
});

/// The bytes an attribution verb can start with.
static VERB_FIRST_BYTES: LazyLock<FirstBytes> = LazyLock::new(|| {
    FirstBytes::of(
        LANGS
            .iter()
            .flat_map(|l| l.attribution_verbs.iter().copied()),
    )
});

/// Every language's attribution verbs as written (lower case), found
/// anywhere in a line in one pass: a verb that is not there needs no
/// search as a word.
static VERB_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(
        LANGS
            .iter()
            .flat_map(|l| l.attribution_verbs.iter().copied()),
    )
    // OK because the verbs are a few short words, far below any size
    // limit of the automaton.
    .expect("small automaton")
});

/// The attribution verbs of every language, looked up as the last word of
/// a line.
struct Verbs {
    /// As written.
    written: Set<&'static str>,
    /// With their ASCII letters in lower case, as bytes.
    ascii_lower: Set<Vec<u8>>,
    /// Bit `n` is set when some verb is `n` bytes long (below 64).
    lengths: u64,
    /// The ASCII bytes that verbs end with, in lower case (as written and
    /// with their ASCII letters lower-cased).
    last_bytes: [bool; 128],
}

impl Verbs {
    /// Whether `word`, in ASCII, is a verb whatever the case of its
    /// letters. Lower-cased on the stack: no verb is longer than the
    /// buffer, and a word of another length than every verb's, or with a
    /// first letter no verb starts with, is not looked up.
    fn has_ascii(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        word.len() < 64
            && self.lengths >> word.len() & 1 == 1
            && word
                .bytes()
                .next()
                .is_some_and(|b| VERB_FIRST_BYTES.may_start(b))
            && buf.get_mut(..word.len()).is_some_and(|w| {
                w.copy_from_slice(word.as_bytes());
                w.make_ascii_lowercase();
                self.ascii_lower.contains(&w[..])
            })
    }
}

static VERBS: LazyLock<Verbs> = LazyLock::new(|| {
    let verbs = || {
        LANGS
            .iter()
            .flat_map(|l| l.attribution_verbs.iter().copied())
    };
    Verbs {
        written: verbs().collect(),
        ascii_lower: verbs()
            .map(|v| v.to_ascii_lowercase().into_bytes())
            .collect(),
        lengths: verbs()
            .filter(|v| v.len() < 64)
            .fold(0, |mask, v| mask | 1 << v.len()),
        last_bytes: {
            let mut set = [false; 128];
            for v in verbs() {
                for form in [v.to_string(), v.to_ascii_lowercase()] {
                    if let Some(&b) = form.as_bytes().last().filter(|b| b.is_ascii()) {
                        // OK because an ASCII byte is below 128.
                        set[usize::from(b)] = true;
                    }
                }
            }
            set
        },
    }
});

/// The bytes an attribution start can start with.
static START_FIRST_BYTES: LazyLock<FirstBytes> = LazyLock::new(|| {
    FirstBytes::of(
        LANGS
            .iter()
            .flat_map(|l| l.attribution_starts.iter().copied()),
    )
});

/// The attribution starts by their first word (up to a blank or comma),
/// in lower case.
static STARTS_BY_WORD: LazyLock<Map<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: Map<&'static str, Vec<&'static str>> = Map::default();
    for &start in LANGS.iter().flat_map(|l| l.attribution_starts.iter()) {
        let word = start
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or(start);
        map.entry(word).or_default().push(start);
    }
    map
});

/// Whether `t` starts with an attribution start of any language (`On`,
/// `Am`, `W dniu`), in any case, followed by a blank or a comma. Looks
/// the first word up first, lower-cased on the stack when it is ASCII:
/// most lines' first word starts nothing.
fn starts_attribution(t: &str) -> bool {
    let word_end = t
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(t.len());
    // A start must be followed by its blank or comma.
    if word_end == t.len() {
        return false;
    }
    // OK because `word_end` is where `find` found a char.
    let word = &t[..word_end];
    let mut buf = [0u8; 32];
    let owned;
    let lower: &str = if word.is_ascii() && word.len() <= buf.len() {
        // OK because `word.len() <= buf.len()`.
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // OK because lower-casing ASCII bytes leaves them ASCII.
        std::str::from_utf8(b).unwrap_or("")
    } else {
        owned = word.to_lowercase();
        &owned
    };
    let Some(starts) = STARTS_BY_WORD.get(lower) else {
        return false;
    };
    // Only the first characters can decide: lower-case just those.
    let cut = t
        .char_indices()
        .nth(*START_CHARS)
        .map_or(t.len(), |(at, _)| at);
    // OK because `cut` is `t.len()` or where `char_indices` found a char.
    let lower = t[..cut].to_lowercase();
    starts.iter().any(|s| {
        // OK because `lower` starts with `s`, so `s.len()` is a char
        // boundary.
        lower.starts_with(s)
            && lower[s.len()..].starts_with(|c: char| c.is_whitespace() || c == ',')
    })
}

/// An attribution line wrapped over two to five lines, as mail clients
/// re-wrap quoted text: `On Tue, … Susmit Shukla <`, then
/// `> > shukla@x.com>`, then `> >`, then `> > > > wrote:`. The first line
/// starts like an attribution (or holds an address) and ends no sentence;
/// the lines after it are short, no deeper than it (re-wrapping moves text
/// to shallower quoting), at most two of them blank, none starting an
/// attribution of its own, and the last ends with a colon. Returns the
/// language, the end and the joined text.
fn wrapped_attribution(
    lines: &[Line<'_>],
    classes: &[Class],
    colon_ends: &[bool],
    i: usize,
) -> Option<(&'static str, usize, String)> {
    // Indexing: `i < lines.len()` (from `blocks`), `k` is checked against
    // `lines.len()`; `classes` has one entry per line.
    let text: &str = lines[i].text();
    // A sentence that ends is no cut attribution (`On Thursday, I get
    // proper rendering.`).
    if text.len() > 300 || matches!(last_char(text), Some('.' | '!' | '?')) {
        return None;
    }
    // The loop below takes at most four lines and two blanks, and ends
    // well only at a text line that ends with a colon: without one among
    // the next six lines, nothing needs joining (most lines).
    let colon_ahead = colon_ends
        .get(i + 1..lines.len().min(i + 7))
        .is_some_and(|ahead| ahead.contains(&true));
    if !colon_ahead {
        return None;
    }
    let starts_attribution = |t: &str| {
        // An ASCII first byte lower-cases to itself alone: most lines start
        // with a letter no start starts with.
        match t.as_bytes().first() {
            None => return false,
            Some(&b) if !START_FIRST_BYTES.may_start(b) => return false,
            _ => {}
        }
        starts_attribution(t)
    };
    // Or a date first: `pe 20. lokakuuta 2017 klo 17.50 John Coe` (Finnish
    // Gmail), a weekday or month name and a number.
    let starts_with_date = || {
        // The number first: most lines have none, and skip lower-casing.
        if !crate::text::has_ascii_digit(text) {
            return false;
        }
        let first = text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(['.', ','])
            .to_lowercase();
        TABLES.date_words.get(first.as_str()) == Some(&true)
            || TABLES.months.contains_key(first.as_str())
    };
    if !starts_attribution(text) && !text.contains('@') && !starts_with_date() {
        return None;
    }
    let depth = lines[i].depth();
    let mut joined = text.trim().to_string();
    let (mut taken, mut blanks) = (0, 0);
    let mut k = i + 1;
    while k < lines.len() && taken < 4 && joined.len() <= 400 {
        let l = &lines[k];
        // `… David Hastings <hastings@gmail.com` + `> wrote:`: one level
        // deeper, the `>` that closes the address reads as a quote marker.
        let open_address = joined
            .rfind('<')
            .is_some_and(|lt| !joined[lt..].contains('>'));
        if l.depth() == depth + 1 && open_address && classes[k] == Class::Text {
            joined.push('>');
        } else if l.depth() > depth {
            return None;
        }
        if classes[k] == Class::Blank {
            blanks += 1;
            if blanks > 2 {
                return None;
            }
            k += 1;
            continue;
        }
        let next = l.text().trim();
        // A line that starts an attribution of its own: the cut one, if
        // any, starts there.
        if classes[k] != Class::Text || next.len() > 120 || starts_attribution(next) {
            return None;
        }
        // A line cut inside `<address>` joins without a space.
        if !(joined.ends_with('<') || next.starts_with('>')) {
            joined.push(' ');
        }
        joined.push_str(next);
        taken += 1;
        if next.ends_with(':') || next.ends_with('：') {
            return attribution_lang(&joined).map(|lang| (lang, k + 1, joined));
        }
        k += 1;
    }
    None
}

/// The last character of `t` trimmed at its end. The last byte that is no
/// ASCII blank is it, unless that byte belongs to a character beyond ASCII,
/// which may be a blank of its own: then the trim of characters decides.
fn last_char(t: &str) -> Option<char> {
    match t
        .bytes()
        .rev()
        .find(|b| !matches!(b, b'\t'..=b'\r' | b' '))?
    {
        b if b.is_ascii() => Some(char::from(b)),
        _ => t.trim_end().chars().next_back(),
    }
}

/// Grows a header block from the label line at `i`.
fn header_block(
    lines: &[Line<'_>],
    classes: &[Class],
    i: usize,
    after_separator: bool,
    floor: usize,
) -> Option<Block> {
    // Indexing: callers pass `i < lines.len()` (a loop index or a result of
    // `skip_blanks`), `j` is checked against `lines.len()`, `n` comes from
    // `skip_blanks` (below `classes.len()`), and `classes` has one entry per
    // line.
    // Under a separator, the sender or date line may have lost its colon
    // (`From H [mailto:…]`).
    let colonless_first = after_separator
        && classes[i] == Class::Text
        && colonless_label(lines[i].text())
            .is_some_and(|(f, ..)| matches!(f, HeaderField::From | HeaderField::Date));
    if !matches!(classes[i], Class::Label { .. }) && !colonless_first {
        return None;
    }
    let depth = lines[i].depth();
    let mut fields: Vec<FieldLines> = Vec::new();
    let mut j = i;
    let mut end = i;
    while j < lines.len() {
        // A label OCR split over two lines (`Onder-` / `werp: …`).
        if !fields.is_empty() {
            if let Some((field, lang, value)) = split_label(lines, classes, j, depth) {
                if !fields.iter().any(|f| f.field == field) {
                    fields.push(FieldLines {
                        repair: Some(LabelRepair::Split),
                        label_as_written: false,
                        field,
                        lang,
                        first: j,
                        end: j + 2,
                        value,
                    });
                    j += 2;
                    end = j;
                    continue;
                }
            }
        }
        // OCR drops colons: inside a block, a line that starts with the
        // label of a field the block lacks is that field.
        let class = match classes[j] {
            Class::Text
                if lines[j].depth() == depth
                    && (!fields.is_empty() || (j == i && colonless_first))
                    && !in_margin(lines, classes, j) =>
            {
                colonless_label(lines[j].text())
                    .filter(|(f, ..)| !fields.iter().any(|x| x.field == *f))
                    .or_else(|| lotus_date_under_from(lines[j].text(), &fields))
                    .map_or(Class::Text, |(field, lang, value_at)| Class::Label {
                        field,
                        lang,
                        value_at,
                        // Not from `classify`: `repaired_label` decides.
                        as_written: false,
                    })
            }
            c => c,
        };
        match class {
            Class::Label {
                field,
                lang,
                value_at,
                as_written,
            } if lines[j].depth() == depth => {
                let repeat = fields.iter().any(|f| f.field == field);
                if repeat {
                    break;
                }
                let text: &str = lines[j].text();
                // OK because `value_at` came from `label` (`classify`) or
                // `colonless_label` on this very text, so it is a char
                // boundary within it.
                fields.push(FieldLines {
                    repair: (classes[j] == Class::Text && colonless_label(text).is_some())
                        .then_some(LabelRepair::Colonless),
                    label_as_written: as_written,
                    field,
                    lang,
                    first: j,
                    end: j + 1,
                    value: before_margin(&text[value_at..]).trim().to_string(),
                });
                j += 1;
                end = j;
                // Continuation lines.
                while j < lines.len()
                    && classes[j] == Class::Text
                    && lines[j].depth() == depth
                    && continues_value(lines, classes, j, fields.last())
                    && colonless_label(lines[j].text())
                        .is_none_or(|(f, ..)| fields.iter().any(|x| x.field == f))
                {
                    // OK because a field was pushed just above.
                    let f = fields.last_mut().expect("a field");
                    // An address wrapped in its middle (`<mark.ellis@exam` +
                    // `ple.com>`) joins without a space.
                    let open = f
                        .value
                        .rfind('<')
                        .is_some_and(|lt| !f.value[lt..].contains('>'));
                    if !open {
                        f.value.push(' ');
                    }
                    f.value.push_str(before_margin(lines[j].text().trim()));
                    f.end = j + 1;
                    j += 1;
                    end = j;
                }
            }
            _ if classes[j] == Class::Rule || in_margin(lines, classes, j) => {
                // Page furniture inside a block (a margin stamp, a page
                // break with its footer and header): go on when a label
                // of a new field follows.
                let mut n = j;
                while n < lines.len()
                    && n < j + 12
                    && (matches!(classes[n], Class::Blank | Class::Rule)
                        || in_margin(lines, classes, n))
                {
                    n += 1;
                }
                match classes.get(n) {
                    Some(Class::Label { field, .. })
                        if lines[n].depth() == depth
                            && !fields.iter().any(|f| f.field == *field)
                            && fields.len() < 12 =>
                    {
                        j = n;
                    }
                    _ => break,
                }
            }
            Class::Blank => {
                // Blank lines inside a block, as PDF converters leave them:
                // go on when a label of a new field follows.
                match skip_blanks(classes, j, 2) {
                    Some(n) => match classes[n] {
                        Class::Label { field, .. }
                            if lines[n].depth() == depth
                                && !fields.iter().any(|f| f.field == field)
                                && fields.len() < 12 =>
                        {
                            j = n;
                        }
                        _ => break,
                    },
                    None => break,
                }
            }
            _ => break,
        }
    }
    let has_anchor = fields
        .iter()
        .any(|f| matches!(f.field, HeaderField::From | HeaderField::Date));
    let distinct = fields.len();
    let mut start = i;
    let mut strong = after_separator || (distinct >= 2 && has_anchor);
    if !has_anchor && fields.iter().any(|f| f.field == HeaderField::To) {
        if let Some((s, mut extra)) = lotus_prefix(lines, classes, i, floor) {
            start = s;
            extra.append(&mut fields);
            fields = extra;
            strong = true;
        }
    }
    if !strong {
        return None;
    }
    let lang = block_lang(&fields);
    Some(Block {
        kind: BlockKind::Header,
        start,
        end,
        fields,
        attribution: None,
        lang,
    })
}

/// The sender and date lines Lotus Notes writes above a `To:`/`cc:`/
/// `Subject:` block, as in the Enron mail:
///
/// ```text
/// Phillip M Love              Jeff Dasovich                "Ann" <a@b.com> on 05/18/2001 01:28:43 PM
/// 03/26/2001 10:20 AM         Sent by: Jeff Dasovich       To: ...
/// To: ...                     11/21/2000 04:27 PM
///                             To: ...
/// ```
///
/// Returns the first line of the block and the From, Date (and Sender)
/// fields. Lines before `floor` (the end of the block before) are never
/// part of the prefix.
fn lotus_prefix(
    lines: &[Line<'_>],
    classes: &[Class],
    i: usize,
    floor: usize,
) -> Option<(usize, Vec<FieldLines>)> {
    // Indexing: `i < lines.len()` (from `header_block`), and `j` and `k`
    // only go down from it with `checked_sub`; `classes` has one entry per
    // line.
    // Up to two blank lines between the date and the labels.
    let mut j = i.checked_sub(1)?;
    let mut blanks = 0;
    while classes[j] == Class::Blank {
        blanks += 1;
        if blanks > 2 {
            return None;
        }
        j = j.checked_sub(1)?;
    }
    // Lotus Notes puts the reply address between the date and the labels:
    // `Please respond to <afouke@tnc.org>`.
    if lines[j]
        .text()
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("please respond to")
    {
        j = j.checked_sub(1)?;
    }
    if lines[j].depth() != lines[i].depth() {
        return None;
    }
    let text: &str = lines[j].text().trim();
    let field = |field, line: usize, value: &str| FieldLines {
        repair: None,
        label_as_written: false,
        field,
        lang: "en",
        first: line,
        end: line + 1,
        value: value.trim().to_string(),
    };
    // The lines above belong to the block before: not a prefix.
    if j < floor {
        return None;
    }
    if let Some((name, date)) = name_on_date(text) {
        let name = name.trim_start_matches("From:").trim();
        return Some((
            j,
            vec![
                field(HeaderField::From, j, name),
                field(HeaderField::Date, j, date),
            ],
        ));
    }
    // The same line wrapped before its time: `"Kim Whitsel" <k@w.edu> on
    // 01/22/2001` / `12:07:35 AM`.
    if text.contains(':') && BARE_TIME.is_match(text) {
        let above = j.checked_sub(1)?;
        if above >= floor && lines[above].depth() == lines[j].depth() {
            let joined = format!("{} {text}", lines[above].text().trim());
            if let Some((name, date)) = name_on_date(&joined) {
                let name = name.trim_start_matches("From:").trim();
                let mut from = field(HeaderField::From, above, name);
                from.end = j + 1;
                let mut date = field(HeaderField::Date, above, date);
                date.end = j + 1;
                return Some((above, vec![from, date]));
            }
        }
    }
    if !has_date_and_time(text) || !LOTUS_DATE.is_match(text) {
        return None;
    }
    let date_line = j;
    let mut k = date_line.checked_sub(1)?;
    // One blank line between the name and the date.
    if classes[k] == Class::Blank {
        k = k.checked_sub(1)?;
    }
    let mut out = Vec::new();
    let t: &str = lines[k].text().trim();
    if let Some(v) = t.strip_prefix("Sent by:") {
        out.push(field(HeaderField::Sender, k, v));
        k = k.checked_sub(1)?;
    }
    let name: &str = lines[k].text().trim();
    let plausible = classes[k] == Class::Text
        && !name.is_empty()
        && name.len() <= 100
        && name.split_whitespace().count() <= 8
        && !crate::text::ends_sentence(name);
    if !plausible || k < floor {
        return None;
    }
    out.insert(0, field(HeaderField::From, k, name));
    out.push(field(HeaderField::Date, date_line, text));
    Some((k, out))
}

/// The date Lotus Notes prints on the line under `From:` (`From: "Phil
/// Tice" <philtice@deseretgt.com>` / `11/17/99 11:03 AM`): the block's
/// date field, when the block has a sender and no date yet.
fn lotus_date_under_from(
    text: &str,
    fields: &[FieldLines],
) -> Option<(HeaderField, &'static str, usize)> {
    let last = fields.last()?;
    if last.field != HeaderField::From
        || fields.iter().any(|f| f.field == HeaderField::Date)
        || !has_date_and_time(text)
        || !LOTUS_DATE.is_match(text.trim())
    {
        return None;
    }
    Some((HeaderField::Date, last.lang, 0))
}

/// A label whose colon OCR dropped, as the first word of a line: `Sent
/// Wednesday, March 30, 2011 8:21 PM`, `Subject Re: PDB`. Only the labels
/// every block has (sender, date, recipients, subject), capitalised as
/// printed, and a date only with a digit in it. Returns what [`label`]
/// returns.
fn colonless_label(text: &str) -> Option<(HeaderField, &'static str, usize)> {
    // A word of up to 12 bytes, so its blank is among the first 13.
    let word_end = text
        .bytes()
        .take(13)
        .position(|b| b == b' ' || b == b'\t')?;
    // OK because `word_end` is the index of an ASCII blank: a char boundary.
    let (word, rest) = text.split_at(word_end);
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let &(field, lang) = crate::text::with_lowercase(word, |w| TABLES.labels.get(w))?;
    let value = rest.trim_start();
    let fits = match field {
        HeaderField::Date => value.contains(|c: char| c.is_ascii_digit()),
        HeaderField::From | HeaderField::To | HeaderField::Cc | HeaderField::Subject => {
            !value.is_empty()
        }
        _ => false,
    };
    fits.then_some((field, lang, text.len() - value.len()))
}

/// A label OCR split over lines `j` and `j + 1` (`Onder-` / `werp: X`,
/// `Onderw` / `erp: X`): the field, its language and its value.
fn split_label(
    lines: &[Line<'_>],
    classes: &[Class],
    j: usize,
    depth: usize,
) -> Option<(HeaderField, &'static str, String)> {
    // OK because `j + 1` is checked against `classes.len()`, which equals
    // `lines.len()`.
    if j + 1 >= classes.len()
        || classes[j] != Class::Text
        || !matches!(classes[j + 1], Class::Text)
        || lines[j].depth() != depth
        || lines[j + 1].depth() != depth
    {
        return None;
    }
    let head = lines[j].text().trim().trim_end_matches('-');
    let tail = lines[j + 1].text().trim();
    if head.len() < 3 || head.len() > 12 || head.contains(char::is_whitespace) {
        return None;
    }
    let joined = format!("{head}{tail}");
    let (field, lang, value_at) = label(&joined)?;
    // The split falls inside the label, not after its colon.
    if value_at <= head.len() {
        return None;
    }
    // OK because `value_at` comes from `label` on `joined`: a char boundary.
    Some((field, lang, joined[value_at..].trim().to_string()))
}

/// Whether line `j` is text far right of any value column: the page's
/// margin (a classification mark, a stamp), not a value wrapped.
fn in_margin(lines: &[Line<'_>], classes: &[Class], j: usize) -> bool {
    // OK because callers pass `j < lines.len()`, and `content` lies within
    // `span`.
    classes[j] == Class::Text && lines[j].content.start - lines[j].span.start >= 50
}

/// A header value without the text a two-column page layout prints in
/// its right margin, after a gap of ten blanks or more (`H` in `To: H
/// <40 blanks> Reason: 1.4(D)`).
fn before_margin(value: &str) -> &str {
    // OK because `find` returns where the ASCII gap starts: a char
    // boundary.
    match MARGIN_GAP.find(value.as_bytes()) {
        Some(at) => value[..at].trim_end(),
        None => value,
    }
}

/// The gap before a right margin: ten blanks. Built once: `str::find`
/// builds a substring searcher on every call.
static MARGIN_GAP: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("          "));

/// Whether the text line at `j` continues the value of `field`.
fn continues_value(
    lines: &[Line<'_>],
    classes: &[Class],
    j: usize,
    field: Option<&FieldLines>,
) -> bool {
    let Some(f) = field else { return false };
    // OK because a field's `end` starts at `first + 1` and only grows.
    if f.end - f.first >= 6 {
        return false;
    }
    // OK because `header_block` passes `j < lines.len()`.
    let text: &str = lines[j].text();
    if in_margin(lines, classes, j) {
        return false;
    }
    let next_is_label = matches!(classes.get(j + 1), Some(Class::Label { .. }));
    if f.field.holds_parties() || f.field == HeaderField::Attachments {
        next_is_label
            || text.contains('@')
            || text.contains(';')
            || text.contains('>')
            || f.value.trim_end().ends_with([';', ','])
    } else {
        // Subject, Date, Importance.
        next_is_label || (f.value.len() >= 60 && crate::text::continues_sentence(text))
    }
}

/// The language most of a block's labels are in; shared labels (`cc`,
/// `datum`) count for none.
fn block_lang(fields: &[FieldLines]) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for f in fields {
        match counts.iter_mut().find(|c| c.0 == f.lang) {
            Some(c) => c.1 += 1,
            None => counts.push((f.lang, 1)),
        }
    }
    // Prefer the language of the From or Date label.
    let anchor = fields
        .iter()
        .find(|f| matches!(f.field, HeaderField::From | HeaderField::Date))
        .map(|f| f.lang);
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    anchor.or(counts.first().map(|c| c.0))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::lines;

    /// Every ASCII verb of the tables is found in any case, and a word is
    /// found only when it is one of them.
    #[test]
    fn an_ascii_word_is_a_verb_exactly_when_the_tables_hold_it() {
        let verbs: Vec<&str> = LANGS
            .iter()
            .flat_map(|l| l.attribution_verbs.iter().copied())
            .filter(|v| v.is_ascii())
            .collect();
        assert!(verbs.len() >= 10, "{verbs:?}");
        for v in &verbs {
            assert!(VERBS.has_ascii(v), "{v}");
            assert!(VERBS.has_ascii(&v.to_ascii_uppercase()), "{v}");
            // One byte more or less, or another first letter: no verb
            // unless the tables hold that word too.
            for other in [format!("{v}s"), v[1..].to_string(), format!("x{}", &v[1..])] {
                let held = verbs.iter().any(|w| w.eq_ignore_ascii_case(&other));
                assert_eq!(VERBS.has_ascii(&other), held, "{other}");
            }
        }
        for word in [
            "",
            "the",
            "Regards",
            "wrote:",
            &"a".repeat(40),
            &"w".repeat(70),
        ] {
            assert!(!VERBS.has_ascii(word), "{word}");
        }
    }

    /// Every separator phrase, as written and in ASCII capitals, passes
    /// the test of its first two bytes, and is read as a separator; a pair
    /// of ASCII bytes passes only when some phrase starts with it.
    #[test]
    fn separator_phrases_pass_the_first_pair_test() {
        let phrases: Vec<&str> = TABLES.separators.keys().copied().collect();
        for &p in &phrases {
            for form in [p.to_string(), p.to_ascii_uppercase()] {
                assert!(SEPARATOR_FIRST_PAIRS.may_start(&form), "{form}");
                assert!(
                    separator_lang(&format!("----- {form} -----")).is_some(),
                    "{form}"
                );
            }
        }
        for a in 0x20u8..0x7f {
            for b in 0x20u8..0x7f {
                let pair = [a, b];
                let Ok(s) = std::str::from_utf8(&pair) else {
                    continue;
                };
                let held = phrases.iter().chain(&["forwarded by "]).any(|p| {
                    p.as_bytes()
                        .get(..2)
                        .is_some_and(|h| h.eq_ignore_ascii_case(&pair))
                });
                assert_eq!(SEPARATOR_FIRST_PAIRS.may_start(s), held, "{s}");
            }
        }
    }

    /// Every verb of one word in the tables, in the cases a line writes
    /// it, ends with a byte the quick test of a line's last byte lets
    /// through, and the line it ends is read as an attribution. (A verb of
    /// two words, `ha escrit`, ends a line only before a colon.)
    #[test]
    fn every_verb_passes_the_last_byte_test() {
        for lang in LANGS {
            for &v in lang.attribution_verbs.iter().filter(|v| !v.contains(' ')) {
                for form in [v.to_string(), v.to_ascii_uppercase()] {
                    let line = format!("On 1 May 2020 Jan <jan@example.com> {form}");
                    assert!(attribution_lang(&line).is_some(), "{line}");
                }
            }
        }
        // Lines that end otherwise are none.
        assert_eq!(
            attribution_lang("On 1 May 2020 Jan <jan@example.com> wrote."),
            None
        );
    }

    /// The one regex that [`name_on_date`] stands for.
    static NAME_ON_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(.{1,160}?)\s+(?:on\s+)?(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)$",
        )
        .expect("valid regex")
    });

    fn by_regex(t: &str) -> Option<(&str, &str)> {
        NAME_ON_DATE.captures(t).map(|c| {
            let (name, date) = (c.get(1).expect("1"), c.get(2).expect("2"));
            (name.as_str(), date.as_str())
        })
    }

    proptest! {
        #[test]
        fn name_on_date_captures_what_its_regex_captures(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(" "), Just("  "), Just("\n"), Just("\t"), Just("on"), Just("on "),
                    Just("Sally Beck"), Just("<s@b.com>"), Just("é"), Just("01/02/2003"),
                    Just("12/14/00"), Just("1/2/2001"), Just("10:21"), Just("11:25:09"),
                    Just("AM"), Just("p.m."), Just("CDT"), Just("/"), Just(":"), Just("7"),
                    Just("x".repeat(70).leak() as &str),
                ],
                0..12,
            )
        ) {
            let t = parts.concat();
            prop_assert_eq!(name_on_date(&t), by_regex(&t), "{:?}", t);
        }
    }

    #[test]
    fn name_on_date_in_hand_picked_lines() {
        let long = "n".repeat(160);
        let longer = "n".repeat(161);
        for t in [
            "Sally Beck   12/14/2000 11:25 AM",
            "Tana Jones on 10/20/2000 01:42 PM CDT",
            "Name <a@b> on 05/18/2001 01:28:43 PM",
            " on 01/02/2003 10:00",
            " 01/02/2003 10:00",
            "x 01/02/2003 10:00 on 01/02/2003 10:00",
            "a\nb 01/02/2003 10:00",
            &format!("{long} 01/02/2003 10:00"),
            &format!("{longer} 01/02/2003 10:00"),
            "é 1/2/03 1:00 pm",
            "on on 01/02/2003 10:00",
            "",
        ] {
            assert_eq!(name_on_date(t), by_regex(t), "{t:?}");
        }
        assert_eq!(
            name_on_date("Tana Jones on 10/20/2000 01:42 PM CDT"),
            Some(("Tana Jones", "10/20/2000 01:42 PM CDT"))
        );
    }

    /// `repair_label` undoes OCR confusions in a buffer of 64 bytes: a
    /// key cut there undoes to more than any label's length.
    #[test]
    fn confusions_are_undone_as_by_replacing_each_in_turn() {
        assert!(TABLES.longest_label <= 64);
        for k in [
            "0nderwerp",
            "frorn",
            "vvhen",
            "rnrn",
            "vvv",
            "rnn",
            "rvvn",
            "1ijst|!",
            "é0rn",
            "",
        ] {
            let chain = k
                .replace("rn", "m")
                .replace("vv", "w")
                .replace('0', "o")
                .replace(['1', '|', '!'], "l");
            assert_eq!(
                undo_confusions(k, &mut [0; 64]),
                Some(chain.as_str()),
                "{k:?}"
            );
        }
        assert_eq!(undo_confusions(&"x".repeat(65), &mut [0; 64]), None);
        assert_eq!(repair_label("0nderwerp"), Some("onderwerp"));
        assert_eq!(repair_label("frorn"), Some("from"));
    }

    /// The one-letter slips that `repair_label` finds, among the labels
    /// within a byte of the key's length and with its test of their
    /// first and last bytes, are those a look at every long ASCII label
    /// finds: for every single-byte edit of every such label
    /// (a byte dropped, a `q` put in its place or an `x` put before it)
    /// of lower-case letters and blanks that no OCR entry or confusion
    /// reads first.
    #[test]
    fn slips_are_found_as_by_a_look_at_every_label() {
        let by_scan = |k: &str| {
            let near: Vec<&str> = LONG_ASCII_LABELS
                .iter()
                .copied()
                .filter(|l| one_edit(k.as_bytes(), l.as_bytes()))
                .collect();
            match near.as_slice() {
                [l] => Some(*l),
                _ => None,
            }
        };
        let mut keys = Vec::new();
        for l in LONG_ASCII_LABELS.iter() {
            for i in 0..=l.len() {
                keys.push(format!("{}x{}", &l[..i], &l[i..]));
                if i < l.len() {
                    keys.push(format!("{}{}", &l[..i], &l[i + 1..]));
                    keys.push(format!("{}q{}", &l[..i], &l[i + 1..]));
                }
            }
        }
        let mut checked = 0;
        for k in keys.iter().map(String::as_str) {
            let confused = ["0", "1", "|", "!", "rn", "vv"]
                .iter()
                .any(|c| k.contains(c));
            let ocr = OCR_LABELS.iter().any(|(bad, _)| *bad == k);
            // The slips are looked for in keys of lower-case letters and
            // blanks only.
            let letters = k.bytes().all(|b| b.is_ascii_lowercase() || b == b' ');
            if confused || ocr || !letters || k.len() < 5 || TABLES.labels.contains_key(k) {
                continue;
            }
            assert_eq!(repair_label(k), by_scan(k), "{k:?}");
            checked += 1;
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn the_last_character_is_the_one_the_trim_of_characters_leaves() {
        for t in [
            "",
            " ",
            "x:",
            "x: ",
            "x:\t\u{b}",
            "x：",
            "x： ",
            "x:\u{a0}",
            "x:\u{2003}",
            "x",
            "x é",
            "é:",
            ": x",
            "x\u{a0}",
            "\u{a0}",
            "end.",
            "why?\r",
        ] {
            assert_eq!(last_char(t), t.trim_end().chars().next_back(), "{t:?}");
        }
    }

    #[test]
    fn the_last_word_is_what_a_split_at_unicode_blanks_leaves() {
        for s in [
            "",
            "wrote",
            "Jane <j@x.org> wrote",
            "a\tb",
            "a\u{b}b",
            "a\u{c}b",
            "John schreef",
            "Jan\u{a0}schreef",
            "Jan\u{2003}écrit",
            "Marie a écrit",
            "a b\u{85}c",
            "trailing ",
        ] {
            assert_eq!(
                last_word(s),
                s.rsplit(char::is_whitespace).next().unwrap_or(s),
                "{s:?}"
            );
        }
    }

    /// `attribution_lang` lower-cases a line's last word in a buffer of 32
    /// bytes to look it up among the verbs.
    #[test]
    fn every_verb_fits_the_lookup_buffer() {
        for v in LANGS.iter().flat_map(|l| l.attribution_verbs.iter()) {
            assert!(v.len() <= 32, "{v:?}");
        }
        assert_eq!(
            attribution_lang("On Mon, 3 Jan 2022, Jane <j@x.org> WROTE"),
            Some("en")
        );
    }

    fn kinds(text: &str) -> Vec<(BlockKind, usize, usize)> {
        let ls = lines(text);
        blocks(&ls)
            .iter()
            .map(|b| (b.kind, b.start, b.end))
            .collect()
    }

    #[test]
    fn labels() {
        assert!(matches!(
            label("Van: x"),
            Some((HeaderField::From, "nl", 5))
        ));
        assert!(matches!(
            label("Objet :Curabitur"),
            Some((HeaderField::Subject, "fr", _))
        ));
        assert!(matches!(
            label("Enviado el: martes"),
            Some((HeaderField::Date, "es", _))
        ));
        assert!(label("Re: something").is_none());
        assert!(label("Note: this").is_none());
    }

    #[test]
    fn separators() {
        assert!(is_separator("-----Original Message-----"));
        assert!(is_separator("-----Oorspronkelijk bericht-----"));
        assert!(is_separator("---------- Forwarded message ---------"));
        assert!(is_separator("Begin forwarded message:"));
        // pdftotext drops the dashes: a line that is only the phrase.
        assert!(is_separator("Original Message"));
        assert!(!is_separator("the original message"));
        assert!(!is_separator("---"));
    }

    #[test]
    fn attributions() {
        assert_eq!(
            attribution_lang("On Fri, Feb 24, 2012 at 10:19 AM, <a@b.com> wrote:"),
            Some("en")
        );
        assert_eq!(
            attribution_lang("Op wo 27 nov. 2019 om 08:12 schreef Geert <geert@x.org>:"),
            Some("nl")
        );
        assert_eq!(
            attribution_lang("Am 01.09.20 um 10:18 schrieb Johannes Rohr:"),
            Some("de")
        );
        assert_eq!(
            attribution_lang("Le 04/03/2020 à 22:28, Walter Harms a écrit :"),
            Some("fr")
        );
        assert_eq!(attribution_lang("He wrote:"), None);
        assert_eq!(attribution_lang("Deze luiden als volgt:"), None);
    }

    #[test]
    fn a_lone_label_is_no_block() {
        assert!(kinds("Beste Jan,\n\nAan: de minister van Justitie\n\nGroet").is_empty());
        assert!(kinds("Jan\nT: 070 123\nE: jan@x.nl\n").is_empty());
    }

    #[test]
    fn a_header_block_with_continuation() {
        let t = "**Van:** a namens B  \n[R]@x.nl>  \n**Verzonden:** vr 1 jan 2021 10:00\n**Aan:** C\n\nHoi";
        assert_eq!(kinds(t), vec![(BlockKind::Header, 0, 4)]);
    }

    #[test]
    fn a_separator_starts_the_block() {
        let t = "hi\n\n-----Original Message-----\nFrom: A\nSent: Monday\nTo: B\n\ntext";
        assert_eq!(kinds(t), vec![(BlockKind::Header, 2, 6)]);
    }

    #[test]
    fn lotus_notes_headers() {
        let t = "Sorry.\n----- Forwarded by Jeff Dasovich/NA/Enron on 11/21/2000 04:29 PM -----\n\n\tJeff Dasovich\n\tSent by: Jeff Dasovich\n\t11/21/2000 04:27 PM\n\t\t\n\t\t To: Stephanie E Taylor/NA/Enron@ECT\n\t\t cc: \n\t\t Subject: Re: Follow Up\n\ncould you\n\n\tStephanie E Taylor@ECT\n\t11/21/2000 03:00 PM\n\t\t\n\t\t To: Jeff Dasovich/NA/Enron@Enron\n\t\t cc: \n\t\t Subject: Follow Up\n\nI am\n\n\"Ann\" <ann@x.com> on 05/18/2001 01:28:43 PM\nTo: Jeff\ncc:\nSubject: Hi\n\nok";
        assert_eq!(
            kinds(t),
            vec![
                (BlockKind::Header, 1, 10),
                (BlockKind::Header, 13, 19),
                (BlockKind::Header, 22, 26)
            ]
        );
    }

    #[test]
    fn an_attribution_over_two_lines() {
        let t = "ok\n\nOp 12 december 2016 19:05 schreef Company Questions <\nquestions@company.com>:\n> text";
        assert_eq!(kinds(t), vec![(BlockKind::Attribution, 2, 4)]);
    }

    #[test]
    fn find_word_with_an_empty_word_steps_over_whole_chars() {
        assert_eq!(find_word("é", ""), None);
        assert_eq!(find_word(" é", ""), Some(0));
        assert_eq!(find_word("the wrote", "wrote"), Some(4));
    }
}
