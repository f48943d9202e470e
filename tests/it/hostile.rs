//! Hostile and pathological input (issue 7, item 4): each test feeds one
//! kind of input that is made to crash, hang or drop text, and asserts the
//! result the crate promises for it, not just that nothing panicked.
//!
//! Every document is also run through `mailthread::check::invariants`.
//! Sizes are the sizes; each test stays within a few seconds in a
//! debug build (when one does not, that is a performance bug in the crate,
//! not a reason to shrink the input).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mailthread::{Boundary, DiagnosticKind, Document, ErrorKind, Parser};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!(
            "mailthread-hostile-{}-{n}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).expect("create dir");
        }
        std::fs::write(&p, bytes).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn assert_invariants(doc: &Document) {
    let problems = mailthread::check::invariants(doc);
    let first: Vec<&String> = problems.iter().take(5).collect();
    assert!(
        problems.is_empty(),
        "{} invariants broken, first: {first:#?}",
        problems.len()
    );
}

/// Parses `text` with `parser` and checks the invariants. The time is
/// printed, and a warning when it passes `limit`, but not asserted: speed is
/// measured in benchmarks, never in timed tests.
fn parse_timed(parser: Parser, text: &str, limit: Duration, what: &str) -> Document {
    let t = Instant::now();
    let doc = parser.parse_transcript(text);
    let took = t.elapsed();
    eprintln!("{what}: {} bytes parsed in {took:?}", text.len());
    if took > limit {
        eprintln!("{what}: slower than {limit:?}; see the benchmarks");
    }
    assert_invariants(&doc);
    doc
}

fn count(doc: &Document, kind: DiagnosticKind) -> usize {
    doc.diagnostics.iter().filter(|d| d.kind == kind).count()
}

fn read_all(parser: Parser, paths: &[&Path]) -> Vec<mailthread::Result<Document>> {
    mailthread::input::read(parser, paths).collect()
}

/// A hang guard, not a benchmark: generous enough for a debug build on a
/// shared two-core machine, far below what a quadratic pass would take.
const SECS: Duration = Duration::from_secs(60);

/// Four header lines, a blank line and a one-line body: message `i`.
fn message(i: usize) -> String {
    format!(
        "From: Sender {i} <s{i}@example.org>\nSent: Monday, 1 January 2001 10:{:02}\nTo: Reader <r@example.org>\nSubject: message {i}\n\nbody {i}\n\n",
        i % 60
    )
}

#[test]
fn a_10_mb_line_without_newline() {
    let text = "lorem ipsum dolor sit amet ".repeat(10 * 1024 * 1024 / 27 + 1);
    let text = text.trim_end();
    assert!(text.len() >= 10 * 1024 * 1024 - 27);
    let doc = parse_timed(Parser::new(), text, SECS, "10 MB line");
    assert_eq!(doc.messages.len(), 1);
    let m = &doc.messages[0];
    assert_eq!(m.boundary, Boundary::None);
    assert_eq!((m.span.start, m.span.end), (0, text.len()));
    assert_eq!(m.body, text);
    assert!(m.from.is_none() && m.sent.is_none());
}

#[test]
fn a_10_mb_line_of_one_word() {
    // No blank to split on at all. (`x` would be read as a redaction
    // marker, `XXXXXX`; see the report for its time.)
    let text = "a".repeat(10 * 1024 * 1024);
    let doc = parse_timed(Parser::new(), &text, SECS, "10 MB word");
    assert_eq!(doc.messages.len(), 1);
    assert_eq!(doc.messages[0].body.len(), text.len());
}

#[test]
fn a_hundred_thousand_header_like_lines_that_are_not_labels() {
    // `Name: value` lines whose names are no header label of any language.
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!("X-Field-{i}: value {i}\n"));
    }
    let doc = parse_timed(Parser::new(), &text, SECS, "100k non-label lines");
    assert_eq!(doc.messages.len(), 1);
    assert_eq!(doc.messages[0].boundary, Boundary::None);
    assert!(doc.messages[0].body.contains("X-Field-99999: value 99999"));
}

#[test]
fn twenty_thousand_addresses_in_one_recipient() {
    // No separator between them, and a non-ASCII character at the end:
    // each address is looked for from the end of the one before.
    let to: Vec<String> = (0..20_000).map(|i| format!("p{i}@example.org")).collect();
    let text = format!(
        "From: Jan <jan@example.org>\nTo: {} é\nSubject: test\n\nHallo,\n",
        to.join(" ")
    );
    let doc = parse_timed(Parser::new(), &text, SECS, "20k addresses in one recipient");
    let m = &doc.messages[0];
    assert_eq!(m.to.len(), 1);
    assert_eq!(m.to[0].address.as_deref(), Some("p0@example.org"));
    assert_eq!(m.greeting.as_deref(), Some("Hallo,"));
}

#[test]
fn a_hundred_thousand_header_lines_without_blank_lines() {
    // From/Sent/To/Subject over and over: a repeated label closes a block,
    // so every four lines are a block of their own: 25,000 messages, over
    // the default cap of 10,000.
    let mut text = String::new();
    for i in 0..25_000 {
        text.push_str(&format!(
            "From: A{i} <a{i}@example.org>\nSent: Monday, 1 January 2001 10:00\nTo: B\nSubject: s{i}\n"
        ));
    }
    assert_eq!(text.lines().count(), 100_000);
    let doc = parse_timed(Parser::new(), &text, SECS, "100k label lines");
    assert_eq!(doc.messages.len(), 10_000);
    assert_eq!(count(&doc, DiagnosticKind::LimitReached), 1);
    assert!(doc.messages.iter().all(|m| m.boundary == Boundary::Header));
    assert_eq!(
        doc.messages[9_999]
            .from
            .as_ref()
            .and_then(|p| p.name.as_deref()),
        Some("A9999")
    );
    // The rest of the text stays in the last message.
    assert_eq!(doc.messages[9_999].span.end, text.trim_end().len());
}

/// A thread quoted `levels` deep, with an attribution line at each level;
/// `quoted_blank` puts a quoted blank line (`> > `) before each one.
fn deep_thread(levels: usize, quoted_blank: bool) -> String {
    let mut text = String::new();
    for d in 0..=levels {
        let q = "> ".repeat(d);
        text.push_str(&format!("{q}reply at level {d}\n"));
        if quoted_blank {
            text.push_str(&format!("{q}\n"));
        }
        if d < levels {
            text.push_str(&format!(
                "{q}On Mon, 1 Jan 2001 at 10:00, Person {} <p{}@example.org> wrote:\n",
                d + 1,
                d + 1
            ));
        }
    }
    text
}

fn check_deep_thread(doc: &Document) {
    // The text before the first attribution, then one message per level.
    assert_eq!(doc.messages.len(), 1001);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.messages[0].boundary, Boundary::None);
    assert_eq!(doc.messages[0].body, "reply at level 0");
    for (d, m) in doc.messages.iter().enumerate().skip(1) {
        assert_eq!(m.boundary, Boundary::Attribution, "message {d}");
        assert_eq!(m.body, format!("reply at level {d}"), "message {d}");
        assert_eq!(
            m.from.as_ref().and_then(|p| p.address.as_deref()),
            Some(format!("p{d}@example.org").as_str()),
            "message {d}"
        );
    }
}

#[test]
fn quoting_a_thousand_levels_deep() {
    let text = deep_thread(1000, false);
    let deep = Parser::new().max_quote_depth(1000);
    let doc = parse_timed(deep, &text, SECS, "1000 quote levels");
    check_deep_thread(&doc);
}

#[test]
fn quoting_a_thousand_levels_deep_hits_the_default_depth_cap() {
    // Attribution lines quoted up to 100 levels deep start messages 1 to
    // 101; the deeper ones stay the text of message 101, with a diagnostic.
    let text = deep_thread(1000, false);
    let doc = parse_timed(Parser::new(), &text, SECS, "1000 quote levels, capped");
    assert_eq!(doc.messages.len(), 102);
    assert_eq!(count(&doc, DiagnosticKind::LimitReached), 1);
    let last = &doc.messages[101];
    assert!(
        last.body.starts_with("reply at level 101\n"),
        "{:?}",
        &last.body[..80]
    );
    assert!(last.body.ends_with("reply at level 1000"));
}

#[test]
fn quoting_a_thousand_levels_deep_with_quoted_blank_lines() {
    // The quoted blank line (`> > `) before each attribution must belong to
    // some message: its `>` markers are text.
    let text = deep_thread(1000, true);
    let doc = Parser::new().max_quote_depth(1000).parse_transcript(&text);
    check_deep_thread(&doc);
    assert_invariants(&doc);
}

#[test]
fn quoting_a_thousand_levels_deep_without_attributions() {
    let mut text = String::new();
    for d in 0..=1000 {
        text.push_str(&"> ".repeat(d));
        text.push_str(&format!("line {d}\n"));
    }
    let doc = parse_timed(
        Parser::new(),
        &text,
        SECS,
        "1000 quote levels, no attributions",
    );
    assert_eq!(doc.messages.len(), 1);
    assert!(doc.messages[0].body.starts_with("line 0"));
    assert!(doc.messages[0].body.contains("line 1000"));
}

#[test]
fn a_hundred_thousand_messages_hit_the_default_cap() {
    let text: String = (0..100_000).map(message).collect();
    let doc = parse_timed(Parser::new(), &text, SECS, "100k messages");
    assert_eq!(doc.messages.len(), 10_000);
    let limits: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::LimitReached)
        .collect();
    assert_eq!(limits.len(), 1);
    // The diagnostic points at the first block that was not read.
    let at = limits[0].span.expect("limit diagnostic has a span").start;
    assert!(text[at..].starts_with("From: Sender 10000 <"));
    // The rest of the document stays in the last message.
    let last = &doc.messages[9_999];
    assert_eq!(last.subject.as_deref(), Some("message 9999"));
    assert_eq!(last.span.end, text.trim_end().len());
    assert!(last.body.contains("body 99999"));
}

#[test]
fn a_hundred_thousand_messages_with_a_set_cap() {
    let text: String = (0..100_000).map(message).collect();
    let doc = parse_timed(
        Parser::new().max_messages(250),
        &text,
        SECS,
        "100k messages, cap 250",
    );
    assert_eq!(doc.messages.len(), 250);
    assert_eq!(count(&doc, DiagnosticKind::LimitReached), 1);
    assert_eq!(doc.messages[249].subject.as_deref(), Some("message 249"));
    assert_eq!(doc.messages[249].span.end, text.trim_end().len());
}

#[test]
fn a_hundred_thousand_messages_under_a_raised_cap() {
    let text: String = (0..100_000).map(message).collect();
    let doc = parse_timed(
        Parser::new().max_messages(100_000),
        &text,
        Duration::from_secs(30),
        "100k messages, cap 100k",
    );
    assert_eq!(doc.messages.len(), 100_000);
    assert_eq!(count(&doc, DiagnosticKind::LimitReached), 0);
    for (i, m) in doc.messages.iter().enumerate().step_by(9_973) {
        assert_eq!(m.subject.as_deref(), Some(format!("message {i}").as_str()));
        assert_eq!(m.body, format!("body {i}"));
    }
}

#[test]
fn a_header_block_repeated_without_bodies() {
    let block = "Van: Jan <jan@example.nl>\nVerzonden: vrijdag 20 oktober 2023 12:19\nAan: Piet <piet@example.nl>\nOnderwerp: RE: vraag\n\n";
    let text = block.repeat(5_000);
    let doc = parse_timed(Parser::new(), &text, SECS, "5000 empty blocks");
    assert_eq!(doc.messages.len(), 5_000);
    for m in &doc.messages {
        assert_eq!(m.body, "");
        assert_eq!(m.boundary, Boundary::Header);
        assert_eq!(m.normalized_subject.as_deref(), Some("vraag"));
        assert_eq!(
            m.sent.map(|t| t.to_string()).as_deref(),
            Some("2023-10-20T12:19:00")
        );
    }
}

#[test]
fn a_header_block_repeated_without_blank_lines() {
    let block = "Van: Jan <jan@example.nl>\nVerzonden: vrijdag 20 oktober 2023 12:19\nAan: Piet <piet@example.nl>\nOnderwerp: vraag\n";
    let text = block.repeat(5_000);
    let doc = parse_timed(Parser::new(), &text, SECS, "5000 glued blocks");
    assert_eq!(doc.messages.len(), 5_000);
    assert!(doc.messages.iter().all(|m| m.body.is_empty()));
}

#[test]
fn a_subject_of_one_megabyte() {
    let value = "word ".repeat(1024 * 1024 / 5);
    let value = value.trim_end();
    let text = format!(
        "From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\nTo: B <b@example.org>\nSubject: {value}\n\nThe body.\n"
    );
    let doc = parse_timed(Parser::new(), &text, SECS, "1 MB subject");
    assert_eq!(doc.messages.len(), 1);
    assert_eq!(doc.messages[0].subject.as_deref(), Some(value));
    assert_eq!(doc.messages[0].body, "The body.");
}

#[test]
fn a_recipient_list_of_one_megabyte() {
    let value: String = (0..40_000)
        .map(|i| format!("Person {i} <p{i}@example.org>; "))
        .collect();
    let value = value.trim_end();
    assert!(value.len() >= 1024 * 1024);
    let text = format!(
        "From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\nTo: {value}\nSubject: s\n\nHello\n"
    );
    let doc = parse_timed(Parser::new(), &text, SECS, "1 MB To:");
    assert_eq!(doc.messages.len(), 1);
    let to = &doc.messages[0].to;
    assert_eq!(to.len(), 40_000);
    assert_eq!(to[39_999].address.as_deref(), Some("p39999@example.org"));
}

#[test]
fn a_date_value_of_one_megabyte() {
    let value = "lorem ".repeat(1024 * 1024 / 6 + 1);
    let text = format!("From: A <a@example.org>\nSent: {value}\nTo: B\n\nThe body.\n");
    let doc = parse_timed(Parser::new(), &text, SECS, "1 MB date");
    assert_eq!(doc.messages.len(), 1);
    assert!(doc.messages[0].sent.is_none());
    assert_eq!(count(&doc, DiagnosticKind::UnparsedDate), 1);
    assert_eq!(doc.messages[0].body, "The body.");
}

#[test]
fn invalid_utf8_in_a_transcript_file() {
    let dir = TempDir::new("utf8");
    let mut bytes = b"Van: Jan <jan@example.nl>\nVerzonden: vrijdag 20 oktober 2023 12:19\nAan: Piet\nOnderwerp: caf".to_vec();
    bytes.extend_from_slice(&[0xe9, 0xff, 0xfe]);
    bytes.extend_from_slice(b"\n\nGeachte heer,\n\nDank voor uw brief \xc3(.\n");
    let p = dir.write("thread.txt", &bytes);
    let docs = read_all(Parser::new(), &[&p]);
    assert_eq!(docs.len(), 1);
    let doc = docs
        .into_iter()
        .next()
        .unwrap()
        .expect("read lossily, not an error");
    assert_invariants(&doc);
    assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::InvalidUtf8);
    assert_eq!(count(&doc, DiagnosticKind::InvalidUtf8), 1);
    assert_eq!(doc.text, String::from_utf8_lossy(&bytes));
    assert_eq!(doc.messages.len(), 1);
    let m = &doc.messages[0];
    assert_eq!(m.from.as_ref().and_then(|p| p.name.as_deref()), Some("Jan"));
    assert_eq!(m.subject.as_deref(), Some("caf\u{fffd}\u{fffd}\u{fffd}"));
    assert_eq!(m.body, "Dank voor uw brief \u{fffd}(.");
}

#[test]
fn nul_bytes_in_a_transcript() {
    let text = "Thanks\0 there\n\nFrom: A\0 <a@example.org>\nSent: Monday, 1 January 2001 10:00\nTo: B\nSubject: x\0y\n\nbody\0\0text\n";
    let doc = parse_timed(Parser::new(), text, SECS, "NUL bytes");
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(doc.messages[0].body, "Thanks\0 there");
    assert_eq!(doc.messages[1].subject.as_deref(), Some("x\0y"));
    assert_eq!(doc.messages[1].body, "body\0\0text");
}

#[test]
fn a_few_nul_bytes_in_a_long_transcript_file_are_read() {
    let dir = TempDir::new("nul");
    let mut text = "Dear Ann,\n\n".to_string();
    text.push_str(&"A long letter with a stray NUL.\n".repeat(200));
    text.push_str("\0\nKind regards,\nBob\n");
    let p = dir.write("letter.txt", text.as_bytes());
    let docs = read_all(Parser::new(), &[&p]);
    assert_eq!(docs.len(), 1);
    let doc = docs
        .into_iter()
        .next()
        .unwrap()
        .expect("a few NULs are not binary");
    assert_invariants(&doc);
    assert_eq!(doc.text, text);
    assert_eq!(doc.messages.len(), 1);
}

#[test]
fn a_binary_file_is_not_mail() {
    let dir = TempDir::new("binary");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    bytes.extend((0..64 * 1024).map(|i| (i * 7 % 256) as u8));
    let bin = dir.write("program.bin", &bytes);
    let eml = dir.write("disguised.eml", &bytes);
    let mbox = dir.write("disguised.mbox", &bytes);
    let ok = dir.write(
        "ok.txt",
        b"From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nhi\n",
    );
    let docs = read_all(Parser::new(), &[&bin, &eml, &mbox, &ok]);
    let kinds: Vec<String> = docs
        .iter()
        .map(|d| match d {
            Ok(_) => "ok".to_string(),
            Err(e) => match e.kind() {
                ErrorKind::NotMail { .. } => "not-mail".to_string(),
                other => format!("{other}"),
            },
        })
        .collect();
    assert_eq!(kinds, ["not-mail", "not-mail", "not-mail", "ok"]);
}

/// A message of binary data inside an mbox is that message's error alone:
/// the reader tells it as it cuts the message, the messages around it
/// parse.
#[test]
fn a_binary_message_in_an_mbox_is_not_mail() {
    let dir = TempDir::new("binary-in-mbox");
    let ok = |n: u32| {
        format!("From a@example.org Mon Jan  1 10:00:00 2001\nFrom: A <a@example.org>\nSubject: {n}\n\nhi\n\n")
    };
    // The first message fills the head a file is sniffed by, so that the
    // mbox is read as one.
    let mut bytes = ok(1)
        .replace("hi\n", &"A line of text.\n".repeat(800))
        .into_bytes();
    bytes.extend_from_slice(
        b"From b@example.org Mon Jan  1 10:00:00 2001\n\x7fELF\x02\x01\x01\x00\x00\x00",
    );
    bytes.extend(
        (0..4096)
            .map(|i| (i * 7 % 256) as u8)
            .filter(|&b| b != b'\n'),
    );
    bytes.extend_from_slice(b"\n\n");
    bytes.extend_from_slice(ok(3).as_bytes());
    let mbox = dir.write("mixed.mbox", &bytes);
    let docs = read_all(Parser::new(), &[&mbox]);
    let kinds: Vec<&str> = docs
        .iter()
        .map(|d| match d {
            Ok(_) => "ok",
            Err(e) if matches!(e.kind(), ErrorKind::NotMail { .. }) => "not-mail",
            Err(_) => "other",
        })
        .collect();
    assert_eq!(kinds, ["ok", "not-mail", "ok"]);
}

#[test]
fn an_mbox_without_from_lines() {
    // A file named .mbox that holds one plain email without the `From `
    // envelope line: its message must not vanish. Either it is read, or
    // the caller hears why not.
    let dir = TempDir::new("mbox");
    let p = dir.write(
        "mail.mbox",
        b"Message-ID: <1@example.org>\nFrom: A <a@example.org>\nTo: B <b@example.org>\nSubject: hello\nDate: Mon, 1 Jan 2001 10:00:00 +0000\n\nThe body.\n",
    );
    let docs = read_all(Parser::new(), &[&p]);
    assert_eq!(
        docs.len(),
        1,
        "an mbox without `From ` lines yields nothing: its mail is lost silently"
    );
    match &docs[0] {
        Ok(doc) => {
            assert_invariants(doc);
            assert_eq!(doc.messages[0].subject.as_deref(), Some("hello"));
        }
        Err(e) => assert!(matches!(e.kind(), ErrorKind::NotMail { .. }), "{e}"),
    }
}

#[test]
fn a_directory_with_a_symlink_loop() {
    let dir = TempDir::new("loop");
    let a = "From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nfile a\n";
    let b = "From: B <b@example.org>\nSent: Monday, 1 January 2001 10:00\n\nfile b\n";
    dir.write("a.txt", a.as_bytes());
    dir.write("sub/b.txt", b.as_bytes());
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(dir.path().join("sub"), dir.path().join("sub/self"))
        .expect("symlink");
    let docs = read_all(Parser::new(), &[dir.path()]);
    let bodies: Vec<String> = docs
        .into_iter()
        .map(|d| {
            let d = d.expect("readable");
            assert_invariants(&d);
            d.messages[0].body.clone()
        })
        .collect();
    assert_eq!(bodies, ["file a", "file b"]);
}

#[test]
fn an_unreadable_file_fails_alone() {
    // Tests run as root, where `chmod 000` does not stop reading, so the
    // unreadable files here are a dangling symbolic link and a path that
    // does not exist: both fail to open for any user.
    let dir = TempDir::new("unreadable");
    let dangling = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("symlink");
    let missing = dir.path().join("missing.eml");
    let ok = dir.write(
        "ok.txt",
        b"From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nstill read\n",
    );
    let docs = read_all(Parser::new(), &[&dangling, &missing, &ok]);
    assert_eq!(docs.len(), 3);
    assert!(docs[0].as_ref().is_err_and(|e| e.is_io()));
    assert!(docs[1].as_ref().is_err_and(|e| e.is_io()));
    assert_eq!(docs[2].as_ref().expect("ok").messages[0].body, "still read");
}

#[test]
fn an_unreadable_file_inside_a_directory_fails_alone() {
    let dir = TempDir::new("unreadable-dir");
    std::os::unix::fs::symlink(
        dir.path().join("nowhere"),
        dir.path().join("a-dangling.txt"),
    )
    .expect("symlink");
    dir.write(
        "b.txt",
        b"From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nstill read\n",
    );
    let docs = read_all(Parser::new(), &[dir.path()]);
    assert_eq!(docs.len(), 2);
    assert!(docs[0].as_ref().is_err_and(|e| e.is_io()));
    assert_eq!(docs[1].as_ref().expect("ok").messages[0].body, "still read");
}

// ---------------------------------------------------------------------
// Regressions: inputs the property tests and the fuzz targets found.

fn read_one(ext: &str, bytes: &[u8]) -> mailthread::Result<Document> {
    let dir = TempDir::new("regression");
    let p = dir.write(&format!("input.{ext}"), bytes);
    let mut docs = read_all(Parser::new(), &[&p]);
    assert_eq!(docs.len(), 1, "one document expected from {bytes:?}");
    docs.remove(0)
}

#[test]
fn regression_an_email_with_an_empty_body_panics_in_build_message() {
    // document.rs `build_message`: `lines[d.start]` on a body of no lines
    // (index out of bounds: the len is 0 but the index is 0).
    for (ext, bytes) in [
        (
            "eml",
            &b"Message-ID: <1@example.org>\nSubject: empty\n\n"[..],
        ),
        ("eml", &b"Message-ID: <1@example.org>\n"[..]),
        (
            "mbox",
            &b"From ann@example.org Mon Jan  1 10:00:00 2001\nSubject: empty\n\n"[..],
        ),
    ] {
        let doc = std::panic::catch_unwind(|| read_one(ext, bytes))
            .unwrap_or_else(|_| panic!("panicked on {:?}", String::from_utf8_lossy(bytes)))
            .expect("an email with headers and no body is mail");
        assert_invariants(&doc);
        assert_eq!(doc.messages.len(), 1);
        assert_eq!(doc.messages[0].boundary, Boundary::Rfc5322);
        assert_eq!(doc.messages[0].body, "");
    }
}

#[test]
fn regression_an_mbox_message_of_one_nul_byte_panics() {
    // The envelope line and one NUL byte: the same panic in
    // `build_message`, or an error; never a panic.
    let bytes = b"From ann@example.org Mon Jan  1 10:00:00 2001\n\0";
    let res = std::panic::catch_unwind(|| read_one("mbox", bytes));
    match res.expect("no panic") {
        Ok(doc) => assert_invariants(&doc),
        Err(e) => assert!(matches!(e.kind(), ErrorKind::NotMail { .. }), "{e}"),
    }
}

#[test]
fn regression_an_email_body_of_only_an_attribution_overlaps_the_envelope_message() {
    // Message 0 (the envelope, no text of its own) is given the span of
    // line 0, which is the attribution that starts message 1:
    // "message 1 overlaps or precedes message 0".
    let bytes = b"Message-ID: <1@example.org>\nFrom: Ann <ann@example.org>\nSubject: thread\n\nOn Fri, Feb 24, 2012 at 10:19 AM, Ann <ann@example.org> wrote:";
    let doc = read_one("eml", bytes).expect("mail");
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(doc.messages[0].boundary, Boundary::Rfc5322);
    assert_eq!(doc.messages[1].boundary, Boundary::Attribution);
}

#[test]
fn regression_a_line_of_only_emphasis_marks_belongs_to_nothing() {
    // `_`, `**` clean to nothing and the line is dropped from every span,
    // though `_` and `*` are text to the coverage invariant.
    for text in [
        "_",
        "**",
        "> *",
        "x\n\n_\n\nFrom: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nb",
    ] {
        let doc = mailthread::parse_transcript(text);
        let problems = mailthread::check::invariants(&doc);
        assert!(problems.is_empty(), "{text:?}: {problems:?}");
    }
}

#[test]
fn regression_a_zero_width_space_belongs_to_nothing() {
    // U+200B is folded away by the text stage but is not whitespace to
    // `char::is_whitespace`, so the coverage invariant counts it as text.
    for text in [
        "\u{200b}",
        "> \u{200b}",
        "a\n\n\u{200b}\n\nFrom: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\n\nb",
    ] {
        let doc = mailthread::parse_transcript(text);
        let problems = mailthread::check::invariants(&doc);
        assert!(problems.is_empty(), "{text:?}: {problems:?}");
    }
}

#[test]
fn regression_a_separator_between_two_lone_labels_belongs_to_nothing() {
    // A lone `Van:` line is no block; the separator after it starts one
    // (the label after a separator is enough), yet the separator line ends
    // up outside every message.
    let text = "Van: Jan <jan@example.nl>\n-----Original Message-----\nVan: Jan <jan@example.nl>";
    let doc = mailthread::parse_transcript(text);
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(doc.messages[1].boundary, Boundary::Header);
    assert_eq!(doc.messages[1].span.start, text.find("-----").unwrap());
}

#[test]
fn regression_an_email_body_starting_with_a_separator_overlaps_the_envelope_message() {
    let bytes = b"Message-ID: <1@example.org>\nFrom: Ann <ann@example.org>\nSubject: thread\n\n-----Original Message-----\nThank you for your letter of last week.";
    let doc = read_one("eml", bytes).expect("mail");
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(doc.messages[1].boundary, Boundary::Separator);
}

#[test]
fn regression_a_message_that_is_all_disclaimer_overlaps_the_disclaimer() {
    // Found by the transcript fuzz target. `denne e-mail` is a (Danish)
    // disclaimer phrase: the whole text becomes disclaimer 0, and message
    // 0, with no line of its own left, gets the span of its first line:
    // "message 0 overlaps disclaimer 0".
    for text in [
        "denne e-mail",
        "ober 0223 12werp: RE: vraag [REDACTED]or uw brief. 4.1.2e\nrrvvvvvvvvVvvvvvvvvvvvvvvvvvvvvvvvvvvvvvet vrtämä viestioet,",
    ] {
        let doc = mailthread::parse_transcript(text);
        assert_invariants(&doc);
    }
}

#[test]
fn regression_a_trailing_emphasis_line_after_a_header_block_belongs_to_nothing() {
    // Found by the transcript fuzz target: the `**` left of a cut markdown
    // label after the block.
    let text = "**Van:** Jan <jan@example.nl=\n**Verzondzen:** vrijdag 20 oktober 2023 12:19\n**";
    let doc = mailthread::parse_transcript(text);
    assert_invariants(&doc);
}

#[test]
fn regression_a_separator_line_followed_by_text_belongs_to_nothing() {
    // Found by the property tests: a separator with no fields after it
    // starts a `separator` message, but the separator line itself is in
    // no span.
    let text = "Thank you for your letter of last week.\n-----Original Message-----\nThank you for your letter of last week.";
    let doc = mailthread::parse_transcript(text);
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(doc.messages[1].boundary, Boundary::Separator);
}

#[test]
fn regression_a_disclaimer_opening_an_email_body_overlaps_message_0() {
    // Found by the property tests: "disclaimer 0 overlaps message 0".
    let bytes = b"Message-ID: <1@example.org>\nFrom: Ann <ann@example.org>\nSubject: thread\n\nDisclaimer: this message may contain confidential information.\nPagina 3 van 12\nThank you for your letter of last week.";
    let doc = read_one("eml", bytes).expect("mail");
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 1);
}

#[test]
fn regression_a_lotus_prefix_reaching_into_the_block_before_overlaps_it() {
    // The repeated `To:` ends the first block; the second (`To:`,
    // `Subject:`) has no sender or date, and the Lotus Notes look-back must
    // not take the first block's `Sent:` line as its date.
    let text = "From: A <a@x.com>\nTo: B <b@x.com>\nSent: 03/26/2001 10:20 AM\nTo: C <c@x.com>\nSubject: x\n";
    let doc = Parser::new().parse_transcript(text);
    assert_invariants(&doc);
    assert_eq!(doc.messages.len(), 1);
    let m = &doc.messages[0];
    assert_eq!(
        m.from.as_ref().and_then(|p| p.address.as_deref()),
        Some("a@x.com")
    );
    assert_eq!(m.body, "To: C <c@x.com>\nSubject: x");
}
