//! Golden fixtures: every input under `fixtures/` beside a
//! `<name>.expected.json` is parsed, rendered as pretty JSON and compared
//! byte for byte. On a difference the harness writes `<name>.actual.json`
//! and fails; `BLESS=1 cargo test` rewrites the expected files (on purpose
//! only: review the diff line by line).
//!
//! A directory named `<name>.maildir` is one case: every document read
//! from it, in order.
//!
//! Every fixture is also checked for the document invariants
//! (`mailthread::check::invariants`), parsed twice to show the output is
//! deterministic, and transcripts are parsed again with CRLF line endings,
//! which must give the same content.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Inputs that have an expected file beside them.
fn cases() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixtures_dir()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("fixtures dir") {
            let p = e.expect("dir entry").path();
            let maildir = p.extension().is_some_and(|e| e == "maildir");
            if p.is_dir() && !maildir {
                stack.push(p);
            } else if let Some(exp) = expected_path(&p) {
                if exp.exists() {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

fn expected_path(input: &Path) -> Option<PathBuf> {
    let name = input.file_name()?.to_str()?;
    if name.contains(".expected.") || name.contains(".actual.") {
        return None;
    }
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Some(input.with_file_name(format!("{stem}.expected.json")))
}

fn relative(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(p)
        .display()
        .to_string()
}

/// Parses one fixture into the JSON array of its documents.
fn render(input: &Path) -> String {
    let rel = relative(input);
    let docs: Vec<mailthread::Document> =
        mailthread::input::read(mailthread::Parser::new(), &[input])
            .map(|d| {
                let mut d = d.unwrap_or_else(|e| panic!("{rel}: {e}"));
                // Paths relative to the repository, so that the expected
                // files do not depend on where it is checked out.
                d.source.path = relative(Path::new(&d.source.path));
                let problems = mailthread::check::invariants(&d);
                assert!(
                    problems.is_empty(),
                    "{rel}: invariants broken:\n{}",
                    problems.join("\n")
                );
                d
            })
            .collect();
    let mut s = serde_json::to_string_pretty(&docs).expect("json");
    s.push('\n');
    s
}

fn strip_spans(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("span");
            m.values_mut().for_each(strip_spans);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

#[test]
fn golden_fixtures() {
    let cases = cases();
    assert!(!cases.is_empty(), "no golden fixtures found");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for input in &cases {
        // OK because cases() only returns inputs with an expected path.
        let exp_path = expected_path(input).expect("expected path");
        let actual = render(input);
        assert_eq!(
            actual,
            render(input),
            "{}: output is not deterministic",
            relative(input)
        );
        let expected = std::fs::read_to_string(&exp_path).unwrap_or_default();
        if actual != expected {
            if bless {
                std::fs::write(&exp_path, &actual).expect("write expected");
            } else {
                let act_path = exp_path.with_file_name(
                    exp_path
                        .file_name()
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .replace(".expected.", ".actual."),
                );
                std::fs::write(&act_path, &actual).expect("write actual");
                failures.push(format!(
                    "{} differs: see {}",
                    relative(&exp_path),
                    relative(&act_path)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("golden: {} fixtures compared", cases.len());
}

#[test]
fn transcripts_read_the_same_with_crlf() {
    let mut n = 0;
    for input in cases() {
        let ext = input.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "md" | "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&input).expect("read fixture");
        if text.contains('\r') {
            continue;
        }
        let lf = mailthread::parse_transcript(&text);
        let crlf_text = text.replace('\n', "\r\n");
        let crlf = mailthread::parse_transcript(&crlf_text);
        let problems = mailthread::check::invariants(&crlf);
        assert!(
            problems.is_empty(),
            "{}: CRLF invariants:\n{}",
            relative(&input),
            problems.join("\n")
        );
        let mut a = serde_json::to_value(&lf).expect("json");
        let mut b = serde_json::to_value(&crlf).expect("json");
        strip_spans(&mut a);
        strip_spans(&mut b);
        assert_eq!(a, b, "{}: CRLF endings change the result", relative(&input));
        n += 1;
    }
    assert!(n > 0, "no transcript fixtures");
}
