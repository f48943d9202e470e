//! Released documents checked by hand: twenty Woo texts of the City of
//! Amsterdam and twenty State Department FOIA texts of the Clinton emails,
//! read from `MAILTHREAD_CORPUS` (skipped without it). The expected message
//! lists (`fixtures/conformance/woo-amsterdam.tsv`, `clinton.tsv`) were
//! written by reading the corpus text, not the parser's output; their
//! headers say how.
//!
//! For every file the messages that start at a block (header, separator
//! or attribution) are lined up with the expected rows by position, and
//! four things are counted: files whose message count is right, and
//! messages whose sender, date and subject are right. Every miss is
//! printed with what was expected and found. `floors.tsv` holds a floor for
//! each count (`woo-amsterdam:messages` …), so they only go up.

use std::collections::BTreeMap;
use std::path::PathBuf;

use mailthread::{Boundary, Document, Message};

const SUITES: &[&str] = &["woo-amsterdam", "clinton"];

struct Expected {
    from: String,
    sent: String,
    subject: String,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance")
}

/// The expected messages of every file, in the order of the file.
fn load(suite: &str) -> Vec<(String, Vec<Expected>)> {
    let path = fixtures().join(format!("{suite}.tsv"));
    let data = std::fs::read_to_string(&path).expect("expectation file");
    let mut out: Vec<(String, Vec<Expected>)> = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "{suite}.tsv: bad row {line:?}");
        if out.last().is_none_or(|(p, _)| p != cols[0]) {
            out.push((cols[0].to_string(), Vec::new()));
        }
        if cols[1] == "-" {
            continue;
        }
        let (_, rows) = out.last_mut().expect("pushed above");
        assert_eq!(
            cols[1].parse::<usize>().ok(),
            Some(rows.len()),
            "{suite}.tsv: rows of {} out of order",
            cols[0]
        );
        rows.push(Expected {
            from: cols[2].to_string(),
            sent: cols[3].to_string(),
            subject: cols[4].to_string(),
        });
    }
    out
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn from_ok(expected: &str, m: &Message) -> bool {
    let Some(p) = &m.from else {
        return expected == "-";
    };
    if expected == "-" {
        // A redacted sender: what is left is a marker, or nothing readable.
        return p.redacted || (p.name.is_none() && p.address.is_none());
    }
    let want = norm(expected);
    [&p.name, &p.address]
        .into_iter()
        .flatten()
        .any(|v| norm(v) == want)
}

fn sent_ok(expected: &str, m: &Message) -> bool {
    let Some(t) = &m.sent else {
        return expected == "-";
    };
    let got = t.naive().format("%Y-%m-%d %H:%M").to_string();
    if expected.len() == 10 {
        got.starts_with(expected)
    } else {
        got == expected
    }
}

fn subject_ok(expected: &str, m: &Message) -> bool {
    match m.subject.as_deref().map(norm).filter(|s| !s.is_empty()) {
        None => expected == "-",
        Some(s) => s == norm(expected),
    }
}

fn show(m: &Message) -> String {
    let from = m.from.as_ref().map_or("-".to_string(), |p| {
        format!(
            "{}|{}",
            p.name.as_deref().unwrap_or("-"),
            p.address.as_deref().unwrap_or("-")
        )
    });
    let sent = m.sent.map_or("-".to_string(), |t| {
        t.naive().format("%Y-%m-%d %H:%M").to_string()
    });
    format!("{from} / {sent} / {}", m.subject.as_deref().unwrap_or("-"))
}

#[test]
fn hand_checked_releases() {
    let Some(corpus) = super::corpus("releases") else {
        return;
    };
    let floors = super::conformance::load_floors();
    // count key -> (cases, passed)
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for suite in SUITES {
        let files = load(suite);
        assert!(files.len() >= 20, "{suite}: {} files, want 20", files.len());
        for (path, want) in &files {
            let bytes = std::fs::read(corpus.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            let doc: Document = mailthread::parse_transcript(&String::from_utf8_lossy(&bytes));
            let broken = mailthread::check::invariants(&doc);
            assert!(broken.is_empty(), "{path}: invariants broken: {broken:?}");
            let got: Vec<&Message> = doc
                .messages
                .iter()
                .filter(|m| m.boundary != Boundary::None)
                .collect();
            let mut tally = |what: &str, ok: bool, detail: String| {
                let c = counts.entry(format!("{suite}:{what}")).or_default();
                c.0 += 1;
                if ok {
                    c.1 += 1;
                } else {
                    misses.push(format!("  {suite}:{what} {path} {detail}"));
                }
            };
            tally(
                "messages",
                got.len() == want.len(),
                format!("{} messages, want {}", got.len(), want.len()),
            );
            for (k, e) in want.iter().enumerate() {
                let Some(m) = got.get(k) else {
                    for what in ["from", "sent", "subject"] {
                        tally(what, false, format!("[{k}] missing"));
                    }
                    continue;
                };
                let detail = |v: &str| format!("[{k}] want {v:?}, got {}", show(m));
                tally("from", from_ok(&e.from, m), detail(&e.from));
                tally("sent", sent_ok(&e.sent, m), detail(&e.sent));
                tally("subject", subject_ok(&e.subject, m), detail(&e.subject));
            }
        }
    }
    println!("releases: count cases passed rate");
    for (key, (cases, passed)) in &counts {
        println!(
            "{key} {cases} {passed} {:.1}%",
            100.0 * *passed as f64 / *cases as f64
        );
    }
    println!("\nreleases: {} miss(es)", misses.len());
    for m in &misses {
        println!("{m}");
    }
    let mut below = Vec::new();
    for (key, (_, passed)) in &counts {
        let floor = floors
            .get(key)
            .copied()
            .unwrap_or_else(|| panic!("floors.tsv has no floor for {key}"));
        if *passed < floor {
            below.push(format!("{key}: {passed} passed < floor {floor}"));
        } else if *passed > floor {
            println!("releases: {key} passes {passed} > floor {floor}; raise the floor");
        }
    }
    assert!(below.is_empty(), "below their floor:\n{}", below.join("\n"));
}
