//! Redactions: document text in, redaction markers with their legal
//! grounds out.
//!
//! Recognises plain markers (`[REDACTED]`, `[GELAKT]`, `[GELAKT: 5.1.2e]`,
//! `[geanonimiseerd]`, `[verwijderd]`, `[naam 1]`, `█████`, `xxxxxx`,
//! `*****`), bare ground codes standing where text was removed (Woo
//! `5.1.2e`, Wob `10.2.e`, `Art. 10.2.e en g`), and US FOIA exemption
//! labels (`(b)(6)`, `(b) (6), (b) (7)(C)`). A marker that carries several
//! codes is one redaction with all of them. The meaning of every code comes
//! from [`GROUNDS`], a data table.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Law, Span};

/// Every legal ground mailthread knows: code, regime, meaning.
///
/// Sources: Woo art. 5.1 (wetten.nl), the platform labels of
/// `minvws/nl-rdo-woo-web` (`Citation.php`), Wob art. 10 and 11, 5 U.S.C.
/// § 552(b), UK FOIA 2000 Part II (see `domain.md` §4).
pub(crate) static GROUNDS: &[(&str, Law, &str)] = &[
    ("5.1.1a", Law::Woo, "Eenheid van de Kroon"),
    ("5.1.1b", Law::Woo, "Veiligheid van de Staat"),
    (
        "5.1.1c",
        Law::Woo,
        "Vertrouwelijk verstrekte bedrijfs- of fabricagegegevens",
    ),
    ("5.1.1d", Law::Woo, "Bijzondere persoonsgegevens"),
    ("5.1.1e", Law::Woo, "Nationale identificatienummers"),
    ("5.1.2a", Law::Woo, "Internationale betrekkingen"),
    (
        "5.1.2b",
        Law::Woo,
        "Economische of financiële belangen van de Staat",
    ),
    (
        "5.1.2c",
        Law::Woo,
        "Opsporing en vervolging van strafbare feiten",
    ),
    (
        "5.1.2d",
        Law::Woo,
        "Inspectie, controle en toezicht door bestuursorganen",
    ),
    (
        "5.1.2e",
        Law::Woo,
        "Eerbiediging van de persoonlijke levenssfeer",
    ),
    (
        "5.1.2f",
        Law::Woo,
        "Bescherming van concurrentiegevoelige bedrijfs- en fabricagegegevens",
    ),
    ("5.1.2g", Law::Woo, "Bescherming van het milieu"),
    (
        "5.1.2h",
        Law::Woo,
        "Beveiliging van personen en bedrijven en het voorkomen van sabotage",
    ),
    ("5.1.2i", Law::Woo, "Het goed functioneren van de Staat"),
    (
        "5.1.5",
        Law::Woo,
        "Het voorkomen van onevenredige benadeling",
    ),
    ("5.2", Law::Woo, "Persoonlijke beleidsopvattingen"),
    ("5.4", Law::Woo, "Informatie die berust bij de formateur"),
    ("10.1a", Law::Wob, "Eenheid van de Kroon"),
    ("10.1b", Law::Wob, "Veiligheid van de Staat"),
    (
        "10.1c",
        Law::Wob,
        "Vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
    ),
    ("10.1d", Law::Wob, "Bijzondere persoonsgegevens"),
    ("10.2a", Law::Wob, "Internationale betrekkingen"),
    (
        "10.2b",
        Law::Wob,
        "Economische of financiële belangen van de Staat",
    ),
    (
        "10.2c",
        Law::Wob,
        "Opsporing en vervolging van strafbare feiten",
    ),
    (
        "10.2d",
        Law::Wob,
        "Inspectie, controle en toezicht door bestuursorganen",
    ),
    (
        "10.2e",
        Law::Wob,
        "Eerbiediging van de persoonlijke levenssfeer",
    ),
    (
        "10.2f",
        Law::Wob,
        "Het belang van de geadresseerde als eerste kennis te nemen",
    ),
    (
        "10.2g",
        Law::Wob,
        "Het voorkomen van onevenredige bevoordeling of benadeling",
    ),
    ("10.7a", Law::Wob, "Bescherming van het milieu"),
    (
        "10.7b",
        Law::Wob,
        "Beveiliging van bedrijven en het voorkomen van sabotage",
    ),
    ("11.1", Law::Wob, "Persoonlijke beleidsopvattingen"),
    (
        "(b)(1)",
        Law::UsFoia,
        "Classified national defense or foreign policy information",
    ),
    (
        "(b)(2)",
        Law::UsFoia,
        "Internal personnel rules and practices",
    ),
    ("(b)(3)", Law::UsFoia, "Exempted by another statute"),
    (
        "(b)(4)",
        Law::UsFoia,
        "Trade secrets and confidential commercial information",
    ),
    (
        "(b)(5)",
        Law::UsFoia,
        "Inter- or intra-agency deliberative memoranda",
    ),
    ("(b)(6)", Law::UsFoia, "Personal privacy"),
    ("(b)(7)", Law::UsFoia, "Law-enforcement records"),
    (
        "(b)(7)(A)",
        Law::UsFoia,
        "Interference with enforcement proceedings",
    ),
    ("(b)(7)(B)", Law::UsFoia, "Deprivation of a fair trial"),
    (
        "(b)(7)(C)",
        Law::UsFoia,
        "Unwarranted invasion of personal privacy",
    ),
    ("(b)(7)(D)", Law::UsFoia, "Confidential source"),
    (
        "(b)(7)(E)",
        Law::UsFoia,
        "Law-enforcement techniques and procedures",
    ),
    (
        "(b)(7)(F)",
        Law::UsFoia,
        "Endangering life or physical safety",
    ),
    (
        "(b)(8)",
        Law::UsFoia,
        "Financial-institution examination reports",
    ),
    (
        "(b)(9)",
        Law::UsFoia,
        "Geological and geophysical well data",
    ),
    ("s.21", Law::UkFoi, "Information accessible by other means"),
    (
        "s.22",
        Law::UkFoi,
        "Information intended for future publication",
    ),
    ("s.23", Law::UkFoi, "Security bodies"),
    ("s.24", Law::UkFoi, "National security"),
    ("s.26", Law::UkFoi, "Defence"),
    ("s.27", Law::UkFoi, "International relations"),
    ("s.28", Law::UkFoi, "Relations within the United Kingdom"),
    ("s.29", Law::UkFoi, "The economy"),
    ("s.30", Law::UkFoi, "Investigations and proceedings"),
    ("s.31", Law::UkFoi, "Law enforcement"),
    ("s.32", Law::UkFoi, "Court records"),
    ("s.33", Law::UkFoi, "Audit functions"),
    ("s.34", Law::UkFoi, "Parliamentary privilege"),
    ("s.35", Law::UkFoi, "Formulation of government policy"),
    (
        "s.36",
        Law::UkFoi,
        "Prejudice to effective conduct of public affairs",
    ),
    (
        "s.37",
        Law::UkFoi,
        "Communications with the Sovereign; honours",
    ),
    ("s.38", Law::UkFoi, "Health and safety"),
    ("s.39", Law::UkFoi, "Environmental information"),
    ("s.40", Law::UkFoi, "Personal information"),
    ("s.41", Law::UkFoi, "Information provided in confidence"),
    ("s.42", Law::UkFoi, "Legal professional privilege"),
    ("s.43", Law::UkFoi, "Commercial interests"),
    ("s.44", Law::UkFoi, "Prohibitions on disclosure"),
];

/// The regime and meaning of a normalised code.
pub(crate) fn ground(code: &str) -> Option<(Law, &'static str)> {
    GROUNDS.iter().find(|g| g.0 == code).map(|g| (g.1, g.2))
}

/// Words inside square brackets that mark removed text.
static BRACKET_WORDS: &[&str] = &[
    "redacted",
    "gelakt",
    "weggelakt",
    "zwart",
    "geanonimiseerd",
    "verwijderd",
    "geschwärzt",
    "removed",
    "withheld",
    "expurgé",
    "caviardé",
    "…",
    "...",
    "hidden",
];

/// Rechtspraak-style placeholders: `[naam 1]`, `[appellant]`.
static PLACEHOLDERS: &[&str] = &[
    "naam",
    "appellant",
    "appellante",
    "woonplaats",
    "eiser",
    "eiseres",
    "partij",
    "belanghebbende",
    "gemachtigde",
    "adres",
    "persoon",
    "medewerker",
];

/// One marker found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Span,
    pub marker: String,
    pub codes: Vec<String>,
    /// What was assumed, when the code was read from OCR-damaged text.
    pub repaired: Option<String>,
}

/// Every kind of marker but the bracketed one, as one regex.
///
/// 1. a bracketed marker: `[REDACTED]`, `[GELAKT: 5.1.2e]`, `[naam 1]`
///    (`\[[^\[\]\n]{1,60}\]`, found by [`bracket_at`]: in this regex it
///    would cost the others their fast literal search);
/// 2. a run of black boxes: `███`, `■■■`;
/// 3. `xxxxxx` (six or more) and `*****` (four or more);
/// 4. Woo/Wob codes: `5.1.2e`, `5.1.2.e`, `5.1.2 e`, `10.2.e`, `Art. 10.2.e en g`;
/// 5. US FOIA: `(b)(6)`, `(b) (7)(C)`, `(b)(3)-1`, chained with commas.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let woo =
        r"(?:5\.1\.[12]\.?\s?[a-i]|10\.[127]\.?\s?[a-g])(?:\s?(?:,|en|and|&)\s?[a-i](?:(?-u:\b)))*";
    let foia = r"\(b\)\s?\(\d\)(?:\s?\([A-F]\))?(?:-\d+)?";
    // UK FOIA 2000 Part II sections 21 to 44 as printed on a redaction:
    // `s.40`, `s.40(2)`, `Section 40(2)`. A bare `section 24`, `s 30`,
    // `s32` (a C type) or `artikel 5.2` is no marker; `s40`, Woo 5.1.5,
    // 5.2, 5.4 and Wob 11.1 count inside brackets (`[REDACTED s40]`,
    // `[5.2]`).
    let uk = r"(?:s\.(?:2[1-9]|3\d|4[0-4])|(?i:section)\s(?:2[1-9]|3\d|4[0-4])\(\d\))(?:\(\d\))?(?:\([a-z]\))?";
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(&format!(
        r"(?x)
        (?P<boxes>[█■▮]{{2,}})
        | (?P<xs>(?i:x{{6,}}))
        | (?P<stars>\*{{4,}})
        | (?P<woo>(?:(?i:art\.?\s?|artikel\s)?){woo})
        | (?P<foia>{foia}(?:\s?[,;]\s?{foia})*)
        | (?P<uk>{uk})
        "
    ))
    .expect("valid regex")
});

/// The most characters between the brackets of a bracketed marker.
const BRACKET_CHARS: usize = 60;

/// The first bracketed marker that starts at `from` or later: `[`, one to
/// [`BRACKET_CHARS`] characters other than brackets and newlines, `]`.
/// Its start and end.
fn bracket_at(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    // OK because `at` is `from` (a match end or 0, callers pass
    // `from <= text.len()`) or one past a `[` found in `bytes`.
    while let Some(p) = memchr::memchr(b'[', bytes.get(at..)?) {
        let open = at + p;
        // OK because `open` is the index of an ASCII `[`: `open + 1` is a
        // char boundary.
        let inner = &text[open + 1..];
        let mut n = 0;
        for (i, c) in inner.char_indices() {
            match c {
                ']' if n > 0 => return Some((open, open + 1 + i + 1)),
                '[' | ']' | '\n' => break,
                _ => {
                    n += 1;
                    if n > BRACKET_CHARS {
                        break;
                    }
                }
            }
        }
        at = open + 1;
    }
    None
}

/// The spans of every marker of any kind in `text`, in order.
///
/// Bracketed markers and the rest come from two searches, merged as one
/// regex of all of them would find them: the leftmost first, the next
/// from where it ends (no kind matches empty). A match found earlier
/// still stands when it starts at or after that end; one that starts
/// before it is searched for again.
fn markers(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut other = MARKER.find(text).map(|m| (m.start(), m.end()));
    let mut bracket = bracket_at(text, 0);
    let mut pos = 0;
    std::iter::from_fn(move || {
        if other.is_some_and(|(start, _)| start < pos) {
            other = MARKER.find_at(text, pos).map(|m| (m.start(), m.end()));
        }
        if bracket.is_some_and(|(start, _)| start < pos) {
            bracket = bracket_at(text, pos);
        }
        let next = match (bracket, other) {
            (Some(b), Some(o)) => {
                if b.0 < o.0 {
                    b
                } else {
                    o
                }
            }
            (Some(m), None) | (None, Some(m)) => m,
            (None, None) => return None,
        };
        pos = next.1;
        Some(next)
    })
}

/// Which alternative of [`MARKER`] matched, told by the first character
/// of the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bracket,
    Woo,
    Foia,
    Xs,
    /// UK FOI sections: `s.40`, `Section 40(2)`.
    Uk,
    /// Boxes and stars.
    Other,
}

impl Kind {
    fn of(first: char) -> Kind {
        match first {
            '[' => Kind::Bracket,
            // `art`, `artikel` (no other letter folds to these), `5.1.`, `10.`.
            'a' | 'A' | '5' | '1' => Kind::Woo,
            '(' => Kind::Foia,
            'x' | 'X' => Kind::Xs,
            's' | 'S' => Kind::Uk,
            _ => Kind::Other,
        }
    }
}

/// A bare code that stands on its own: `5.1.2e`, not `15.1.2e` or
/// `5.1.2ex`.
fn standalone(text: &str, span: Span) -> bool {
    // OK because the only caller, `scan`, passes the span of a regex match
    // on `text`: char boundaries within it.
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let ok_before = before.is_none_or(|c| !(c.is_alphanumeric() || c == '.'));
    let ok_after = after.is_none_or(|c| !c.is_alphanumeric());
    ok_before && ok_after
}

/// Whether `text` holds a byte without which no marker can occur: `[`
/// (a bracketed marker), `*` (stars), `x`/`X` (xs), `0xE2` (the first
/// byte of `█`, `■` and `▮`) or an ASCII digit (every code, whether Woo,
/// FOIA, UK, OCR-damaged or in the margin, holds one). Most names,
/// addresses and lines have none of them, and skip the regexes.
///
/// Read a chunk at a time ([`crate::bytes`]).
fn may_hold_marker(text: &str) -> bool {
    // The padding (a space) is none of them.
    crate::bytes::find_chunk(text.as_bytes(), b' ', |_, chunk| {
        let hits = crate::bytes::eq_mask(chunk, [b'[', b'*', b'x', b'X', 0xE2])
            | crate::bytes::range_mask(chunk, b'0', b'9');
        (hits != 0).then_some(())
    })
    .is_some()
}

/// Finds every redaction marker in `text`.
pub(crate) fn scan(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    if !may_hold_marker(text) {
        return hits;
    }
    // The kind of a match shows in its first character (no two kinds
    // start alike), so a plain search does without the slower search for
    // the named groups.
    for (start, end) in markers(text) {
        let span = Span::new(start, end);
        // OK because `start..end` is a match of `MARKER` or `bracket_at`
        // on `text`: char boundaries.
        let s = &text[start..end];
        let kind = s.chars().next().map_or(Kind::Other, Kind::of);
        if kind == Kind::Bracket {
            // OK because only `bracket_at` finds a match that starts with
            // `[`: `[`, at least one char and `]`, ASCII brackets at both
            // ends, so `1` and `len - 1` are char boundaries with
            // `1 < len - 1`.
            let inner = &s[1..s.len() - 1];
            if let Some(codes) = bracket_codes(inner) {
                hits.push(Hit {
                    span,
                    marker: s.to_string(),
                    codes,
                    repaired: None,
                });
            }
        } else if kind == Kind::Woo || kind == Kind::Uk {
            if standalone(text, span) {
                let codes = if kind == Kind::Woo {
                    woo_codes(s)
                } else {
                    other_codes(s)
                };
                hits.push(Hit {
                    span,
                    marker: s.to_string(),
                    codes,
                    repaired: None,
                });
            }
        } else if kind == Kind::Foia {
            hits.push(Hit {
                span,
                marker: s.to_string(),
                codes: foia_codes(s),
                repaired: None,
            });
        } else if kind == Kind::Xs {
            if standalone(text, span) {
                hits.push(Hit {
                    span,
                    marker: s.to_string(),
                    codes: vec![],
                    repaired: None,
                });
            }
        } else {
            hits.push(Hit {
                span,
                marker: s.to_string(),
                codes: vec![],
                repaired: None,
            });
        }
    }
    // Codes OCR damaged, where the damage leaves no doubt about the code.
    let before = hits.len();
    if may_hold_ocr_code(text) {
        for m in OCR_CODE.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let taken = overlaps(&hits[..before], span);
            if taken || !standalone(text, span) {
                continue;
            }
            if let Some(code) = repair_code(m.as_str()) {
                hits.push(Hit {
                    span,
                    marker: m.as_str().to_string(),
                    repaired: Some(format!("{:?} read as the code {code}", m.as_str())),
                    codes: vec![code],
                });
            }
        }
    }
    // FOIA codes printed in the margin beside a line (`B5`, `B5,B6`), far
    // to the right of the text: a redaction in that line. Not the codes of
    // a release stamp (`RELEASE IN PART` with `B6` on the next line).
    // The codes need a `B` and a digit: most texts have none.
    for (m_start, m_end) in margin_matches(text) {
        // OK because `margin_matches` gives the bounds of matches on
        // `text`: char boundaries.
        let m = &text[m_start..m_end];
        // Group 1 is the match without the blanks around it (it starts
        // with `B` and ends with a digit).
        let codes_text = m.trim_start_matches([' ', '\t']);
        let codes_text = codes_text.trim_end_matches([' ', '\t', '\r']);
        let start = m_end - m.trim_start_matches([' ', '\t']).len();
        let span = Span::new(start, start + codes_text.len());
        if overlaps(&hits[..before], span) || near_release_stamp(text, span.start) {
            continue;
        }
        let codes: Vec<String> = codes_text
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter_map(|b| b.strip_prefix('B'))
            .map(|n| format!("(b)({n})"))
            .collect();
        hits.push(Hit {
            span,
            marker: codes_text.to_string(),
            codes,
            repaired: None,
        });
    }
    if hits.len() > before {
        hits.sort_by_key(|h| h.span.start);
    }
    hits
}

/// Whether `span` overlaps one of `hits`, which lie in order and do not
/// overlap each other (the markers as [`markers`] finds them): the one
/// hit that can is the first that ends after `span` starts, found by
/// halving. Checking every hit made a text of thousands of codes take
/// time that grew with their square.
fn overlaps(hits: &[Hit], span: Span) -> bool {
    let first = hits.partition_point(|h| h.span.end <= span.start);
    hits.get(first).is_some_and(|h| h.span.start < span.end)
}

/// The matches of [`MARGIN`] in `text`, as `MARGIN.find_iter(text)` gives
/// them, found by running it only over the lines that hold a `B` and a
/// digit from 1 to 9 after six blanks: a match lies within one line
/// (blanks, codes, the end of the line), so the lines without such a code
/// hold none. A released page prints its codes beside a few of its lines;
/// the regex had scanned every line of every text that held one.
fn margin_matches(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Where the last line searched ends: a later code in it is passed.
    let mut searched = 0;
    for i in memchr::memchr_iter(b'B', bytes) {
        if i < searched || !bytes.get(i + 1).is_some_and(|d| (b'1'..=b'9').contains(d)) {
            continue;
        }
        // A match's first code stands after six blanks or more: a line
        // whose codes all stand elsewhere (`RELEASE IN PART B6`) holds no
        // match, and a later code of the line may still.
        // OK because `i >= 6` before the slice.
        if i < 6 || !bytes[i - 6..i].iter().all(|&c| c == b' ' || c == b'\t') {
            continue;
        }
        // OK because `memchr_iter` gives `i < bytes.len()`.
        let start = memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        // OK because `start` and `end` are 0, the length, or next to a
        // `\n`: char boundaries. Without its `\n`, the line's end is
        // where `(?m)$` matches, as in the whole text.
        let line = &text[start..end];
        out.extend(
            MARGIN
                .find_iter(line)
                .map(|m| (start + m.start(), start + m.end())),
        );
        searched = end;
    }
    out
}

/// FOIA exemption codes in the right margin: six or more blanks, then
/// `B1`..`B9`, comma- or blank-separated, at the end of the line.
static MARGIN: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?m)[ \t]{6,}(B[1-9](?:[ \t]*,[ \t]*B[1-9]|[ \t]+B[1-9])*)[ \t]*\r?$")
        .expect("valid regex")
});

/// Whether the line at `at`, or one of the three lines before it, holds a
/// release stamp (`RELEASE IN PART`), whose codes are the release's
/// grounds, not redactions.
fn near_release_stamp(text: &str, at: usize) -> bool {
    // OK because `at` is the start of a regex match on `text`.
    let before = &text[..at];
    let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    let mut start = before.rfind('\n').map_or(0, |n| n + 1);
    // OK because `start` and `line_end` are line boundaries of `text`.
    let mut lines = vec![&text[start..line_end]];
    for _ in 0..3 {
        if start == 0 {
            break;
        }
        let end = start - 1;
        start = text[..end].rfind('\n').map_or(0, |n| n + 1);
        lines.push(&text[start..end]);
    }
    // In any ASCII case, without an upper-cased copy of each line: at
    // each `R` or `r`.
    lines.iter().any(|l| {
        let b = l.as_bytes();
        memchr::memchr2_iter(b'R', b'r', b).any(|at| {
            b.get(at..at + 10)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"RELEASE IN"))
        })
    })
}

/// Woo and Wob codes as OCR damages them: `¢` or `€` for `e`
/// (`5.1.2¢`, `10.2.€`), a `2` for the `e` of `5.1.2e` (`5.1.22`), `S`,
/// `s` or `&` for `5` and `t`, `l` or `i` for `1`, with or without the
/// dots (`S12e`, `S.1.2e`, `s12e`, `&t2e`, `St2e`, `512e`). `domain.md` §6
/// (RIVM Woo OCR) and the Amsterdam Woo releases.
///
/// [`may_hold_ocr_code`] checks the bytes before each `2` as this pattern
/// orders them: a change here changes it too (and its test).
static OCR_CODE: LazyLock<Regex> = LazyLock::new(|| {
    // OK because the pattern is built from constants: every test run compiles it.
    Regex::new(r"(?:5\.1\.2|10\.2)\.?\s?[¢€]|5\.1\.22|[Ss5&]\.?[1tli]\.?2\.?\s?[a-i¢€]")
        .expect("valid regex")
});

/// Whether [`OCR_CODE`] may match in `text`: every match holds a `2`
/// right after `5.1.`, `10.`, or one of `1tli` after one of `Ss5&` (each
/// with or without a dot after it). Most texts hold no such `2`, and skip
/// the regex, whose matches may start at any `s`.
fn may_hold_ocr_code(text: &str) -> bool {
    let b = text.as_bytes();
    // The byte `back` places before `i`, if any.
    let at = |i: usize, back: usize| i.checked_sub(back).and_then(|k| b.get(k)).copied();
    let lead = |c: Option<u8>| matches!(c, Some(b'S' | b's' | b'5' | b'&'));
    let one = |c: Option<u8>| matches!(c, Some(b'1' | b't' | b'l' | b'i'));
    memchr::memchr_iter(b'2', b).any(|i| {
        // `5.1.2`, `10.2`.
        let numbered = at(i, 1) == Some(b'.')
            && ((at(i, 2) == Some(b'1') && at(i, 3) == Some(b'.') && at(i, 4) == Some(b'5'))
                || (at(i, 2) == Some(b'0') && at(i, 3) == Some(b'1')));
        // `S12`, `S1.2`, `S.12`, `S.1.2`.
        let (d, k) = if at(i, 1) == Some(b'.') {
            (at(i, 2), 3)
        } else {
            (at(i, 1), 2)
        };
        let damaged = one(d) && (lead(at(i, k)) || (at(i, k) == Some(b'.') && lead(at(i, k + 1))));
        numbered || damaged
    })
}

/// The code a damaged marker stands for, when it is a known ground.
fn repair_code(marker: &str) -> Option<String> {
    let fixed: Vec<char> = marker
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let letter = |g: char| match g {
        '¢' | '€' => Some('e'),
        'a'..='i' => Some(g),
        _ => None,
    };
    let code = match *fixed.as_slice() {
        // `5122` is `5.1.2e` with a `2` for the `e`.
        ['5', '1', '2', '2'] => "5.1.2e".to_string(),
        ['1', '0', '2', g] => format!("10.2{}", letter(g)?),
        [a, b, '2', g]
            if matches!(a, '5' | 'S' | 's' | '&') && matches!(b, '1' | 't' | 'l' | 'i') =>
        {
            format!("5.1.2{}", letter(g)?)
        }
        _ => return None,
    };
    ground(&code).map(|_| code)
}

/// The codes inside a bracketed marker, or `None` when the brackets hold
/// no marker (`[23.0003747]`, `[1]`, `[list]`).
fn bracket_codes(inner: &str) -> Option<Vec<String>> {
    let lower = inner.trim().to_lowercase();
    let (word, rest) = match lower.split_once([':', ' ', '-']) {
        Some((w, r)) => (w.trim(), r.trim()),
        None => (lower.as_str(), ""),
    };
    if BRACKET_WORDS.contains(&lower.as_str()) || BRACKET_WORDS.contains(&word) {
        let mut codes = woo_codes(rest);
        codes.extend(foia_codes(rest));
        codes.extend(other_codes(rest));
        return Some(codes);
    }
    if PLACEHOLDERS.contains(&word)
        && (rest.is_empty() || rest.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Some(vec![]);
    }
    // `[5.1.2e]`, `[(b)(6)]`
    let codes = {
        let mut c = woo_codes(&lower);
        c.extend(foia_codes(inner));
        c.extend(other_codes(&lower));
        c
    };
    if !codes.is_empty() {
        return Some(codes);
    }
    None
}

/// Normalised Woo/Wob codes in `s`: `Art. 10.2.e en g` gives `10.2e` and
/// `10.2g`.
fn woo_codes(s: &str) -> Vec<String> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        // OK because the pattern is built from constants: every test run compiles it.
        Regex::new(r"(5\.1\.[12]|10\.[127])\.?\s?([a-i])((?:\s?(?:,|en|and|&)\s?[a-i](?-u:\b))*)")
            .expect("valid regex")
    });
    let mut out = Vec::new();
    for c in CODE.captures_iter(&s.to_lowercase()) {
        // OK because groups 1, 2 and 3 are not optional in CODE (group 3
        // may match the empty string, but it always takes part).
        let base = &c[1];
        out.push(format!("{base}{}", &c[2]));
        for extra in c[3].split(|ch: char| ch == ',' || ch == '&' || ch.is_whitespace()) {
            // OK because `&&` checks first that `extra` is one byte long.
            if extra.len() == 1 && extra.as_bytes()[0].is_ascii_lowercase() {
                out.push(format!("{base}{extra}"));
            }
        }
    }
    out.dedup();
    out
}

/// The Woo articles 5.1.5, 5.2 and 5.4, the Wob article 11.1 and UK
/// FOIA sections in `s`, as their grounds are keyed: `art. 5.2` gives
/// `5.2`, `Section 40(2)` and `s40` give `s.40`.
fn other_codes(s: &str) -> Vec<String> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        // OK because the pattern is built from constants: every test run compiles it.
        Regex::new(
            r"(?i)(?:^|[^\d.])(5\.1\.5|5\.[24]|11\.1)(?:[^\d]|$)|(?:(?-u:\b)s\.?\s?|section\s)(2[1-9]|3\d|4[0-4])(?:[^\d]|$)",
        )
        .expect("valid regex")
    });
    let mut out: Vec<String> = CODE
        .captures_iter(s)
        .filter_map(|c| match (c.get(1), c.get(2)) {
            (Some(a), _) => Some(a.as_str().to_string()),
            (None, Some(n)) => Some(format!("s.{}", n.as_str())),
            _ => None,
        })
        .filter(|c| ground(c).is_some())
        .collect();
    out.dedup();
    out
}

/// Normalised FOIA codes in `s`: `(b) (6), (b) (7)(C)` gives `(b)(6)` and
/// `(b)(7)(C)`.
fn foia_codes(s: &str) -> Vec<String> {
    static CODE: LazyLock<Regex> =
        // OK because the pattern is built from constants: every test run compiles it.
        LazyLock::new(|| {
            Regex::new(r"\(b\)\s?\((\d)\)(?:\s?\(([A-F])\))?").expect("valid regex")
        });
    // OK because group 1 is not optional in CODE.
    CODE.captures_iter(s)
        .map(|c| match c.get(2) {
            Some(sub) => format!("(b)({})({})", &c[1], sub.as_str()),
            None => format!("(b)({})", &c[1]),
        })
        .collect()
}

/// Whether `s` contains any redaction marker.
pub(crate) fn contains_marker(s: &str) -> bool {
    !scan(s).is_empty()
}

/// Whether `s` holds nothing but redaction markers and punctuation.
pub(crate) fn is_only_markers(s: &str) -> bool {
    let hits = scan(s);
    if hits.is_empty() {
        return false;
    }
    // OK because the hits are regex matches on `s`, in order and not
    // overlapping: `last` (0 or the end of the previous hit) is a char
    // boundary no greater than the next hit's start, and no greater than
    // `s.len()`.
    let mut last = 0;
    for h in &hits {
        if !is_filler(&s[last..h.span.start]) {
            return false;
        }
        last = h.span.end;
    }
    is_filler(&s[last..])
}

fn is_filler(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The chunked test finds what a byte-by-byte test finds, in and
        /// past the chunks of 32 bytes, next to bytes one off those it
        /// looks for (`Y`, `w`, `/`, `:`, `)`, `+`, `Z`, `\`, and `ᄀ`,
        /// whose first byte is 0xE1).
        #[test]
        fn the_marker_prefilter_is_the_plain_byte_test(
            s in "[a-wyzA-WYZ /:)+\\\\ᄀ]{0,80}([\\[*xX█0-9]|)[a-wyz ]{0,40}"
        ) {
            let plain = s
                .bytes()
                .any(|b| matches!(b, b'[' | b'*' | b'x' | b'X' | 0xE2 | b'0'..=b'9'));
            prop_assert_eq!(may_hold_marker(&s), plain);
        }

        /// The margin codes found line by line are those the regex finds
        /// over the whole text: codes after wide gaps and narrow ones, at
        /// a line's end and inside it, with `\r\n` and `\n`, several on
        /// a line and none.
        #[test]
        fn margin_codes_by_line_are_those_of_the_whole_text(
            parts in proptest::collection::vec(prop_oneof![
                Just("      "), Just(" "), Just("\t"), Just("B5"), Just("B6"), Just("B0"),
                Just(","), Just(" , "), Just("\n"), Just("\r\n"), Just("\r"), Just("x"),
                Just("B"), Just("1"), Just("Subject: call"), Just("é"),
            ], 0..30),
        ) {
            let t = parts.concat();
            let whole: Vec<(usize, usize)> =
                MARGIN.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(margin_matches(&t), whole, "{:?}", t);
        }
    }

    #[test]
    fn margin_codes_in_hand_picked_texts() {
        let text = "Subject: call          B5\r\nplain B6 line\nx       B6, B5\n      B1";
        let whole: Vec<(usize, usize)> = MARGIN
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(whole.len(), 3);
        assert_eq!(margin_matches(text), whole);
    }

    #[track_caller]
    fn check(text: &str, expected: &[(&str, &[&str])]) {
        let got: Vec<(String, Vec<String>)> = scan(text)
            .into_iter()
            .map(|h| (h.marker, h.codes))
            .collect();
        let want: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(m, c)| (m.to_string(), c.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn the_ocr_code_prefilter_lets_through_what_the_regex_matches() {
        let texts = [
            "S12e",
            "S.1.2e",
            "s12e",
            "&t2e",
            "St2e",
            "512e",
            "S.12 e",
            "Sl.2i",
            "si2a",
            "5.1.2¢",
            "10.2€",
            "10.2. €",
            "5.1.22",
            "gelakt S12e en s.t.2b",
            "no code here",
            "2012-03-04",
            "12 x 2",
            "5.1.2e",
            "list2a",
            "ist2",
            "&.i.2€",
        ];
        for t in texts {
            assert!(!OCR_CODE.is_match(t) || may_hold_ocr_code(t), "{t:?}");
        }
        assert!(may_hold_ocr_code("S12e"));
        assert!(!may_hold_ocr_code("2012-03-04, 12 x 2"));
    }

    proptest::proptest! {
        /// `overlaps` answers as a check of every hit would, for hits in
        /// order that do not overlap.
        #[test]
        fn overlaps_is_the_check_of_every_hit(
            gaps in proptest::collection::vec((0usize..4, 1usize..4), 0..8),
            start in 0usize..30,
            len in 1usize..6,
        ) {
            let mut hits = Vec::new();
            let mut at = 0;
            for (gap, width) in gaps {
                at += gap;
                hits.push(Hit {
                    span: Span::new(at, at + width),
                    marker: String::new(),
                    codes: vec![],
                    repaired: None,
                });
                at += width;
            }
            let span = Span::new(start, start + len);
            let every = hits
                .iter()
                .any(|h| h.span.start < span.end && span.start < h.span.end);
            proptest::prop_assert_eq!(overlaps(&hits, span), every);
        }
    }

    #[test]
    fn markers_are_found_as_by_one_regex_of_every_kind() {
        let woo = r"(?:5\.1\.[12]\.?\s?[a-i]|10\.[127]\.?\s?[a-g])(?:\s?(?:,|en|and|&)\s?[a-i](?:(?-u:\b)))*";
        let foia = r"\(b\)\s?\(\d\)(?:\s?\([A-F]\))?(?:-\d+)?";
        let uk = r"(?:s\.(?:2[1-9]|3\d|4[0-4])|(?i:section)\s(?:2[1-9]|3\d|4[0-4])\(\d\))(?:\(\d\))?(?:\([a-z]\))?";
        let one = Regex::new(&format!(
            r"\[[^\[\]\n]{{1,60}}\]|[█■▮]{{2,}}|(?i:x{{6,}})|\*{{4,}}|(?:(?i:art\.?\s?|artikel\s)?){woo}|{foia}(?:\s?[,;]\s?{foia})*|{uk}"
        ))
        .expect("valid regex");
        let long = format!("[{}] [{}]", "é".repeat(60), "a".repeat(61));
        let texts = [
            "plain text",
            "[REDACTED] en [5.1.2e] ██ en xxxxxxx [",
            "[a[b] [] [\n] (b)(6)[x] ****[y] [5.1.2e, 10.2.g] art. 5.1.2e",
            "[xxxxxxx] xxxxxx[abc]] ■■■[■■] [ (b)(6), (b)(7)(C)]",
            "[[[[a]]]] [art 5.1.2 e en f]x Artikel 10.2 g",
            "s.40[s.41] Section 40(2)(a)[REDACTED s40] s.4 s.45",
            long.as_str(),
        ];
        for t in texts {
            let expected: Vec<(usize, usize)> =
                one.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(super::markers(t).collect::<Vec<_>>(), expected, "{t:?}");
        }
    }

    #[test]
    fn markers() {
        check("Geachte [REDACTED],", &[("[REDACTED]", &[])]);
        check("[redacted]@x.nl", &[("[redacted]", &[])]);
        check("[GELAKT: 5.1.2e]", &[("[GELAKT: 5.1.2e]", &["5.1.2e"])]);
        check(
            "[geanonimiseerd] en [verwijderd]",
            &[("[geanonimiseerd]", &[]), ("[verwijderd]", &[])],
        );
        check("[naam 1] zei", &[("[naam 1]", &[])]);
        check("bel █████ nu", &[("█████", &[])]);
        check("bel xxxxxxx nu", &[("xxxxxxx", &[])]);
        check("code *****", &[("*****", &[])]);
        check("To: 5.1.2e @rivm.nl>", &[("5.1.2e", &["5.1.2e"])]);
        check(
            "Met vriendelijke groet\n5.1.2.e",
            &[("5.1.2.e", &["5.1.2e"])],
        );
        check("naam 10.2.e", &[("10.2.e", &["10.2e"])]);
        check(
            "Art. 10.2.e en g",
            &[("Art. 10.2.e en g", &["10.2e", "10.2g"])],
        );
        check(
            "Richard Gates, (b) (6), (b) (7)(C) Roger",
            &[("(b) (6), (b) (7)(C)", &["(b)(6)", "(b)(7)(C)"])],
        );
        check("(b)(3)-1", &[("(b)(3)-1", &["(b)(3)"])]);
        check(
            "[5.4] en [GELAKT: 11.1]",
            &[("[5.4]", &["5.4"]), ("[GELAKT: 11.1]", &["11.1"])],
        );
        check(
            "withheld under Section 40(2) and s.43, [REDACTED s40]",
            &[
                ("Section 40(2)", &["s.40"]),
                ("s.43", &["s.43"]),
                ("[REDACTED s40]", &["s.40"]),
            ],
        );
    }

    #[test]
    fn not_markers() {
        check("[23.0003747] RE: x", &[]);
        check("see [1] and [list]", &[]);
        check("version 15.1.2e", &[]);
        check("boxxxxxxes", &[]);
        check("**Van:**", &[]);
        check("see 5.2 and 11.1 and section 12, s.10", &[]);
        check(
            "op grond van artikel 5.2, Section 24 and s 30, static s32",
            &[],
        );
    }

    #[test]
    fn every_code_has_a_ground() {
        for (code, _, meaning) in GROUNDS {
            assert!(!meaning.is_empty(), "{code}");
        }
        assert_eq!(ground("5.1.2e").map(|g| g.0), Some(Law::Woo));
        assert_eq!(ground("10.2g").map(|g| g.0), Some(Law::Wob));
        assert_eq!(ground("(b)(7)(C)").map(|g| g.0), Some(Law::UsFoia));
    }
}
