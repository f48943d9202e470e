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
use crate::lang::FirstPairs;
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
///   number of 2 to 7 digits (`5318`);
/// - the State Department page header and footer (`UNCLASSIFIED U.S.
///   Department of State Case No. F-2014-20439 Doc No. C05739545 Date:
///   05/13/2015`, `STATE DEPT. - PRODUCED TO HOUSE SELECT BENGHAZI COMM.`)
///   release stamps (`RELEASE IN PART B6`, `RELEASE IN FULL`) and
///   classification marks (`Classified by DAS, A/GIS, DoS on 01/29/2016 —
///   Class: CONFIDENTIAL`, `Reason: 1.4(D)`, `Declassify on: 01/29/2036`);
/// - a lone bullet or mark left by OCR (`•`), or a short run of OCR noise
///   around the edge of a redaction box (`mir■••■`, [`is_box_noise`]).
///
/// The regex is built from [`FURNITURE_FORMS`], which also tell
/// [`may_be_furniture`] how each form may start.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    let forms: Vec<String> = FURNITURE_FORMS
        .iter()
        .map(|(start, rest)| match start {
            Start::Words { words, .. } => format!("(?:{}){rest}", words.join("|")),
            Start::Other => (*rest).to_string(),
        })
        .collect();
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(&format!("(?i)^(?:{})$", forms.join("|"))).expect("valid regex")
});

/// How a form of page furniture starts, as far as [`may_be_furniture`]
/// needs to know.
enum Start {
    /// With one of these words, then a character that is no ASCII letter
    /// (the regex puts them before the rest of the pattern): one of the
    /// ASCII bytes `follow` or a character outside ASCII, or nothing when
    /// `end` (a test holds `follow` and `end` to the pattern).
    Words {
        words: &'static [&'static str],
        follow: &'static [u8],
        end: bool,
    },
    /// With something else, which the prefilter lets through: `-` (then
    /// a digit or a `d`), `*` alone, an ASCII digit (then digits, or a
    /// `/`) or a non-ASCII character first, or a `■` anywhere (a test
    /// holds each such pattern to these, and a property test the
    /// prefilter to the regex).
    Other,
}

/// The ASCII blanks that `\s` matches, which follow most words.
const BLANKS: &[u8] = b" \t\n\x0b\x0c\r";

/// The forms of page furniture, case-insensitive, each matching a whole
/// line: how it starts, and the pattern after its words (or all of it).
/// Alternatives match in any order: the regex is only asked whether a line
/// is one.
const FURNITURE_FORMS: &[(Start, &str)] = &[
    (
        Start::Words {
            words: &[
                "pagina", "page", "seite", "página", "sida", "side", "sivu", "strona", "strana",
            ],
            follow: BLANKS,
            end: false,
        },
        r"\s+\d{1,4}(?:\s*(?:van|of|von|de|di|av|af|/|z|ze)\s*\d{1,4})?",
    ),
    (Start::Other, r"-\s?\d{1,4}\s?-"),
    (Start::Other, r"\d{1,4}\s*/\s*\d{1,4}"),
    (
        Start::Words {
            words: &["doc", "docnr", "document", "documentnummer", "documentnr"],
            follow: b".: \t\n\x0b\x0c\r0123456789",
            end: false,
        },
        r"\.?\s*:?\s*\d{1,7}",
    ),
    (Start::Other, r"\d{2,7}"),
    (
        Start::Words {
            words: &["unclassified"],
            follow: BLANKS,
            end: false,
        },
        r"\s+u\.s\.\s+department\s+of\s+state\s+case\s+no\..*",
    ),
    (
        Start::Words {
            words: &["u"],
            follow: b".",
            end: false,
        },
        r"\.s\.\s+department\s+of\s+state\s+case\s+no\..*",
    ),
    (
        Start::Words {
            words: &["unclassified"],
            follow: BLANKS,
            end: true,
        },
        r"(?:\s+state\s+dept\..*)?",
    ),
    (
        Start::Words {
            words: &["u"],
            follow: b".",
            end: false,
        },
        r"\.s\.\s+department\s+of\s+state(?:\s+subject\s+to\s+agreement\s.*)?",
    ),
    (
        Start::Words {
            words: &["case"],
            follow: BLANKS,
            end: false,
        },
        r"\s+no\.\s*f-\d{4}-\d+",
    ),
    (
        Start::Words {
            words: &["doc"],
            follow: BLANKS,
            end: false,
        },
        r"\s+no\.\s*c\d+(?:\s{3,}state\s+dept\..*)?",
    ),
    (
        Start::Words {
            words: &["date"],
            follow: b":",
            end: false,
        },
        r":\s*\d{2}/\d{2}/\d{4}\s{3,}subject\s+to\s+agreement\s.*",
    ),
    (
        Start::Words {
            words: &["subject"],
            follow: BLANKS,
            end: false,
        },
        r"\s+to\s+agreement\s+on\s+sensitive\s+information.*",
    ),
    (
        Start::Words {
            words: &["state"],
            follow: BLANKS,
            end: false,
        },
        r"\s+dept\.\s+-\s+produced\s+to\s+house\s+select\s+benghazi\s+comm\.?",
    ),
    (
        Start::Words {
            words: &["release"],
            follow: BLANKS,
            end: false,
        },
        r"\s+in\s+(?:part|full)(?:\s+b\d(?:\s*,\s*b\d)*)?",
    ),
    (Start::Other, r"[•·■▪*]"),
    (
        Start::Words {
            words: &["classified"],
            follow: BLANKS,
            end: false,
        },
        r"\s+by\s+.{0,120}",
    ),
    (
        Start::Words {
            words: &["confidential", "secret"],
            follow: b"- \t\n\x0b\x0c\r",
            end: false,
        },
        r"\s*[-—–]\s*reason:\s*1\.4.*",
    ),
    (
        Start::Words {
            words: &["reason"],
            follow: b":",
            end: false,
        },
        r":\s*1\.4.*",
    ),
    (Start::Other, r"[-—–]\s*declassify\s+on:.*"),
    (
        Start::Words {
            words: &["declassify"],
            follow: BLANKS,
            end: false,
        },
        r"\s+on:.*",
    ),
];

/// The State Department page header: case number, document number, date.
static STATE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"Case\s+No\.\s*(F-\d{4}-\d+)\s+Doc\s+No\.\s*(C\d+)\s+Date:\s*(\d{2}/\d{2}/\d{4})")
        .expect("valid regex")
});

/// A release stamp with its grounds: `RELEASE IN PART B1,B5,B6`, also
/// with the classification grounds of E.O. 13526 (`1.4(B)`).
static RELEASE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)RELEASE\s+IN\s+(PART|FULL)(?:\s+FOIA)?((?:[\s,]+(?:B3\s+[A-Z]{2,6}\b|B\d|1\.4\s*\([A-H]\)))*)")
        .expect("valid regex")
});

/// One code of a release stamp, as printed and as OCR reads it: `B6`,
/// `Bl` (for `B1`), `1.4(D)`, `B3 CIA`, `PERS/ORG`, `NATSECACT1947`.
const STAMP_CODE: &str =
    r"(?:b3\s+[a-z]{2,6}|b[1-9il]|1\.4\s*\([a-h]\)|natsecact1947|cia|pers/org)";

/// The first line of a release stamp, whole or cut short by the layout:
/// `RELEASE IN`, `RELEASE IN PART`, `RELEASE IN PART B5,B6`.
static STAMP_START: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(&format!(
        r"(?i)^release(?:\s+in(?:\s+(?:part|full))?(?:\s+foia)?(?:[\s,.]+{STAMP_CODE})*)?[\s,.]*$"
    ))
    .expect("valid regex")
});

/// The rest of a release stamp on the lines below its start: `PART B6`,
/// `IN PART`, `B5,B6`, `B1,1.4(B),1.4(D),B6`, `B3 INA,B6`, `B3 CIA`,
/// `PERS/ORG`, `NATSECACT1947` (a (b)(3) exemption and its statute), `Bl`
/// (OCR for `B1`).
static STAMP_REST: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(&format!(
        r"(?i)^(?:in\s*)?(?:part|full)?(?:\s*foia)?(?:[\s,.]*{STAMP_CODE})*[\s,.]*$"
    ))
    .expect("valid regex")
});

/// The word every release stamp holds.
static RELEASE_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("RELEASE"));

/// Release stamps the layout split over lines (`lines`, the lines of
/// `text`): the start and up to three lines of its rest, as `(first, end)`
/// line ranges. Their lines are page furniture.
fn release_stamps(text: &str, lines: &[Line<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A line that cleaning left as it was is a piece of `text` within its
    // content span: it can hold `RELEASE` only where `text` holds it in
    // that span. So only such lines, and cleaned lines, are searched.
    // (One search of the text, not one of every line: a released
    // document holds the word on every page.)
    let mut in_text = RELEASE_WORD.find_iter(text.as_bytes()).peekable();
    let mut i = 0;
    while i < lines.len() {
        // The stamp may stand in the right column of a page-header line
        // (`Date: 05/13/2015` + blanks + `RELEASE IN`).
        // One search for the capitals first: most lines hold none, and
        // cutting at a wide gap builds a substring searcher per line.
        let content = lines[i].content;
        while in_text.next_if(|&at| at < content.start).is_some() {}
        let may_hold = lines[i].is_cleaned()
            || in_text
                .peek()
                .is_some_and(|&at| at + "RELEASE".len() <= content.end);
        if !may_hold || !holds_release(lines[i].text().as_bytes()) {
            i += 1;
            continue;
        }
        let t = lines[i].text().trim();
        let t = t.rsplit("          ").next().unwrap_or(t).trim();
        // Stamps are printed in capitals.
        if t.len() > 80 || !t.starts_with("RELEASE") || !STAMP_START.is_match(t) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len().min(i + 4) {
            let t = lines[end].text().trim();
            if t.is_empty() || t.len() > 80 || !STAMP_REST.is_match(t) {
                break;
            }
            end += 1;
        }
        out.push((i, end));
        i = end;
    }
    out
}

/// Whether a line holds `RELEASE`: what [`RELEASE_WORD`] finds, found
/// from each `R` (most lines hold no capital `R`), without the searcher's
/// set-up for each of the many short lines that cleaning changed.
fn holds_release(line: &[u8]) -> bool {
    // OK because `i` is a position `memchr` found in `line`.
    memchr::memchr_iter(b'R', line).any(|i| line[i..].starts_with(b"RELEASE"))
}

/// A document stamp and its number: `Doc 23`, `Docnr 143`,
/// `Documentnummer: 12`.
static DOC_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?i)^doc(?:nr|ument(?:nummer|nr)?)?\.?\s*:?\s*(\d{1,7})$").expect("valid regex")
});

/// The number of a document stamp ([`DOC_STAMP`]) in `t`. Every stamp
/// starts with `doc` in any case (no other character folds to these
/// three): most furniture lines (bare page numbers) skip the regex.
fn doc_stamp(t: &str) -> Option<&str> {
    if !t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("doc")) {
        return None;
    }
    // OK because group 1 is not optional in DOC_STAMP.
    DOC_STAMP
        .captures(t)
        .map(|c| c.get(1).expect("group 1").as_str())
}

/// The case number, document number and date of the first State
/// Department page header in `text`: the groups of [`STATE_HEADER`], read
/// off its match. Every page of a release repeats the header, and the
/// search for the groups (a backtracking search over the match) cost more
/// than the search for the match. The case number starts at the match's
/// only `F` and the document number at its only capital `C` after that
/// (`Case`, `No.`, `Doc` hold neither), each up to the blank after it; the
/// date follows the last colon and its blanks (`\s`, which is what
/// `trim_start` trims) to the end.
fn state_header(text: &str) -> Option<(&str, &str, &str)> {
    let s = STATE_HEADER.find(text)?.as_str();
    // OK because every index below is where `find` found an ASCII
    // character, a prefix's length, or one past an ASCII `:`: char
    // boundaries of `s`.
    let case_at = s.find('F')?;
    let case = s[case_at..].split(char::is_whitespace).next()?;
    let rest = &s[case_at + case.len()..];
    let doc_at = rest.find('C')?;
    let doc = rest[doc_at..].split(char::is_whitespace).next()?;
    let date = s[s.rfind(':')? + 1..].trim_start();
    Some((case, doc, date))
}

/// The document number in a State Department page header.
static STATE_DOC: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"Doc\s+No\.\s*(C\d+)").expect("valid regex")
});

/// The group of [`STATE_DOC`] in `t`, read off its match: from its only
/// capital `C` (`Doc` and `No.` hold none) to its end.
fn state_doc(t: &str) -> Option<&str> {
    let s = STATE_DOC.find(t)?.as_str();
    // OK because `find` found an ASCII `C` at `at`.
    s.find('C').map(|at| &s[at..])
}

/// The date line of a State Department page header: `Date: 05/13/2015`.
static PAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"^Date:\s*\d{2}/\d{2}/\d{4}(?:\s{3,}.*)?$").expect("valid regex")
});

/// The lines that open another released document: a document stamp or a
/// State Department page header whose number differs from the one before
/// it (every page of one document repeats its stamp).
fn document_starts(lines: &[Line<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last: Option<String> = None;
    for (i, l) in lines.iter().enumerate() {
        if !l.furniture {
            continue;
        }
        let t = l.text().trim();
        // `STATE_DOC` holds `Doc` as written.
        let number = doc_stamp(t)
            .or_else(|| t.contains("Doc").then(|| state_doc(t)).flatten())
            .map(str::to_string);
        if let Some(n) = number {
            if last.as_ref().is_some_and(|p| *p != n) {
                out.push(i);
            }
            last = Some(n);
        }
    }
    out
}

/// Whether a line, after an email's sign-off, opens text that is no part
/// of the email: an attachment's heading (`Bijlage 2`, `Attachment:
/// notes.pdf`: a line that starts with an attachments label of any
/// language) or a markdown table row (an inventory).
fn opens_appendix(text: &str) -> bool {
    let t = crate::text::trim_start(text);
    if t.starts_with('|') {
        return t.matches('|').count() >= 3;
    }
    // A heading starts with a label and a capital, and is short: most
    // lines stop at their first two bytes, without an allocation.
    if !ATTACHMENT_FIRST.may_start(t) || !t.starts_with(char::is_uppercase) {
        return false;
    }
    let t = crate::text::trim_end(t);
    t.len() <= 80
        && ATTACHMENT_LABELS.iter().any(|label| {
            t.get(..label.len()).is_some_and(|head| {
                if head.is_ascii() {
                    head.eq_ignore_ascii_case(label)
                } else {
                    head.to_lowercase() == *label
                }
            }) && t.get(label.len()..).is_some_and(|rest| {
                rest.is_empty()
                    || rest.starts_with([' ', ':', '\u{a0}'])
                    || rest.starts_with(|c: char| c.is_ascii_digit())
            })
        })
        && t.split_whitespace().count() <= 8
}

/// The first two bytes an attachments label can start with.
static ATTACHMENT_FIRST: LazyLock<crate::lang::FirstPairs> =
    LazyLock::new(|| crate::lang::FirstPairs::of(ATTACHMENT_LABELS.iter().copied()));

/// The attachments labels of every language (`bijlage`, `attachment`,
/// `pièces jointes`), the words an appendix heading starts with.
static ATTACHMENT_LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::lang::LANGS
        .iter()
        .flat_map(|l| l.labels.iter())
        .filter(|(_, f)| *f == crate::lang::HeaderField::Attachments)
        .map(|(label, _)| *label)
        .collect()
});

/// The lines `from..to` of a message's segment that belong to it, as
/// their end and zones. The segment stops at a line that opens another
/// released document, or, after the sign-off (closing or signature), at
/// one that opens an appendix at the message's quote depth; the rest,
/// up to `to`, is pushed onto `other`.
fn own_lines(
    lines: &[Line<'_>],
    (from, to): (usize, usize),
    depth: usize,
    starts: &[usize],
    other: &mut Vec<(usize, usize)>,
) -> (usize, body::Zones) {
    let Some(first) = (from..to).find(|&i| !lines[i].is_blank() && !lines[i].furniture) else {
        return (to, body::zones(lines, from, to));
    };
    let next_doc = starts.get(starts.partition_point(|&s| s <= first));
    let mut cut = next_doc.copied().filter(|&s| s < to);
    let mut zones = body::zones(lines, from, cut.unwrap_or(to));
    // An appendix heading counts only below the sign-off of the text above
    // it.
    let heading = (first + 1..cut.unwrap_or(to))
        .find(|&i| lines[i].depth() == depth && opens_appendix(lines[i].text()));
    if let Some(h) = heading {
        let above = body::zones(lines, from, h);
        if above.closing.is_some() || above.signature.is_some() {
            cut = Some(h);
            zones = above;
        }
    }
    match cut {
        Some(c) => {
            other.push((c, to));
            (c, zones)
        }
        None => (to, zones),
    }
}

/// Whether a document is a release: it carries release stamps, document
/// stamps, or a legal ground of a release regime. A released email is
/// printed with its own header, so text above the first one is not its
/// body.
fn looks_released(text: &str, lines: &[Line<'_>], release: Option<&Release>) -> bool {
    release.is_some()
        || lines
            .iter()
            .any(|l| l.furniture && doc_stamp(l.text().trim()).is_some())
        || redact::scan(text)
            .iter()
            .any(|h| h.codes.first().is_some_and(|c| redact::ground(c).is_some()))
}

/// Whether a line is page furniture. Run once per line by [`parse`],
/// which keeps the answer in [`Line::furniture`]; read that afterwards.
fn is_furniture(line: &Line<'_>) -> bool {
    if line.furniture {
        return true;
    }
    if line.text().len() > 140 {
        return false;
    }
    let t = crate::text::trim_start(line.text());
    // A line that cleaning left alone holds no 0xE2 byte, the first of `■`.
    may_be_furniture(t, line.is_cleaned()) && matches_furniture(crate::text::trim_end(t))
}

/// Whether a line, without the blanks around it, is a form of page
/// furniture: one of [`FURNITURE`], or [`is_box_noise`].
fn matches_furniture(t: &str) -> bool {
    FURNITURE.is_match(t) || is_box_noise(t)
}

/// A short run of OCR noise around the edge of a redaction box
/// (`mir■••■`): at most 15 characters without blanks, a `■`, at most 15
/// more; what the pattern `^\S{0,15}■\S{0,15}$` matches. In the
/// furniture regex, that pattern's counted Unicode classes made the
/// automaton build states for line after line of new text.
fn is_box_noise(t: &str) -> bool {
    // At most 31 characters of at most four bytes each.
    if t.len() > 31 * 4 || !t.contains('■') {
        return false;
    }
    // The last `■` among the first 16 characters: it leaves the fewest
    // characters after it.
    let mut square = None;
    let mut n = 0;
    for (i, c) in t.chars().enumerate() {
        if c.is_whitespace() {
            return false;
        }
        if c == '■' && i <= 15 {
            square = Some(i);
        }
        n = i + 1;
    }
    square.is_some_and(|i| n - 1 - i <= 15)
}

/// Whether `t`, trimmed at its start, may match [`FURNITURE`]. Every
/// form ([`FURNITURE_FORMS`]) starts with one of its ASCII words (then a
/// byte it lets follow that word, a non-ASCII character or, for some,
/// nothing: `Subject:` starts no form, `Subject to agreement` may), with `-`, `*` or an ASCII digit, with a non-ASCII
/// character (`página`, `•`, `—`, other digits, and `ſ` or the Kelvin
/// sign, which `(?i)` folds to `s` and `k`), or holds a `■`. A run of
/// ASCII letters cut short by a non-ASCII character may be such a word
/// folded (`caſe`). Most lines start with another word and skip the
/// regex; a blank line matches no form. `may_hold_square` is false when
/// `t` is known to hold no `■`.
fn may_be_furniture(t: &str, may_hold_square: bool) -> bool {
    let b = t.as_bytes();
    // Most lines start with an ASCII letter, and then a byte, that no
    // word starts with: only a `■` can make them furniture, whatever
    // follows. (No word has `s` or `k` as its second letter, which `(?i)`
    // would let `ſ` or the Kelvin sign stand for; a non-ASCII second byte
    // passes anyway.)
    if b.first()
        .is_some_and(|&c| c.is_ascii_alphabetic() && !FURNITURE_WORDS.starts.may_start(t))
    {
        return may_hold_square && !t.is_ascii() && t.contains('■');
    }
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let passes = match (letters, b.get(letters)) {
        (_, Some(c)) if !c.is_ascii() => true,
        (0, None) => false,
        // OK because `b[0]` is the byte matched: `b` is not empty.
        (0, Some(b'-')) => may_follow_dash(&b[1..]),
        (0, Some(b'0'..=b'9')) => may_follow_digit(&b[1..]),
        // A star is a form alone (the regex reads the line without the
        // blanks at its end).
        (0, Some(b'*')) => crate::text::trim_end(t) == "*",
        (0, Some(_)) => false,
        (_, after) => {
            let mut word = [0u8; 16];
            // OK because `letters <= b.len()`; a word longer than the
            // buffer is none of the words. `after` is ASCII here.
            b.get(..letters)
                .filter(|w| w.len() <= word.len())
                .is_some_and(|w| {
                    word[..w.len()].copy_from_slice(w);
                    word[..w.len()].make_ascii_lowercase();
                    FURNITURE_WORDS
                        .find(&word[..w.len()])
                        .is_some_and(|f| match after {
                            Some(&c) => f.follow.get(usize::from(c)) == Some(&true),
                            None => f.end,
                        })
                })
        }
    };
    // `■` is no ASCII character: the word-at-a-time ASCII test rules out
    // nearly every line.
    passes || (may_hold_square && !t.is_ascii() && t.contains('■'))
}

/// Whether `rest`, after a line's first `-`, may go on as a form that
/// starts with a dash: a page number (`- 3 -`: a digit after one blank)
/// or a declassification mark (`— Declassify on:`: a `d` after blanks).
/// A non-ASCII byte may be a blank or digit of another script.
fn may_follow_dash(rest: &[u8]) -> bool {
    match rest.iter().find(|&&c| !crate::text::is_ascii_blank(c)) {
        Some(c) => c.is_ascii_digit() || matches!(c, b'd' | b'D') || !c.is_ascii(),
        None => false,
    }
}

/// Whether `rest`, after a line's first ASCII digit, may go on as a form
/// that starts with one: a page number alone (`12`, with blanks after it
/// as the line may end) or a page count (`3 / 12`). A non-ASCII byte may
/// be a digit or a blank of another script.
fn may_follow_digit(rest: &[u8]) -> bool {
    let after = rest
        .iter()
        .skip_while(|c| c.is_ascii_digit())
        .find(|&&c| !crate::text::is_ascii_blank(c));
    match after {
        Some(c) => *c == b'/' || !c.is_ascii(),
        None => true,
    }
}

/// The ASCII words the forms of [`FURNITURE`] start with, lower case (`u`
/// for `U.S.`), each with the ASCII bytes that may follow it and whether
/// it may end the line (over all the forms it starts). (A word with a
/// non-ASCII letter needs no entry: such a line passes
/// [`may_be_furniture`] anyway.)
static FURNITURE_WORDS: LazyLock<FurnitureWords> = LazyLock::new(|| {
    let mut words: Vec<FurnitureWord> = Vec::new();
    for (start, _) in FURNITURE_FORMS {
        let Start::Words {
            words: ws,
            follow,
            end,
        } = start
        else {
            continue;
        };
        for w in ws.iter().filter(|w| w.is_ascii()) {
            let i = match words.iter().position(|f| f.word == w.as_bytes()) {
                Some(i) => i,
                None => {
                    words.push(FurnitureWord {
                        word: w.as_bytes(),
                        follow: [false; 128],
                        end: false,
                    });
                    words.len() - 1
                }
            };
            // OK because `i` is an index of `words`, found or just pushed.
            let entry = &mut words[i];
            entry.end |= end;
            for &b in *follow {
                if let Some(f) = entry.follow.get_mut(usize::from(b)) {
                    *f = true;
                }
            }
        }
    }
    let starts = FirstPairs::of(
        words
            .iter()
            .filter_map(|w| std::str::from_utf8(w.word).ok()),
    );
    words.sort_by_key(|w| w.word.len());
    let longest = words.last().map_or(0, |w| w.word.len());
    let by_length = (0..=longest)
        .map(|n| {
            words.partition_point(|w| w.word.len() < n)
                ..words.partition_point(|w| w.word.len() <= n)
        })
        .collect();
    FurnitureWords {
        starts,
        words,
        by_length,
    }
});

/// The table of [`FURNITURE_WORDS`].
struct FurnitureWords {
    /// The first two bytes of the words.
    starts: FirstPairs,
    /// The words, by length.
    words: Vec<FurnitureWord>,
    /// Where the words of each length are in `words`.
    by_length: Vec<std::ops::Range<usize>>,
}

impl FurnitureWords {
    /// The entry of `word` (ASCII lower case), looked for only among the
    /// words of its length: most lines start with a word that has none.
    fn find(&self, word: &[u8]) -> Option<&FurnitureWord> {
        let same_length = self.by_length.get(word.len()).cloned().unwrap_or_default();
        self.words
            .get(same_length)
            .unwrap_or_default()
            .iter()
            .find(|f| f.word == word)
    }
}

/// A word of [`FURNITURE_WORDS`].
struct FurnitureWord {
    word: &'static [u8],
    /// The ASCII bytes that may follow it.
    follow: [bool; 128],
    /// Whether it may end the line.
    end: bool,
}

/// A `MM/DD/YYYY` date of ASCII digits, as `chrono` reads it with
/// `%m/%d/%Y` (a test holds the two together), without parsing that
/// format string for every page header.
fn us_date(date: &str) -> Option<chrono::NaiveDate> {
    let mut parts = date.split('/');
    let mut number = || -> Option<u32> {
        let p = parts.next()?;
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (month, day, year) = (number()?, number()?, number()?);
    if parts.next().is_some() {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Release metadata from the page furniture of a FOIA release.
/// `stamps` are the document's [`release_stamps`].
fn release(text: &str, lines: &[Line<'_>], stamps: &[(usize, usize)]) -> Option<Release> {
    let mut r = Release::default();
    let mut found = false;
    // Woo document stamps: `Doc 23`, `Documentnummer 12`.
    for l in lines.iter().filter(|l| l.furniture) {
        if let Some(n) = doc_stamp(l.text().trim()) {
            if !r.document_numbers.iter().any(|d| d == n) {
                r.document_numbers.push(n.to_string());
            }
        }
    }
    if let [one] = r.document_numbers.as_slice() {
        r.document_number = Some(one.clone());
    }
    found |= !r.document_numbers.is_empty();
    if let Some((case, doc, date)) = state_header(text) {
        r.case_number = Some(case.to_string());
        r.document_number = Some(doc.to_string());
        r.document_numbers = vec![doc.to_string()];
        r.date = us_date(date);
        found = true;
    }
    // The stamp, possibly split over lines: `RELEASE IN PART` then `B6`.
    for &(first, end) in stamps {
        // OCR reads `B1` as `Bl` or `BI`.
        let joined: Vec<String> = lines[first..end]
            .iter()
            .flat_map(|l| l.text().split_whitespace())
            .map(|w| {
                let code = w.trim_end_matches(',');
                if code.eq_ignore_ascii_case("bl") || code.eq_ignore_ascii_case("bi") {
                    w.replacen(code, "B1", 1)
                } else {
                    w.to_string()
                }
            })
            .collect();
        let joined = joined.join(" ");
        let Some(c) = RELEASE_STAMP.captures(&joined) else {
            continue;
        };
        found = true;
        if r.decision.is_none() {
            r.decision = Some(format!("RELEASE IN {}", c[1].to_uppercase()));
        }
        // The statute after a (b)(3) code (`B3 INA`) is no ground of its own.
        let codes: Vec<String> = c[2]
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|x| x.len() == 2 || x.starts_with("1.4"))
            .map(|x| x.to_uppercase().replace(' ', ""))
            .collect();
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
    let mut p = Pending::new(text, source, envelope);
    p.find_furniture();
    p.read_release();
    p.find_blocks(parser);
    p.parse_dates(parser);
    p.parse_parties(parser);
    p.read_headers(parser);
    p.find_zones(parser);
    let mut b = p.build(parser);
    b.scan_redactions(parser);
    b.finish(parser)
}

/// A document's text as read and decoded, with what goes with it.
#[derive(Debug)]
pub(crate) struct Input {
    pub text: String,
    pub source: Source,
    /// The headers of an email.
    pub envelope: Option<Envelope>,
    /// What reading and decoding noticed: they go before the parse's own
    /// diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one input: [`parse`], and the document keeps the text and the
/// input's diagnostics.
pub(crate) fn parse_input(parser: &Parser, input: Input) -> Document {
    let Input {
        text,
        source,
        envelope,
        diagnostics,
    } = input;
    let doc = parse(parser, &text, source, envelope);
    complete(doc, text, diagnostics)
}

/// Parses several inputs, each as [`parse_input`] would, phase by phase
/// across them: every document's lines, then every document's page
/// furniture, then its release numbers, blocks, the dates of its header
/// fields, their parties, the rest of its header fields, zones, messages,
/// redaction markers, and last where the redactions lie. Each phase's
/// code then stays in the instruction cache from one document to the
/// next, where parsing one document after another runs the whole
/// pipeline's code (more than that cache holds) for each. The phases of
/// one document run in the order [`parse`] runs them, and no phase reads
/// another document, so each document comes out as [`parse_input`] makes
/// it.
pub(crate) fn parse_group(parser: &Parser, inputs: Vec<Input>) -> Vec<Document> {
    let mut texts = Vec::with_capacity(inputs.len());
    let mut heads = Vec::with_capacity(inputs.len());
    for input in inputs {
        texts.push((input.text, input.diagnostics));
        heads.push((input.source, input.envelope));
    }
    let mut pending: Vec<Pending<'_>> = texts
        .iter()
        .zip(heads)
        .map(|((text, _), (source, envelope))| Pending::new(text, source, envelope))
        .collect();
    for p in &mut pending {
        p.find_furniture();
    }
    for p in &mut pending {
        p.read_release();
    }
    for p in &mut pending {
        p.find_blocks(parser);
    }
    for p in &mut pending {
        p.parse_dates(parser);
    }
    for p in &mut pending {
        p.parse_parties(parser);
    }
    for p in &mut pending {
        p.read_headers(parser);
    }
    for p in &mut pending {
        p.find_zones(parser);
    }
    let mut built: Vec<Built<'_>> = pending.into_iter().map(|p| p.build(parser)).collect();
    for b in &mut built {
        b.scan_redactions(parser);
    }
    let docs: Vec<Document> = built.into_iter().map(|b| b.finish(parser)).collect();
    docs.into_iter()
        .zip(texts)
        .map(|(doc, (text, diagnostics))| complete(doc, text, diagnostics))
        .collect()
}

/// The document of `text`, with the diagnostics found `before` it was
/// parsed ahead of its own.
fn complete(mut doc: Document, text: String, mut before: Vec<Diagnostic>) -> Document {
    doc.text = text;
    if !before.is_empty() {
        before.append(&mut doc.diagnostics);
        doc.diagnostics = before;
    }
    doc
}

/// What the header stage reads of the parser's options.
fn header_options(parser: &Parser) -> HeaderOptions {
    HeaderOptions {
        default_year: parser.default_year,
        order: parser.order,
    }
}

/// A document on its way through [`parse`]: what each stage leaves for
/// the next.
struct Pending<'t> {
    text: &'t str,
    source: Source,
    envelope: Option<Envelope>,
    lines: Vec<Line<'t>>,
    /// The lines of release stamps (`release_stamps`).
    stamps: Vec<(usize, usize)>,
    blocks: Vec<split::Block>,
    diags: Vec<Diagnostic>,
    /// The line of the first block (the number of lines without one).
    first_block_line: usize,
    /// Where a new document of a release starts (`document_starts`).
    starts: Vec<usize>,
    other: Vec<(usize, usize)>,
    release: Option<Release>,
    preamble: Option<(usize, usize)>,
    /// Whether the text above the first block is a message of its own
    /// (the email's outermost one, or authored text of a transcript).
    own_top: bool,
    /// What the header stage works out ahead for the fields of the blocks
    /// to be read (`header::dates`, `header::parties`), block after block.
    ahead: Vec<header::Ahead>,
    /// The header of each block read, in order: all blocks but those past
    /// the cap on messages.
    headers: Vec<Header>,
    /// Whether the cap on messages cut the blocks short.
    capped: bool,
    drafts: Vec<Draft>,
}

/// A document whose messages are built: what is left is placing its
/// redactions and summing it up.
struct Built<'t> {
    text: &'t str,
    lines: Vec<Line<'t>>,
    diags: Vec<Diagnostic>,
    other: Vec<(usize, usize)>,
    drafts: Vec<Draft>,
    regions: Vec<Vec<(Span, Field)>>,
    /// The redaction markers of the text (`redact::scan`).
    hits: Vec<redact::Hit>,
    doc: Document,
}

impl<'t> Pending<'t> {
    /// The lines.
    fn new(text: &'t str, source: Source, envelope: Option<Envelope>) -> Self {
        Pending {
            text,
            source,
            envelope,
            lines: text::lines(text),
            stamps: Vec::new(),
            blocks: Vec::new(),
            diags: Vec::new(),
            first_block_line: 0,
            starts: Vec::new(),
            other: Vec::new(),
            release: None,
            preamble: None,
            own_top: false,
            ahead: Vec::new(),
            headers: Vec::new(),
            capped: false,
            drafts: Vec::new(),
        }
    }

    /// Page furniture: page counters and headers, release stamps.
    fn find_furniture(&mut self) {
        let lines = &mut self.lines;
        for l in lines.iter_mut() {
            l.furniture = is_furniture(l);
        }
        self.stamps = release_stamps(self.text, lines);
        for &(first, end) in &self.stamps {
            for l in &mut lines[first..end] {
                l.furniture = true;
            }
        }
        // The date of a State Department page header printed on its own line
        // under the document number is no `Date:` header.
        for i in 1..lines.len() {
            if lines[i - 1].furniture
                && STATE_DOC.is_match(lines[i - 1].text())
                && PAGE_DATE.is_match(lines[i].text().trim())
            {
                lines[i].furniture = true;
            }
        }
    }

    /// What the furniture says of a release: its numbers, its stamps, and
    /// where its documents start.
    fn read_release(&mut self) {
        self.starts = document_starts(&self.lines);
        self.release = release(self.text, &self.lines, &self.stamps);
    }

    /// The blocks, and what the text above the first one is.
    fn find_blocks(&mut self, parser: &Parser) {
        let (text, lines, envelope) = (self.text, &self.lines, &self.envelope);
        let mut blocks = split::blocks(lines);
        let mut diags: Vec<Diagnostic> = Vec::new();
        if let Some(deep) = blocks
            .iter()
            .find(|b| lines[b.start].depth() > parser.max_quote_depth)
        {
            diags.push(Diagnostic {
                kind: DiagnosticKind::LimitReached,
                message: format!(
                    "quoting deeper than {} levels: its header blocks are read as text",
                    parser.max_quote_depth
                ),
                span: Some(lines[deep.start].span),
            });
            blocks.retain(|b| lines[b.start].depth() <= parser.max_quote_depth);
        }

        // Segments: text before the first block, then one per block.
        let first_block_line = blocks.first().map_or(lines.len(), |b| b.start);
        let mut preamble: Option<(usize, usize)> = None;
        let mut other: Vec<(usize, usize)> = Vec::new();
        let authored = (0..first_block_line).any(|i| {
            let l = &lines[i];
            !l.is_blank() && !l.furniture && !redact::is_only_markers(l.text())
        });
        // Text above the first printed email of a release is a cover letter,
        // a form or an inventory, not a reply: an attribution line or a
        // quoted header below it would make it one.
        let printed_first = blocks
            .first()
            .is_some_and(|b| b.kind == BlockKind::Header && lines[b.start].depth() == 0);
        let mut own_top = false;
        if authored
            && envelope.is_none()
            && printed_first
            && looks_released(
                // OK because `first_block_line < lines.len()` when a block exists.
                &text[..lines[first_block_line].span.start],
                lines,
                self.release.as_ref(),
            )
        {
            other.push((0, first_block_line));
        } else if authored || envelope.is_some() {
            own_top = true;
        } else {
            let content: Vec<usize> = (0..first_block_line)
                .filter(|&i| !lines[i].is_blank() && !lines[i].furniture)
                .collect();
            if let (Some(&s), Some(&e)) = (content.first(), content.last()) {
                preamble = Some((s, e + 1));
            }
        }
        self.blocks = blocks;
        self.diags = diags;
        self.first_block_line = first_block_line;
        self.other = other;
        self.preamble = preamble;
        self.own_top = own_top;
    }

    /// The blocks the header stage reads: those within the cap on
    /// messages.
    fn readable(&self, parser: &Parser) -> usize {
        parser
            .max_messages
            .saturating_sub(usize::from(self.own_top))
    }

    /// The dates of the blocks' `Date:` fields: a phase of its own, so
    /// that a group runs the date parser over all its blocks in turn.
    fn parse_dates(&mut self, parser: &Parser) {
        for b in self.blocks.iter().take(self.readable(parser)) {
            header::dates(b, header_options(parser), &mut self.ahead);
        }
    }

    /// The parties of the blocks' fields of parties, likewise.
    fn parse_parties(&mut self, parser: &Parser) {
        let mut at = 0;
        for b in self.blocks.iter().take(self.readable(parser)) {
            let n = header::fields_ahead(b);
            if let Some(fields) = self.ahead.get_mut(at..at + n) {
                header::parties(b, fields);
            }
            at += n;
        }
    }

    /// The header of each block, up to the cap on messages.
    fn read_headers(&mut self, parser: &Parser) {
        let hopts = header_options(parser);
        let lines = &self.lines;
        self.headers.reserve(self.blocks.len());
        let mut ahead = std::mem::take(&mut self.ahead).into_iter();
        for b in &self.blocks {
            if usize::from(self.own_top) + self.headers.len() >= parser.max_messages {
                self.capped = true;
                self.diags.push(Diagnostic {
                    kind: DiagnosticKind::LimitReached,
                    message: format!(
                        "more than {} messages: the rest of the document is read as the last message's text",
                        parser.max_messages
                    ),
                    span: Some(lines[b.start].span),
                });
                break;
            }
            self.headers.push(header::read(
                self.text,
                lines,
                b,
                hopts,
                &mut ahead,
                &mut self.diags,
            ));
        }
    }

    /// Each message's lines and zones; numeric dates settled.
    fn find_zones(&mut self, parser: &Parser) {
        let (lines, blocks) = (&self.lines, &self.blocks);
        let (starts, other) = (&self.starts, &mut self.other);
        let drafts = &mut self.drafts;
        drafts.reserve(usize::from(self.own_top) + self.headers.len());
        if self.own_top {
            let (end, zones) = own_lines(lines, (0, self.first_block_line), 0, starts, other);
            drafts.push(Draft {
                block: None,
                start: 0,
                end,
                header: Header::default(),
                zones,
            });
        }
        let headers = std::mem::take(&mut self.headers);
        for (k, (b, header)) in blocks.iter().zip(headers).enumerate() {
            let end = blocks.get(k + 1).map_or(lines.len(), |n| n.start);
            let depth = lines[b.start].depth();
            let (end, zones) = own_lines(lines, (b.end, end), depth, starts, other);
            drafts.push(Draft {
                block: Some(k),
                start: b.start,
                end,
                header,
                zones,
            });
        }
        // When the cap cut the list, the last message runs to the end.
        if let Some(last) = drafts.last_mut().filter(|_| self.capped) {
            other.retain(|&(s, _)| s < last.start);
            if last.end < lines.len() {
                let from = last.block.map_or(last.start, |k| blocks[k].end);
                last.end = lines.len();
                last.zones = body::zones(lines, from, lines.len());
            }
        }
        if !self.capped && self.envelope.is_some() {
            bottom_post(lines, blocks, drafts);
        }

        settle_dates(drafts, blocks, parser, &mut self.diags);
    }

    /// The document and its messages.
    fn build(self, parser: &Parser) -> Built<'t> {
        let Pending {
            text,
            source,
            envelope,
            lines,
            blocks,
            diags,
            preamble,
            other,
            release,
            mut drafts,
            ..
        } = self;
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
            other: other
                .iter()
                .filter_map(|&(s, e)| {
                    let content = |i: &usize| !lines[*i].is_blank() && !lines[*i].furniture;
                    let first = (s..e).find(content)?;
                    let last = (s..e).rev().find(content)?;
                    Some(Block {
                        text: body::body_text(&lines, first, last + 1, &[]),
                        span: Span::new(lines[first].span.start, lines[last].span.end),
                    })
                })
                .collect(),
            release,
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
            if l.furniture {
                doc.furniture.push(Block {
                    text: l.text().trim().to_string(),
                    span: l.content,
                });
            }
        }
        Built {
            text,
            lines,
            diags,
            other,
            drafts,
            regions,
            hits: Vec::new(),
            doc,
        }
    }
}

impl Built<'_> {
    /// The redaction markers in the text: a phase of its own.
    fn scan_redactions(&mut self, parser: &Parser) {
        if parser.redactions {
            self.hits = redact::scan(self.text);
        }
    }

    /// Redactions placed, case numbers gathered, diagnostics in order.
    fn finish(self, parser: &Parser) -> Document {
        let Built {
            lines,
            mut diags,
            other,
            drafts,
            regions,
            hits,
            mut doc,
            ..
        } = self;
        if parser.redactions {
            place_redactions(
                hits, &lines, &drafts, &regions, &other, &mut doc, &mut diags,
            );
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
}

/// A reply written below the quote (bottom-posting, as Thunderbird and
/// mailing lists do): an email whose own text above the first block is
/// empty (not even a disclaimer), and after the quoted lines of the last
/// message, unquoted text to the end. That text is the email's own: its
/// outer message (message 0) takes it and stands last in the text. A
/// transcript that opens with an attribution has no outer message to give
/// it to, and is left as it reads (the quoted message with a comment).
fn bottom_post(lines: &[Line<'_>], blocks: &[split::Block], drafts: &mut [Draft]) {
    let content = |i: &usize| !lines[*i].is_blank() && !lines[*i].furniture;
    let [first, .., last] = drafts else {
        return;
    };
    if first.block.is_some() || (first.start..first.end).any(|i| content(&i)) {
        return;
    }
    let Some(k) = last.block else {
        return;
    };
    let from = blocks[k].end;
    let end = last.end;
    let Some(quoted) = (from..end).filter(content).find(|&i| lines[i].depth() > 0) else {
        return;
    };
    let Some(tail) = (quoted..end)
        .filter(content)
        .find(|&i| lines[i].depth() == 0)
    else {
        return;
    };
    if (tail..end).filter(content).any(|i| lines[i].depth() > 0) {
        return;
    }
    last.end = tail;
    last.zones = body::zones(lines, from, tail);
    first.start = tail;
    first.end = end;
    first.zones = body::zones(lines, tail, end);
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
        lines[g].text().trim().to_string()
    });
    let closing = z.closing.map(|c| {
        regions.push((lines[c].span, Field::Closing));
        lines[c].text().trim().to_string()
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
                        && !lines[i].furniture
                        && !z.disclaimers.iter().any(|&(a, b)| a <= i && i < b)
                })
                .map(|i| lines[i].text().trim())
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
    // With no ambiguous date there is nothing to settle, and no need to
    // read every date twice more for the votes.
    if parser.order.is_some() || !drafts.iter().any(|d| d.header.ambiguous_date) {
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
    hits: Vec<redact::Hit>,
    lines: &[Line<'_>],
    drafts: &[Draft],
    regions: &[Vec<(Span, Field)>],
    other: &[(usize, usize)],
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
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
            None if other.iter().any(|&(s, e)| s <= line && line < e) => (None, Field::Other),
            None => (None, Field::Preamble),
            Some(k) => {
                let field = if in_disclaimer {
                    Field::Disclaimer
                } else if lines.get(line).is_some_and(|l| l.furniture) {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The groups of the page header regexes, by the search for groups.
    fn header_groups(text: &str) -> Option<(String, String, String)> {
        STATE_HEADER
            .captures(text)
            .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
    }

    fn doc_group(t: &str) -> Option<String> {
        STATE_DOC.captures(t).map(|c| c[1].to_string())
    }

    proptest! {
        /// The groups read off the match are those of the search for
        /// groups: headers with blanks of every kind (and none where the
        /// pattern allows none), digits of other scripts, and other text
        /// around them that holds an `F`, a `C` or a header's start.
        #[test]
        fn page_header_groups_are_read_off_the_match(
            around in proptest::collection::vec(prop_oneof![
                Just("Case No. "), Just("FC"), Just("x"), Just(" "), Just("\n"),
            ], 0..4),
            blanks in proptest::collection::vec(prop_oneof![
                Just(""), Just(" "), Just("  "), Just("\u{a0}"), Just("\u{2003}"),
                Just("\n"), Just("\t"),
            ], 7),
            case in prop_oneof![Just("F-2014-20439"), Just("F-٢٠١٤-٣"), Just("F-201-1")],
            doc in prop_oneof![Just("C05739546"), Just("C٣"), Just("C")],
            date in prop_oneof![Just("05/13/2015"), Just("٠٥/١٣/٢٠١٥"), Just("5/13/2015")],
        ) {
            let b = &blanks;
            let header = format!(
                "Case{}No.{}{case}{}Doc{}No.{}{doc}{}Date:{}{date}",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6]
            );
            let t = format!("{}{header}{}", around.concat(), around.concat());
            let read = state_header(&t)
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
            prop_assert_eq!(read, header_groups(&t), "{:?}", t);
            prop_assert_eq!(state_doc(&t).map(str::to_string), doc_group(&t), "{:?}", t);
        }
    }

    #[test]
    fn page_header_groups_in_hand_picked_texts() {
        for t in [
            "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05739546 Date: 05/13/2015",
            "Case No.F-2015-04841 Doc No.C05770123 Date:06/30/2015 RELEASE IN PART",
            "Case\u{a0}No.\u{2003}F-2014-20439\nDoc\tNo.  C1\nDate:\u{a0}01/02/2015",
        ] {
            assert!(header_groups(t).is_some(), "{t:?}");
            let read = state_header(t).map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
            assert_eq!(read, header_groups(t), "{t:?}");
            assert_eq!(state_doc(t).map(str::to_string), doc_group(t), "{t:?}");
        }
    }

    /// Every attachments label of a script with capitals, capitalised,
    /// opens an appendix heading, past the test of a line's first two
    /// bytes. (A heading starts with a capital.)
    #[test]
    fn every_attachments_label_opens_an_appendix() {
        for label in ATTACHMENT_LABELS
            .iter()
            .filter(|l| l.starts_with(char::is_lowercase))
        {
            let mut chars = label.chars();
            let head: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            let heading = format!("{head}{}: notes.pdf", chars.as_str());
            assert!(opens_appendix(&heading), "{heading}");
        }
        assert!(!opens_appendix("Attention please: notes.pdf"));
    }

    /// Each alternative of `FURNITURE`, in several cases and with the
    /// characters `(?i)` folds: the prefilter lets every one through.
    #[test]
    fn the_furniture_prefilter_lets_every_form_through() {
        let lines = [
            "Page 3 of 4",
            "pagina 2 van 5",
            "Seite 2 von 3",
            "Página 2 de 3",
            "STRONA 1 z 2",
            "sivu 4",
            "sida 1 av 2",
            "side 1 af 2",
            "strana 3",
            "- 3 -",
            "3/4",
            "Doc 23",
            "doc. 4",
            "Docnr: 12",
            "Documentnummer: 12",
            "documentnr 7",
            "document 12",
            "12345",
            "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05739546 Date: 05/13/2015",
            "UNCLASSIFIED",
            "UNCLASSIFIED STATE DEPT. - PRODUCED TO HOUSE",
            "U.S. Department of State",
            "Case No. F-2014-20439",
            "Doc No. C05739546",
            "Date: 05/13/2015   SUBJECT TO AGREEMENT ON SENSITIVE INFORMATION & REDACTIONS.",
            "SUBJECT TO AGREEMENT ON SENSITIVE INFORMATION & REDACTIONS. NO FOIA WAIVER.",
            "STATE DEPT. - PRODUCED TO HOUSE SELECT BENGHAZI COMM.",
            "RELEASE IN PART B6",
            "release in full",
            "•",
            "*",
            "ab■cd",
            "Classified by Director, Office of X",
            "CONFIDENTIAL - Reason: 1.4(b)",
            "SECRET — Reason: 1.4(d)",
            "Reason: 1.4(d)",
            "- Declassify on: 2030",
            "Declassify on: 03/12/2030",
            "ſide 2",
            "caſe no. f-2014-1",
            "ſecret - reaſon: 1.4(b)",
        ];
        for l in lines {
            assert!(matches_furniture(l), "{l:?} is no furniture");
            assert!(may_be_furniture(l, true), "{l:?} was ruled out");
        }
        for l in ["Dear John,", "Pages 3", "Thanks", "", "Casey wrote"] {
            assert!(!matches_furniture(l), "{l:?}");
        }
        assert!(!may_be_furniture("", true));
        assert!(!may_be_furniture("Dear John,", true));
        // A `■` makes a line one that cleaning copies, so that
        // `is_furniture` passes on that it may hold one.
        for t in ["x ■", "■■ Page 2", "Stamp: ■", "ab■", "z.■"] {
            let l = &crate::text::lines(t)[0];
            assert!(l.is_cleaned(), "{t:?}");
            assert_eq!(is_furniture(l), matches_furniture(t), "{t:?}");
        }
        // Only the `■` lets this one through the prefilter.
        assert!(matches_furniture("z.■") && !may_be_furniture("z.■", false));
    }

    #[test]
    fn doc_stamp_reads_what_its_regex_reads() {
        for t in [
            "Doc 23",
            "DOC 5",
            "docnr. 143",
            "Documentnummer: 12",
            "DocumentNR 7",
            "Do",
            "",
            "dóc 3",
            "Doc No. C05739545",
            "12345",
        ] {
            let want = DOC_STAMP.captures(t).map(|c| c[1].to_string());
            assert_eq!(doc_stamp(t).map(str::to_string), want, "{t:?}");
        }
    }

    proptest::proptest! {
        /// `us_date` reads what `chrono` reads with `%m/%d/%Y`, on dates
        /// as the page header prints them (two, two and four digits,
        /// some out of range, some not ASCII).
        #[test]
        fn us_dates_are_read_as_chrono_reads_them(
            month in 0u32..15,
            day in 0u32..35,
            year in proptest::prop_oneof![1990u32..2030, 0u32..10000],
            arabic in proptest::bool::weighted(0.1),
        ) {
            let mut date = format!("{month:02}/{day:02}/{year:04}");
            if arabic {
                date = date.replacen('1', "١", 1);
            }
            let by_chrono = chrono::NaiveDate::parse_from_str(&date, "%m/%d/%Y").ok();
            proptest::prop_assert_eq!(us_date(&date), by_chrono, "{}", date);
        }
    }

    /// The pattern that `is_box_noise` stands for.
    static BOX_NOISE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\S{0,15}■\S{0,15}$").expect("valid regex"));

    /// `is_box_noise` at its limits: 15 characters on either side.
    #[test]
    fn box_noise_at_its_limits() {
        let (a15, b15) = ("a".repeat(15), "é".repeat(15));
        for (t, noise) in [
            (format!("{a15}■{b15}"), true),
            (format!("{a15}a■"), false),
            (format!("■{b15}é"), false),
            (format!("■{b15}"), true),
            (format!("{}■■{b15}", &a15[1..]), true),
            (format!("{a15}■■{b15}"), false),
            (format!("{a15}■ {b15}"), false),
            ("■".to_string(), true),
            (String::new(), false),
        ] {
            assert_eq!(is_box_noise(&t), noise, "{t:?}");
            assert_eq!(BOX_NOISE.is_match(&t), noise, "{t:?}");
        }
    }

    proptest::proptest! {
        /// `is_box_noise` is the pattern it stands for, in lines of boxes,
        /// letters, marks, ASCII and other blanks, of every length
        /// around the limits.
        #[test]
        fn box_noise_is_its_pattern(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("■"), proptest::strategy::Just("a"),
                    proptest::strategy::Just("mir"), proptest::strategy::Just("•"),
                    proptest::strategy::Just("é"), proptest::strategy::Just("ſ"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\u{a0}"),
                    proptest::strategy::Just("abcdefgh"), proptest::strategy::Just("\u{1F600}"),
                    proptest::strategy::Just("abcdefghijklmno"),
                ],
                0..12,
            )
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(is_box_noise(&t), BOX_NOISE.is_match(&t), "{:?}", t);
        }

        /// The prefilter lets through every line the regex reads as
        /// furniture, among lines of the bytes the dash, digit and star
        /// forms turn on.
        #[test]
        fn the_furniture_prefilter_lets_through_what_the_regex_matches(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("-"), proptest::strategy::Just(" "),
                    proptest::strategy::Just("\t"), proptest::strategy::Just("3"),
                    proptest::strategy::Just("12"), proptest::strategy::Just("/"),
                    proptest::strategy::Just("*"), proptest::strategy::Just("d"),
                    proptest::strategy::Just("Declassify on: x"), proptest::strategy::Just("■"),
                    proptest::strategy::Just("—"), proptest::strategy::Just("٣"),
                    proptest::strategy::Just("."), proptest::strategy::Just(":"),
                    proptest::strategy::Just("x"), proptest::strategy::Just("\u{a0}"),
                ],
                0..6,
            )
        ) {
            let s = parts.concat();
            let t = crate::text::trim_start(&s);
            if matches_furniture(crate::text::trim_end(t)) {
                proptest::prop_assert!(may_be_furniture(t, true), "{:?}", s);
            }
        }
    }

    /// What may follow each word of a form, as the table says, is all the
    /// pattern lets follow it: after the word, any other ASCII byte
    /// leaves the form's automaton in its dead state, and the line's end
    /// is a match only where the table says it may be.
    #[test]
    fn the_bytes_after_each_word_are_all_the_form_allows() {
        use regex_automata::hybrid::dfa::DFA;
        use regex_automata::{Anchored, Input};
        let mut checked = 0;
        for (start, rest) in FURNITURE_FORMS {
            let Start::Words { words, follow, end } = start else {
                continue;
            };
            let dfa =
                DFA::new(&format!("(?i)^(?:{}){rest}$", words.join("|"))).expect("valid regex");
            let mut cache = dfa.create_cache();
            for w in words.iter().filter(|w| w.is_ascii()) {
                for word in [w.to_string(), w.to_uppercase()] {
                    let input = Input::new("").anchored(Anchored::Yes);
                    let mut sid = dfa
                        .start_state_forward(&mut cache, &input)
                        .expect("a start state");
                    for b in word.bytes() {
                        sid = dfa.next_state(&mut cache, sid, b).expect("a state");
                    }
                    for c in 0..128u8 {
                        let next = dfa.next_state(&mut cache, sid, c).expect("a state");
                        assert!(
                            next.is_dead() || follow.contains(&c) || c.is_ascii_alphabetic(),
                            "{word:?} then {:?}",
                            char::from(c)
                        );
                        checked += 1;
                    }
                    let eoi = dfa.next_eoi_state(&mut cache, sid).expect("a state");
                    assert_eq!(eoi.is_match(), *end, "{word:?} alone");
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }

    /// The prefilter knows how each form starts from the table: a form
    /// that starts with words has them put first in the regex, and every
    /// other form starts with what the prefilter lets through.
    #[test]
    fn every_form_of_furniture_starts_as_the_prefilter_expects() {
        for (start, rest) in FURNITURE_FORMS {
            match start {
                Start::Words { words, follow, .. } => {
                    for w in *words {
                        // A word that starts a line, then what may follow
                        // it.
                        for &c in *follow {
                            let line = format!("{w}{}", char::from(c));
                            assert!(may_be_furniture(&line, true), "{line:?}");
                            assert!(may_be_furniture(&line.to_uppercase(), true), "{line:?}");
                        }
                        // Alone when some form of the word may end there.
                        let ends = FURNITURE_FORMS.iter().any(|(s, _)| {
                            matches!(s, Start::Words { words, end: true, .. } if words.contains(w))
                        });
                        assert_eq!(may_be_furniture(w, true), ends || !w.is_ascii(), "{w:?}");
                        assert!(may_be_furniture(&format!("{w}\u{a0}"), true), "{w:?}");
                    }
                    // What follows a word is no ASCII letter, or the
                    // prefilter would read a longer word.
                    assert!(
                        !rest.starts_with(|c: char| c.is_ascii_alphabetic()),
                        "{rest:?}"
                    );
                }
                Start::Other => {
                    // `-`, an ASCII or other digit, a dash or a mark (a
                    // `■` anywhere is `is_box_noise`, outside the table).
                    let lets_through = ["-", r"\d", "[-—–]", "[•"];
                    assert!(
                        lets_through.iter().any(|p| rest.starts_with(p)),
                        "{rest:?} starts with what may_be_furniture rules out"
                    );
                }
            }
        }
        for first in [
            "- 3", "-d", "1", "12 /", "—", "–", "•", "·", "■", "▪", "*", "٣", "x ■",
        ] {
            assert!(may_be_furniture(first, true), "{first:?}");
        }
        // What the dash, digit and star forms rule out.
        for t in [
            "-- ",
            "-> 1343",
            "- item",
            "4 iterations",
            "1342   def",
            "**",
            "/usr",
            "-",
        ] {
            assert!(!may_be_furniture(t, true), "{t:?}");
        }
    }
}
