//! The `mailthread` command: parse files and mailboxes, print JSON Lines,
//! JSON or text. A thin layer over the library: argument parsing, output,
//! exit codes.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use mailthread::output::{Format, Writer};

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
        /// Print no summary line on standard error.
        #[arg(long, short)]
        quiet: bool,
    },
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
            parse(parser, &paths, format, quiet)
        }
    }
}

fn parse(parser: mailthread::Parser, paths: &[PathBuf], format: Format, quiet: bool) -> ExitCode {
    let stdout = io::stdout();
    let mut writer = Writer::new(BufWriter::new(stdout.lock()), format);
    let (mut read, mut messages, mut failed) = (0usize, 0usize, 0usize);
    for doc in mailthread::input::read(parser, paths) {
        match doc {
            Ok(doc) => {
                read += 1;
                messages += doc.messages.len();
                if let Err(e) = writer.write(&doc) {
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                    eprintln!("mailthread: writing output: {e}");
                    return ExitCode::from(1);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("mailthread: {e}");
            }
        }
    }
    if let Err(e) = writer.finish() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("mailthread: writing output: {e}");
            return ExitCode::from(1);
        }
    }
    if !quiet {
        let _ = writeln!(
            io::stderr(),
            "mailthread: {read} documents read, {messages} messages, {failed} failed"
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
