//! Text normalisation: document text in, [`Line`]s out.
//!
//! Every later stage reads lines, never the raw text. A line keeps its byte
//! span in the document text (so spans stay true to the text as read) and
//! carries a cleaned copy of its content: quote markers (`>`) counted and
//! removed, markdown emphasis (`**Van:**`, `*title*`), backslash escapes and
//! links (`[text](url)`, `<https://…>`) undone, no-break and zero-width
//! spaces folded, tabs made spaces, and trailing whitespace (the markdown
//! double-space line break) dropped. Cleaning never looks past the end of
//! its line, so the whole pass is linear in the text.

use std::borrow::Cow;

use crate::bytes;
use crate::model::Span;

/// One line of the document.
#[derive(Debug, Clone)]
pub(crate) struct Line<'t> {
    /// The line without its terminator (`\n` or `\r\n`).
    pub span: Span,
    /// The content after quote markers and indentation, before trailing
    /// whitespace.
    pub content: Span,
    /// The number of `>` quote markers before the content ([`Line::depth`]):
    /// 32 bits, so that a line takes 64 bytes, not 72 (the lines of a
    /// group of documents stay in the cache through every phase).
    quote_depth: u32,
    /// The cleaned content: read through [`Line::text`], so that nothing
    /// changes it after `blank` was decided from it.
    text: Cow<'t, str>,
    /// Whether the line is page furniture: a page rule (`---`, `***`,
    /// `___`), or what the model stage marks as such (page counters, stamps,
    /// release headers).
    pub furniture: bool,
    /// Whether the raw content is a long run of underscores (an Outlook
    /// separator: 32 or 40 of them).
    pub underscores: bool,
    /// Whether `text` is empty or only whitespace: asked of every line by
    /// every stage, so answered once. (`text` is private: it never changes
    /// after the line is made.)
    blank: bool,
}

// A line fits in 64 bytes (see `quote_depth`).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Line<'static>>() == 64);

impl Line<'_> {
    /// The cleaned content.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number of `>` quote markers before the content.
    pub fn depth(&self) -> usize {
        self.quote_depth as usize
    }

    /// Whether the line has no content.
    pub fn is_blank(&self) -> bool {
        self.blank
    }

    /// Whether cleaning changed the content: otherwise the text is a
    /// piece of the document text as read.
    pub fn is_cleaned(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }
}

/// Splits `text` into lines and cleans each one.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    // Room for lines of 20 bytes on average: the lines of mail run shorter
    // than 40 bytes (blank lines, short replies), and growing the vector
    // copies every line made so far. The room left over lasts only while
    // the document is parsed.
    let mut out = Vec::with_capacity(text.len() / 20 + 1);
    let raw = text.as_bytes();
    let mut start = 0;
    // The line from `start` to the newline (or the end) at `end`, without
    // a carriage return before it.
    let mut push = |start: usize, end: usize| {
        let mut line_end = end;
        // OK because `&&` checks `line_end > start` first, so `line_end >= 1`,
        // and `line_end <= text.len()`.
        if line_end > start && raw[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        out.push(line(text, start, line_end));
    };
    // The newlines, a chunk at a time; the padding (NUL) is none.
    let none: Option<()> = bytes::find_chunk(raw, 0, |at, chunk| {
        let mut newlines = bytes::eq_mask(chunk, [b'\n']);
        while newlines != 0 {
            let end = at + newlines.trailing_zeros() as usize;
            push(start, end);
            start = end + 1;
            newlines &= newlines - 1;
        }
        None
    });
    debug_assert!(none.is_none());
    if start < text.len() {
        push(start, text.len());
    }
    out
}

fn line(text: &str, start: usize, end: usize) -> Line<'_> {
    // OK because `lines` passes `start <= end <= text.len()`, `start` being 0
    // or just after a `\n` and `end` at a `\r`, a `\n` or the end: all char
    // boundaries.
    let raw = &text[start..end];
    let (depth, cstart, cend) = match raw.as_bytes() {
        // Most lines open with a letter or a digit and end with an ASCII
        // byte that is no blank: no quote markers, nothing to trim.
        [first, .., last] if first.is_ascii_alphanumeric() && last.is_ascii_graphic() => {
            (0, 0, raw.len())
        }
        _ => content_bounds(raw),
    };
    let content = &raw[cstart..cend];
    let rule = is_rule(content);
    let underscores = content.len() >= 20 && content.bytes().all(|b| b == b'_');
    let text = if rule || underscores {
        Cow::Borrowed(content)
    } else {
        clean(without_box_edges(without_margin_codes(content)))
    };
    Line {
        span: Span::new(start, end),
        content: Span::new(start + cstart, start + cend),
        // A line deeper than 4 billion markers is held at the most.
        quote_depth: u32::try_from(depth).unwrap_or(u32::MAX),
        // A line that opens with a visible ASCII byte is not blank.
        blank: !text.as_bytes().first().is_some_and(u8::is_ascii_graphic)
            && text.chars().all(char::is_whitespace),
        text,
        furniture: rule,
        underscores,
    }
}

/// The quote depth of `raw`, and where its content starts and ends: past
/// any mix of `>` and blanks (space, tab, no-break space), before trailing
/// whitespace. A line of only blanks has no content (it starts and ends
/// at the end).
///
/// Read byte by byte: the markers and blanks are ASCII or the two bytes
/// of the no-break space, so no character needs decoding.
fn content_bounds(raw: &str) -> (usize, usize, usize) {
    let b = raw.as_bytes();
    let mut depth = 0;
    let mut cstart = 0;
    while let Some(&c) = b.get(cstart) {
        match c {
            b'>' => {
                depth += 1;
                cstart += 1;
            }
            b' ' | b'\t' => cstart += 1,
            0xC2 if b.get(cstart + 1) == Some(&0xA0) => cstart += 2,
            _ => break,
        }
    }
    // OK because `cstart` only stepped over whole characters (ASCII bytes
    // and the two bytes of U+00A0), so it is a char boundary of `raw`.
    let content = trim_end(&raw[cstart..]);
    if content.is_empty() {
        return (depth, raw.len(), raw.len());
    }
    (depth, cstart, cstart + content.len())
}

/// The line without FOIA exemption codes printed far right in its margin
/// (`Subject: call          B5`, `text          B5,B6`): they mark a
/// redaction (see `redact`), they are not the line's words. A line of
/// only codes keeps them.
fn without_margin_codes(s: &str) -> &str {
    let b = s.as_bytes();
    // The codes: `B1`..`B9`, separated by commas and blanks, at the end.
    let mut i = b.len();
    loop {
        if i >= 2 && b[i - 2] == b'B' && (b'1'..=b'9').contains(&b[i - 1]) {
            i -= 2;
        } else {
            return s;
        }
        let sep_end = i;
        while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b',') {
            i -= 1;
        }
        let gap = sep_end - i;
        if gap >= 6 && b[i..sep_end].iter().all(|&c| c == b' ' || c == b'\t') {
            // OK because `b[i]` is an ASCII blank, so `i` is a char
            // boundary.
            return if i == 0 { s } else { &s[..i] };
        }
        if gap > 3 || i == 0 {
            return s;
        }
    }
}

/// The line without the box edges OCR reads into it: a scanned page's
/// table borders and redaction boxes come out as `|` (or `¦`) after the
/// words (`Onderwerp: Re: Afspraak |`, `Met vriendelijke groet, | |`), or
/// as a line of nothing else. A markdown table row (it starts with `|`)
/// keeps its pipes.
fn without_box_edges(s: &str) -> &str {
    // Most lines end with another byte than an edge's or a blank's (`¦`
    // ends with 0xA6): nothing to cut.
    if !matches!(s.as_bytes().last(), Some(b' ' | b'\t' | b'|' | 0xA6)) {
        return s;
    }
    without_box_edges_slowly(s)
}

/// [`without_box_edges`] without its quick answer.
fn without_box_edges_slowly(s: &str) -> &str {
    if s.starts_with('|') && s.trim_end_matches([' ', '\t', '|', '¦']).len() > 1 {
        return s;
    }
    let mut end = s.len();
    loop {
        let head = s[..end].trim_end_matches([' ', '\t']);
        let Some(rest) = head.strip_suffix(['|', '¦']) else {
            break;
        };
        // An edge stands apart from the words: after a blank, or alone.
        if !(rest.is_empty() || rest.ends_with([' ', '\t', '|', '¦'])) {
            break;
        }
        end = rest.len();
    }
    // OK because `end` is the length of a prefix of `s` cut only after
    // ASCII characters and `¦` (whole chars).
    if end == s.len() {
        s
    } else {
        s[..end].trim_end()
    }
}

/// Whether `s` is a markdown horizontal rule: three or more `-`, `*` or `_`
/// (fewer than 20 underscores), or `=`, with optional blanks between.
fn is_rule(s: &str) -> bool {
    // Most lines open with an ASCII byte that is neither a rule's nor a
    // blank.
    if let Some(&b) = s.as_bytes().first() {
        if b.is_ascii() && !matches!(b, b'-' | b'*' | b'_' | b'=') && !is_ascii_blank(b) {
            return false;
        }
    }
    is_rule_slowly(s)
}

/// [`is_rule`] without its quick answer.
fn is_rule_slowly(s: &str) -> bool {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_' | '=') {
        return false;
    }
    let mut n = 1;
    for c in chars {
        if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3 && !(first == '_' && n >= 20)
}

/// `s.trim_matches(pred)`, at once where nothing is to be trimmed. The
/// standard search sets up a searcher at each end and decodes a char
/// there on every call (about fifty instructions), which the hot paths pay
/// for nearly every line, most of which start and end with a byte that
/// stays: an ASCII first and last byte that `pred` does not match decide
/// it here.
pub(crate) fn trim_by(s: &str, pred: impl Fn(char) -> bool) -> &str {
    match s.as_bytes() {
        [first, .., last]
            if first.is_ascii()
                && last.is_ascii()
                && !pred(char::from(*first))
                && !pred(char::from(*last)) =>
        {
            s
        }
        _ => s.trim_matches(pred),
    }
}

/// `s.trim_end_matches(suffix)` for a string `suffix`, without the
/// substring searcher the standard one builds on every call (a few
/// hundred instructions, for a suffix that is nearly never there).
pub(crate) fn trim_end_str<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    if suffix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// `s.to_lowercase()`, for ASCII text (domains, labels, nearly every
/// word) without the Unicode case tables.
pub(crate) fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// `f` of `s` lower-cased: on the stack when `s` is ASCII and short, as
/// nearly every line asked is, else in a new `String`.
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 128];
    if s.is_ascii() {
        if let Some(b) = buf.get_mut(..s.len()) {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            // ASCII bytes are UTF-8: this never falls through.
            if let Ok(lower) = std::str::from_utf8(b) {
                return f(lower);
            }
        }
    }
    f(&s.to_lowercase())
}

/// Whether `b` is an ASCII byte that `char::is_whitespace` takes: the
/// space, tab, line feed, vertical tab, form feed and carriage return
/// (`u8::is_ascii_whitespace` leaves out the vertical tab).
pub(crate) fn is_ascii_blank(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// `s.trim_start()`, at once where the first byte is ASCII and no blank
/// (see [`trim_by`]).
pub(crate) fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_ascii_blank(b) => s,
        _ => s.trim_start(),
    }
}

/// `s.trim_end()`, at once where the last byte is ASCII and no blank (see
/// [`trim_by`]).
pub(crate) fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_ascii_blank(b) => s,
        _ => s.trim_end(),
    }
}

/// `s.trim()`, at once where nothing is to be trimmed (see [`trim_by`]).
pub(crate) fn trim(s: &str) -> &str {
    trim_by(s, char::is_whitespace)
}

/// Whether `s` holds an ASCII digit.
pub(crate) fn has_ascii_digit(s: &str) -> bool {
    ascii_digits_up_to(s, 1) == 1
}

/// Whether `s` holds an `@` or an ASCII digit, read a chunk at a time.
pub(crate) fn has_at_or_ascii_digit(s: &str) -> bool {
    // The padding (a space) is neither.
    bytes::find_chunk(s.as_bytes(), b' ', |_, chunk| {
        let hits = bytes::eq_mask(chunk, [b'@']) | bytes::range_mask(chunk, b'0', b'9');
        (hits != 0).then_some(())
    })
    .is_some()
}

/// How many ASCII digits `s` holds, counted up to `most`.
pub(crate) fn ascii_digits_up_to(s: &str, most: u32) -> u32 {
    bytes::count_up_to(s.as_bytes(), most, |c| bytes::range_mask(c, b'0', b'9'))
}

/// The bytes that may start something [`clean`] changes: markdown (`*`,
/// `\`, `[`, `<`, `#`, `_`), a tab, or the first byte of NBSP and the
/// other blanks and invisible characters (0xC2, 0xE2, 0xEF).
const CLEANING_STARTS: [u8; 10] = [b'*', b'\\', b'[', b'<', b'\t', b'#', b'_', 0xC2, 0xE2, 0xEF];

/// Where the first byte of [`CLEANING_STARTS`] in `b` is.
fn cleaning_start(b: &[u8]) -> Option<usize> {
    // The padding (a space) is none of them.
    bytes::find_chunk(b, b' ', |at, chunk| {
        let hits = bytes::eq_mask(chunk, CLEANING_STARTS);
        (hits != 0).then(|| at + hits.trailing_zeros() as usize)
    })
}

/// Undoes markdown and typographic noise in one line's content.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    // This runs over every byte of every line.
    if cleaning_start(s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Headings: `## Title`.
    if rest.starts_with('#') {
        let t = rest.trim_start_matches('#');
        if t.starts_with(' ') {
            rest = t.trim_start();
        }
    }
    let raw = rest.as_bytes();
    let mut at_start = true;
    let mut i = 0;
    // Where the next `)`, `>` and blank are, for links.
    let (mut parens, mut angles, mut blanks) = (
        NextByte::new(b')'),
        NextByte::new(b'>'),
        NextByte::new(b' '),
    );
    // Indexing: `i` is always a char boundary of `rest`: a run ends before
    // a byte of `CLEANING_STARTS`, which is ASCII or the first byte of a
    // character, and every arm below steps over whole characters.
    while i < raw.len() {
        // The bytes up to the next one that may need cleaning, copied whole.
        let run = cleaning_start(&raw[i..]).map_or(raw.len(), |p| i + p);
        if run > i {
            out.push_str(&rest[i..run]);
            i = run;
            at_start = false;
            continue;
        }
        let Some(c) = rest[i..].chars().next() else {
            break;
        };
        let next_char = |at: usize| rest.get(at..).and_then(|r| r.chars().next());
        let mut step = c.len_utf8();
        match c {
            '\\' => match next_char(i + 1) {
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    step += n.len_utf8();
                }
                _ => out.push('\\'),
            },
            '*' => {
                let n = raw[i..].iter().take_while(|&&b| b == b'*').count();
                step = n;
                if n >= 4 {
                    // A run of stars is a redaction marker, not emphasis.
                    out.extend(std::iter::repeat_n('*', n));
                } else if at_start && n == 1 && next_char(i + n) == Some(' ') {
                    // A bullet.
                    out.push('*');
                }
            }
            '_' if out.is_empty() || rest[i..].starts_with("__") => {
                // Emphasis with underscores: `__Van:__`, `_Van:_` at the start.
                let n = raw[i..].iter().take_while(|&&b| b == b'_').count();
                step = n;
                if n > 2 {
                    out.extend(std::iter::repeat_n('_', n));
                }
            }
            '[' => {
                if let Some((text, url, len)) = markdown_link(rest, i, &mut parens, &mut blanks) {
                    push_link(&mut out, text, url);
                    step = len;
                } else {
                    out.push('[');
                }
            }
            '<' => {
                // `close` is where an ASCII `>` is in `tail`: a char
                // boundary.
                let tail = &rest[i + 1..];
                let is_url = tail.starts_with("http://")
                    || tail.starts_with("https://")
                    || tail.starts_with("www.");
                // The first `>`, with no blank before it.
                let close = is_url
                    .then(|| angles.find(raw, i + 1))
                    .flatten()
                    .filter(|&gt| blanks.find(raw, i + 1).is_none_or(|b| b > gt))
                    .map(|gt| gt - (i + 1));
                match close {
                    Some(close) => {
                        out.push_str(&tail[..close]);
                        step = 1 + close + 1;
                    }
                    _ => out.push('<'),
                }
            }
            '\t' | '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' => out.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            _ => out.push(c),
        }
        i += step;
        at_start = false;
    }
    let t = out.trim();
    if t.len() == out.len() {
        Cow::Owned(out)
    } else {
        Cow::Owned(t.to_string())
    }
}

/// Where a byte next stands in a line, remembered: [`clean`] asks, at
/// each `[` and `<`, for the next `)`, `>` or blank, and a long line of
/// brackets without one would be read to its end again at each
/// (quadratic). An answer stands until the search passes it.
struct NextByte {
    byte: u8,
    /// Where the last search started, and what it found.
    from: usize,
    at: Option<usize>,
}

impl NextByte {
    fn new(byte: u8) -> NextByte {
        NextByte {
            byte,
            from: usize::MAX,
            at: None,
        }
    }

    /// The first `byte` of `hay` at `start` or after.
    fn find(&mut self, hay: &[u8], start: usize) -> Option<usize> {
        if start < self.from || self.at.is_some_and(|at| at < start) {
            self.from = start;
            self.at = hay
                .get(start..)
                .and_then(|h| memchr::memchr(self.byte, h))
                .map(|p| start + p);
        }
        self.at
    }
}

/// Reads `[text](url)` at `i` in `line` (a `[`): the text, the url and
/// the length in bytes. The text holds no bracket and at most 300 bytes,
/// so it ends at the first bracket after the `[`, which must be a `]`
/// and then a `(`; the url runs to the next `)` and holds no blank.
fn markdown_link<'a>(
    line: &'a str,
    i: usize,
    parens: &mut NextByte,
    blanks: &mut NextByte,
) -> Option<(&'a str, &'a str, usize)> {
    let s = line.get(i..)?;
    let b = s.as_bytes();
    let window = b.get(1..b.len().min(302))?;
    let close = 1 + memchr::memchr2(b'[', b']', window)?;
    if b.get(close) != Some(&b']') || b.get(close + 1) != Some(&b'(') {
        return None;
    }
    // OK because `s` starts with an ASCII `[` and `close` is where an
    // ASCII `]` is: char boundaries; `url` is where the ASCII `(` ends.
    let text = &s[1..close];
    let url = i + close + 2;
    let end = parens.find(line.as_bytes(), url)?;
    if end == url || blanks.find(line.as_bytes(), url).is_some_and(|b| b < end) {
        return None;
    }
    // OK because `end` is where an ASCII `)` is.
    Some((text, &line[url..end], close + 2 + (end - url) + 1))
}

fn push_link(out: &mut String, text: &str, url: &str) {
    let bare = url
        .trim_start_matches("mailto:")
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let t = text.trim_end_matches('/');
    if text.is_empty() {
        out.push_str(url.trim_start_matches("mailto:"));
    } else if bare.eq_ignore_ascii_case(t)
        || t.trim_start_matches("https://")
            .trim_start_matches("http://")
            == bare
    {
        out.push_str(text);
    } else {
        out.push_str(text);
        out.push_str(" (");
        out.push_str(url.trim_start_matches("mailto:"));
        out.push(')');
    }
}

/// Whether `s` ends a sentence: it ends with `.`, `!`, `?`, `:` or `;`
/// (closing quotes and brackets aside).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '’' | '”' | ')' | '*')
    });
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Whether a paragraph that starts with `s` continues an unfinished
/// sentence: it starts with a lower-case letter.
pub(crate) fn continues_sentence(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// `markdown_link` as it was written first: a search for `](` and
    /// then for `)` from each `[` to the line's end.
    fn link_by_find(s: &str) -> Option<(&str, &str, usize)> {
        let close = s.find("](")?;
        let text = &s[1..close];
        if text.contains('[') || text.contains(']') || text.len() > 300 {
            return None;
        }
        let after = &s[close + 2..];
        let end = after.find(')')?;
        let url = &after[..end];
        if url.contains(' ') || url.is_empty() {
            return None;
        }
        Some((text, url, close + 2 + end + 1))
    }

    /// `content_bounds` as it was first written, by characters.
    fn content_bounds_by_chars(raw: &str) -> (usize, usize, usize) {
        let mut depth = 0;
        let mut cstart = 0;
        for (i, c) in raw.char_indices() {
            match c {
                '>' => {
                    depth += 1;
                    cstart = i + 1;
                }
                ' ' | '\t' | '\u{a0}' => cstart = i + c.len_utf8(),
                _ => break,
            }
            if i + c.len_utf8() == raw.len() {
                cstart = raw.len();
            }
        }
        if raw[cstart..].chars().all(char::is_whitespace) {
            cstart = raw.len();
        }
        let trimmed = raw[cstart..].trim_end_matches(char::is_whitespace);
        (depth, cstart, cstart + trimmed.len())
    }

    proptest! {
        /// `markdown_link`, with the places of `)` and blanks remembered
        /// from one `[` to the next, reads every `[` of a line as the
        /// first searches did.
        #[test]
        fn links_are_read_as_by_search(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("["), Just("]"), Just("("), Just(")"), Just("]("), Just(" "),
                    Just("a"), Just("é"), Just("http://x"), Just("abcdefghij"),
                ],
                0..14,
            )
        ) {
            let line = parts.concat();
            let (mut parens, mut blanks) = (NextByte::new(b')'), NextByte::new(b' '));
            for (i, _) in line.match_indices('[') {
                prop_assert_eq!(
                    markdown_link(&line, i, &mut parens, &mut blanks),
                    link_by_find(&line[i..]),
                    "{:?} at {}", line, i
                );
            }
        }

        /// `NextByte` answers as a search from each place would, asked at
        /// places in any order.
        #[test]
        fn next_byte_is_a_search_from_each_place(
            hay in proptest::collection::vec(prop_oneof![Just(b')'), Just(b'a')], 0..40),
            starts in proptest::collection::vec(0usize..45, 0..12),
        ) {
            let mut next = NextByte::new(b')');
            for start in starts {
                let by_search = hay
                    .get(start..)
                    .and_then(|h| h.iter().position(|&b| b == b')'))
                    .map(|p| start + p);
                prop_assert_eq!(next.find(&hay, start), by_search);
            }
        }
    }

    /// A link's text takes at most 300 bytes.
    #[test]
    fn link_texts_up_to_300_bytes() {
        for n in [299, 300, 301] {
            let line = format!("[{}](http://x) [a]", "x".repeat(n));
            let (mut parens, mut blanks) = (NextByte::new(b')'), NextByte::new(b' '));
            let found = markdown_link(&line, 0, &mut parens, &mut blanks);
            assert_eq!(found, link_by_find(&line), "{n}");
            assert_eq!(found.is_some(), n <= 300, "{n}");
        }
    }

    use super::*;

    proptest! {
        /// The quick answers for rules, box edges and blank lines are the
        /// full readings' answers.
        #[test]
        fn quick_line_answers_are_the_full_ones(
            s in "([ |=*_\\-a7\t]|\u{1a6}|\u{b}|\u{a0}|\u{2003}|¦){0,8}"
        ) {
            prop_assert_eq!(is_rule(&s), is_rule_slowly(&s), "{:?}", s);
            prop_assert_eq!(without_box_edges(&s), without_box_edges_slowly(&s), "{:?}", s);
            let l = line(&s, 0, s.len());
            prop_assert_eq!(l.is_blank(), l.text().chars().all(char::is_whitespace), "{:?}", s);
        }
    }

    #[test]
    fn quick_line_answers_in_hand_picked_lines() {
        for s in ["\u{b}---", "\u{a0}***", " ===", "- - -", "abc", "", "\u{b}"] {
            assert_eq!(is_rule(s), is_rule_slowly(s), "{s:?}");
        }
        assert!(is_rule("\u{b}---"));
        // `Ʀ` ends with 0xA6, as `¦` does: the slow path, which keeps it.
        for s in ["a |", "a ¦", "a|", "| a |", "a\t", "abc", "", "a Ʀ"] {
            assert_eq!(without_box_edges(s), without_box_edges_slowly(s), "{s:?}");
        }
        assert_eq!(without_box_edges("Met groet, | |"), "Met groet,");
    }

    proptest! {
        /// The quick trims trim exactly what the standard ones trim: ASCII
        /// and Unicode blanks, the bytes `pred` matches and the ones next
        /// to them, at either end.
        #[test]
        fn the_quick_trims_are_the_standard_ones(
            s in "([ a\\t\\n\\x0b*é-]|\u{a0}|\u{2003}|\u{3000}){0,12}"
        ) {
            prop_assert_eq!(trim(&s), s.trim());
            let pred = |c: char| c == '-' || c == '*' || c.is_whitespace();
            prop_assert_eq!(trim_by(&s, pred), s.trim_matches(pred));
            let pred = |c: char| c == 'é';
            prop_assert_eq!(trim_by(&s, pred), s.trim_matches(pred));
        }

        /// The quick lower-casing is the standard one.
        #[test]
        fn the_quick_lowercase_is_the_standard_one(s in "([aZ@.-]|É|İ|Σ|ẞ){0,8}") {
            prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }

        /// Lower-casing on the stack is the standard lower-casing, for
        /// short and long texts.
        #[test]
        fn lowercase_on_the_stack_is_the_standard_one(
            s in "([aZ@.-]|É|Σ){0,8}",
            n in proptest::sample::select(vec![0usize, 100, 127, 128, 129, 300]),
        ) {
            let s = format!("{}{s}", "X".repeat(n));
            prop_assert_eq!(with_lowercase(&s, str::to_string), s.to_lowercase());
        }

        /// The quick one-sided trims trim what the standard ones trim.
        #[test]
        fn the_quick_one_sided_trims_are_the_standard_ones(
            s in "([ a\\t\\n\\x0b\\x0c\\r\\x1c*é-]|\u{a0}|\u{2003}|\u{3000}){0,8}"
        ) {
            prop_assert_eq!(trim_start(&s), s.trim_start());
            prop_assert_eq!(trim_end(&s), s.trim_end());
        }

        /// The quick suffix trim trims what the standard one trims: the
        /// suffix as often as it ends the text, and nothing else.
        #[test]
        fn the_quick_suffix_trim_is_the_standard_one(
            s in "(mailto:|mai|to:|é|x| ){0,6}",
            suffix in "(mailto:|to:|:|é|)",
        ) {
            prop_assert_eq!(trim_end_str(&s, &suffix), s.trim_end_matches(suffix.as_str()));
        }

        /// The digit count counts every ASCII digit, up to its bound, in
        /// any chunk and in the padded last one.
        #[test]
        fn digits_are_counted_up_to_the_bound(s in "([0-9a /:]|é|٣){0,40}", most in 1u32..4) {
            let n = u32::try_from(s.bytes().filter(u8::is_ascii_digit).count()).unwrap_or(u32::MAX);
            prop_assert_eq!(ascii_digits_up_to(&s, most), n.min(most));
            prop_assert_eq!(has_ascii_digit(&s), n > 0);
        }

        /// An `@` or an ASCII digit is found wherever it stands, in and
        /// past the chunks (`٣` is a digit outside ASCII, `/` and `:` the
        /// bytes around the digits, `?` and `A` those around `@`).
        #[test]
        fn addresses_and_digits_are_found_where_they_stand(s in "([a /:?A@]|[0-9]|é|٣){0,40}") {
            let plain = s.contains('@') || s.bytes().any(|b| b.is_ascii_digit());
            prop_assert_eq!(has_at_or_ascii_digit(&s), plain);
        }

        /// The first byte that may need cleaning, wherever it stands.
        #[test]
        fn cleaning_starts_are_found_where_they_stand(
            s in "([a *\\\\\\[<\t#_é]|\u{a0}|\u{200b}|\u{feff}){0,40}"
        ) {
            let want = s.bytes().position(|b| CLEANING_STARTS.contains(&b));
            prop_assert_eq!(cleaning_start(s.as_bytes()), want);
        }

        /// The quick path of `line` (a line that opens with a letter or a
        /// digit and ends with a visible ASCII byte) finds the quote depth
        /// and the content that the full reading finds.
        #[test]
        fn quick_lines_are_read_as_the_full_reading_reads_them(
            s in "([ aZ7>\\t*é!~]|\u{a0}|\u{2003}|\u{7f}){1,10}"
        ) {
            let l = line(&s, 0, s.len());
            prop_assert_eq!((l.depth(), l.content.start, l.content.end), content_bounds(&s));
        }

        /// Quote markers and blanks read byte by byte give the depth and
        /// the content that reading by characters gives, with every kind
        /// of blank, the bytes around the no-break space (`Â` is 0xC3,
        /// `ª` 0xC2 0xAA) and the vertical tab.
        #[test]
        fn content_bounds_read_by_bytes_as_by_characters(
            s in "([ >\t\n\x0b\x0c\rA*é]|\u{a0}|\u{aa}|\u{c2}|\u{2003}|\u{3000}|\u{85}){0,12}"
        ) {
            prop_assert_eq!(content_bounds(&s), content_bounds_by_chars(&s));
        }
    }

    fn check(input: &str, expected: &str) {
        assert_eq!(clean(input), expected, "{input:?}");
    }

    #[test]
    fn markdown_is_undone() {
        check("**Van:** Jan", "Van: Jan");
        check("*Van:* Jan", "Van: Jan");
        check("__Van:__ Jan", "Van: Jan");
        check("*Nationaal Coördinator*", "Nationaal Coördinator");
        check("\\[REDACTED\\] a\\_b", "[REDACTED] a_b");
        check("[www.x.nl](http://www.x.nl)", "www.x.nl");
        check("[a@b.nl](mailto:a@b.nl)", "a@b.nl");
        check("[site](http://x.nl/page)", "site (http://x.nl/page)");
        check("via: <https://x.nl/a>", "via: https://x.nl/a");
        check("Jan <jan@x.nl>", "Jan <jan@x.nl>");
        check("* bullet", "* bullet");
        check("naam ***** weg", "naam ***** weg");
        check("De\u{a0}: Jean", "De : Jean");
        check("From:\tJohn", "From: John");
        check("## Kop", "Kop");
        check("[REDACTED]@minjenv.nl>", "[REDACTED]@minjenv.nl>");
        check("john_doe@x.com", "john_doe@x.com");
    }

    #[test]
    fn lines_keep_spans_and_count_quotes() {
        let text = "a\r\n> > b  \n\n---\n> \n";
        let ls = lines(text);
        assert_eq!(ls.len(), 5);
        assert_eq!(ls[0].span, Span::new(0, 1));
        assert_eq!(ls[1].depth(), 2);
        assert_eq!(&text[ls[1].content.start..ls[1].content.end], "b");
        assert!(ls[2].is_blank());
        assert!(ls[3].furniture);
        assert_eq!(ls[4].depth(), 1);
        assert!(ls[4].is_blank());
        let under = "_".repeat(32);
        assert!(lines(&under)[0].underscores);
        assert!(!lines(&under)[0].furniture);
    }

    #[test]
    fn ocr_box_edges_are_dropped() {
        let texts = |input: &str| -> Vec<String> {
            lines(input).iter().map(|l| l.text.to_string()).collect()
        };
        assert_eq!(
            texts("Onderwerp: Re: Afspraak |\nMet vriendelijke groet, | |\n|\n| |\nVan: » ¦"),
            [
                "Onderwerp: Re: Afspraak",
                "Met vriendelijke groet,",
                "",
                "",
                "Van: »"
            ]
        );
        // A table row keeps its pipes; a pipe inside words stays.
        assert_eq!(
            texts("| a | b |\nx|y\nls -l | wc"),
            ["| a | b |", "x|y", "ls -l | wc"]
        );
    }

    #[test]
    fn sentences() {
        assert!(!ends_sentence("het delen en"));
        assert!(ends_sentence("klaar."));
        assert!(continues_sentence("afschermen van"));
        assert!(!continues_sentence("Afschermen"));
    }
}
