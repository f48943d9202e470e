//! The model stage: lines, blocks, header fields and zones in, a
//! [`Document`] out.
//!
//! Cuts the text into messages at the blocks `split` found, asks `header`
//! for each block's fields and `body` for each message's zones, then places
//! every redaction in its message and field, collects case numbers,
//! disclaimers and furniture, and settles ambiguous numeric dates by the
//! other dates of the document.

use std::sync::LazyLock;

use regex::Regex;

use crate::body;
use crate::date::{self, Order};
use crate::header::{self, Header, HeaderOptions};
use crate::model::{
    Attachment, Block, Boundary, Diagnostic, DiagnosticKind, Document, Field, Message, Party,
    Redaction, Release, Source, Span, Summary, Timestamp,
};
use crate::parser::Parser;
use crate::redact;
use crate::split::{self, BlockKind};
use crate::subject;
use crate::text::{self, Line};

/// Page furniture, one alternative per kind:
/// - page counters: `Pagina 3 van 12`, `Page 3 of 12`, `Seite 3 von 12`,
///   `- 3 -`, `3/12`;
/// - document stamps: `Doc 23`, `Docnr 143`, `Documentnummer 12`, a bare
///   number of 3 to 7 digits (`5318`);
/// - the State Department page header and footer (`UNCLASSIFIED U.S.
///   Department of State Case No. F-2014-20439 Doc No. C05739545 Date:
///   05/13/2015`, `STATE DEPT. - PRODUCED TO HOUSE SELECT BENGHAZI COMM.`)
///   and release stamps (`RELEASE IN PART B6`, `RELEASE IN FULL`);
/// - a lone bullet or mark left by OCR (`•`).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
        // OK because the pattern is built from constants: every test run compiles it.
        (?:pagina|page|seite|página|sida|side|sivu|strona|strana)\s+\d{1,4}(?:\s*(?:van|of|von|de|di|av|af|/|z|ze)\s*\d{1,4})?
        | -\s?\d{1,4}\s?-
        | \d{1,4}\s*/\s*\d{1,4}
        | (?:doc(?:nr|ument(?:nummer|nr)?)?\.?|docnr\.?)\s*:?\s*\d{1,7}
        | \d{3,7}
        | (?:unclassified\s+)?u\.s\.\s+department\s+of\s+state\s+case\s+no\..*
        | unclassified(?:\s+state\s+dept\..*)?
        | state\s+dept\.\s+-\s+produced\s+to\s+house\s+select\s+benghazi\s+comm\.?
        | release\s+in\s+(?:part|full)(?:\s+b\d(?:\s*,\s*b\d)*)?
        | [•·■▪*]
        )$",
    )
    .expect("valid regex")
});

/// The State Department page header: case number, document number, date.
static STATE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"Case\s+No\.\s*(F-\d{4}-\d+)\s+Doc\s+No\.\s*(C\d+)\s+Date:\s*(\d{2}/\d{2}/\d{4})")
        .expect("valid regex")
});

/// A release stamp with its grounds: `RELEASE IN PART B1,B5,B6`.
static RELEASE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)RELEASE\s+IN\s+(PART|FULL)((?:[\s,]+B\d)*)").expect("valid regex")
});

/// Whether a line is page furniture.
fn is_furniture(line: &Line<'_>) -> bool {
    line.furniture || (line.text.len() <= 140 && FURNITURE.is_match(line.text.trim()))
}

/// Release metadata from the page furniture of a FOIA release.
fn release(text: &str, lines: &[Line<'_>]) -> Option<Release> {
    let mut r = Release::default();
    let mut found = false;
    if let Some(c) = STATE_HEADER.captures(text) {
        r.case_number = Some(c[1].to_string());
        r.document_number = Some(c[2].to_string());
        r.date = chrono::NaiveDate::parse_from_str(&c[3], "%m/%d/%Y").ok();
        found = true;
    }
    // The stamp, possibly split by OCR over lines: `RELEASE IN PART` then
    // `B6` on the next line(s).
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = RELEASE_STAMP.captures(&l.text) else {
            continue;
        };
        found = true;
        if r.decision.is_none() {
            r.decision = Some(format!("RELEASE IN {}", c[1].to_uppercase()));
        }
        let mut codes: Vec<String> = c[2]
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|x| !x.is_empty())
            .map(str::to_uppercase)
            .collect();
        if codes.is_empty() && c[1].eq_ignore_ascii_case("part") {
            for next in lines.iter().skip(i + 1).take(3) {
                let t = next.text.trim();
                if t.is_empty() {
                    continue;
                }
                let parts: Vec<&str> = t.split([',', ' ']).filter(|x| !x.is_empty()).collect();
                if parts
                    .iter()
                    .all(|p| p.len() == 2 && p.starts_with(['B', 'b']))
                {
                    codes.extend(parts.iter().map(|p| p.to_uppercase()));
                }
                break;
            }
        }
        for code in codes {
            if !r.grounds.contains(&code) {
                r.grounds.push(code);
            }
        }
    }
    found.then_some(r)
}

/// One message under construction: its block (if any), its lines and what
/// the stages found.
struct Draft {
    block: Option<usize>,
    /// Lines `start..end` of the message's segment.
    start: usize,
    end: usize,
    header: Header,
    zones: body::Zones,
}

/// The RFC 5322 headers of an email, for its outermost message.
#[derive(Debug, Default)]
pub(crate) struct Envelope {
    pub from: Option<Party>,
    pub sender: Option<Party>,
    pub to: Vec<Party>,
    pub cc: Vec<Party>,
    pub bcc: Vec<Party>,
    pub sent: Option<Timestamp>,
    pub sent_raw: Option<String>,
    pub subject: Option<String>,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub attachments: Vec<Attachment>,
}

/// Parses a document's text; `envelope` holds the headers of an email,
/// which make the text before the first block its outermost message.
pub(crate) fn parse(
    parser: &Parser,
    text: &str,
    source: Source,
    envelope: Option<Envelope>,
) -> Document {
    let mut lines = text::lines(text);
    for l in lines.iter_mut() {
        l.furniture = is_furniture(l);
    }
    let mut blocks = split::blocks(&lines);
    let mut diags: Vec<Diagnostic> = Vec::new();
    if let Some(deep) = blocks
        .iter()
        .find(|b| lines[b.start].depth > parser.max_quote_depth)
    {
        diags.push(Diagnostic {
            kind: DiagnosticKind::LimitReached,
            message: format!(
                "quoting deeper than {} levels: its header blocks are read as text",
                parser.max_quote_depth
            ),
            span: Some(lines[deep.start].span),
        });
        blocks.retain(|b| lines[b.start].depth <= parser.max_quote_depth);
    }
    let hopts = HeaderOptions {
        default_year: parser.default_year,
        order: parser.order,
    };

    // Segments: text before the first block, then one per block.
    let first_block_line = blocks.first().map_or(lines.len(), |b| b.start);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut preamble: Option<(usize, usize)> = None;
    let authored = (0..first_block_line).any(|i| {
        let l = &lines[i];
        !l.is_blank() && !is_furniture(l) && !redact::is_only_markers(&l.text)
    });
    if authored || envelope.is_some() {
        let zones = body::zones(&lines, 0, first_block_line);
        drafts.push(Draft {
            block: None,
            start: 0,
            end: first_block_line,
            header: Header::default(),
            zones,
        });
    } else {
        let content: Vec<usize> = (0..first_block_line)
            .filter(|&i| !lines[i].is_blank() && !is_furniture(&lines[i]))
            .collect();
        if let (Some(&s), Some(&e)) = (content.first(), content.last()) {
            preamble = Some((s, e + 1));
        }
    }
    for (k, b) in blocks.iter().enumerate() {
        if drafts.len() >= parser.max_messages {
            diags.push(Diagnostic {
                kind: DiagnosticKind::LimitReached,
                message: format!(
                    "more than {} messages: the rest of the document is read as the last message's text",
                    parser.max_messages
                ),
                span: Some(lines[b.start].span),
            });
            break;
        }
        let end = blocks.get(k + 1).map_or(lines.len(), |n| n.start);
        let header = header::read(text, &lines, b, hopts, &mut diags);
        let zones = body::zones(&lines, b.end, end);
        drafts.push(Draft {
            block: Some(k),
            start: b.start,
            end,
            header,
            zones,
        });
    }
    // When the cap cut the list, the last message runs to the end.
    if let Some(last) = drafts.last_mut() {
        if last.end < lines.len() {
            let from = last.block.map_or(last.start, |k| blocks[k].end);
            last.end = lines.len();
            last.zones = body::zones(&lines, from, lines.len());
        }
    }

    settle_dates(&mut drafts, &blocks, parser, &mut diags);

    let mut doc = Document {
        source,
        messages: Vec::with_capacity(drafts.len()),
        case_numbers: Vec::new(),
        redactions: Vec::new(),
        disclaimers: Vec::new(),
        diagnostics: Vec::new(),
        preamble: preamble.map(|(s, e)| Block {
            text: body::body_text(&lines, s, e, &[]),
            span: Span::new(lines[s].span.start, lines[e - 1].span.end),
        }),
        furniture: Vec::new(),
        release: release(text, &lines),
        summary: Summary::default(),
        text: String::new(),
    };
    let mut regions: Vec<Vec<(Span, Field)>> = Vec::with_capacity(drafts.len());
    let mut envelope = envelope;
    for (index, d) in drafts.iter_mut().enumerate() {
        let (mut message, r) = build_message(parser, text, &lines, &blocks, d, index, &mut doc);
        if let Some(env) = envelope.take().filter(|_| index == 0) {
            apply_envelope(&mut message, env);
        }
        doc.messages.push(message);
        regions.push(r);
    }
    for l in &lines {
        if is_furniture(l) {
            doc.furniture.push(Block {
                text: l.text.trim().to_string(),
                span: l.content,
            });
        }
    }
    if parser.redactions {
        place_redactions(text, &lines, &drafts, &regions, &mut doc, &mut diags);
    }
    for m in &doc.messages {
        for c in &m.case_numbers {
            if !doc.case_numbers.contains(c) {
                doc.case_numbers.push(c.clone());
            }
        }
    }
    diags.sort_by_key(|d| d.span.map(|s| s.start));
    doc.diagnostics = diags;
    doc.summary = Summary::of(&doc.messages, &doc.redactions);
    doc
}

fn build_message(
    parser: &Parser,
    text: &str,
    lines: &[Line<'_>],
    blocks: &[split::Block],
    d: &mut Draft,
    index: usize,
    doc: &mut Document,
) -> (Message, Vec<(Span, Field)>) {
    let z = &d.zones;
    let h = std::mem::take(&mut d.header);
    let mut regions = h.regions;
    // An email with an empty body has no lines at all.
    let first_content = (d.start..d.end).find(|&i| {
        !lines[i].is_blank()
            && !lines[i].furniture
            && !z.disclaimers.iter().any(|&(a, b)| a <= i && i < b)
    });
    // A message without a block starts at its first line of text, after
    // any disclaimer or furniture that opens it.
    let span_start = match (d.block, first_content) {
        (None, Some(f)) => lines[f].span.start,
        _ => lines.get(d.start).map_or(0, |l| l.span.start),
    };
    let span = match (z.last, d.block) {
        (Some(l), _) => Span::new(span_start, lines[l].span.end),
        (None, Some(k)) => Span::new(span_start, lines[blocks[k].end - 1].span.end),
        // A message with no text of its own (an email whose body starts with
        // a quoted block, or holds only a disclaimer): an empty span where
        // it would start.
        (None, None) => Span::new(span_start, span_start),
    };
    for &(s, e) in &z.disclaimers {
        let dspan = Span::new(
            lines[s].span.start,
            last_nonblank(lines, s, e).map_or(lines[s].span.end, |l| lines[l].span.end),
        );
        doc.disclaimers.push(Block {
            text: body::body_text(lines, s, e, &[]),
            span: dspan,
        });
    }
    let greeting = z.greeting.map(|g| {
        regions.push((lines[g].span, Field::Greeting));
        lines[g].text.trim().to_string()
    });
    let closing = z.closing.map(|c| {
        regions.push((lines[c].span, Field::Closing));
        lines[c].text.trim().to_string()
    });
    let signature = match z.signature {
        Some((s, e)) if parser.signatures => {
            regions.push((
                Span::new(lines[s].span.start, lines[e - 1].span.end),
                Field::Signature,
            ));
            let sig_lines: Vec<&str> = (s..e)
                .filter(|&i| {
                    !lines[i].is_blank()
                        && !is_furniture(&lines[i])
                        && !z.disclaimers.iter().any(|&(a, b)| a <= i && i < b)
                })
                .map(|i| lines[i].text.trim())
                .collect();
            Some(body::signature(&sig_lines))
        }
        _ => None,
    };
    let skip: Vec<(usize, usize)> = z.disclaimers.clone();
    let body_text = body::body_text(lines, z.body.0, z.body.1, &skip);
    let recommendations = if parser.recommendations {
        body::recommendations(lines, z.body.0, z.body.1)
    } else {
        Vec::new()
    };
    let mut case_numbers = h.case_numbers;
    for c in subject::case_numbers(&body_text) {
        if !case_numbers.contains(&c) {
            case_numbers.push(c);
        }
    }
    let block = d.block.map(|k| &blocks[k]);
    let boundary = match block.map(|b| b.kind) {
        None => Boundary::None,
        Some(BlockKind::Header) => Boundary::Header,
        Some(BlockKind::Attribution) => Boundary::Attribution,
        Some(BlockKind::Separator) => Boundary::Separator,
    };
    let _ = text;
    let message = Message {
        index,
        from: h.from,
        sender: h.sender,
        to: h.to,
        cc: h.cc,
        bcc: h.bcc,
        sent: h.sent.map(|t| apply_offset(t, parser)),
        sent_raw: h.sent_raw,
        subject: h.subject,
        normalized_subject: h.normalized_subject,
        case_numbers,
        message_id: None,
        in_reply_to: None,
        references: Vec::new(),
        greeting,
        body: body_text,
        closing,
        signature,
        recommendations,
        span,
        boundary,
        language: block.and_then(|b| b.lang),
        attachments: Vec::new(),
    };
    (message, regions)
}

fn apply_envelope(m: &mut Message, env: Envelope) {
    m.boundary = Boundary::Rfc5322;
    m.from = env.from;
    m.sender = env.sender;
    m.to = env.to;
    m.cc = env.cc;
    m.bcc = env.bcc;
    m.sent = env.sent;
    m.sent_raw = env.sent_raw;
    if let Some(s) = &env.subject {
        m.normalized_subject = Some(subject::normalize(s));
        for c in subject::case_numbers(s).into_iter().rev() {
            if !m.case_numbers.contains(&c) {
                m.case_numbers.insert(0, c);
            }
        }
    }
    m.subject = env.subject;
    m.message_id = env.message_id;
    m.in_reply_to = env.in_reply_to;
    m.references = env.references;
    m.attachments = env.attachments;
}

fn last_nonblank(lines: &[Line<'_>], s: usize, e: usize) -> Option<usize> {
    (s..e).rev().find(|&i| !lines[i].is_blank())
}

fn apply_offset(t: Timestamp, parser: &Parser) -> Timestamp {
    match (t, parser.default_offset) {
        (Timestamp::Local(naive), Some(off)) => match naive.and_local_timezone(off).single() {
            Some(z) => Timestamp::Zoned(z),
            None => t,
        },
        _ => t,
    }
}

/// Numeric dates such as `03/04/2020` read day-first or month-first by the
/// block's language. Where the language does not settle it (English), the
/// other dates of the document decide; where they do not either, a
/// diagnostic says which reading was taken.
fn settle_dates(
    drafts: &mut [Draft],
    blocks: &[split::Block],
    parser: &Parser,
    diags: &mut Vec<Diagnostic>,
) {
    if parser.order.is_some() {
        return;
    }
    let mut votes_day = 0;
    let mut votes_month = 0;
    for d in drafts.iter() {
        let Some(raw) = d.header.sent_raw.as_deref() else {
            continue;
        };
        let a = date::parse(raw, Order::DayFirst, parser.default_year);
        let b = date::parse(raw, Order::MonthFirst, parser.default_year);
        if let (Some(a), Some(b)) = (a, b) {
            if !a.ambiguous && a.timestamp == b.timestamp && raw.contains(['/', '-', '.']) {
                // A numeric date with a part over 12 shows the order.
                if let Some(order) = numeric_order(raw) {
                    match order {
                        Order::DayFirst => votes_day += 1,
                        Order::MonthFirst => votes_month += 1,
                    }
                }
            }
        }
    }
    for d in drafts.iter_mut() {
        if !d.header.ambiguous_date {
            continue;
        }
        let lang = d.block.and_then(|k| blocks[k].lang);
        let settled_by_language = matches!(lang, Some(l) if l != "en");
        if settled_by_language {
            continue;
        }
        let order = if votes_day > 0 && votes_month == 0 {
            Some(Order::DayFirst)
        } else if votes_month > 0 && votes_day == 0 {
            Some(Order::MonthFirst)
        } else {
            None
        };
        let raw = d.header.sent_raw.clone().unwrap_or_default();
        match order {
            Some(o) => {
                if let Some(p) = date::parse(&raw, o, parser.default_year) {
                    d.header.sent = Some(p.timestamp);
                }
            }
            None => {
                let span = d
                    .header
                    .regions
                    .iter()
                    .find(|r| r.1 == Field::Sent)
                    .map(|r| r.0);
                diags.push(Diagnostic {
                    kind: DiagnosticKind::AmbiguousDate,
                    message: format!(
                        "date {raw:?} reads day-first and month-first; took {}",
                        d.header.sent.map(|t| t.to_string()).unwrap_or_default()
                    ),
                    span,
                });
            }
        }
    }
}

/// The order a numeric date shows by a part over 12: `26/03/2001` is
/// day-first, `03/26/2001` month-first.
fn numeric_order(raw: &str) -> Option<Order> {
    let tok = raw
        .split_whitespace()
        .find(|t| t.matches(['/', '.', '-']).count() == 2)?;
    let parts: Vec<u32> = tok
        .trim_end_matches([',', '.'])
        .split(['/', '.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    if parts.len() != 3 || parts[0] > 31 {
        return None;
    }
    if parts[0] > 12 {
        Some(Order::DayFirst)
    } else if parts[1] > 12 {
        Some(Order::MonthFirst)
    } else {
        None
    }
}

fn place_redactions(
    text: &str,
    lines: &[Line<'_>],
    drafts: &[Draft],
    regions: &[Vec<(Span, Field)>],
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    let hits = redact::scan(text);
    for hit in hits {
        if let Some(assumed) = &hit.repaired {
            diags.push(Diagnostic {
                kind: DiagnosticKind::RepairedCode,
                message: format!("{assumed} (OCR damage)"),
                span: Some(hit.span),
            });
        }
        // The segment the hit stands in.
        let line = lines.partition_point(|l| l.span.end < hit.span.start);
        let seg = drafts
            .iter()
            .rposition(|d| d.start <= line && line < d.end.max(d.start + 1));
        let in_disclaimer = doc.disclaimers.iter().any(|b| b.span.contains(hit.span));
        let (message, field) = match seg {
            None => (None, Field::Preamble),
            Some(k) => {
                let field = if in_disclaimer {
                    Field::Disclaimer
                } else if lines.get(line).is_some_and(is_furniture) {
                    Field::Furniture
                } else {
                    regions[k]
                        .iter()
                        .find(|(s, _)| s.start <= hit.span.start && hit.span.end <= s.end)
                        .map_or(Field::Body, |r| r.1)
                };
                (Some(k), field)
            }
        };
        let first = hit.codes.first().cloned();
        let ground = first.as_deref().and_then(redact::ground);
        doc.redactions.push(Redaction {
            marker: hit.marker,
            code: first,
            codes: hit.codes,
            law: ground.map(|g| g.0),
            ground: ground.map(|g| g.1.to_string()),
            message,
            field,
            span: hit.span,
        });
    }
}
