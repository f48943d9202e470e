//! Shared by every target: parse, then insist on the invariants.

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
    for doc in mailthread::input::read(Parser::new(), &[&path]) {
        if let Ok(doc) = doc {
            assert_invariants(&doc);
        }
    }
}
