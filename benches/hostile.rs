//! Pathological input at two sizes, 1x and 10x (issue 7): time must grow
//! linearly (10 times the input, at most 12 times the time). Each case
//! asserts its result at both sizes before it is timed; the matching
//! tests in `tests/it/hostile.rs` check the same inputs in more detail.
//!
//! `cargo bench --bench hostile`; compare `<case>/1x` and `<case>/10x`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mailthread::{DiagnosticKind, Document, Parser};

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// Benchmarks `run` on the inputs `make(1)` and `make(10)`, after checking
/// that `run` gives `expect(scale)` on each.
fn pair<I>(
    c: &mut Criterion,
    name: &str,
    make: impl Fn(usize) -> I,
    run: impl Fn(&I) -> usize,
    expect: impl Fn(usize) -> usize,
) {
    let mut g = c.benchmark_group(name);
    for scale in [1, 10] {
        let input = make(scale);
        assert_eq!(run(&input), expect(scale), "{name} at {scale}x");
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{scale}x")),
            &input,
            |b, i| b.iter(|| run(black_box(i))),
        );
    }
    g.finish();
}

fn parse(p: Parser, text: &str) -> Document {
    p.parse_transcript(text)
}

/// A scratch directory, one per case.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailthread-hbench-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Documents read and failures, through the input layer.
fn read(paths: &[&Path]) -> (usize, usize) {
    let (mut ok, mut failed) = (0, 0);
    for d in mailthread::input::read(Parser::new(), paths) {
        match d {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
    }
    (ok, failed)
}

fn text_inputs(c: &mut Criterion) {
    pair(
        c,
        "line_without_newline",
        |s| "word ".repeat(200_000 * s),
        |t| parse(Parser::new(), t).messages[0].body.len(),
        |s| 1_000_000 * s - 1,
    );
    pair(
        c,
        "header_like_lines",
        |s| {
            (0..10_000 * s)
                .map(|i| format!("Note {i}: value {i}\n"))
                .collect::<String>()
        },
        |t| parse(Parser::new(), t).messages.len(),
        |_| 1,
    );
    // Thousands of addresses in one recipient, with no separator between
    // them and a non-ASCII character at the end: each address is looked
    // for from the end of the one before, never across the whole rest.
    pair(
        c,
        "addresses_in_one_recipient",
        |s| {
            let to: Vec<String> = (0..2_000 * s)
                .map(|i| format!("p{i}@example.org"))
                .collect();
            format!(
                "From: Jan <jan@example.org>\nTo: {} é\nSubject: test\n\nHallo,\n",
                to.join(" ")
            )
        },
        |t| {
            let d = parse(Parser::new(), t);
            d.messages[0].to.len()
        },
        |_| 1,
    );
    pair(
        c,
        "quote_levels",
        |s| {
            let mut t = String::new();
            for d in 0..=100 * s {
                let q = "> ".repeat(d);
                t.push_str(&format!("{q}reply {d}\n"));
                if d < 100 * s {
                    t.push_str(&format!(
                        "{q}On Mon, 1 Jan 2001 at 10:00, P <p{d}@example.org> wrote:\n"
                    ));
                }
            }
            t
        },
        |t| parse(Parser::new().max_quote_depth(2000), t).messages.len(),
        |s| 100 * s + 1,
    );
    pair(
        c,
        "messages_in_one_transcript",
        |s| {
            (0..10_000 * s)
                .map(|i| {
                    format!("From: S {i} <s{i}@example.org>\nSent: Monday, 1 January 2001 10:00\nSubject: m {i}\n\nbody {i}\n\n")
                })
                .collect::<String>()
        },
        |t| {
            parse(Parser::new().max_messages(1_000_000), t)
                .messages
                .len()
        },
        |s| 10_000 * s,
    );
    pair(
        c,
        "header_block_repeated_without_bodies",
        |s| {
            "From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\nTo: B <b@example.org>\n"
                .repeat(1000 * s)
        },
        |t| parse(Parser::new(), t).messages.len(),
        |s| 1000 * s,
    );
    pair(
        c,
        "value_of_a_megabyte",
        |s| {
            format!(
                "From: A <a@example.org>\nSent: Monday, 1 January 2001 10:00\nSubject: {}\n\nbody\n",
                "x".repeat(100_000 * s)
            )
        },
        |t| {
            parse(Parser::new(), t).messages[0]
                .subject
                .as_ref()
                .map_or(0, String::len)
        },
        |s| 100_000 * s,
    );
    // Long lines of values, markers and links that each start a search
    // to the end of the line or run: every one must read on from where
    // the one before stopped, not from the start again (these took time
    // that grew with the square of the line).
    pair(
        c,
        "case_numbers_in_one_run",
        |s| format!("Hallo,\n{}\n", "ref.1/".repeat(20_000 * s)),
        |t| parse(Parser::new(), t).case_numbers.len(),
        |_| 1,
    );
    pair(
        c,
        "codes_in_one_line",
        |s| format!("Hallo,\n{}\n", "5.1.2e, ".repeat(10_000 * s)),
        |t| parse(Parser::new(), t).redactions.len(),
        |s| 10_000 * s,
    );
    pair(
        c,
        "open_brackets_and_links_in_one_line",
        |s| {
            format!(
                "Hallo,\n{}{}{}\n",
                "[a".repeat(10_000 * s),
                "[a](b".repeat(10_000 * s),
                "<http://x".repeat(10_000 * s)
            )
        },
        |t| parse(Parser::new(), t).messages[0].body.len(),
        |s| 2 * 10_000 * s + 5 * 10_000 * s + 9 * 10_000 * s,
    );
    pair(
        c,
        "nul_bytes",
        |s| "a\0b\0 ".repeat(200_000 * s),
        |t| parse(Parser::new(), t).messages.len(),
        |_| 1,
    );
}

fn file_inputs(c: &mut Criterion) {
    let dir = scratch("files");
    pair(
        c,
        "invalid_utf8_transcript",
        |s| {
            let p = dir.join(format!("bad-{s}.txt"));
            let line = b"Geachte heer, \xff\xfe dank voor uw brief.\n";
            std::fs::write(&p, line.repeat(25_000 * s)).expect("write");
            p
        },
        |p| {
            let doc = mailthread::input::read(Parser::new(), &[p]).next();
            let doc = doc.and_then(Result::ok).expect("read lossily");
            assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::InvalidUtf8);
            doc.text.lines().count()
        },
        |s| 25_000 * s,
    );
    pair(
        c,
        "binary_file",
        |s| {
            let p = dir.join(format!("bin-{s}.eml"));
            let bytes: Vec<u8> = (0..1_000_000 * s).map(|i| (i * 7 % 256) as u8).collect();
            std::fs::write(&p, bytes).expect("write");
            p
        },
        |p| read(&[p]).1,
        |_| 1,
    );
    pair(
        c,
        "mbox_without_from_lines",
        |s| {
            let p = dir.join(format!("nofrom-{s}.mbox"));
            let mut t = String::from("Message-ID: <1@x>\nFrom: A <a@example.org>\nSubject: s\n\n");
            t.push_str(&"A line of the body.\n".repeat(50_000 * s));
            std::fs::write(&p, t).expect("write");
            p
        },
        |p| read(&[p]).0,
        |_| 1,
    );
    pair(
        c,
        "directory_with_a_symlink_loop",
        |s| {
            let d = dir.join(format!("loop-{s}"));
            std::fs::create_dir_all(d.join("sub")).expect("dir");
            for i in 0..100 * s {
                std::fs::write(
                    d.join(format!("sub/{i}.txt")),
                    format!("From: A <a@x.org>\nSent: Monday, 1 January 2001 10:00\n\n{i}\n"),
                )
                .expect("write");
            }
            let _ = std::os::unix::fs::symlink(&d, d.join("sub/loop"));
            d
        },
        |d| read(&[d]).0,
        |s| 100 * s,
    );
    pair(
        c,
        "unreadable_files",
        |s| {
            let d = dir.join(format!("dangling-{s}"));
            std::fs::create_dir_all(&d).expect("dir");
            for i in 0..100 * s {
                let _ = std::os::unix::fs::symlink(d.join("nowhere"), d.join(format!("{i}.txt")));
            }
            d
        },
        |d| read(&[d]).1,
        |s| 100 * s,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = config();
    targets = text_inputs, file_inputs
}
criterion_main!(benches);
