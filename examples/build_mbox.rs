//! Builds a benchmark mbox, deterministically: every mail file and
//! transcript under the given directories (sorted by path), repeated until
//! the mbox reaches the size asked for.
//!
//! ```text
//! cargo run --release --example build_mbox -- OUT.mbox SIZE_MB [DIR...]
//! ```
//!
//! Without directories it uses the repository's own `fixtures/`. A file
//! that starts with mail headers (or an mbox `From ` line) goes in as an
//! email; any other text (a released thread, a quoted body) is wrapped in
//! a plain-text email of its own. Body lines that start with `From ` are
//! escaped the mboxrd way. Copies after the first get their own
//! Message-ID (`<n.copy-k@bench.invalid>`), so the mailbox stays plausible.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const SKIP_EXT: &[&str] = &[
    "ann", "md5", "py", "rb", "js", "php", "rs", "json", "tsv", "yml", "yaml", "toml", "cs",
    "java", "xml", "png", "jpg", "gif", "pdf", "zip", "gz",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let meta = match std::fs::symlink_metadata(&p) {
            Ok(m) => m,
            Err(_) => continue,
        };
        if meta.is_dir() {
            files(&p, out);
            continue;
        }
        if !meta.is_file() || meta.len() == 0 || meta.len() > (8 << 20) {
            continue;
        }
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if SKIP_EXT.contains(&ext.as_str())
            || name.starts_with("license")
            || name.starts_with("copying")
            || name.starts_with("notice")
            || name.starts_with("readme")
            || name.starts_with("manifest")
            || name.ends_with(".expected.json")
        {
            continue;
        }
        out.push(p);
    }
}

/// Whether `text` opens with a mail header line (`Name: value`).
fn has_headers(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match first.split_once(':') {
        Some((name, _)) => {
            !name.is_empty()
                && name.len() < 40
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && first.as_bytes()[0].is_ascii_alphabetic()
        }
        None => false,
    }
}

/// One message of the mbox for a file, `copy` times repeated before.
fn message(path: &Path, bytes: &[u8], n: usize, copy: usize) -> Option<Vec<u8>> {
    if bytes.iter().take(4096).filter(|&&b| b == 0).count() > 0 {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix("From ").map_or(&*text, |rest| {
        rest.split_once('\n').map_or("", |(_, after)| after)
    });
    let mut msg = String::with_capacity(text.len() + 400);
    if has_headers(text) {
        if copy > 0 {
            msg.push_str(&format!("X-Bench-Copy: <{n}.copy-{copy}@bench.invalid>\n"));
        }
        msg.push_str(text);
    } else {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        msg.push_str(&format!(
            "Message-ID: <{n}.copy-{copy}@bench.invalid>\nFrom: Bench <bench@bench.invalid>\nTo: Reader <reader@bench.invalid>\nSubject: {name}\nDate: Mon, 1 Jan 2001 00:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{text}"
        ));
    }
    let mut out = Vec::with_capacity(msg.len() + 80);
    out.extend_from_slice(b"From bench@bench.invalid Mon Jan  1 00:00:00 2001\n");
    for line in msg.split_inclusive('\n') {
        let quoted = line.bytes().take_while(|&b| b == b'>').count();
        if line[quoted..].starts_with("From ") {
            out.push(b'>');
        }
        out.extend_from_slice(line.as_bytes());
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    out.push(b'\n');
    Some(out)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(size)) = (args.first(), args.get(1)) else {
        eprintln!("usage: build_mbox OUT.mbox SIZE_MB [DIR...]");
        std::process::exit(2);
    };
    let target: u64 = size.parse::<u64>().unwrap_or(20) << 20;
    let dirs: Vec<PathBuf> = if args.len() > 2 {
        args[2..].iter().map(PathBuf::from).collect()
    } else {
        vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")]
    };
    let mut paths = Vec::new();
    for d in &dirs {
        files(d, &mut paths);
    }
    let sources: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    if sources.is_empty() {
        eprintln!("build_mbox: no files under {dirs:?}");
        std::process::exit(1);
    }
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    let (mut written, mut messages, mut copy) = (0u64, 0u64, 0usize);
    'outer: loop {
        for (n, (path, bytes)) in sources.iter().enumerate() {
            if let Some(m) = message(path, bytes, n, copy) {
                w.write_all(&m)?;
                written += m.len() as u64;
                messages += 1;
                if written >= target {
                    break 'outer;
                }
            }
        }
        copy += 1;
    }
    w.flush()?;
    eprintln!(
        "build_mbox: {out}: {messages} messages, {:.1} MB, from {} files ({copy} full copies)",
        written as f64 / 1e6,
        sources.len()
    );
    Ok(())
}
