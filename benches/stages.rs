//! Per-stage and whole-pipeline benchmarks (issue 6): normalisation,
//! splitting, header fields, dates, body analysis, JSON output, the whole
//! transcript pipeline, and a generated mailbox read through the input
//! layer. Every benchmark first asserts its result (message or block
//! counts), so a fast wrong answer cannot pass.
//!
//! `cargo bench --bench stages`; throughput is reported in bytes. Each
//! iteration that parses first makes the memos of the field parsers start
//! over (`stages::forget_memos`): otherwise every iteration after the first
//! would find its own text in them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mailthread::stages;

#[path = "gen.rs"]
mod gen;

const SEED: &str = include_str!("../fixtures/transcripts/nctv-ovv-2023.md");

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn per_stage(c: &mut Criterion) {
    let (text, messages) = gen::transcript(400);
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(text.len() as u64));

    let lines = stages::normalise(&text);
    assert_eq!(lines, text.lines().count());
    g.bench_function("normalise", |b| {
        b.iter(|| stages::normalise(black_box(&text)))
    });

    // Every message after the first of each thread opens with a block.
    let blocks = stages::split(&text);
    assert_eq!(blocks, messages - 400, "blocks");
    g.bench_function("split", |b| b.iter(|| stages::split(black_box(&text))));

    assert_eq!(
        stages::header_fields(&text),
        blocks,
        "every block has a sender"
    );
    g.bench_function("header_fields", |b| {
        b.iter(|| {
            stages::forget_memos();
            stages::header_fields(black_box(&text))
        })
    });

    let body_len = stages::body(&text);
    assert!(body_len > text.len() / 2, "body text {body_len}");
    g.bench_function("body", |b| {
        b.iter(|| {
            stages::forget_memos();
            stages::body(black_box(&text))
        })
    });

    // One long transcript: the top of each thread after the first has no
    // block of its own, so it runs on from the thread before.
    let doc = mailthread::parse_transcript(&text);
    assert_eq!(doc.messages.len(), blocks + 1);
    g.bench_function("json_output", |b| {
        b.iter(|| mailthread::output::render(black_box(&doc), mailthread::output::Format::Jsonl))
    });

    g.bench_function("whole_pipeline", |b| {
        b.iter(|| {
            stages::forget_memos();
            mailthread::parse_transcript(black_box(&text))
                .messages
                .len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("stage");
    let values = [
        "maandag 1 maart 2021 10:04",
        "Monday, March 1, 2021 10:04 AM",
        "Mon, Mar 1, 2021 at 10:04 AM",
        "1.03.2021 um 10:04",
        "lun. 1 mars 2021 à 10:04",
        "lunes, 1 de marzo de 2021 10:04",
        "2021-03-01 10:04 GMT+01:00",
        "03/01/2021 10:04 PM",
        "donderdag, 28 oktober 2021 om 12:06",
        "Thu, 28 Oct 2021 12:06:00 +0200",
    ];
    assert_eq!(stages::dates(&values), values.len());
    g.throughput(Throughput::Elements(values.len() as u64));
    g.bench_function("dates", |b| {
        b.iter(|| {
            stages::forget_memos();
            stages::dates(black_box(&values))
        })
    });
    g.finish();
}

fn seed(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    assert_eq!(mailthread::parse_transcript(SEED).messages.len(), 2);
    g.bench_function("seed_transcript", |b| {
        b.iter(|| {
            stages::forget_memos();
            mailthread::parse_transcript(black_box(SEED)).messages.len()
        })
    });
    g.finish();
}

fn mailbox(c: &mut Criterion) {
    let (bytes, messages) = gen::mbox(2000);
    let dir = std::env::temp_dir().join(format!("mailthread-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bench.mbox");
    std::fs::write(&path, &bytes).expect("write mbox");
    let count = |jobs: usize| {
        let mut n = 0;
        mailthread::batch::run(
            &mailthread::Parser::new(),
            &[&path],
            jobs,
            |d| d.map(|d| d.messages.len()).unwrap_or(0),
            |m, _| {
                n += m;
                true
            },
        );
        n
    };
    assert_eq!(count(1), messages);
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    // With one job the batch runs on this thread, whose memos would
    // otherwise hold the mailbox from the iteration before.
    g.bench_function("mbox_2000_emails_jobs_1", |b| {
        b.iter(|| {
            stages::forget_memos();
            count(1)
        })
    });
    g.bench_function("mbox_2000_emails_all_cores", |b| b.iter(|| count(0)));
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = config();
    targets = per_stage, seed, mailbox
}
criterion_main!(benches);
