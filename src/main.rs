//! The `mailthread` command: parse files and mailboxes, print JSON Lines,
//! JSON or text. A thin layer over the library: argument parsing, output,
//! exit codes.

use std::alloc::{GlobalAlloc, Layout};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mailthread::output::{self, Format, Writer};

/// mimalloc, not the system allocator: a batch allocates about 230 times
/// per email (the model's strings, lines, regex captures), on several
/// threads, freeing on others. Beside the system allocator, in rounds on
/// the 21 MB and 210 MB benchmark mboxes, it took 9% to 16% of the time
/// off with one job and 4% to 5% with two (see the README). Peak memory
/// stays flat: 25 MB with one job (17 MB before) and up to 59 MB with two
/// (37 MB). mimalloc 2, not 3 (the crate's default): version 3 held
/// 113 MB with two jobs.
#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

/// [`mimalloc::MiMalloc`], with its plain entry points where they give the
/// alignment asked for. `MiMalloc` passes every request through
/// `mi_malloc_aligned`, four calls deep, about 30 instructions more than
/// `mi_malloc` for the same block. Steady state on the benchmark mailbox:
/// 1.2% fewer instructions.
///
/// mimalloc gives every block of `size` bytes the alignment of any power
/// of two up to 16 that is no larger than `size` (the rule of its
/// `mi_malloc_is_naturally_aligned`, in `alloc-aligned.c`: blocks of 16
/// bytes or more are 16-aligned, smaller ones 8-aligned). Nearly every
/// layout is at least as large as its alignment, and aligned to 16 or
/// less; the others go to `MiMalloc` as before.
struct Allocator;

impl Allocator {
    /// Whether `mi_malloc(size)` is aligned to `align` (a power of two).
    fn plain(size: usize, align: usize) -> bool {
        align <= 16 && align <= size
    }
}

// SAFETY: each method either calls mimalloc's plain function, whose block
// has the alignment asked for (see `plain`), or hands the request to
// `MiMalloc` unchanged. Every block, however made, is mimalloc's, so
// `mi_free` and `mi_realloc` take it.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if Self::plain(layout.size(), layout.align()) {
            // SAFETY: `mi_malloc` takes any size.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if Self::plain(layout.size(), layout.align()) {
            // SAFETY: `mi_zalloc` takes any size.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` is a block of mimalloc's (see above).
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::plain(new_size, layout.align()) {
            // SAFETY: `ptr` is a block of mimalloc's (see above), and the
            // new block is aligned as the old one had to be.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Turn email correspondence into typed data.
///
/// Reads released threads (text or markdown converted from PDF), .eml
/// files, mbox files, Maildir folders and directories of all of these, and
/// prints every document with its messages, senders, dates, recipients,
/// subjects, case numbers, redactions, greetings, closings, signatures and
/// disclaimers.
#[derive(ClapParser, Debug)]
#[command(name = "mailthread", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse files, mailboxes and directories into documents.
    ///
    /// Every document read is printed: one per transcript or .eml file, one
    /// per message of an mbox, one per file of a Maildir. A file that cannot
    /// be read gets a one-line error on standard error, and the others are
    /// still parsed. Exit code: 0 when every document was read, 1 when some
    /// failed, 2 for a usage error.
    Parse {
        /// Files, directories, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: `text` for people, `jsonl` (one JSON document per
        /// line) for programs, `json` for a pretty JSON array.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// The year for dates written without one.
        #[arg(long)]
        default_year: Option<i32>,
        /// Read numeric dates such as 03/04/2020 in this order, whatever
        /// their language.
        #[arg(long, value_enum)]
        date_order: Option<OrderArg>,
        /// Print no progress bar and no summary line on standard error.
        #[arg(long, short)]
        quiet: bool,
        /// Parse on this many threads (default: one per core). Output
        /// stays in input order.
        #[arg(long, short, default_value_t = 0, hide_default_value = true)]
        jobs: usize,
    },
    /// Group every message of every document into conversations.
    ///
    /// Messages are linked by Message-ID, In-Reply-To and References, and
    /// by quoting; a quoted copy of a message that is also in the mailbox
    /// is the same message (same sender, minute and subject, and an
    /// agreeing body), listed once with every place it was seen.
    Threads {
        /// Files, directories, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: `text` for people, `jsonl` (one conversation per
        /// line) or `json` (a pretty JSON array) for programs.
        #[arg(long, value_enum, default_value_t = ThreadFormat::Text)]
        format: ThreadFormat,
        /// The year for dates written without one.
        #[arg(long)]
        default_year: Option<i32>,
        /// Print no summary line on standard error.
        #[arg(long, short)]
        quiet: bool,
        /// Parse on this many threads (default: one per core).
        #[arg(long, short, default_value_t = 0, hide_default_value = true)]
        jobs: usize,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ThreadFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OrderArg {
    DayFirst,
    MonthFirst,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Parse {
            paths,
            format,
            default_year,
            date_order,
            quiet,
            jobs,
        } => {
            let parser = mailthread::Parser::new()
                .default_year(default_year)
                .date_order(date_order.map(|o| match o {
                    OrderArg::DayFirst => mailthread::DateOrder::DayFirst,
                    OrderArg::MonthFirst => mailthread::DateOrder::MonthFirst,
                }));
            let format = match format {
                OutputFormat::Text => Format::Text,
                OutputFormat::Json => Format::Json,
                OutputFormat::Jsonl => Format::Jsonl,
            };
            parse(parser, &paths, format, quiet, jobs)
        }
        Command::Threads {
            paths,
            format,
            default_year,
            quiet,
            jobs,
        } => {
            let parser = mailthread::Parser::new().default_year(default_year);
            threads(parser, &paths, format, quiet, jobs)
        }
    }
}

fn threads(
    parser: mailthread::Parser,
    paths: &[PathBuf],
    format: ThreadFormat,
    quiet: bool,
    jobs: usize,
) -> ExitCode {
    let mut threader = mailthread::conversation::Threader::new();
    let (mut read, mut messages, mut failed) = (0usize, 0usize, 0usize);
    let progress = progress_bar(paths, quiet);
    // A hidden bar is not kept up to date: that costs a formatted message
    // and a lock per document.
    let shown = !progress.is_hidden();
    mailthread::batch::run(
        &parser,
        paths,
        jobs,
        |doc| doc,
        |doc, at| {
            if shown {
                progress.set_position(at.bytes_read);
            }
            match doc {
                Ok(doc) => {
                    read += 1;
                    messages += doc.messages.len();
                    threader.add(&doc);
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("mailthread: {e}"));
                }
            }
            true
        },
    );
    progress.finish_and_clear();
    let conversations = threader.finish();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match format {
        ThreadFormat::Json => serde_json::to_writer_pretty(&mut out, &conversations)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
        ThreadFormat::Jsonl => conversations.iter().try_for_each(|c| {
            serde_json::to_writer(&mut out, c).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }),
        ThreadFormat::Text => conversations
            .iter()
            .try_for_each(|c| out.write_all(output::render_conversation(c).as_bytes())),
    }
    .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("mailthread: writing output: {e}");
            return ExitCode::from(1);
        }
    }
    if !quiet {
        let distinct: usize = conversations.iter().map(|c| c.messages.len()).sum();
        let _ = writeln!(
            io::stderr(),
            "mailthread: {read} documents read, {messages} messages, {distinct} distinct, {} conversations, {failed} failed",
            conversations.len()
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What one document became on a worker: its message count and its
/// rendering, or the error that stopped it.
type Rendered = mailthread::Result<(usize, Vec<u8>)>;

fn parse(
    parser: mailthread::Parser,
    paths: &[PathBuf],
    format: Format,
    quiet: bool,
    jobs: usize,
) -> ExitCode {
    let stdout = io::stdout();
    let mut writer = Writer::new(BufWriter::new(stdout.lock()), format);
    let (mut read, mut messages) = (0usize, 0usize);
    let (mut not_mail, mut unreadable) = (0usize, 0usize);
    let mut write_error: Option<io::Error> = None;
    let progress = progress_bar(paths, quiet);
    // A hidden bar is not kept up to date: that costs a formatted message
    // and a lock per document.
    let shown = !progress.is_hidden();
    mailthread::batch::run(
        &parser,
        paths,
        jobs,
        |doc| -> Rendered { doc.map(|d| (d.messages.len(), output::render(&d, format))) },
        |rendered, at| {
            if shown {
                progress.set_position(at.bytes_read);
            }
            match rendered {
                Ok((n, bytes)) => {
                    read += 1;
                    messages += n;
                    if shown {
                        progress.set_message(format!("{read} documents, {messages} messages"));
                    }
                    if let Err(e) = writer.write_rendered(&bytes) {
                        write_error = Some(e);
                        return false;
                    }
                }
                Err(e) => {
                    if e.is_io() {
                        unreadable += 1;
                    } else {
                        not_mail += 1;
                    }
                    progress.suspend(|| eprintln!("mailthread: {e}"));
                }
            }
            true
        },
    );
    progress.finish_and_clear();
    let finished = match write_error {
        Some(e) => Err(e),
        None => writer.finish().map(drop),
    };
    if let Err(e) = finished {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("mailthread: writing output: {e}");
        return ExitCode::from(1);
    }
    let failed = not_mail + unreadable;
    if !quiet {
        let mut line =
            format!("mailthread: {read} documents read, {messages} messages, {failed} failed");
        if failed > 0 {
            let mut why = Vec::new();
            if unreadable > 0 {
                why.push(format!("{unreadable} unreadable"));
            }
            if not_mail > 0 {
                why.push(format!("{not_mail} not mail"));
            }
            line.push_str(&format!(" ({})", why.join(", ")));
        }
        let _ = writeln!(io::stderr(), "{line}");
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar on standard error, by bytes against the inputs' total
/// size; hidden with `--quiet` or when standard error is not a terminal.
fn progress_bar(paths: &[PathBuf], quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total: Option<u64> = paths.iter().map(|p| input_size(p)).sum();
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        // Standard input: no total, so no estimate.
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {binary_bytes} {binary_bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// The bytes under a path (files of a directory tree, symbolic links not
/// followed); `None` for standard input.
fn input_size(path: &Path) -> Option<u64> {
    if path == Path::new("-") {
        return None;
    }
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).ok()?;
        Some(
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| input_size(&e.path()))
                .sum(),
        )
    } else {
        std::fs::metadata(path).ok().map(|m| m.len())
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::ALLOCATOR;

    /// Every block is aligned as its layout asks, whether the plain path
    /// or `MiMalloc` made it, also after growing and shrinking; and it
    /// keeps its bytes. Sizes like 80 with an alignment of 32 land in
    /// blocks that `mi_malloc` aligns to 16 only.
    #[test]
    fn every_block_is_aligned_as_asked() {
        let aligned = |p: *mut u8, align: usize| !p.is_null() && (p as usize) % align == 0;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..=300).chain([1000, 5000, 70_000]) {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // Several blocks of each layout: one may be aligned by luck.
                for _ in 0..3 {
                    // SAFETY: `layout` is not zero-sized; the block is
                    // written within its size and freed with its layout.
                    unsafe {
                        let p = ALLOCATOR.alloc(layout);
                        assert!(aligned(p, align), "alloc {size} {align}");
                        p.write_bytes(0xA5, size);
                        let q = ALLOCATOR.realloc(p, layout, size * 3);
                        assert!(aligned(q, align), "realloc {size} {align}");
                        assert_eq!(*q.add(size - 1), 0xA5);
                        let z = ALLOCATOR.alloc_zeroed(layout);
                        assert!(aligned(z, align), "alloc_zeroed {size} {align}");
                        assert_eq!(*z.add(size - 1), 0);
                        ALLOCATOR.dealloc(z, layout);
                        let grown = Layout::from_size_align(size * 3, align).expect("layout");
                        ALLOCATOR.dealloc(q, grown);
                    }
                }
            }
        }
    }
}
