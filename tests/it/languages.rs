//! One reply thread per language and client form
//! (`fixtures/transcripts/lang/<lang>-<client>.txt`), each at least three
//! messages deep, checked against facts written by hand from the text
//! (`fixtures/transcripts/lang/facts.tsv`): the number of messages, and per
//! message the author's address, the wall-clock sent time and the subject.
//!
//! Every mismatch across all fixtures is collected and reported at once,
//! with a pass count per language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn lang_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("transcripts")
        .join("lang")
}

/// One row of `facts.tsv`.
#[derive(Debug)]
struct Fact {
    index: usize,
    from: Option<String>,
    sent: Option<String>,
    subject: Option<String>,
}

/// `-` (or nothing) is "not given".
fn given(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then(|| s.to_string())
}

/// The facts, grouped by file name, in the order of the file.
fn facts() -> BTreeMap<String, Vec<Fact>> {
    let path = lang_dir().join("facts.tsv");
    let text = std::fs::read_to_string(&path).expect("read facts.tsv");
    let mut out: BTreeMap<String, Vec<Fact>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "facts.tsv line {}: {line:?}", n + 1);
        let index = cols[1]
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("facts.tsv line {}: bad index", n + 1));
        out.entry(cols[0].trim().to_string())
            .or_default()
            .push(Fact {
                index,
                from: given(cols[2]),
                sent: given(cols[3]),
                subject: given(cols[4]),
            });
    }
    out
}

/// `pt-br-outlook.txt` is `pt-br`, `de-gmail.txt` is `de`.
fn language(file: &str) -> &str {
    if file.starts_with("pt-br-") {
        "pt-br"
    } else {
        file.split('-').next().unwrap_or(file)
    }
}

fn show(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("{s:?}"),
        None => "-".to_string(),
    }
}

#[derive(Default)]
struct Tally {
    fixtures: usize,
    fixtures_passed: usize,
    messages: usize,
    messages_passed: usize,
}

#[test]
fn every_language_thread_matches_its_facts() {
    let facts = facts();
    let dir = lang_dir();

    // Every fixture has facts and every fact has a fixture.
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("read fixtures/transcripts/lang")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort();
    let mut mismatches: Vec<String> = Vec::new();
    for f in &files {
        if !facts.contains_key(f) {
            mismatches.push(format!("{f}: no rows in facts.tsv"));
        }
    }
    for f in facts.keys() {
        if !files.contains(f) {
            mismatches.push(format!("{f}: in facts.tsv but no such fixture"));
        }
    }

    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (file, rows) in &facts {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let doc = mailthread::parse_transcript(&text);
        let before = mismatches.len();
        let tally = tallies.entry(language(file).to_string()).or_default();
        tally.fixtures += 1;
        tally.messages += rows.len();

        for p in mailthread::check::invariants(&doc) {
            mismatches.push(format!("{file}: invariant broken: {p}"));
        }
        if doc.messages.len() != rows.len() {
            mismatches.push(format!(
                "{file}: message count: expected {}, got {}",
                rows.len(),
                doc.messages.len()
            ));
        }
        for (k, fact) in rows.iter().enumerate() {
            if fact.index != k {
                mismatches.push(format!(
                    "{file}: facts.tsv row {k} has index {} (rows must count 0, 1, 2, ...)",
                    fact.index
                ));
            }
            let i = fact.index;
            let Some(m) = doc.messages.get(i) else {
                mismatches.push(format!("{file} [{i}]: message: expected, got none"));
                continue;
            };
            let mut ok = true;
            let from = m.from.as_ref().and_then(|p| p.address.clone());
            let same_from = match (&fact.from, &from) {
                (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
                (None, None) => true,
                _ => false,
            };
            if !same_from {
                ok = false;
                mismatches.push(format!(
                    "{file} [{i}] from: expected {}, got {}",
                    show(&fact.from),
                    show(&from)
                ));
            }
            let sent = m
                .sent
                .map(|t| t.naive().format("%Y-%m-%dT%H:%M").to_string());
            if sent != fact.sent {
                ok = false;
                mismatches.push(format!(
                    "{file} [{i}] sent: expected {}, got {} (raw {})",
                    show(&fact.sent),
                    show(&sent),
                    show(&m.sent_raw)
                ));
            }
            let subject = m.subject.as_deref().map(str::trim).map(str::to_string);
            if subject != fact.subject {
                ok = false;
                mismatches.push(format!(
                    "{file} [{i}] subject: expected {}, got {}",
                    show(&fact.subject),
                    show(&subject)
                ));
            }
            if ok {
                tally.messages_passed += 1;
            }
        }
        if mismatches.len() == before {
            tally.fixtures_passed += 1;
        }
    }

    eprintln!("languages: pass counts (fixtures, messages)");
    for (lang, t) in &tallies {
        eprintln!(
            "  {lang:6} fixtures {}/{}  messages {}/{}",
            t.fixtures_passed, t.fixtures, t.messages_passed, t.messages
        );
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
