//! Header fields: a [`Block`] in, typed header values out.
//!
//! Turns a block's label values into parties (`address`), a timestamp
//! (`date`), a subject and case numbers (`subject`), splits `X namens Y` /
//! `X on behalf of Y` into sender X and author Y, and reads attribution
//! lines (`On … wrote:`) into an author and a date. It also records, for
//! every field, the byte range it covers, so that a redaction can say which
//! field it stands in.

use std::sync::LazyLock;

use regex::Regex;

use crate::address;
use crate::date::{self, Order};
use crate::lang::{self, HeaderField, LANGS};
use crate::model::{Diagnostic, DiagnosticKind, Field, Party, Span, Timestamp};
use crate::split::{self, Block, BlockKind};
use crate::subject;
use crate::text::Line;

/// `namens`, `on behalf of`, `im Auftrag von`, ... from the tables.
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = LANGS
        .iter()
        .flat_map(|l| l.on_behalf.iter().copied())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alt = words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>();
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(&format!(r"(?i)(?:^|\s)({})(?:\s|$)", alt.join("|"))).expect("valid regex")
});

/// The words of an attribution line that are neither its name nor its
/// date: the words of every language's starts (`il giorno`), fillers
/// (`het volgende`) and verbs, and a dash.
static NOISE_WORDS: LazyLock<lang::Set<&'static str>> = LazyLock::new(|| {
    LANGS
        .iter()
        .flat_map(|l| {
            l.attribution_starts
                .iter()
                .chain(l.attribution_fillers)
                .chain(l.attribution_verbs)
        })
        .flat_map(|phrase| phrase.split(' '))
        .chain(["-"])
        .collect()
});

/// What a block says about its message.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub from: Option<Party>,
    pub sender: Option<Party>,
    pub to: Vec<Party>,
    pub cc: Vec<Party>,
    pub bcc: Vec<Party>,
    pub sent: Option<Timestamp>,
    pub sent_raw: Option<String>,
    /// The sent date was numeric and its order came from the language.
    pub ambiguous_date: bool,
    pub subject: Option<String>,
    pub normalized_subject: Option<String>,
    pub case_numbers: Vec<String>,
    /// Byte ranges of the fields, for placing redactions.
    pub regions: Vec<(Span, Field)>,
}

/// Options the header stage reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeaderOptions {
    pub default_year: Option<i32>,
    pub order: Option<Order>,
}

/// What the header stage works out of one field of a header block ahead
/// of [`read`]: a group of documents runs each parser (dates, address
/// lists) over all its blocks in turn, so that the parser's code stays in
/// the instruction cache, and [`read`] takes the results as it comes to
/// each field. Each is a pure function of the field (its value, and for
/// a date the block's language and the parser's options), so a field read
/// with it reads as one read without it.
#[derive(Debug, Default)]
pub(crate) struct Ahead {
    /// A `Date:` field's date, as [`read`] would parse it (`None` inside:
    /// empty or unreadable).
    date: Option<Option<date::Parsed>>,
    /// A field of parties: its value's OCR repair or damaged domain, and
    /// for a list (`To:`, `Cc:`, `Bcc:`) its parties.
    parties: Option<Parties>,
}

/// What [`read_field`] makes of a field of parties before reading it.
#[derive(Debug, Default)]
struct Parties {
    /// OCR damage repaired or seen in an address.
    ocr: bool,
    /// The parties of a list (`To:`, `Cc:`, `Bcc:`); empty for others.
    list: Vec<Party>,
}

impl Parties {
    fn of(field: HeaderField, value: &str) -> Parties {
        // Repaired once, for the diagnostic and for the list.
        let repaired = address::repair_ocr(value);
        let ocr = repaired.is_some() || address::has_ocr_tld(value);
        let list = match field {
            HeaderField::To | HeaderField::Cc | HeaderField::Bcc => {
                address::parse_repaired_list(repaired.as_deref().unwrap_or(value))
            }
            _ => Vec::new(),
        };
        Parties { ocr, list }
    }
}

/// The fields of `block` that [`read`] reads one by one (those of a
/// header block), for which [`dates`] and [`parties`] work ahead.
pub(crate) fn fields_ahead(block: &Block) -> usize {
    if block.kind == BlockKind::Header {
        block.fields.len()
    } else {
        0
    }
}

/// Adds an entry to `ahead` for each of the fields of `block` that
/// [`read`] reads one by one, with the date of a `Date:` field.
pub(crate) fn dates(block: &Block, opts: HeaderOptions, ahead: &mut Vec<Ahead>) {
    if block.kind != BlockKind::Header {
        return;
    }
    let order = block_order(block, opts);
    for f in &block.fields {
        let date = (f.field == HeaderField::Date).then(|| {
            let raw = f.value.trim();
            if raw.is_empty() {
                None
            } else {
                date::parse(raw, order, opts.default_year)
            }
        });
        ahead.push(Ahead {
            date,
            parties: None,
        });
    }
}

/// Fills in the parties of the fields of `block` in `ahead` (the entries
/// [`dates`] added for it).
pub(crate) fn parties(block: &Block, ahead: &mut [Ahead]) {
    if block.kind != BlockKind::Header {
        return;
    }
    for (f, a) in block.fields.iter().zip(ahead) {
        if f.field.holds_parties() {
            a.parties = Some(Parties::of(f.field, &f.value));
        }
    }
}

/// The order of a block's numeric dates: the caller's, else its language's.
fn block_order(block: &Block, opts: HeaderOptions) -> Order {
    let lang = block.lang.and_then(lang::lang);
    opts.order.unwrap_or(match lang {
        Some(l) if !l.day_first => Order::MonthFirst,
        _ => Order::DayFirst,
    })
}

/// Reads a block. `ahead` gives what [`dates`] and [`parties`] worked
/// out for its fields, in order, if they were asked (one entry for each
/// of its [`fields_ahead`]); what it does not give is worked out here.
pub(crate) fn read(
    text: &str,
    lines: &[Line<'_>],
    block: &Block,
    opts: HeaderOptions,
    ahead: &mut impl Iterator<Item = Ahead>,
    diags: &mut Vec<Diagnostic>,
) -> Header {
    // Indexing: `block` comes from `split::blocks` on these `lines`, which
    // makes every block and every field of it a non-empty line range
    // (`start < end <= lines.len()`, `first < end`), so `end - 1` and every
    // line index below is in bounds.
    for f in &block.fields {
        // A label the splitter found as written needs no second look.
        let repaired = if f.label_as_written {
            debug_assert!(split::repaired_label(lines[f.first].text()).is_none());
            None
        } else {
            split::repaired_label(lines[f.first].text())
        };
        if let Some((raw, label)) = repaired {
            diags.push(Diagnostic {
                kind: DiagnosticKind::RepairedLabel,
                message: format!("the label {raw:?} was read as {label:?} (OCR damage)"),
                span: Some(lines[f.first].content),
            });
        } else if let Some(repair) = f.repair {
            let first = lines[f.first].text();
            let message = match repair {
                split::LabelRepair::Colonless => {
                    format!("{first:?} was read as a label without its colon (OCR damage)")
                }
                split::LabelRepair::Split => {
                    let next = lines.get(f.first + 1).map_or("", |l| l.text());
                    format!(
                        "the label split over two lines {first:?} / {next:?} was read as one (OCR damage)"
                    )
                }
            };
            diags.push(Diagnostic {
                kind: DiagnosticKind::RepairedLabel,
                message,
                span: Some(lines[f.first].content),
            });
        }
    }
    let mut h = Header::default();
    let order = block_order(block, opts);
    let block_span = Span::new(lines[block.start].span.start, lines[block.end - 1].span.end);
    match block.kind {
        BlockKind::Header => {
            if let Some(sep) = lines.get(block.start) {
                if block.fields.first().is_none_or(|f| f.first != block.start) {
                    h.regions.push((sep.span, Field::Header));
                }
            }
            for f in &block.fields {
                let span = Span::new(lines[f.first].span.start, lines[f.end - 1].span.end);
                let a = ahead.next().unwrap_or_default();
                let value = &f.value;
                read_field(text, span, f.field, value, order, opts, a, &mut h, diags);
            }
            if h.from.is_none() && h.sender.is_none() {
                diags.push(Diagnostic {
                    kind: DiagnosticKind::MissingSender,
                    message: "header block without a sender".to_string(),
                    span: Some(block_span),
                });
            }
            if h.sent_raw.is_none() {
                diags.push(Diagnostic {
                    kind: DiagnosticKind::MissingDate,
                    message: "header block without a date".to_string(),
                    span: Some(block_span),
                });
            }
        }
        BlockKind::Attribution => {
            h.regions.push((block_span, Field::From));
            if let Some(a) = &block.attribution {
                read_attribution(a, order, opts, &mut h, block_span, diags);
            }
        }
        BlockKind::Separator => {
            h.regions.push((block_span, Field::Header));
            // `----- Forwarded by Sally Beck/HOU/ECT on 12/14/2000 11:25 AM -----`
            // with no header after it: the forwarder and the time.
            let joined: Vec<&str> = (block.start..block.end)
                .map(|k| lines[k].text().trim())
                .collect();
            let core = joined.join(" ");
            let core = core.trim_matches(|c: char| c == '-' || c.is_whitespace());
            // `Forwarded by ` in any case, then the name and date as
            // written (lower-casing the whole line first would move the
            // cut: `ẞ` and `İ` change byte length).
            let rest = core
                .get(..13)
                .filter(|p| p.eq_ignore_ascii_case("forwarded by "))
                .and_then(|_| core.get(13..));
            if let Some(rest) = rest {
                if let Some((name, date)) = crate::split::name_on_date(rest) {
                    h.from = address::parse_party(name);
                    let date = date.to_string();
                    read_field(
                        text,
                        block_span,
                        HeaderField::Date,
                        &date,
                        order,
                        opts,
                        Ahead::default(),
                        &mut h,
                        diags,
                    );
                }
            }
        }
    }
    h
}

/// Reads one field into `h`, with what was worked out of it `ahead`.
#[allow(clippy::too_many_arguments)]
fn read_field(
    text: &str,
    span: Span,
    field: HeaderField,
    value: &str,
    order: Order,
    opts: HeaderOptions,
    ahead: Ahead,
    h: &mut Header,
    diags: &mut Vec<Diagnostic>,
) {
    let parties = if field.holds_parties() {
        ahead.parties.unwrap_or_else(|| Parties::of(field, value))
    } else {
        Parties::default()
    };
    if parties.ocr {
        diags.push(Diagnostic {
            kind: DiagnosticKind::MalformedAddress,
            message: format!(
                "{value:?}: OCR damage in an address repaired (`.corn` as `.com`, `@rivm. ni` as `@rivm.nl`, `imailto:` as `[mailto:`)"
            ),
            span: Some(span),
        });
    }
    match field {
        HeaderField::From => {
            match ON_BEHALF.captures(value) {
                Some(c) => {
                    // OK because group 1 is not optional in ON_BEHALF, and
                    // its bounds come from a match on `value`, so they are
                    // char boundaries of it.
                    let m = c.get(1).expect("group 1");
                    h.sender = address::parse_party(&value[..m.start()]);
                    h.from = address::parse_party(&value[m.end()..]);
                    // The same split in the text as read.
                    // OK because `span` runs from the start of a line to the
                    // end of a line (before its `\r\n` or `\n`) of the lines
                    // `text` was split into: char boundaries in `text`.
                    let raw = &text[span.start..span.end];
                    match ON_BEHALF.captures(raw).and_then(|c| c.get(1)) {
                        Some(r) => {
                            h.regions.push((
                                Span::new(span.start, span.start + r.start()),
                                Field::Sender,
                            ));
                            h.regions
                                .push((Span::new(span.start + r.start(), span.end), Field::From));
                        }
                        None => h.regions.push((span, Field::From)),
                    }
                }
                None => {
                    // Lotus Notes: `From: Stephanie E Taylor on 11/17/2000 10:21 AM`.
                    let lotus = crate::split::name_on_date(value.trim());
                    let name = lotus.map_or(value, |(name, _)| name);
                    h.from = address::parse_list(name).into_iter().next();
                    h.regions.push((span, Field::From));
                    if let Some((_, date)) = lotus {
                        if h.sent_raw.is_none() {
                            read_field(
                                text,
                                span,
                                HeaderField::Date,
                                date,
                                order,
                                opts,
                                Ahead::default(),
                                h,
                                diags,
                            );
                            h.regions.pop();
                        }
                    }
                }
            }
            if !value.trim().is_empty() && h.from.is_none() {
                diags.push(Diagnostic {
                    kind: DiagnosticKind::MalformedAddress,
                    message: format!("sender {value:?} holds no name or address"),
                    span: Some(span),
                });
            }
        }
        HeaderField::Date => {
            h.regions.push((span, Field::Sent));
            let raw = value.trim();
            if raw.is_empty() {
                return;
            }
            h.sent_raw = Some(raw.to_string());
            let parsed = ahead
                .date
                .unwrap_or_else(|| date::parse(raw, order, opts.default_year));
            match parsed {
                Some(p) => {
                    h.sent = Some(p.timestamp);
                    h.ambiguous_date = p.ambiguous;
                }
                None => diags.push(Diagnostic {
                    kind: DiagnosticKind::UnparsedDate,
                    message: format!("date {raw:?} could not be read"),
                    span: Some(span),
                }),
            }
        }
        HeaderField::To => {
            h.to = parties.list;
            h.regions.push((span, Field::To));
        }
        HeaderField::Cc => {
            h.cc = parties.list;
            h.regions.push((span, Field::Cc));
        }
        HeaderField::Bcc => {
            h.bcc = parties.list;
            h.regions.push((span, Field::Bcc));
        }
        HeaderField::Subject => {
            let s = value.trim();
            h.regions.push((span, Field::Subject));
            if s.is_empty() {
                return;
            }
            h.subject = Some(s.to_string());
            h.normalized_subject = Some(subject::normalize(s));
            h.case_numbers = subject::case_numbers(s);
        }
        HeaderField::Sender => {
            h.sender = address::parse_party(value);
            h.regions.push((span, Field::Sender));
        }
        HeaderField::ReplyTo | HeaderField::Attachments | HeaderField::Importance => {
            h.regions.push((span, Field::Header));
        }
    }
}

/// Reads `On Fri, Feb 24, 2012 at 10:19 AM, John <j@x.com> wrote:` into
/// an author and a date, whatever the order of the parts.
fn read_attribution(
    a: &str,
    order: Order,
    opts: HeaderOptions,
    h: &mut Header,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    // The ideographic comma separates date and name (`18:05、佐藤花子`).
    let body = a.trim().trim_end_matches([':', '：']).trim();
    let spaced;
    let body = if body.contains('、') {
        spaced = body.replace('、', ", ");
        spaced.as_str()
    } else {
        body
    };
    // Drop the start word and the verb with its fillers.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for w in body.split_whitespace() {
        // The word's place in `body`: only blanks stand between `pos` and
        // the word, so the first match from `pos` on is the word itself.
        // Skip blanks to it rather than build a substring searcher.
        // OK because `pos` is 0 or the end of the previous word, a char
        // boundary of `body`.
        let at = pos + body[pos..].len() - body[pos..].trim_start().len();
        words.push((at, w));
        pos = at + w.len();
    }
    let is_noise = |w: &str| {
        crate::text::with_lowercase(w, |l| {
            NOISE_WORDS.contains(l.trim_matches(|c: char| c == ',' || c == '"'))
        })
    };
    // Date-like words: a digit, or a word from the date tables.
    let date_like = |w: &str| {
        crate::text::with_lowercase(w, |l| {
            let l = l.trim_matches(|c: char| matches!(c, ',' | '[' | ']'));
            // `(금)`, `(Tue)`; not `à(s)`.
            let l = l
                .strip_prefix('(')
                .and_then(|x| x.strip_suffix(')'))
                .unwrap_or(l);
            !l.contains('@') && (l.bytes().any(|b| b.is_ascii_digit()) || date::is_date_word(l))
        })
    };
    // Which words are date-like, asked once each: the runs below ask again.
    let dated: Vec<bool> = words.iter().map(|w| date_like(w.1)).collect();
    // The longest run of date-like words that holds a digit.
    // Indexing: `k < words.len()` by the loop conditions (`dated` has one
    // entry per word); `s` is a `k` where `words[s]` is date-like, so the
    // backing-off stops at `e >= s + 1`, and `s < e <= words.len()`:
    // `e - 1`, `e - s`, `be - bs` and `words[s..e]` are all in range.
    let mut best: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < words.len() {
        if dated[k] {
            let s = k;
            // Every form names its month and weekday before the clock: a
            // month's name after it is the sender's (`11:59, Marco Rossi`,
            // `10:04 AM, June Carter`).
            let mut clock = false;
            while k < words.len()
                && (dated[k] || is_filler_in_date(words[k].1))
                && !(clock && date::names_month_or_weekday(words[k].1))
            {
                clock |= date::is_clock(words[k].1);
                k += 1;
            }
            let mut e = k;
            while e > s && is_filler_in_date(words[e - 1].1) && !dated[e - 1] {
                e -= 1;
            }
            let has_digit = words[s..e]
                .iter()
                .any(|w| w.1.bytes().any(|b| b.is_ascii_digit()));
            if has_digit && best.is_none_or(|(bs, be)| e - s > be - bs) {
                best = Some((s, e));
            }
        } else {
            k += 1;
        }
    }
    // The start word is no part of the date (`On 2012-10-16 at 17:02`).
    let best = best.map(|(mut s, e)| {
        while s + 1 < e && is_noise(words[s].1) && !words[s].1.bytes().any(|b| b.is_ascii_digit()) {
            s += 1;
        }
        (s, e)
    });
    let mut name_words = Vec::new();
    if let Some((s, e)) = best {
        let from = words[s].0;
        let to = words[e - 1].0 + words[e - 1].1.len();
        // OK because `from` is the start of one word of `body` and `to` the
        // end of the same or a later one: char boundaries, `from <= to`.
        let raw = body[from..to].trim_end_matches(',').trim();
        h.sent_raw = Some(raw.to_string());
        match date::parse(raw, order, opts.default_year) {
            Some(p) => {
                h.sent = Some(p.timestamp);
                h.ambiguous_date = p.ambiguous;
            }
            None => diags.push(Diagnostic {
                kind: DiagnosticKind::UnparsedDate,
                message: format!("date {raw:?} in an attribution line could not be read"),
                span: Some(span),
            }),
        }
        for (idx, w) in words.iter().enumerate() {
            if idx < s || idx >= e {
                name_words.push(w.1);
            }
        }
    } else {
        name_words.extend(words.iter().map(|w| w.1));
    }
    let name: Vec<&str> = name_words.into_iter().filter(|w| !is_noise(w)).collect();
    let party_text = name.join(" ");
    h.from = address::parse_party(party_text.trim().trim_matches(',').trim());
}

/// Words that may sit inside a date run without being date words: `,`,
/// `-`, `at`.
fn is_filler_in_date(w: &str) -> bool {
    matches!(w, "," | "-" | "–") || w.chars().all(|c| c.is_ascii_punctuation())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(a: &str, order: Order) -> (String, String) {
        let mut h = Header::default();
        let mut d = Vec::new();
        let opts = HeaderOptions {
            default_year: None,
            order: None,
        };
        read_attribution(a, order, opts, &mut h, Span::default(), &mut d);
        let from = h
            .from
            .map(|p| {
                format!(
                    "{}|{}",
                    p.name.unwrap_or_default(),
                    p.address.unwrap_or_default()
                )
            })
            .unwrap_or_default();
        (from, h.sent.map(|s| s.to_string()).unwrap_or_default())
    }

    #[test]
    fn attribution_lines() {
        assert_eq!(
            attribution(
                "On Fri, Feb 24, 2012 at 10:19 AM, <examples@email.goalengine.com> wrote:",
                Order::MonthFirst
            ),
            (
                "|examples@email.goalengine.com".into(),
                "2012-02-24T10:19:00".into()
            )
        );
        assert_eq!(
            attribution(
                "Op wo 27 nov. 2019 om 08:12 schreef Geert Uytterhoeven <geert@linux-m68k.org>:",
                Order::DayFirst
            ),
            (
                "Geert Uytterhoeven|geert@linux-m68k.org".into(),
                "2019-11-27T08:12:00".into()
            )
        );
        assert_eq!(
            attribution(
                "Am Mo., 6. Jan. 2020 um 12:22 Uhr schrieb Lucas Stach <l.stach@pengutronix.de>:",
                Order::DayFirst
            ),
            (
                "Lucas Stach|l.stach@pengutronix.de".into(),
                "2020-01-06T12:22:00".into()
            )
        );
        assert_eq!(
            attribution(
                "John Doe <john.doe@acme.com> skrev følgende den 28/10/2021, 12:46:",
                Order::DayFirst
            ),
            (
                "John Doe|john.doe@acme.com".into(),
                "2021-10-28T12:46:00".into()
            )
        );
        assert_eq!(
            attribution("Op 6 apr. 2020, om 04:02 heeft Rosen Penev <rosenp@gmail.com> het volgende geschreven:", Order::DayFirst),
            ("Rosen Penev|rosenp@gmail.com".into(), "2020-04-06T04:02:00".into())
        );
        assert_eq!(
            attribution(
                "Le 04/03/2020 à 22:28, Walter Harms a écrit :",
                Order::DayFirst
            ),
            ("Walter Harms|".into(), "2020-03-04T22:28:00".into())
        );
    }

    #[test]
    fn forwarded_by_with_a_name_that_changes_length_when_lower_cased() {
        // `ẞ` lower-cases to a shorter `ß`, `İ` to a longer `i` and a dot:
        // the name must come out whole, and nothing may panic.
        for (t, name) in [
            (
                "----- Forwarded by ẞé on 10/09/2000 02:16 PM -----\n\nBody text\n",
                "ẞé",
            ),
            (
                "----- Forwarded by İİİİİİİİİİİİİİİİ on 10/09/2000 02:16 PM -----\n\nBody\n",
                "İİİİİİİİİİİİİİİİ",
            ),
        ] {
            let ls = crate::text::lines(t);
            let blocks = crate::split::blocks(&ls);
            let opts = HeaderOptions {
                default_year: None,
                order: None,
            };
            assert_eq!(blocks.len(), 1, "{t}");
            let h = read(
                t,
                &ls,
                &blocks[0],
                opts,
                &mut std::iter::empty(),
                &mut Vec::new(),
            );
            assert_eq!(h.from.and_then(|p| p.name).as_deref(), Some(name), "{t}");
            assert_eq!(
                h.sent.map(|s| s.to_string()).as_deref(),
                Some("2000-10-09T14:16:00")
            );
        }
    }

    #[test]
    fn fields_worked_out_ahead_read_as_fields_worked_out_in_place() {
        // A block whose date does not read and whose `To:` has OCR damage,
        // one whose date and list read, and a Lotus sender with a date of
        // its own (read in place, not ahead).
        let text = "Van: Jan <jan@x.nl>\nVerzonden: gisteren na de lunch\nAan: Piet <piet@minjenv.corn>\n\nTekst.\n\nVan: Piet <piet@x.nl>\nDatum: 03-04-2020 10:15\nAan: Jan <jan@x.nl>, Kees <kees@x.nl>\nOnderwerp: Stuk [23.0003747]\n\nTekst.\n\n\nFrom: Stephanie E Taylor on 11/17/2000 10:21 AM\nTo: Bob <bob@x.com>\nSubject: Re: plan\n\nOk.\n";
        let lines = crate::text::lines(text);
        let blocks = split::blocks(&lines);
        assert_eq!(blocks.len(), 3);
        let opts = HeaderOptions {
            default_year: None,
            order: None,
        };
        let worked_out = || {
            let mut ahead = Vec::new();
            for b in &blocks {
                let at = ahead.len();
                dates(b, opts, &mut ahead);
                parties(b, &mut ahead[at..]);
            }
            ahead
        };
        let ahead = worked_out();
        assert_eq!(ahead.len(), 10);
        let shown = |h: &Header| format!("{:?} {:?} {:?} {:?}", h.sent, h.sent_raw, h.from, h.to);
        let mut given = worked_out().into_iter();
        let mut sent = Vec::new();
        let mut to = Vec::new();
        for b in &blocks {
            let (mut d1, mut d2) = (Vec::new(), Vec::new());
            let with = read(text, &lines, b, opts, &mut given, &mut d1);
            let alone = read(text, &lines, b, opts, &mut std::iter::empty(), &mut d2);
            assert_eq!(shown(&with), shown(&alone));
            assert_eq!(format!("{d1:?}"), format!("{d2:?}"));
            sent.push(with.sent.map(|t| t.to_string()));
            to.push(with.to.len());
        }
        assert!(given.next().is_none());
        assert_eq!(
            sent,
            [
                None,
                Some("2020-04-03T10:15:00".to_string()),
                Some("2000-11-17T10:21:00".to_string())
            ]
        );
        assert_eq!(to, [1, 2, 1]);
        // What is given is what is used: the first block read with the
        // second block's work shows it.
        let mut misled = worked_out().into_iter().skip(3);
        let h = read(text, &lines, &blocks[0], opts, &mut misled, &mut Vec::new());
        assert_eq!(
            h.sent.map(|t| t.to_string()).as_deref(),
            Some("2020-04-03T10:15:00")
        );
        assert_eq!(h.to.len(), 2);
    }
}
