//! Corpus conformance of the input layer (issue 5): `.eml` headers, mbox
//! splits and Maildir trees of the shared corpus, read with
//! `mailthread::input::read`, against the expectations that ship with the
//! corpus itself (stalwart's parsed JSON, mime4j's split files, MimeKit's
//! offset and summary files) or that the test reads from the raw bytes
//! itself (file counts, the `From:` header).
//!
//! stalwart's JSON is the output of mail-parser, the crate the input layer
//! reads headers with (0.11 here), so that test guards what the input layer
//! does with the headers (first `From`, names, dates turned into instants,
//! which files it turns away as not mail) rather than an independent parse.
//! A check with Python's `email` (compat32, `getaddresses`) gives the same
//! addresses except for bare words like `From: Whomever` (rfc/001, 004),
//! which Python reads as an address and mail-parser as a name, and
//! `malformed/019`, whose first line `Fro :...` ends Python's headers.
//!
//! The corpus is read from the directory in `MAILTHREAD_CORPUS`; when the
//! variable is unset each test prints `<name>: skipped (MAILTHREAD_CORPUS
//! not set)` and returns. That is the only way they skip. No corpus file is
//! copied into the repository.
//!
//! Each test prints what it measured (run with `--nocapture`) and every
//! disagreement, then asserts a floor: the numbers measured when the test
//! was written. Floors only go up.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use mailthread::{Document, Parser, SourceFormat, Timestamp};
use serde_json::Value;

use super::corpus;

/// Every file under `dir`, recursively, in name order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What reading one path gives: every item, or the panic's message.
type Read = Result<Vec<mailthread::Result<Document>>, String>;

/// Reads `path` with the library, catching a panic so that one bad file
/// is reported instead of ending the test.
fn read_path(path: &Path) -> Read {
    std::panic::catch_unwind(|| mailthread::input::read(Parser::new(), &[path]).collect::<Vec<_>>())
        .map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_string())
        })
}

/// Broken invariants of a document, with its place.
fn broken(doc: &Document) -> Option<String> {
    let problems = mailthread::check::invariants(doc);
    (!problems.is_empty()).then(|| {
        format!(
            "{} [{:?}]: {}",
            doc.source.path,
            doc.source.index,
            problems.join("; ")
        )
    })
}

/// Whitespace runs as one space, trimmed; `None` when nothing is left.
fn norm_text(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A Message-ID without its angle brackets and blanks.
fn norm_id(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A mailbox, normalised for comparison: name whitespace-collapsed, address
/// trimmed and lower-cased, empty parts absent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Addr {
    name: Option<String>,
    address: Option<String>,
}

impl Addr {
    fn new(name: Option<&str>, address: Option<&str>) -> Addr {
        Addr {
            name: name.and_then(norm_text),
            address: address
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty()),
        }
    }

    fn of(p: &mailthread::Party) -> Addr {
        Addr::new(p.name.as_deref(), p.address.as_deref())
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.name, &self.address) {
            (Some(n), Some(a)) => write!(f, "{n:?} <{a}>"),
            (Some(n), None) => write!(f, "{n:?}"),
            (None, Some(a)) => write!(f, "<{a}>"),
            (None, None) => write!(f, "(empty)"),
        }
    }
}

fn show_addrs(v: &[Addr]) -> String {
    if v.is_empty() {
        return "(none)".to_string();
    }
    v.iter().map(Addr::to_string).collect::<Vec<_>>().join(", ")
}

fn show<T: fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "(none)".to_string(), |x| format!("{x}"))
}

/// A moment as seconds since the epoch; a date without a zone has none.
fn instant(t: &Timestamp) -> Option<i64> {
    match t {
        Timestamp::Zoned(z) => Some(z.timestamp()),
        _ => None,
    }
}

/// The header section of raw mail, unfolded: `(name, value)` in order. Read
/// by the test itself, independently of mailthread and mail-parser.
fn raw_headers(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((n, v)) = line.split_once(':') {
            out.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

fn raw_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The address in a raw `From:` value: inside `<...>`, else the token with
/// an `@`, lower-cased.
fn raw_address(value: &str) -> Option<String> {
    if let Some((_, rest)) = value.rsplit_once('<') {
        if let Some((inner, _)) = rest.split_once('>') {
            return Some(inner.trim().to_lowercase()).filter(|a| !a.is_empty());
        }
    }
    value
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c| matches!(c, '"' | '\'' | '(' | ')')))
        .find(|t| t.contains('@'))
        .map(str::to_lowercase)
}

/// The body of raw mail: everything after the first blank line.
fn raw_body(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    match text.split_once("\n\n") {
        Some((_, body)) => body.to_string(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// 1. stalwart .eml files against mail-parser's expected JSON
// ---------------------------------------------------------------------------

/// The value of the last header named `name` in the JSON's outer part (the
/// occurrence mail-parser's accessors return; only `malformed/019` repeats
/// a header).
fn json_header<'a>(headers: &'a [Value], name: &str) -> Option<&'a Value> {
    headers
        .iter()
        .rev()
        .find(|h| h.get("name").and_then(Value::as_str) == Some(name))
        .and_then(|h| h.get("value"))
}

/// The mailboxes of an `Address` value: a `List`, or every `Group`'s.
fn json_addrs(v: Option<&Value>) -> Vec<Addr> {
    let Some(a) = v.and_then(|v| v.get("Address")) else {
        return Vec::new();
    };
    let one = |x: &Value| {
        Addr::new(
            x.get("name").and_then(Value::as_str),
            x.get("address").and_then(Value::as_str),
        )
    };
    let mut out = Vec::new();
    if let Some(list) = a.get("List").and_then(Value::as_array) {
        out.extend(list.iter().map(one));
    }
    if let Some(groups) = a.get("Group").and_then(Value::as_array) {
        for g in groups {
            if let Some(list) = g.get("addresses").and_then(Value::as_array) {
                out.extend(list.iter().map(one));
            }
        }
    }
    out
}

fn json_text(v: Option<&Value>) -> Option<String> {
    let v = v?;
    if let Some(t) = v.get("Text").and_then(Value::as_str) {
        return Some(t.to_string());
    }
    v.get("TextList")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// An expected date: the instant, when the fields make one, and the fields
/// as written for the report.
struct ExpectedDate {
    instant: Option<i64>,
    shown: String,
}

fn json_date(v: Option<&Value>) -> Option<ExpectedDate> {
    let d = v?.get("DateTime")?;
    let n = |k: &str| d.get(k).and_then(Value::as_i64).unwrap_or(-1);
    let west = d.get("tz_before_gmt").and_then(Value::as_bool) == Some(true);
    let off = (n("tz_hour") * 3600 + n("tz_minute") * 60) * if west { -1 } else { 1 };
    let shown = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        n("year"),
        n("month"),
        n("day"),
        n("hour"),
        n("minute"),
        n("second"),
        if west { '-' } else { '+' },
        n("tz_hour"),
        n("tz_minute")
    );
    let instant = u32::try_from(n("month"))
        .ok()
        .zip(u32::try_from(n("day")).ok())
        .and_then(|(m, day)| NaiveDate::from_ymd_opt(n("year") as i32, m, day))
        .and_then(|date| date.and_hms_opt(n("hour") as u32, n("minute") as u32, n("second") as u32))
        .map(|naive| naive.and_utc().timestamp() - off);
    Some(ExpectedDate { instant, shown })
}

#[test]
fn stalwart_eml_headers_agree() {
    let Some(corpus) = corpus("stalwart_eml_headers_agree") else {
        return;
    };
    let root = corpus.join("stalwart-mail-parser/resources/eml");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));

    const FIELDS: [&str; 6] = ["from", "to", "cc", "subject", "date", "message-id"];
    let mut agree: BTreeMap<&str, usize> = FIELDS.iter().map(|f| (*f, 0)).collect();
    let mut disagreements: Vec<String> = Vec::new();
    let mut not_read: Vec<String> = Vec::new();
    let mut invariants: Vec<String> = Vec::new();
    let mut panics = 0;
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let json_path = path.with_extension("json");
        let json: Value = serde_json::from_str(
            &fs::read_to_string(&json_path)
                .unwrap_or_else(|e| panic!("{}: {e}", json_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()));
        let headers: &[Value] = json["parts"][0]["headers"]
            .as_array()
            .map_or(&[], Vec::as_slice);
        let exp_from = json_addrs(json_header(headers, "from")).into_iter().next();
        let exp_to = json_addrs(json_header(headers, "to"));
        let exp_cc = json_addrs(json_header(headers, "cc"));
        let exp_subject = json_text(json_header(headers, "subject"));
        let exp_date = json_date(json_header(headers, "date"));
        let exp_id = json_text(json_header(headers, "message_id"));

        let outcome: Result<Document, String> = match read_path(path) {
            Err(p) => {
                panics += 1;
                Err(format!("PANIC: {p}"))
            }
            Ok(mut items) if items.len() == 1 => {
                items.pop().expect("one item").map_err(|e| e.to_string())
            }
            Ok(items) => Err(format!("{} items instead of one", items.len())),
        };
        let doc = match outcome {
            Ok(doc) => doc,
            Err(why) => {
                let expected = [
                    show(&exp_from),
                    show_addrs(&exp_to),
                    show_addrs(&exp_cc),
                    format!("{exp_subject:?}"),
                    exp_date
                        .as_ref()
                        .map_or("(none)".to_string(), |d| d.shown.clone()),
                    format!("{exp_id:?}"),
                ];
                for (f, e) in FIELDS.iter().zip(expected) {
                    disagreements.push(format!("{rel}\t{f}\tnot read\texpected {e}"));
                }
                not_read.push(format!("{rel}: {why}"));
                continue;
            }
        };
        invariants.extend(broken(&doc));
        let m = &doc.messages[0];
        let mut check = |field: &'static str, ok: bool, ours: String, expected: String| {
            if ok {
                *agree.get_mut(field).expect("field") += 1;
            } else {
                disagreements.push(format!("{rel}\t{field}\tours {ours}\texpected {expected}"));
            }
        };
        let from = m.from.as_ref().map(Addr::of);
        check("from", from == exp_from, show(&from), show(&exp_from));
        let to: Vec<Addr> = m.to.iter().map(Addr::of).collect();
        check("to", to == exp_to, show_addrs(&to), show_addrs(&exp_to));
        let cc: Vec<Addr> = m.cc.iter().map(Addr::of).collect();
        check("cc", cc == exp_cc, show_addrs(&cc), show_addrs(&exp_cc));
        let subject = m.subject.as_deref().and_then(norm_text);
        let exp_subject = exp_subject.as_deref().and_then(norm_text);
        check(
            "subject",
            subject == exp_subject,
            format!("{subject:?}"),
            format!("{exp_subject:?}"),
        );
        let ours_instant = m.sent.as_ref().and_then(instant);
        let ok = match &exp_date {
            Some(d) => d.instant.is_some() && ours_instant == d.instant,
            None => m.sent.is_none(),
        };
        check(
            "date",
            ok,
            format!("{} (raw {:?})", show(&m.sent), m.sent_raw),
            exp_date.as_ref().map_or("(none)".to_string(), |d| {
                format!(
                    "{}{}",
                    d.shown,
                    if d.instant.is_none() {
                        " (not a valid instant)"
                    } else {
                        ""
                    }
                )
            }),
        );
        let id = m.message_id.as_deref().and_then(norm_id);
        let exp_id = exp_id.as_deref().and_then(norm_id);
        check(
            "message-id",
            id == exp_id,
            format!("{id:?}"),
            format!("{exp_id:?}"),
        );
    }

    let n = files.len();
    let total: usize = agree.values().sum();
    println!(
        "stalwart_eml_headers_agree: {n} .eml files, {} read as one document, {} not read, {panics} panics",
        n - not_read.len(),
        not_read.len()
    );
    for f in FIELDS {
        let a = agree[f];
        println!(
            "  {f:<10} {a}/{n} agree ({:.1}%)",
            100.0 * a as f64 / n.max(1) as f64
        );
    }
    println!(
        "  overall    {total}/{} field values agree ({:.1}%)",
        n * FIELDS.len(),
        100.0 * total as f64 / (n * FIELDS.len()).max(1) as f64
    );
    for r in &not_read {
        println!("  not read: {r}");
    }
    println!("  disagreements (file, field, ours, expected):");
    for d in &disagreements {
        println!("    {d}");
    }
    assert_eq!(panics, 0, "mailthread panicked on stalwart .eml files");
    assert!(
        invariants.is_empty(),
        "invariants broken: {:#?}",
        &invariants[..invariants.len().min(10)]
    );
    assert!(
        n >= 107,
        "only {n} .eml files found under {}",
        root.display()
    );
    // Floors: the numbers measured when written (see the constants).
    for (f, floor) in [
        ("from", FLOOR_FROM),
        ("to", FLOOR_TO),
        ("cc", FLOOR_CC),
        ("subject", FLOOR_SUBJECT),
        ("date", FLOOR_DATE),
        ("message-id", FLOOR_ID),
    ] {
        assert!(
            agree[f] >= floor,
            "{f}: {} of {n} agree, below the floor of {floor}",
            agree[f]
        );
    }
    assert!(
        total >= FLOOR_TOTAL,
        "{total} field values agree, below the floor of {FLOOR_TOTAL}"
    );
}

// Floors for stalwart_eml_headers_agree: all 107 files read and every
// field agrees (100%). When first written, `thirdparty/005.eml` (a valid
// MIME message with a `Content-Transfer-Encoding: binary` UTF-16 part) was
// taken for binary data: 106/107. Bytes that open with mail headers are no
// longer binary.
const FLOOR_FROM: usize = 107;
const FLOOR_TO: usize = 107;
const FLOOR_CC: usize = 107;
const FLOOR_SUBJECT: usize = 107;
const FLOOR_DATE: usize = 107;
const FLOOR_ID: usize = 107;
const FLOOR_TOTAL: usize = 642;

// ---------------------------------------------------------------------------
// 2. the mime4j mbox against its expected split
// ---------------------------------------------------------------------------

#[test]
fn mime4j_mbox_split() {
    let Some(corpus) = corpus("mime4j_mbox_split") else {
        return;
    };
    let mut files = Vec::new();
    files_under(&corpus.join("james-mime4j"), &mut files);
    let mbox = files
        .iter()
        .find(|p| file_name(p) == "mbox.rlug")
        .expect("james-mime4j/**/mbox.rlug")
        .clone();
    // The expected split: `mbox.rlug-0`, `-1`, ... beside it, each one
    // message without its `From ` line.
    let mut expected: Vec<(usize, PathBuf)> = files
        .iter()
        .filter(|p| p.parent() == mbox.parent())
        .filter_map(|p| {
            let name = file_name(p);
            let k = name.strip_prefix("mbox.rlug-")?.parse::<usize>().ok()?;
            Some((k, p.clone()))
        })
        .collect();
    expected.sort();
    assert!(
        !expected.is_empty(),
        "no mbox.rlug-N beside {}",
        mbox.display()
    );

    let items =
        read_path(&mbox).unwrap_or_else(|p| panic!("panic reading {}: {p}", mbox.display()));
    let mut docs = Vec::new();
    for item in items {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => panic!("{}: {e}", mbox.display()),
        }
    }
    const CHECKS: [&str; 7] = [
        "index",
        "from",
        "subject",
        "date",
        "message-id",
        "body",
        "invariants",
    ];
    let mut agree: BTreeMap<&str, usize> = CHECKS.iter().map(|c| (*c, 0)).collect();
    let mut disagreements = Vec::new();
    for (i, (k, path)) in expected.iter().enumerate() {
        let Some(doc) = docs.get(i) else {
            disagreements.push(format!("{}: no document {i}", file_name(path)));
            continue;
        };
        let bytes = fs::read(path).expect("expected split file");
        let h = raw_headers(&bytes);
        let m = &doc.messages[0];
        let name = file_name(path);
        let mut check = |c: &'static str, ok: bool, ours: String, exp: String| {
            if ok {
                *agree.get_mut(c).expect("check") += 1;
            } else {
                disagreements.push(format!("{name}\t{c}\tours {ours}\texpected {exp}"));
            }
        };
        check(
            "index",
            doc.source.index == Some(*k) && doc.source.format == SourceFormat::Mbox,
            format!("{:?} {:?}", doc.source.index, doc.source.format),
            format!("Some({k}) Mbox"),
        );
        let exp_from = raw_header(&h, "From").and_then(raw_address);
        let from = m
            .from
            .as_ref()
            .and_then(|p| p.address.as_deref())
            .map(str::to_lowercase);
        check(
            "from",
            from == exp_from,
            format!("{from:?}"),
            format!("{exp_from:?}"),
        );
        let exp_subject = raw_header(&h, "Subject").and_then(norm_text);
        let subject = m.subject.as_deref().and_then(norm_text);
        check(
            "subject",
            subject == exp_subject,
            format!("{subject:?}"),
            format!("{exp_subject:?}"),
        );
        let exp_date = raw_header(&h, "Date")
            .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
            .map(|d| d.timestamp());
        let date = m.sent.as_ref().and_then(instant);
        check(
            "date",
            exp_date.is_some() && date == exp_date,
            show(&m.sent),
            format!("{:?}", raw_header(&h, "Date")),
        );
        let exp_id = raw_header(&h, "Message-ID").and_then(norm_id);
        let id = m.message_id.as_deref().and_then(norm_id);
        check(
            "message-id",
            id == exp_id,
            format!("{id:?}"),
            format!("{exp_id:?}"),
        );
        // The bodies are 7-bit text/plain: the decoded text is the raw body.
        let exp_body = raw_body(&bytes);
        let body = doc.text.replace("\r\n", "\n");
        check(
            "body",
            body.trim_end() == exp_body.trim_end(),
            format!("{} bytes", body.trim_end().len()),
            format!("{} bytes", exp_body.trim_end().len()),
        );
        let b = broken(doc);
        check(
            "invariants",
            b.is_none(),
            format!("{b:?}"),
            "none broken".into(),
        );
    }
    let n = expected.len();
    println!(
        "mime4j_mbox_split: {}: {} documents, {n} expected (mbox.rlug-0..{})",
        mbox.display(),
        docs.len(),
        n - 1
    );
    for c in CHECKS {
        println!("  {c:<10} {}/{n}", agree[c]);
    }
    for d in &disagreements {
        println!("  {d}");
    }
    // Measured when written: 5 documents for 5 expected, every check 5/5.
    assert_eq!(docs.len(), n, "message count");
    for c in CHECKS {
        assert_eq!(agree[c], n, "{c}: {disagreements:#?}");
    }
}

// ---------------------------------------------------------------------------
// 3. MimeKit mbox files against their offset files
// ---------------------------------------------------------------------------

/// The subject of each message in a MimeKit `*-summary.txt`: blocks
/// separated by blank lines, the top-level `Subject:` line of each.
fn summary_subjects(text: &str) -> Vec<Option<String>> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !block.is_empty() {
                out.push(
                    block
                        .iter()
                        .find_map(|l| l.strip_prefix("Subject:"))
                        .and_then(norm_text),
                );
                block.clear();
            }
        } else {
            block.push(line);
        }
    }
    out
}

#[test]
fn mimekit_mbox_counts() {
    let Some(corpus) = corpus("mimekit_mbox_counts") else {
        return;
    };
    let mut files = Vec::new();
    files_under(&corpus.join("mimekit-testdata"), &mut files);
    let mboxes: Vec<&PathBuf> = files
        .iter()
        .filter(|p| file_name(p).ends_with(".mbox.txt"))
        .collect();
    assert!(!mboxes.is_empty(), "no *.mbox.txt under mimekit-testdata");

    let (mut with_offsets, mut counts_agree) = (0, 0);
    let (mut docs_total, mut expected_total) = (0, 0);
    let (mut subjects_expected, mut subjects_found) = (0, 0);
    let mut report = Vec::new();
    let mut invariants = Vec::new();
    let mut over_split = Vec::new();
    for mbox in &mboxes {
        let name = file_name(mbox);
        let stem = name.trim_end_matches(".mbox.txt");
        let bytes = fs::read(mbox).expect("mbox");
        // MimeKit records offsets for the file with LF (`unix`) and with
        // CRLF (`dos`) line ends; the count is the same, the offsets are
        // the ones of the file as stored.
        let dos = bytes.windows(2).any(|w| w == b"\r\n");
        let offsets = mbox.with_file_name(format!(
            "{stem}.{}-offsets.json",
            if dos { "dos" } else { "unix" }
        ));
        let items = read_path(mbox).unwrap_or_else(|p| panic!("panic reading {name}: {p}"));
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        for item in items {
            match item {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e.to_string()),
            }
        }
        invariants.extend(docs.iter().filter_map(broken));
        let formats: Vec<String> = docs
            .iter()
            .map(|d| format!("{:?}", d.source.format))
            .collect();
        let ours: Vec<Option<String>> = docs
            .iter()
            .map(|d| d.messages[0].subject.as_deref().and_then(norm_text))
            .collect();
        let Ok(json) = fs::read_to_string(&offsets) else {
            report.push(format!(
                "{name}: {} documents {formats:?}, {} errors; no offset file (not counted)",
                docs.len(),
                errors.len()
            ));
            continue;
        };
        with_offsets += 1;
        docs_total += docs.len();
        let json: Value = serde_json::from_str(&json).expect("offsets JSON");
        let expected = json.as_array().map_or(0, Vec::len);
        expected_total += expected;
        if docs.len() == expected && errors.is_empty() {
            counts_agree += 1;
        }
        if docs.len() > expected {
            over_split.push(format!("{name}: {} documents for {expected}", docs.len()));
        }
        // The subjects of the summary, found in our documents in order.
        let summary = mbox.with_file_name(format!("{stem}-summary.txt"));
        let mut missing = Vec::new();
        if let Ok(s) = fs::read_to_string(&summary) {
            let exp = summary_subjects(&s);
            let mut at = 0;
            for (k, e) in exp.iter().enumerate() {
                subjects_expected += 1;
                match ours[at..].iter().position(|o| o == e) {
                    Some(j) => {
                        subjects_found += 1;
                        at += j + 1;
                    }
                    None => missing.push(format!("#{k} {e:?}")),
                }
            }
        }
        report.push(format!(
            "{name}: {} documents, {} errors, expected {expected} ({}); summary subjects missing in order: {missing:?}",
            docs.len(),
            errors.len(),
            file_name(&offsets)
        ));
        if docs.len() != expected {
            report.push(format!("    our subjects: {ours:?}"));
        }
        for e in &errors {
            report.push(format!("    error: {e}"));
        }
    }
    println!(
        "mimekit_mbox_counts: {} mbox files, {with_offsets} with offset files, {counts_agree} with the expected count, {docs_total} documents for {expected_total} messages; summary subjects found in order {subjects_found}/{subjects_expected}",
        mboxes.len()
    );
    for r in &report {
        println!("  {r}");
    }
    assert!(
        invariants.is_empty(),
        "invariants broken: {:#?}",
        &invariants[..invariants.len().min(10)]
    );
    assert!(with_offsets >= 2, "offset files not found");
    assert!(
        over_split.is_empty(),
        "more documents than messages: {over_split:?}"
    );
    // Measured when written: see FLOOR_MIMEKIT_*.
    assert!(
        docs_total >= FLOOR_MIMEKIT_DOCS,
        "{docs_total} documents from the mbox files with offset files, below the floor of {FLOOR_MIMEKIT_DOCS}"
    );
    assert!(
        subjects_found >= FLOOR_MIMEKIT_SUBJECTS,
        "{subjects_found} summary subjects found, below the floor of {FLOOR_MIMEKIT_SUBJECTS}"
    );
}

// Floors for mimekit_mbox_counts: both mbox files with offset files give
// their count, 33 documents for 33 messages, all 33 summary subjects in
// order. When first written, `From - ` and `From <address>` lines without
// a date did not split: 27 of 33.
const FLOOR_MIMEKIT_DOCS: usize = 33;
const FLOOR_MIMEKIT_SUBJECTS: usize = 33;

// ---------------------------------------------------------------------------
// 4. notmuch Maildir trees: one document per message file
// ---------------------------------------------------------------------------

/// Message files under a Maildir tree, counted by the test: every file but
/// dot-files and those under a `tmp/` folder.
fn message_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let name = file_name(&p);
        if p.is_dir() {
            if name != "tmp" {
                message_files(&p, out);
            }
        } else if !name.starts_with('.') {
            out.push(p);
        }
    }
}

#[test]
fn notmuch_maildirs_one_document_per_file() {
    let Some(corpus) = corpus("notmuch_maildirs_one_document_per_file") else {
        return;
    };
    let mut problems = Vec::new();
    let mut invariants = Vec::new();
    for tree in ["default", "lkml"] {
        let root = corpus.join("notmuch-corpora/test/corpora").join(tree);
        let mut files = Vec::new();
        message_files(&root, &mut files);
        let items = read_path(&root).unwrap_or_else(|p| panic!("panic reading {tree}: {p}"));
        let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
        let mut formats: BTreeMap<String, usize> = BTreeMap::new();
        let (mut docs, mut errors, mut messages, mut inline) = (0, 0, 0, 0);
        for item in items {
            match item {
                Ok(d) => {
                    docs += 1;
                    messages += d.messages.len();
                    inline += usize::from(d.messages.len() > 1);
                    *per_file.entry(d.source.path.clone()).or_default() += 1;
                    *formats.entry(format!("{:?}", d.source.format)).or_default() += 1;
                    if d.source.format == SourceFormat::Transcript {
                        problems.push(format!("{}: read as a transcript", d.source.path));
                    }
                    invariants.extend(broken(&d));
                }
                Err(e) => {
                    errors += 1;
                    problems.push(format!("{tree}: error {e}"));
                }
            }
        }
        for f in &files {
            let key = f.display().to_string();
            match per_file.remove(&key) {
                Some(1) => {}
                Some(n) => problems.push(format!("{key}: {n} documents")),
                None => problems.push(format!("{key}: no document")),
            }
        }
        for (extra, n) in &per_file {
            problems.push(format!("{extra}: {n} documents for a file not counted"));
        }
        println!(
            "notmuch_maildirs_one_document_per_file: {tree}: {} message files, {docs} documents, {errors} errors, formats {formats:?}, {messages} messages, {inline} documents with quoted/forwarded messages",
            files.len()
        );
        assert!(
            !files.is_empty(),
            "no message files under {}",
            root.display()
        );
    }
    for p in &problems {
        println!("  {p}");
    }
    for b in &invariants {
        println!("  invariants: {b}");
    }
    // Measured when written: default 53 files -> 53 documents (43 Maildir,
    // 10 Eml: the files outside `cur/`/`new/`), lkml 210 -> 210 (all Eml:
    // the stored tree has `cur/` but no `new/`, so it is not taken for a
    // Maildir), no errors, no transcripts, no broken invariants (100%).
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(invariants.is_empty(), "{invariants:#?}");
}

// ---------------------------------------------------------------------------
// 5. Quagga's raw Enron mails: the outer message and inline messages
// ---------------------------------------------------------------------------

#[test]
fn enron_eml_outer_and_inline() {
    let Some(corpus) = corpus("enron_eml_outer_and_inline") else {
        return;
    };
    // The raw mails are `annotated_all/{train,test}/*.txt` (complete RFC 822
    // files from the CMU maildir); `annotated_detailled/` holds
    // byte-identical copies and `annotated_lines/` prefixes lines with
    // labels, so neither is read here.
    let root = corpus.join("quagga-hpi/Datasets/Enron/annotated_all");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));

    let tmp =
        std::env::temp_dir().join(format!("mailthread-mailbox-corpus-{}", std::process::id()));
    let (mut read_direct, mut read_as_eml) = (0, 0);
    let (mut from_agree, mut with_from, mut inline) = (0, 0, 0);
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut disagreements = Vec::new();
    let mut invariants = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let one = |items: Read| match items {
            Ok(mut v) if v.len() == 1 => v.pop().expect("one").map_err(|e| e.to_string()),
            Ok(v) => Err(format!("{} items", v.len())),
            Err(p) => Err(format!("PANIC {p}")),
        };
        let doc = match one(read_path(path)) {
            Ok(d) if d.source.format == SourceFormat::Eml => {
                read_direct += 1;
                d
            }
            first => {
                // Not read as an email under its own name: copy the bytes
                // to a temporary `*.eml` and read that.
                let why = match &first {
                    Ok(d) => format!("read as {:?}", d.source.format),
                    Err(e) => e.clone(),
                };
                fs::create_dir_all(&tmp).expect("temp dir");
                let copy = tmp.join(format!("{}.eml", file_name(path)));
                fs::copy(path, &copy).expect("temp copy");
                let second = one(read_path(&copy));
                let _ = fs::remove_file(&copy);
                match second {
                    Ok(d) => {
                        read_as_eml += 1;
                        problems.push(format!("{rel}: {why}; as .eml: read"));
                        d
                    }
                    Err(e) => {
                        problems.push(format!("{rel}: {why}; as .eml: {e}"));
                        continue;
                    }
                }
            }
        };
        invariants.extend(broken(&doc));
        let bytes = fs::read(path).expect("mail");
        let h = raw_headers(&bytes);
        let exp = raw_header(&h, "From").and_then(raw_address);
        let m = &doc.messages[0];
        let ours = m
            .from
            .as_ref()
            .and_then(|p| p.address.as_deref())
            .map(str::to_lowercase);
        if exp.is_some() {
            with_from += 1;
        }
        if ours == exp && m.boundary == mailthread::Boundary::Rfc5322 {
            from_agree += 1;
        } else {
            disagreements.push(format!(
                "{rel}\tfrom\tours {ours:?} ({:?})\texpected {exp:?} (From: {:?})",
                m.boundary,
                raw_header(&h, "From")
            ));
        }
        inline += usize::from(doc.messages.len() > 1);
        *sizes.entry(doc.messages.len()).or_default() += 1;
    }
    let _ = fs::remove_dir_all(&tmp);
    let n = files.len();
    println!(
        "enron_eml_outer_and_inline: {n} raw Enron mails; {read_direct} read as .eml under their own name, {read_as_eml} only as a *.eml copy, {} not read",
        n - read_direct - read_as_eml
    );
    println!(
        "  outer from = RFC From: {from_agree}/{n} ({:.1}%), {with_from} with a From: header",
        100.0 * from_agree as f64 / n.max(1) as f64
    );
    println!(
        "  with inline (quoted/forwarded) messages: {inline}/{n} ({:.1}%); messages per document: {sizes:?}",
        100.0 * inline as f64 / n.max(1) as f64
    );
    for p in &problems {
        println!("  {p}");
    }
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(
        invariants.is_empty(),
        "invariants broken: {:#?}",
        &invariants[..invariants.len().min(10)]
    );
    assert!(
        n >= 700,
        "only {n} raw Enron mails under {}",
        root.display()
    );
    // Measured when written: see FLOOR_ENRON_*.
    assert!(
        read_direct >= FLOOR_ENRON_READ,
        "{read_direct} read as .eml, below {FLOOR_ENRON_READ}"
    );
    assert!(
        from_agree >= FLOOR_ENRON_FROM,
        "{from_agree} senders agree, below {FLOOR_ENRON_FROM}"
    );
    // Inline messages are judged against gold counts by the quagga-enron
    // conformance suite; this floor only catches a collapse.
    assert!(
        inline >= FLOOR_ENRON_INLINE,
        "{inline} with inline messages, below {FLOOR_ENRON_INLINE}"
    );
}

// Floors for enron_eml_outer_and_inline: all 700 raw mails read as email
// under their own `.txt` name (100%), and the outer sender equals the
// `From:` address for all 700 (100%). How many have inline messages is
// not a score (the Quagga line labels in `conformance.rs` say which splits
// are right): 329 when first written, 319 since a lone line of underscores
// (a mailing-list footer) no longer starts a message, which raised the
// Quagga Enron message score from 627 to 646 of 700. The floor only
// guards against the splitting collapsing.
const FLOOR_ENRON_READ: usize = 700;
const FLOOR_ENRON_FROM: usize = 700;
const FLOOR_ENRON_INLINE: usize = 300;
