//! The comparison harness of issue 6: one mbox, timed three ways in one
//! run, each as its own process so that peak memory is its own.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example compare -- BIG.mbox [RUNS]
//! ```
//!
//! 1. mail-parser 0.11 alone, on one core: split the mbox with its
//!    `MessageIterator`, parse every message and take its text body;
//! 2. `mailthread parse BIG.mbox --format jsonl --jobs 1 > /dev/null`;
//! 3. the same with all cores.
//!
//! Prints MB/s, messages/s, peak resident memory and the ratios to
//! mail-parser alone; the best of RUNS rounds (default 3) counts, each
//! round running every variant once.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run as `compare --mail-parser-alone FILE`: the baseline, in a process
/// of its own. Prints the number of messages.
fn mail_parser_alone(path: &Path) -> usize {
    let file = std::fs::File::open(path).expect("open the mbox");
    let reader = BufReader::with_capacity(1 << 16, file);
    let parser = mail_parser::MessageParser::default();
    let mut count = 0;
    let mut text_bytes = 0;
    for message in mail_parser::mailbox::mbox::MessageIterator::new(reader).flatten() {
        if let Some(m) = parser.parse(message.contents()) {
            text_bytes += m.body_text(0).map_or(0, |t| t.len());
            count += 1;
        }
    }
    std::hint::black_box(text_bytes);
    count
}

/// Peak resident memory of a running process, from `/proc`, in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let mut s = String::new();
    std::fs::File::open(format!("/proc/{pid}/status"))
        .ok()?
        .read_to_string(&mut s)
        .ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// Runs a command with stdout to /dev/null; returns the wall time, the
/// peak memory seen and its stderr.
fn timed(mut cmd: Command) -> (Duration, u64, String) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let mut peak = 0;
    loop {
        if let Some(k) = peak_kib(pid) {
            peak = peak.max(k);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = start.elapsed();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    (took, peak, err)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--mail-parser-alone") {
        let n = mail_parser_alone(Path::new(&args[1]));
        eprintln!("{n}");
        return;
    }
    let Some(mbox) = args.first().map(PathBuf::from) else {
        eprintln!("usage: compare BIG.mbox [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let me = std::env::current_exe().expect("own path");
    let bin = me
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("mailthread"))
        .expect("target dir");
    let size = std::fs::metadata(&mbox).expect("mbox").len() as f64 / 1e6;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "mbox: {} ({size:.1} MB), {cores} cores, best of {runs}",
        mbox.display()
    );
    let mut rows: Vec<(String, Duration, u64, String)> = Vec::new();
    let variants: Vec<(String, Box<dyn Fn() -> Command>)> = vec![
        (
            "mail-parser 0.11 alone, 1 core".into(),
            Box::new(|| {
                let mut c = Command::new(&me);
                c.arg("--mail-parser-alone").arg(&mbox);
                c
            }),
        ),
        (
            "mailthread --jobs 1".into(),
            Box::new(|| {
                let mut c = Command::new(&bin);
                c.args(["parse", "--format", "jsonl", "--jobs", "1"])
                    .arg(&mbox);
                c
            }),
        ),
        (
            format!("mailthread --jobs {cores}"),
            Box::new(|| {
                let mut c = Command::new(&bin);
                c.args(["parse", "--format", "jsonl"]).arg(&mbox);
                c
            }),
        ),
    ];
    // Round by round, each variant once per round: on a shared machine a
    // slow spell then slows every variant alike, not one.
    let mut best: Vec<Option<(Duration, u64, String)>> = variants.iter().map(|_| None).collect();
    for _ in 0..runs.max(1) {
        for ((_, make), best) in variants.iter().zip(best.iter_mut()) {
            let r = timed(make());
            if best.as_ref().is_none_or(|b| r.0 < b.0) {
                *best = Some(r);
            }
        }
    }
    for ((name, _), best) in variants.iter().zip(best) {
        let (t, peak, err) = best.expect("at least one run");
        rows.push((
            name.clone(),
            t,
            peak,
            err.trim().lines().last().unwrap_or("").to_string(),
        ));
    }
    let base = rows[0].1.as_secs_f64();
    let messages: f64 = rows[0].3.trim().parse().unwrap_or(0.0);
    println!(
        "{:<34} {:>8} {:>9} {:>12} {:>9} {:>7}",
        "", "seconds", "MB/s", "messages/s", "peak MB", "ratio"
    );
    for (name, t, peak, _) in &rows {
        let s = t.as_secs_f64();
        println!(
            "{name:<34} {s:>8.2} {:>9.1} {:>12.0} {:>9.1} {:>7.2}",
            size / s,
            messages / s,
            *peak as f64 / 1024.0,
            s / base
        );
    }
    for (name, _, _, err) in rows.iter().skip(1) {
        println!("{name}: {err}");
    }
}
