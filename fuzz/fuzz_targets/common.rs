//! Shared by every target: parse, then insist on the invariants. One
//! function per target, so that `tests/it/fuzz_regressions.rs` replays the
//! saved crash inputs of `fuzz/regressions/<target>/` through exactly what
//! the fuzzer ran.

#![allow(dead_code)]

use std::path::PathBuf;

use mailthread::{Document, Parser};

/// Panics when `doc` breaks an invariant of `mailthread::check`.
pub fn assert_invariants(doc: &Document) {
    let problems = mailthread::check::invariants(doc);
    if !problems.is_empty() {
        panic!("invariants broken: {problems:#?}\ntext: {:?}", doc.text);
    }
}

/// Parses `text` as a transcript, twice: the invariants hold and the JSON
/// is the same both times.
pub fn transcript(text: &str) {
    let doc = mailthread::parse_transcript(text);
    assert_invariants(&doc);
    let again = mailthread::parse_transcript(text);
    assert_eq!(doc.to_json(), again.to_json(), "not deterministic");
}

/// Writes `data` to a file with extension `ext` (one per process, reused)
/// and reads it through `mailthread::input::read`, which has no in-memory
/// entry point for emails and mailboxes.
pub fn read_file(ext: &str, data: &[u8]) {
    let path: PathBuf =
        std::env::temp_dir().join(format!("mailthread-fuzz-{}.{ext}", std::process::id()));
    std::fs::write(&path, data).expect("write the input file");
    for doc in mailthread::input::read(Parser::new(), &[&path]).flatten() {
        assert_invariants(&doc);
    }
}

/// The `transcript` target: any bytes, read lossily as text.
pub fn transcript_bytes(data: &[u8]) {
    transcript(&String::from_utf8_lossy(data));
}

/// The `eml` target.
pub fn eml(data: &[u8]) {
    read_file("eml", data);
}

/// The `mbox` target.
pub fn mbox(data: &[u8]) {
    read_file("mbox", data);
}

const DATE_LABELS: &[&str] = &[
    "Sent",
    "Date",
    "Verzonden",
    "Gesendet",
    "Envoyé ",
    "Enviado el",
    "Skickat",
    "Wysłano",
];

/// The `date` target: the first byte picks a label, the rest is the value,
/// in a header block and in an attribution line.
pub fn date(data: &[u8]) {
    let (pick, rest) = data
        .split_first()
        .map_or((0, data), |(b, r)| (*b as usize, r));
    let value = String::from_utf8_lossy(rest);
    let label = DATE_LABELS[pick % DATE_LABELS.len()];
    transcript(&format!(
        "Reply.\n\nFrom: Ann <ann@example.org>\n{label}: {value}\nTo: Bob <bob@example.org>\nSubject: s\n\nBody.\n"
    ));
    transcript(&format!(
        "Reply.\n\nOn {value}, Ann <ann@example.org> wrote:\n> Quoted.\n"
    ));
}

/// The `address` target: the bytes as a sender and recipient value.
pub fn address(data: &[u8]) {
    let value = String::from_utf8_lossy(data);
    transcript(&format!(
        "From: {value}\nSent: Monday, 1 January 2001 10:00\nTo: {value}\nCc: Bob <bob@example.org>; {value}\nSubject: s\n\nBody.\n"
    ));
    transcript(&format!(
        "Van: Jan <jan@example.nl>\nVerzonden: maandag 1 januari 2001 10:00\nAan: {value}\nOnderwerp: s\n\nTekst.\n"
    ));
}
