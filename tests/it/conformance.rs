//! Conformance runner over the shared corpus (issue 3, item 6).
//!
//! The corpus is read from the directory in `MAILTHREAD_CORPUS`; when the
//! variable is unset the test prints `conformance: skipped (MAILTHREAD_CORPUS
//! not set)` and returns. That is the only way it skips.
//!
//! Expectations live in `fixtures/conformance/*.tsv`, one file per source,
//! one row per assertion: `path TAB check TAB expected TAB source`, where
//! `source` names the peer test (or annotation) the fact comes from. No
//! corpus file is copied into the repository; the rows only point into the
//! corpus. Values escape `\n`, `\t` and `\\`.
//!
//! Inputs: a path ending in `.ann` is a Quagga annotation; its `text` field
//! is parsed as a transcript. A path ending in `.eml`, and the Quagga Enron
//! mails, are read with `mailthread::input::read` (message 0 is the RFC
//! header). `path#Lx-Ly` is a triple-quoted literal on lines x..y of a peer
//! test file (Python escapes decoded). `path?[KEY]=VALUE` is the file with
//! the peer test's placeholder `[KEY]` replaced by `VALUE`. Anything else is
//! read as a transcript.
//!
//! Checks:
//! * `messages` N / `messages>=` N: the number of messages.
//! * `reply` / `reply_starts` / `reply_contains` TEXT: message 0's visible
//!   text equals / starts with / contains TEXT. `body@K` and
//!   `body_contains@K` do the same for message K.
//! * `reply_lacks` TEXT: message 0's `body` field does not contain TEXT.
//! * `from@K`, `to@K`, `subject@K`, `date_raw@K`: fields of message K.
//! * `from[S..E]` (Quagga): the message that starts inside the annotated
//!   header group at byte offsets S..E (the RFC 822 message 0 excluded) has
//!   a matching sender. When the decoded body differs from the annotated
//!   text (quoted-printable), the group is found by its first line.
//!
//! Fair comparison rules:
//! * Text: in both expected and actual text, quote markers (`>` runs at the
//!   start of a line) are removed, every run of whitespace becomes one space,
//!   and the ends are trimmed. Peers disagree on whether a signature belongs
//!   to the reply (talon keeps `Sent from my iPhone`, github's parser drops
//!   it), so a message's visible text may be any of: `body`; greeting +
//!   body; greeting + body + closing; greeting + body + closing + signature.
//!   The check passes when any of these matches.
//! * Senders and recipients: the expected text is split into alternatives
//!   (Quagga rows separate them with ` | `; `Name <addr>` and
//!   `Name [mailto:addr]` give both the name and the address). It matches
//!   when one alternative equals the party's name or address, compared
//!   case-insensitively after trimming quotes, brackets and whitespace. A
//!   Lotus Notes routing suffix on a name (`Kay Mann@ENRON`,
//!   `Vince J Kaminski/HOU/ECT`) is also tried without the suffix. For `to`
//!   any recipient may match.
//! * Subjects compare whitespace-normalised and case-insensitively; dates
//!   compare `sent_raw` the same way and also require `sent` to be parsed.
//!
//! Each suite prints `suite cases passed rate`, then every failure with its
//! reason. The test fails when a suite passes fewer cases than its floor in
//! `fixtures/conformance/floors.tsv` (`suite TAB min_passed`), so floors only
//! go up.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use mailthread::{Boundary, Document, Message, Parser, Party};

const SUITES: &[&str] = &[
    "quagga-enron",
    "quagga-asf",
    "talon",
    "email_reply_parser",
    "willdurand_crisp",
    "mail_parser_reply",
    "quotequail",
];

struct Row {
    path: String,
    check: String,
    expected: String,
    source: String,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance")
}

fn load_rows(suite: &str) -> Vec<Row> {
    let path = fixtures().join(format!("{suite}.tsv"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 4, "{suite}.tsv: bad row {l:?}");
            Row {
                path: cols[0].to_string(),
                check: cols[1].to_string(),
                expected: unescape(cols[2]),
                source: cols[3].to_string(),
            }
        })
        .collect()
}

/// Decodes the escapes of a Python string literal (the ones peer tests use).
fn python_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('\n') => {}
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The text of the triple-quoted literal on lines `from..=to` of `file`.
fn inline_literal(file: &str, from: usize, to: usize) -> Result<String, String> {
    let lines: Vec<&str> = file.split('\n').collect();
    let seg = lines
        .get(from - 1..to)
        .ok_or("line range outside the file")?;
    let mut seg: Vec<String> = seg.iter().map(|s| s.to_string()).collect();
    let open = seg[0]
        .find("\"\"\"")
        .ok_or("no opening \"\"\" on the first line")?;
    seg[0] = seg[0][open + 3..].to_string();
    let last = seg.len() - 1;
    let close = seg[last]
        .rfind("\"\"\"")
        .ok_or("no closing \"\"\" on the last line")?;
    seg[last] = seg[last][..close].to_string();
    Ok(python_unescape(&seg.join("\n")))
}

fn ann_text(path: &Path) -> Result<String, String> {
    let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&raw).map_err(|e| e.to_string())?;
    v.get("text")
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .ok_or_else(|| "annotation without text".to_string())
}

fn read_lossy(path: &Path) -> Result<String, String> {
    fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses the input a row points at.
fn load_doc(corpus: &Path, spec: &str) -> Result<Document, String> {
    if let Some((file, lines)) = spec.split_once("#L") {
        let (a, b) = lines.split_once("-L").ok_or("bad #L range")?;
        let a: usize = a.parse().map_err(|_| "bad line number")?;
        let b: usize = b.parse().map_err(|_| "bad line number")?;
        let text = inline_literal(&read_lossy(&corpus.join(file))?, a, b)?;
        return Ok(mailthread::parse_transcript(&text));
    }
    if let Some((file, subst)) = spec.split_once("?[") {
        let (key, value) = subst.split_once("]=").ok_or("bad substitution")?;
        let text = read_lossy(&corpus.join(file))?.replace(&format!("[{key}]"), value);
        return Ok(mailthread::parse_transcript(&text));
    }
    let path = corpus.join(spec);
    if spec.ends_with(".ann") {
        return Ok(mailthread::parse_transcript(&ann_text(&path)?));
    }
    if spec.ends_with(".eml") || spec.contains("/Enron/") {
        let mut docs = mailthread::input::read(Parser::new(), &[&path]);
        return match docs.next() {
            Some(Ok(d)) => Ok(d),
            Some(Err(e)) => Err(format!("read error: {e}")),
            None => Err("no document".to_string()),
        };
    }
    Ok(mailthread::parse_transcript(&read_lossy(&path)?))
}

fn strip_quotes(line: &str) -> &str {
    let mut l = line.trim_start();
    while let Some(rest) = l.strip_prefix('>') {
        l = rest.trim_start();
    }
    l
}

/// Whitespace- and quote-marker-normalised text.
fn norm(s: &str) -> String {
    s.lines()
        .map(strip_quotes)
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The visible-text views of a message (see the module docs).
fn views(m: &Message) -> Vec<String> {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(g) = &m.greeting {
        parts.push(g);
    }
    parts.push(&m.body);
    let greeting_body = norm(&parts.join("\n"));
    if let Some(c) = &m.closing {
        parts.push(c);
    }
    let mut out = vec![norm(&m.body), greeting_body, norm(&parts.join("\n"))];
    if let Some(s) = &m.signature {
        parts.push(&s.text);
        out.push(norm(&parts.join("\n")));
    }
    out
}

fn id_norm(s: &str) -> String {
    let t = s.trim().trim_start_matches("mailto:");
    let t = t.trim_matches(|c: char| c.is_whitespace() || "\"'<>[]()".contains(c));
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Expected sender/recipient alternatives.
fn alternatives(expected: &str) -> Vec<String> {
    let mut out = Vec::new();
    for alt in expected.split(" | ") {
        let alt = alt.trim();
        let (name, addr) = if let (Some(a), Some(b)) = (alt.find('<'), alt.rfind('>')) {
            (&alt[..a], Some(&alt[a + 1..b.max(a + 1)]))
        } else if let (Some(a), Some(b)) = (alt.find("[mailto:"), alt.rfind(']')) {
            (&alt[..a], Some(&alt[a + 8..b.max(a + 8)]))
        } else if let (Some(a), Some(b)) = (alt.find('['), alt.rfind(']')) {
            // `Erick Erickson [erickerickson@gmail.com]`
            (&alt[..a], Some(&alt[a + 1..b.max(a + 1)]))
        } else if let Some((n, a)) = alt.rsplit_once(' ').filter(|(_, a)| a.contains('@')) {
            // `william tellme williamtellme123@gmail.com`
            (n, Some(a))
        } else {
            (alt, None)
        };
        for s in [Some(name), addr].into_iter().flatten() {
            let n = id_norm(s);
            if !n.is_empty() && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn party_ids(p: &Party) -> Vec<String> {
    let mut out = Vec::new();
    for s in [p.name.as_deref(), p.address.as_deref()]
        .into_iter()
        .flatten()
    {
        let n = id_norm(s);
        // A Lotus Notes route after a name: `Kay Mann@ENRON`, `A B/HOU/ECT`.
        if n.contains(' ') {
            if let Some(i) = n.find(['/', '@']) {
                out.push(n[..i].trim().to_string());
            }
        }
        out.push(n);
    }
    out
}

fn party_matches(expected: &str, p: &Party) -> bool {
    let ids = party_ids(p);
    alternatives(expected).iter().any(|a| ids.contains(a))
}

fn show_party(p: Option<&Party>) -> String {
    match p {
        None => "no sender".to_string(),
        Some(p) => format!(
            "name={:?} address={:?}",
            p.name.as_deref().unwrap_or(""),
            p.address.as_deref().unwrap_or("")
        ),
    }
}

fn short(s: &str) -> String {
    let s = s.replace('\n', "\\n");
    if s.chars().count() > 140 {
        format!("{}…", s.chars().take(140).collect::<String>())
    } else {
        s
    }
}

fn message(doc: &Document, k: usize) -> Result<&Message, String> {
    doc.messages.get(k).ok_or_else(|| {
        format!(
            "message {k} missing: only {} message(s)",
            doc.messages.len()
        )
    })
}

fn text_check(kind: &str, views: &[String], expected: &str) -> Result<(), String> {
    let e = norm(expected);
    let ok = views.iter().any(|v| match kind {
        "reply" | "body" => *v == e,
        "reply_starts" => v.starts_with(&e),
        _ => v.contains(&e),
    });
    if ok {
        Ok(())
    } else {
        // Show where the best view first departs from the expectation.
        let got = views
            .iter()
            .max_by_key(|v| common_prefix(v, &e))
            .map(String::as_str)
            .unwrap_or("");
        let at = common_prefix(got, &e);
        Err(format!(
            "text {kind}: differs after {at} chars; expected …{:?}, got …{:?}",
            short(&e[floor(&e, at.saturating_sub(20))..]),
            short(&got[floor(got, at.saturating_sub(20))..])
        ))
    }
}

/// The byte length of the common prefix of `a` and `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or(a.len().min(b.len()))
}

/// The largest char boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    (0..=i.min(s.len()))
        .rev()
        .find(|&j| s.is_char_boundary(j))
        .unwrap_or(0)
}

/// Where the annotated text of a Quagga row lives.
fn annotation_path(corpus: &Path, spec: &str) -> PathBuf {
    if spec.ends_with(".ann") {
        corpus.join(spec)
    } else {
        corpus.join(format!("{spec}.ann"))
    }
}

fn header_sender(
    corpus: &Path,
    row: &Row,
    doc: &Document,
    range: &str,
    ann_cache: &mut HashMap<String, Result<String, String>>,
) -> Result<(), String> {
    let (s, e) = range.split_once("..").ok_or("bad range")?;
    let (s, e): (usize, usize) = (
        s.parse().map_err(|_| "bad range")?,
        e.parse().map_err(|_| "bad range")?,
    );
    let ann = ann_cache
        .entry(row.path.clone())
        .or_insert_with(|| ann_text(&annotation_path(corpus, &row.path)))
        .clone()?;
    let (zs, ze) = if ann == doc.text {
        (s, e)
    } else {
        // The annotators saw the raw body; undo quoted-printable soft breaks
        // and the common escapes, then find the zone's first line.
        let zone = ann.get(s..e).ok_or("zone offsets outside the annotation")?;
        let zone = zone
            .replace("=\n", "")
            .replace("=09", "\t")
            .replace("=20", " ")
            .replace("=3D", "=");
        let first = zone
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let at = doc
            .text
            .find(first)
            .ok_or("annotated header text not found in the decoded body")?;
        (at, at + zone.trim().len())
    };
    let starts: Vec<&Message> = doc
        .messages
        .iter()
        .filter(|m| m.boundary != Boundary::Rfc5322)
        .filter(|m| m.span.start + 8 >= zs && m.span.start < ze.max(zs + 1))
        .collect();
    let Some(m) = starts.first() else {
        return Err(format!(
            "header not split: no message starts in the annotated header at {zs}..{ze} ({:?})",
            short(doc.text.get(zs..ze).unwrap_or("").trim())
        ));
    };
    if m.from
        .as_ref()
        .is_some_and(|p| party_matches(&row.expected, p))
    {
        Ok(())
    } else {
        Err(format!(
            "sender: expected {:?}, got {} (message {}, header {:?})",
            row.expected,
            show_party(m.from.as_ref()),
            m.index,
            short(doc.text.get(zs..ze).unwrap_or("").trim())
        ))
    }
}

fn evaluate(
    corpus: &Path,
    row: &Row,
    doc: &Document,
    ann_cache: &mut HashMap<String, Result<String, String>>,
) -> Result<(), String> {
    let (kind, index) = match row.check.split_once('@') {
        Some((k, i)) => (k, i.parse::<usize>().map_err(|_| "bad message index")?),
        None => (row.check.as_str(), 0),
    };
    if let Some(range) = kind.strip_prefix("from[").and_then(|r| r.strip_suffix(']')) {
        return header_sender(corpus, row, doc, range, ann_cache);
    }
    let n = doc.messages.len();
    match kind {
        "messages" | "messages>=" => {
            let want: usize = row.expected.parse().map_err(|_| "bad count")?;
            let ok = if kind == "messages" {
                n == want
            } else {
                n >= want
            };
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "count: expected {}{want}, got {n}",
                    if kind == "messages" { "" } else { ">=" }
                ))
            }
        }
        "reply" | "reply_starts" | "reply_contains" => {
            text_check(kind, &views(message(doc, 0)?), &row.expected)
        }
        "body" | "body_contains" => text_check(kind, &views(message(doc, index)?), &row.expected),
        "reply_lacks" => {
            let m = message(doc, 0)?;
            if norm(&m.body).contains(&norm(&row.expected)) {
                Err(format!(
                    "text reply_lacks: body still contains {:?}",
                    short(&row.expected)
                ))
            } else {
                Ok(())
            }
        }
        "from" => {
            let m = message(doc, index)?;
            if m.from
                .as_ref()
                .is_some_and(|p| party_matches(&row.expected, p))
            {
                Ok(())
            } else {
                Err(format!(
                    "sender: expected {:?}, got {}",
                    row.expected,
                    show_party(m.from.as_ref())
                ))
            }
        }
        "to" => {
            let m = message(doc, index)?;
            if m.to.iter().any(|p| party_matches(&row.expected, p)) {
                Ok(())
            } else {
                let got: Vec<String> = m.to.iter().map(|p| show_party(Some(p))).collect();
                Err(format!("to: expected {:?}, got {got:?}", row.expected))
            }
        }
        "subject" => {
            let m = message(doc, index)?;
            let got = m.subject.as_deref().unwrap_or("");
            if norm(got).to_lowercase() == norm(&row.expected).to_lowercase() {
                Ok(())
            } else {
                Err(format!("subject: expected {:?}, got {got:?}", row.expected))
            }
        }
        "date_raw" => {
            let m = message(doc, index)?;
            let got = m.sent_raw.as_deref().unwrap_or("");
            if norm(got).to_lowercase() != norm(&row.expected).to_lowercase() {
                Err(format!(
                    "date: expected raw {:?}, got {got:?}",
                    row.expected
                ))
            } else if m.sent.is_none() {
                Err(format!("date: {:?} found but not parsed", row.expected))
            } else {
                Ok(())
            }
        }
        other => Err(format!("unknown check {other:?}")),
    }
}

/// The suite a row counts in: the Quagga files report counts and senders
/// separately.
fn suite_key(suite: &str, row: &Row) -> String {
    if suite.starts_with("quagga") {
        if row.check.starts_with("from[") {
            format!("{suite}:senders")
        } else {
            format!("{suite}:messages")
        }
    } else {
        suite.to_string()
    }
}

pub(crate) fn load_floors() -> BTreeMap<String, usize> {
    let path = fixtures().join("floors.tsv");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("floors.tsv: bad row {l:?}"));
            (
                k.to_string(),
                v.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("floors.tsv: bad number {l:?}")),
            )
        })
        .collect()
}

#[test]
fn conformance() {
    let Some(corpus) = super::corpus("conformance") else {
        return;
    };

    // suite key -> (cases, passed, failures)
    let mut results: BTreeMap<String, (usize, usize, Vec<String>)> = BTreeMap::new();
    for suite in SUITES {
        let rows = load_rows(suite);
        assert!(!rows.is_empty(), "{suite}.tsv has no rows");
        let mut docs: HashMap<String, Result<Document, String>> = HashMap::new();
        let mut anns: HashMap<String, Result<String, String>> = HashMap::new();
        for row in &rows {
            let doc = docs
                .entry(row.path.clone())
                .or_insert_with(|| load_doc(&corpus, &row.path));
            let outcome = match doc {
                Ok(doc) => evaluate(&corpus, row, doc, &mut anns),
                Err(e) => Err(format!("input: {e}")),
            };
            let entry = results.entry(suite_key(suite, row)).or_default();
            entry.0 += 1;
            match outcome {
                Ok(()) => entry.1 += 1,
                Err(reason) => entry.2.push(format!(
                    "  FAIL {} [{}] {reason}\n       ({})",
                    row.path, row.check, row.source
                )),
            }
        }
    }

    println!("conformance: suite cases passed rate");
    for (suite, (cases, passed, _)) in &results {
        println!(
            "{suite} {cases} {passed} {:.1}%",
            100.0 * *passed as f64 / *cases as f64
        );
    }
    for (suite, (_, _, failures)) in &results {
        if !failures.is_empty() {
            println!("\n{suite}: {} failure(s)", failures.len());
            for f in failures {
                println!("{f}");
            }
        }
    }

    let floors = load_floors();
    let mut below = Vec::new();
    for (suite, (_, passed, _)) in &results {
        let floor = floors
            .get(suite)
            .copied()
            .unwrap_or_else(|| panic!("floors.tsv has no floor for {suite}"));
        if *passed < floor {
            below.push(format!("{suite}: {passed} passed < floor {floor}"));
        } else if *passed > floor {
            println!("conformance: {suite} passes {passed} > floor {floor}; raise the floor");
        }
    }
    assert!(
        below.is_empty(),
        "suites below their floor:\n{}",
        below.join("\n")
    );
}
