//! Input: paths and byte streams in, [`Document`]s out.
//!
//! The only module that does I/O or names `mail_parser` types. It
//! recognises, by content as well as by name: a transcript (plain text or
//! markdown), a single RFC 5322 message (`.eml`, or any file that starts
//! with mail headers), an mbox (mboxo and mboxrd, LF and CRLF), a Maildir
//! (`cur/` and `new/`, Maildir++ subfolders), and directories of all of
//! these, walked recursively in name order without following symbolic
//! links. An mbox is read message by message, so memory stays bounded by
//! the largest message, not the mailbox.
//!
//! A file that cannot be read, or is not mail, yields an `Err` for that
//! file; the iterator goes on with the next one.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use mail_parser::parsers::MessageStream;
use mail_parser::{Address, Header, HeaderName, HeaderValue, MessageParser, MimeHeaders, PartType};

mod single_part;

use crate::bytes;
use crate::document::{self, Envelope, Input};
use crate::error::{Error, Result};
use crate::model::{
    Attachment, Diagnostic, DiagnosticKind, Document, Party, Source, SourceFormat, Timestamp,
};
use crate::parser::Parser;

/// How many bytes are read to tell what a file is.
const SNIFF: usize = 8192;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Transcript,
    Eml,
    Mbox,
}

/// One document's bytes, read and waiting to be parsed: a transcript, an
/// email, or one message of an mbox. Reading is sequential; parsing a
/// unit ([`Unit::parse`]) touches no file, so units may be parsed on any
/// thread.
#[derive(Debug)]
pub struct Unit {
    bytes: Vec<u8>,
    kind: Kind,
    source: Source,
    /// What reading noticed (a cap that cut the bytes, text before an
    /// mbox's first `From ` line); added to the document's diagnostics.
    notes: Vec<Diagnostic>,
    /// Whether the bytes are binary data, not mail: told where they are
    /// read, while they are in the reading thread's cache (a file's head
    /// is checked before it becomes a unit; an mbox message as it is cut).
    binary: bool,
}

impl Unit {
    /// How many bytes were read for this unit.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the unit holds no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Where the unit came from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Parses the unit. `Err` only for bytes that are not mail at all.
    pub fn parse(&self, parser: &Parser) -> Result<Document> {
        Ok(document::parse_input(parser, self.decode()?))
    }

    /// The unit's text (a transcript's, or an email's decoded body) and
    /// what goes with it. `Err` only for bytes that are not mail at all.
    fn decode(&self) -> Result<Input> {
        if self.binary {
            return Err(Error::not_mail(&self.source.path, "binary data"));
        }
        let mut input = match self.kind {
            Kind::Transcript => transcript_input(&self.bytes, self.source.clone()),
            Kind::Eml | Kind::Mbox => eml_input(&self.bytes, self.source.clone())?,
        };
        if !self.notes.is_empty() {
            let mut diags = self.notes.clone();
            diags.append(&mut input.diagnostics);
            input.diagnostics = diags;
        }
        Ok(input)
    }
}

/// Parses units as [`Unit::parse`] does each, in order, stage by stage
/// across them ([`document::parse_group`]): a worker's group of units
/// runs each stage's code for all of them in turn.
pub(crate) fn parse_units(
    parser: &Parser,
    units: impl IntoIterator<Item = Result<Unit>>,
) -> Vec<Result<Document>> {
    let units = units.into_iter();
    // Room for every document at once: a document is a large value, and
    // a growing vector copies all those made so far.
    let mut out = Vec::with_capacity(units.size_hint().0);
    // The units decoded since the last one that failed.
    let mut run = Vec::with_capacity(units.size_hint().0);
    for unit in units {
        match unit.and_then(|u| u.decode()) {
            Ok(input) => run.push(input),
            Err(e) => {
                let inputs = std::mem::take(&mut run);
                out.extend(document::parse_group(parser, inputs).into_iter().map(Ok));
                out.push(Err(e));
            }
        }
    }
    out.extend(document::parse_group(parser, run).into_iter().map(Ok));
    out
}

/// Documents read from paths, one at a time: [`Units`], each parsed as it
/// is read.
#[derive(Debug)]
pub struct Documents {
    parser: Parser,
    units: Units,
}

impl Iterator for Documents {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        let unit = self.units.next()?;
        Some(unit.and_then(|u| u.parse(&self.parser)))
    }
}

/// Reads every document under `paths`; `-` is standard input.
///
/// # Example
/// ```no_run
/// for doc in mailthread::input::read(mailthread::Parser::new(), &["mail.mbox"]) {
///     match doc {
///         Ok(doc) => println!("{} messages", doc.messages.len()),
///         Err(e) => eprintln!("{e}"),
///     }
/// }
/// ```
pub fn read<P: AsRef<Path>>(parser: Parser, paths: &[P]) -> Documents {
    Documents {
        parser,
        units: units(&parser, paths),
    }
}

/// The units under `paths` (`-` is standard input), read in order and not
/// yet parsed: what a parallel batch hands to its workers. The parser's
/// byte cap applies while reading.
pub fn units<P: AsRef<Path>>(parser: &Parser, paths: &[P]) -> Units {
    let mut work: Vec<Work> = paths
        .iter()
        .map(|p| {
            let p = p.as_ref();
            if p == Path::new("-") {
                Work::Stdin
            } else {
                Work::Path {
                    path: p.to_path_buf(),
                    maildir: false,
                }
            }
        })
        .collect();
    work.reverse();
    Units {
        max_bytes: parser.max_bytes,
        work,
        visited: HashSet::new(),
        bytes_read: 0,
    }
}

/// Units read from paths, one at a time, in order.
pub struct Units {
    max_bytes: usize,
    work: Vec<Work>,
    visited: HashSet<PathBuf>,
    bytes_read: u64,
}

impl std::fmt::Debug for Units {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Units")
            .field("pending", &self.work.len())
            .field("bytes_read", &self.bytes_read)
            .finish()
    }
}

impl Units {
    /// Bytes read from files and standard input so far (mbox separators
    /// and bytes past a cap included): the progress of a batch.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }
}

enum Work {
    Path {
        path: PathBuf,
        maildir: bool,
    },
    Stdin,
    Dir {
        entries: std::vec::IntoIter<(PathBuf, bool)>,
    },
    Mbox(Box<Mbox>),
}

impl Iterator for Units {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Result<Unit>> {
        loop {
            let work = self.work.pop()?;
            match work {
                Work::Stdin => {
                    let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
                    match self.open_reader(Path::new("-"), stdin, None, false) {
                        Ok(Some(unit)) => return Some(Ok(unit)),
                        Ok(None) => continue,
                        Err(e) => return Some(Err(e)),
                    }
                }
                Work::Path { path, maildir } => match self.open(&path, maildir) {
                    Ok(Some(unit)) => return Some(Ok(unit)),
                    Ok(None) => continue,
                    Err(e) => return Some(Err(e)),
                },
                Work::Dir { mut entries } => {
                    if let Some((path, maildir)) = entries.next() {
                        self.work.push(Work::Dir { entries });
                        self.work.push(Work::Path { path, maildir });
                    }
                }
                Work::Mbox(mut mbox) => match mbox.next_message() {
                    None => continue,
                    Some(Err(e)) => return Some(Err(Error::io(&mbox.path, e))),
                    Some(Ok(unit)) => {
                        self.bytes_read += mbox.consumed;
                        mbox.consumed = 0;
                        self.work.push(Work::Mbox(mbox));
                        return Some(Ok(unit));
                    }
                },
            }
        }
    }
}

impl Units {
    /// Opens one path: a directory queues its entries, an mbox queues its
    /// messages, a file gives a unit.
    fn open(&mut self, path: &Path, maildir: bool) -> Result<Option<Unit>> {
        let meta = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
        let meta = if meta.file_type().is_symlink() {
            fs::metadata(path).map_err(|e| Error::io(path, e))?
        } else {
            meta
        };
        if meta.is_dir() {
            let canonical = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
            if !self.visited.insert(canonical) {
                // A symbolic-link loop, or the same folder twice.
                return Ok(None);
            }
            let entries = dir_entries(path)?;
            self.work.push(Work::Dir {
                entries: entries.into_iter(),
            });
            return Ok(None);
        }
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let kind = maildir.then_some(Kind::Eml);
        self.open_reader(path, Box::new(file), kind, maildir)
    }

    /// Reads the head of `reader` to tell what it holds; an mbox is queued
    /// to be read message by message, anything else is read whole (up to
    /// the byte cap) into one unit.
    fn open_reader(
        &mut self,
        path: &Path,
        mut reader: Box<dyn Read + Send>,
        kind: Option<Kind>,
        maildir: bool,
    ) -> Result<Option<Unit>> {
        let mut head = vec![0; SNIFF];
        let n = read_full(&mut reader, &mut head).map_err(|e| Error::io(path, e))?;
        head.truncate(n);
        if is_binary_not_mail(&head) {
            self.bytes_read += n as u64;
            return Err(Error::not_mail(path, "binary data"));
        }
        let kind = kind.unwrap_or_else(|| sniff(path, &head));
        if kind == Kind::Mbox {
            let reader = std::io::Cursor::new(head).chain(reader);
            self.work.push(Work::Mbox(Box::new(Mbox::new(
                path.to_path_buf(),
                Box::new(BufReader::with_capacity(1 << 16, reader)),
                self.max_bytes,
            ))));
            return Ok(None);
        }
        let mut bytes = head;
        let cap = self.max_bytes as u64;
        let rest = cap.saturating_sub(bytes.len() as u64);
        (&mut reader)
            .take(rest)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        // One byte more tells whether the cap cut the file; the rest is
        // drained only to count it.
        let mut over =
            std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| Error::io(path, e))?;
        if bytes.len() > self.max_bytes {
            // The head alone passed the cap.
            over += (bytes.len() - self.max_bytes) as u64;
            bytes.truncate(self.max_bytes);
        }
        self.bytes_read += bytes.len() as u64 + over;
        let mut notes = Vec::new();
        if over > 0 {
            let total = bytes.len() as u64 + over;
            if kind == Kind::Transcript {
                cut_at_line(&mut bytes);
            }
            notes.push(cap_note(self.max_bytes, total, bytes.len()));
        }
        let format = match (kind, maildir) {
            (Kind::Transcript, _) => SourceFormat::Transcript,
            (_, true) => SourceFormat::Maildir,
            _ => SourceFormat::Eml,
        };
        Ok(Some(Unit {
            bytes,
            kind,
            source: Source {
                path: path.display().to_string(),
                index: None,
                format,
            },
            notes,
            // A binary head returned `not_mail` above.
            binary: false,
        }))
    }
}

/// The diagnostic for a document the byte cap cut.
fn cap_note(cap: usize, total: u64, kept: usize) -> Diagnostic {
    Diagnostic {
        kind: DiagnosticKind::LimitReached,
        message: format!(
            "{total} bytes, more than the cap of {cap}: only the first {kept} bytes were read"
        ),
        span: None,
    }
}

/// Cuts text bytes back to the end of their last complete line (or, with
/// no newline in the last 64 KiB, to the last whole UTF-8 character).
fn cut_at_line(bytes: &mut Vec<u8>) {
    let window = bytes.len().saturating_sub(1 << 16);
    if let Some(nl) = bytes[window..].iter().rposition(|&b| b == b'\n') {
        bytes.truncate(window + nl + 1);
        return;
    }
    let keep = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => bytes.len(),
    };
    bytes.truncate(keep);
}

/// Where the run of whole lines at the start of `buf` (which starts a
/// line) ends that the mbox reader may take without looking at each:
/// lines that open neither with `From ` nor with `>From `, `>>From `, ...
/// (what the line by line path reads apart), up to `room` bytes. 0 when
/// the first line opens with one of them, or no whole line fits.
///
/// One pass over 16-byte chunks ([`bytes`]): a line start that may stop
/// the run is an `F` or `>` right after a newline, and [`opens_from`]
/// decides it.
fn plain_run(buf: &[u8], room: usize) -> usize {
    if opens_from(buf, 0) {
        return 0;
    }
    // Past the last newline seen, and whether the byte before the chunk
    // was a newline.
    let (mut end, mut carry) = (0, 0u16);
    // The padding (NUL) is neither a newline nor a stop.
    let stop = bytes::find_chunk(buf, 0, |at, chunk| {
        let nl = bytes::eq_mask(chunk, [b'\n']);
        let mut starts = bytes::eq_mask(chunk, [b'F', b'>']) & ((nl << 1) | carry);
        while starts != 0 {
            // A line starts at `at + j`, just past a newline.
            let start = at + starts.trailing_zeros() as usize;
            if opens_from(buf, start) {
                return Some(start);
            }
            starts &= starts - 1;
        }
        if nl != 0 {
            end = at + bytes::CHUNK - nl.leading_zeros() as usize;
        }
        carry = nl >> 15;
        None
    });
    let end = stop.unwrap_or(end);
    if end <= room {
        end
    } else {
        // The cap falls inside the run: up to the last newline under it.
        // OK because `room < end <= buf.len()`.
        memchr::memrchr(b'\n', &buf[..room]).map_or(0, |i| i + 1)
    }
}

/// Whether the line at `start` of `buf` opens with `From ` after any
/// number of `>`, or `buf` ends before that is known: the lines the mbox
/// reader reads one by one (a separator, or a line to unescape).
fn opens_from(buf: &[u8], start: usize) -> bool {
    let rest = buf.get(start..).unwrap_or_default();
    if !matches!(rest.first(), Some(b'F' | b'>')) {
        return false;
    }
    let quotes = rest.iter().take_while(|&&b| b == b'>').count();
    // `From ` holds no newline: bytes past the line never match it.
    rest.get(quotes..quotes + 5).is_none_or(|w| w == b"From ")
}

/// An mbox read message by message. A message starts at a `From ` line
/// that opens the file, or that has the shape of an mbox separator
/// (`From sender Thu Nov 28 16:00:00 2026`); a body line that merely
/// starts with `From ` (unescaped, in mboxo) does not split. One `>` is
/// taken off `>From `, `>>From `, ... lines (mboxrd). Text before the first
/// `From ` line is a unit of its own, with a diagnostic.
struct Mbox {
    path: PathBuf,
    /// `path` as each unit's source names it, made once.
    shown: String,
    reader: Box<dyn BufRead + Send>,
    max_bytes: usize,
    index: usize,
    /// A `From ` line was read that opens the next message.
    open: bool,
    at_start: bool,
    /// The line before was blank.
    after_blank: bool,
    done: bool,
    /// Bytes consumed since the last unit was handed out.
    consumed: u64,
    line: Vec<u8>,
    /// The length of the last message.
    last_len: usize,
}

impl Mbox {
    fn new(path: PathBuf, reader: Box<dyn BufRead + Send>, max_bytes: usize) -> Mbox {
        Mbox {
            shown: path.display().to_string(),
            path,
            reader,
            max_bytes,
            index: 0,
            open: false,
            at_start: true,
            after_blank: false,
            done: false,
            consumed: 0,
            line: Vec::with_capacity(256),
            last_len: 0,
        }
    }

    fn next_message(&mut self) -> Option<std::io::Result<Unit>> {
        if self.done {
            return None;
        }
        // Room for a message as long as the last one: most of a
        // mailbox's messages are alike in size.
        let mut contents: Vec<u8> = Vec::with_capacity(self.last_len.min(1 << 20));
        let mut total: u64 = 0;
        let mut cut = false;
        // Whether `contents` holds a byte other than ASCII whitespace.
        let mut had_text = false;
        let opened = self.open;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            // A run of plain lines is taken whole: lines that neither
            // start with `F` (`From `) or `>` (`>From `) nor open the file
            // (a byte-order mark), and fit under the cap. What the line by
            // line path below does to each of them comes to this: append
            // it and note whether it is blank.
            if !self.at_start {
                let room = self.max_bytes.saturating_sub(contents.len());
                let run = plain_run(buf, room);
                if run > 0 {
                    // OK because `run` is one past a newline in `buf`.
                    let taken = &buf[..run];
                    had_text |= !taken.iter().all(u8::is_ascii_whitespace);
                    // The run's last line: after the newline before its own.
                    let last = memchr::memrchr(b'\n', &taken[..run - 1]).map_or(0, |i| i + 1);
                    self.after_blank = taken[last..].iter().all(u8::is_ascii_whitespace);
                    contents.extend_from_slice(taken);
                    total += run as u64;
                    self.consumed += run as u64;
                    self.reader.consume(run);
                    continue;
                }
            }
            // Else the next line alone: borrowed from the reader's buffer
            // when it lies whole in it, else gathered in `self.line`, cut
            // at the byte cap.
            let whole = memchr::memchr(b'\n', buf)
                .map(|i| i + 1)
                .filter(|&n| n <= self.max_bytes);
            let (line, n, borrowed) = match whole {
                // OK because `memchr` found the newline inside `buf`.
                Some(n) => (&buf[..n], n, true),
                None => match read_line_capped(&mut self.reader, &mut self.line, self.max_bytes) {
                    Ok(n) => (&self.line[..], n, false),
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                },
            };
            self.consumed += n as u64;
            if n == 0 {
                self.done = true;
                break;
            }
            // A line longer than the cap was cut while it was read.
            let line_cut = n > line.len();
            // A byte-order mark before the first `From ` line.
            let line = match line.strip_prefix(b"\xef\xbb\xbf") {
                Some(rest) if self.at_start => rest,
                _ => line,
            };
            let envelope = line.starts_with(b"From ")
                && (self.at_start
                    || is_separator(line)
                    || is_bare_separator(line, self.after_blank));
            let blank = line.iter().all(u8::is_ascii_whitespace);
            self.after_blank = blank;
            if !envelope {
                total += n as u64;
                cut |= line_cut;
                let quoted = line.iter().take_while(|&&b| b == b'>').count();
                let body = if quoted > 0 && line[quoted..].starts_with(b"From ") {
                    &line[1..]
                } else {
                    line
                };
                if contents.len() + body.len() <= self.max_bytes {
                    contents.extend_from_slice(body);
                    had_text |= !blank;
                } else {
                    cut = true;
                }
            }
            if borrowed {
                self.reader.consume(n);
            }
            if envelope {
                self.at_start = false;
                if opened || had_text {
                    self.open = true;
                    return Some(Ok(self.unit(contents, total, cut, opened)));
                }
                self.open = true;
                return self.next_message();
            }
            self.at_start = false;
        }
        if opened || had_text {
            Some(Ok(self.unit(contents, total, cut, opened)))
        } else {
            None
        }
    }

    fn unit(&mut self, contents: Vec<u8>, total: u64, cut: bool, opened: bool) -> Unit {
        self.last_len = contents.len();
        let mut notes = Vec::new();
        if !opened {
            notes.push(Diagnostic {
                kind: DiagnosticKind::MalformedMailbox,
                message: "text before the mbox's first `From ` line, read as a message".into(),
                span: None,
            });
        }
        if cut {
            notes.push(cap_note(self.max_bytes, total, contents.len()));
        }
        let index = self.index;
        self.index += 1;
        Unit {
            binary: is_binary_not_mail(&contents[..contents.len().min(SNIFF)]),
            bytes: contents,
            kind: Kind::Eml,
            source: Source {
                path: self.shown.clone(),
                index: Some(index),
                format: SourceFormat::Mbox,
            },
            notes,
        }
    }
}

/// Whether a `From ` line is a separator without a date: `From - `
/// (Netscape and Thunderbird, also where a Content-Length header let them
/// leave out the blank line before it), or, after a blank line, one
/// address (`From 1844347792267117879@xxx`). `From Russia with love` is
/// text.
fn is_bare_separator(line: &[u8], after_blank: bool) -> bool {
    let rest = String::from_utf8_lossy(&line[5..line.len().min(200)]);
    let mut tokens = rest.split_whitespace();
    match (tokens.next(), tokens.next()) {
        (Some("-"), None) => true,
        (Some(t), None) => after_blank && t.contains('@'),
        _ => false,
    }
}

/// Whether a `From ` line has the shape of an mbox separator: a sender
/// and an asctime date (a time `hh:mm` and a four-digit year).
fn is_separator(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&line[5..line.len().min(200)]);
    let mut tokens = text.split_whitespace();
    if tokens.next().is_none() {
        return false;
    }
    let (mut time, mut year) = (false, false);
    for t in tokens {
        let b = t.as_bytes();
        if b.len() >= 4 && b[0].is_ascii_digit() && b.contains(&b':') {
            time = true;
        }
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            year = true;
        }
    }
    time && year
}

/// Reads one line (through `\n`) into `line`, keeping at most `cap`
/// bytes of it; returns how many bytes were consumed (0 at the end).
fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(line.len());
        line.extend_from_slice(&buf[..take.min(room)]);
        reader.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

fn read_full(file: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The entries of a directory, sorted by name; files inside a Maildir's
/// `cur/` and `new/` are marked as Maildir messages, its `tmp/` skipped.
fn dir_entries(path: &Path) -> Result<Vec<(PathBuf, bool)>> {
    let is_maildir_part = |p: &Path| {
        // Git and some exports drop an empty `new/` or `cur/`: one of them,
        // named so, is enough.
        p.file_name().is_some_and(|n| n == "cur" || n == "new")
    };
    let inside_maildir = is_maildir_part(path);
    let mut out = Vec::new();
    let rd = fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let p = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && !p.is_dir() {
            continue;
        }
        if name == "tmp" && path.join("cur").is_dir() {
            continue;
        }
        out.push((p, inside_maildir));
    }
    out.sort();
    Ok(out)
}

/// Whether bytes look binary: NUL bytes or many control characters.
fn is_binary(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    // Text holds no NUL and no other control byte: one pass of byte masks
    // ([`bytes`]) rules out nearly every message before the counts. The
    // padding (a space) is neither.
    let control = bytes::find_chunk(head, b' ', |_, chunk| {
        let controls = bytes::below_mask(chunk, 0x20) & !bytes::eq_mask(chunk, TEXT_CONTROLS);
        (controls != 0).then_some(())
    });
    if control.is_none() {
        return false;
    }
    // Branch-free counts in byte-wide lanes, which the compiler turns into
    // vector code: this runs over every message of a mailbox. A chunk of
    // at most 255 bytes cannot overflow a `u8` count; 224 is a multiple of
    // the vector loop's 32 bytes, so only the last chunk has a tail.
    let (mut nul, mut control) = (0, 0);
    for chunk in head.chunks(224) {
        nul += usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b == 0)));
        control += usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b))));
    }
    control * 10 > head.len() || nul * 100 > head.len()
}

/// A control byte that text does not hold: tab, line feed, carriage
/// return, form feed and escape are text.
fn is_control(b: u8) -> bool {
    // Compares joined without short-circuits: byte compares the compiler
    // vectorises.
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) & (b != 0x1b)
}

/// The control bytes that text holds (see [`is_control`]).
const TEXT_CONTROLS: [u8; 5] = [b'\t', b'\n', b'\r', 0x0c, 0x1b];

/// Header names that only RFC 5322 messages carry (a transcript's Outlook
/// block has `From:`/`Sent:` but not these).
const RFC_ONLY: &[&str] = &[
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "delivered-to",
    "dkim-signature",
    "in-reply-to",
    "references",
    "x-mailer",
    "x-originating-ip",
    "user-agent",
    "x-from",
    "x-to",
    "list-id",
    "precedence",
    "x-original-to",
    "authentication-results",
    "arc-seal",
    "envelope-to",
    "x-spam-status",
    "status",
];

/// Tells what bytes hold, by content and then by name.
fn sniff(path: &Path, head: &[u8]) -> Kind {
    let text = String::from_utf8_lossy(head);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.starts_with("From ") {
        return Kind::Mbox;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // An `.mbox` name without a `From ` line is read by its content: a
    // single message, or text.
    match header_section(text) {
        Some((names, rfc)) if names >= 1 && (rfc >= 1 || matches!(ext.as_str(), "eml" | "msg")) => {
            Kind::Eml
        }
        _ => fallback(&ext),
    }
}

/// The header section of a message (lines up to the first blank line):
/// how many header lines, and how many of them name headers only RFC 5322
/// messages carry. `None` when a line is no header.
fn header_section(text: &str) -> Option<(usize, usize)> {
    let mut names = 0;
    let mut rfc = 0;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let (name, _) = line.split_once(':')?;
        if name.is_empty() || name.len() > 76 || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        names += 1;
        let lower = name.to_ascii_lowercase();
        if RFC_ONLY.contains(&lower.as_str()) || lower.starts_with("x-") {
            rfc += 1;
        }
    }
    Some((names, rfc))
}

/// Binary data that is not a message: a MIME message may carry a part in
/// `Content-Transfer-Encoding: binary` (UTF-16 text, say) with NUL bytes,
/// so bytes that open with RFC 5322 headers are never binary.
fn is_binary_not_mail(head: &[u8]) -> bool {
    is_binary(head)
        && !header_section(&String::from_utf8_lossy(head))
            .is_some_and(|(names, rfc)| names >= 2 && rfc >= 1)
}

fn fallback(ext: &str) -> Kind {
    if ext == "eml" {
        Kind::Eml
    } else {
        Kind::Transcript
    }
}

/// A transcript from bytes: UTF-8, or read lossily with a diagnostic.
fn transcript_input(bytes: &[u8], source: Source) -> Input {
    let (text, diagnostics) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Vec::new()),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            vec![Diagnostic {
                kind: DiagnosticKind::InvalidUtf8,
                message: format!(
                    "the text is not valid UTF-8 (first bad byte at {}); read lossily",
                    e.valid_up_to()
                ),
                span: None,
            }],
        ),
    };
    Input {
        text,
        source,
        envelope: None,
        diagnostics,
    }
}

fn parties(a: Option<&Address<'_>>) -> Vec<Party> {
    let Some(a) = a else { return Vec::new() };
    a.iter()
        .map(|addr| {
            let address = addr.address.as_deref().map(str::to_string);
            let domain = address
                .as_deref()
                .and_then(|x| x.rsplit_once('@'))
                .map(|(_, d)| crate::text::lowercase(d))
                .filter(|d| !d.is_empty());
            Party {
                name: addr
                    .name
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
                address,
                domain,
                redacted: false,
            }
        })
        .collect()
}

fn ids(v: &HeaderValue<'_>) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The headers of a message's root part that its document is made of,
/// found in one pass over its header list: of each name the last, as
/// mail-parser's own getters (`Message::from`, `header_raw`) take it.
/// (Each getter searches the whole list again: eleven searches an email.)
struct Heads<'m, 'x> {
    raw_message: &'m [u8],
    date: Option<&'m Header<'x>>,
    from: Option<&'m Header<'x>>,
    sender: Option<&'m Header<'x>>,
    to: Option<&'m Header<'x>>,
    cc: Option<&'m Header<'x>>,
    bcc: Option<&'m Header<'x>>,
    subject: Option<&'m Header<'x>>,
    message_id: Option<&'m Header<'x>>,
    in_reply_to: Option<&'m Header<'x>>,
    references: Option<&'m Header<'x>>,
}

impl<'m, 'x> Heads<'m, 'x> {
    fn of(msg: &'m mail_parser::Message<'x>) -> Self {
        let mut heads = Heads {
            raw_message: &msg.raw_message,
            date: None,
            from: None,
            sender: None,
            to: None,
            cc: None,
            bcc: None,
            subject: None,
            message_id: None,
            in_reply_to: None,
            references: None,
        };
        for h in msg.headers() {
            let slot = match h.name {
                HeaderName::Date => &mut heads.date,
                HeaderName::From => &mut heads.from,
                HeaderName::Sender => &mut heads.sender,
                HeaderName::To => &mut heads.to,
                HeaderName::Cc => &mut heads.cc,
                HeaderName::Bcc => &mut heads.bcc,
                HeaderName::Subject => &mut heads.subject,
                HeaderName::MessageId => &mut heads.message_id,
                HeaderName::InReplyTo => &mut heads.in_reply_to,
                HeaderName::References => &mut heads.references,
                _ => continue,
            };
            *slot = Some(h);
        }
        heads
    }

    /// The header's value as written, as `Message::header_raw` gives it.
    fn raw(&self, h: Option<&Header<'_>>) -> Option<&'m str> {
        let h = h?;
        let raw = self
            .raw_message
            .get(h.offset_start as usize..h.offset_end as usize)?;
        std::str::from_utf8(raw).ok()
    }

    /// The header's text, as `Message::subject` gives it.
    fn text(&self, h: Option<&'m Header<'x>>) -> Option<&'m str> {
        h?.value.as_text()
    }

    /// The parties of an address header: [`address_header`].
    fn parties(&self, h: Option<&Header<'_>>) -> Vec<Party> {
        h.map_or(Vec::new(), |h| address_header(self.raw_message, h))
    }
}

/// The parties of the address header `h` of the message `raw_message`,
/// read from its value as written as mail-parser's address parser reads
/// it in place: the value runs from just after the colon to the end of
/// the header, and the parser stops at the same place either way (at the
/// end of the header: a line break not followed by a blank). A value
/// that is UTF-8 is kept in a memo: in the first 10 MB of issue 6's mail,
/// 83% of the address headers had been seen before.
fn address_header(raw_message: &[u8], h: &Header<'_>) -> Vec<Party> {
    let raw = raw_message
        .get(h.offset_start as usize..h.offset_end as usize)
        .unwrap_or_default();
    match std::str::from_utf8(raw) {
        Ok(key) => {
            crate::memo::get_or(&ADDRESS_HEADERS, key, |k| read_address_header(k.as_bytes()))
        }
        Err(_) => read_address_header(raw),
    }
}

/// The parties of an address header's value as written.
fn read_address_header(raw: &[u8]) -> Vec<Party> {
    match MessageStream::new(raw).parse_address() {
        HeaderValue::Address(a) => parties(Some(&a)),
        _ => Vec::new(),
    }
}

thread_local! {
    /// The parties of address headers, by their values as written.
    static ADDRESS_HEADERS: crate::memo::Memo<Vec<Party>> = Default::default();
}

/// The MIME parser, told to read only the headers an email's document is
/// made of (those below and the MIME headers), each as its default parser
/// would, and to skip every other (`Received:`, `List-*`, `X-*`): reading
/// those took 5% of mail-parser's instructions on the benchmark mbox. A
/// skipped header is still listed, with its place in the message.
///
/// The address headers (`From:`, `Sender:`, `To:`, `Cc:`, `Bcc:`) are
/// skipped here too, and read from their place by [`address_header`]:
/// a mailbox names the same correspondents again and again, so their
/// values are kept in a memo.
static MAIL_PARSER: LazyLock<MessageParser> = LazyLock::new(|| {
    MessageParser::new()
        .with_mime_headers()
        .header_date(HeaderName::Date)
        .header_text(HeaderName::Subject)
        .header_id(HeaderName::MessageId)
        .header_id(HeaderName::InReplyTo)
        .header_id(HeaderName::References)
        .default_header_ignore()
});

/// The decoded text body and the headers of one RFC 5322 message.
fn eml_input(bytes: &[u8], source: Source) -> Result<Input> {
    let path = source.path.clone();
    // mail-parser is a dependency: should it ever panic on hostile MIME,
    // this one email fails and the batch goes on.
    let parsed =
        std::panic::catch_unwind(|| single_part::parse(bytes).or_else(|| MAIL_PARSER.parse(bytes)));
    let Ok(parsed) = parsed else {
        return Err(Error::not_mail(path, "mail-parser failed on this message"));
    };
    let Some(msg) = parsed else {
        return Err(Error::not_mail(path, "no message could be read"));
    };
    if msg.headers().is_empty() {
        return Err(Error::not_mail(path, "no mail headers"));
    }
    let mut diagnostics = Vec::new();
    let heads = Heads::of(&msg);
    let sent = heads
        .date
        .and_then(|h| h.value.as_datetime())
        .and_then(|d| {
            let off = (d.tz_hour as i32 * 3600 + d.tz_minute as i32 * 60)
                * if d.tz_before_gmt { -1 } else { 1 };
            let tz = chrono::FixedOffset::east_opt(off)?;
            let naive =
                chrono::NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)?
                    .and_hms_opt(d.hour as u32, d.minute as u32, d.second as u32)?;
            naive.and_local_timezone(tz).single().map(Timestamp::Zoned)
        });
    let sent_raw = heads.raw(heads.date).map(|s| s.trim().to_string());
    if sent.is_none() {
        if let Some(raw) = &sent_raw {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::UnparsedDate,
                message: format!("Date header {raw:?} could not be read"),
                span: None,
            });
        }
    }
    for part in msg.parts.iter() {
        if part.is_encoding_problem {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Encoding,
                message: "a body part could not be decoded cleanly".to_string(),
                span: None,
            });
            break;
        }
    }
    mime_structure(&msg, bytes, &mut diagnostics);
    let attachments = attachments(&msg);
    let mut body = body_text(&msg, &mut diagnostics);
    // mail-parser's address parser reads the address headers here (and
    // those of attached messages): guarded as its MIME parser is above.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        forwarded_attachments(&msg, &mut body, 0);
        [heads.from, heads.sender, heads.to, heads.cc, heads.bcc].map(|h| heads.parties(h))
    }));
    let Ok([from, sender, to, cc, bcc]) = read else {
        return Err(Error::not_mail(path, "mail-parser failed on this message"));
    };
    let envelope = Envelope {
        from: from.into_iter().next(),
        sender: sender.into_iter().next(),
        to,
        cc,
        bcc,
        sent,
        sent_raw,
        subject: heads.text(heads.subject).map(str::to_string),
        message_id: heads.text(heads.message_id).map(str::to_string),
        in_reply_to: heads
            .in_reply_to
            .map_or(Vec::new(), |h| ids(&h.value))
            .into_iter()
            .next(),
        references: heads.references.map_or(Vec::new(), |h| ids(&h.value)),
        attachments,
    };
    Ok(Input {
        text: body,
        source,
        envelope: Some(envelope),
        diagnostics,
    })
}

/// The text of an email's body: its `text/plain` part, or, for mail with
/// only HTML, the HTML turned into text with its block structure
/// (paragraphs, line breaks, lists, tables cell by cell) and with
/// `blockquote` depth as `>` quoting, so that the quote containers of
/// Gmail (`gmail_quote`), Thunderbird (`moz-cite-prefix`) and Apple Mail
/// become attribution lines over quoted text, and Outlook's reply header
/// (`divRplyFwdMsg`, the border-top `From:/Sent:` paragraph) a header
/// block.
fn body_text(msg: &mail_parser::Message<'_>, diagnostics: &mut Vec<Diagnostic>) -> String {
    let part = |ids: &[u32]| ids.first().and_then(|&id| msg.parts.get(id as usize));
    let html = match part(&msg.text_body).map(|p| &p.body) {
        Some(PartType::Text(t)) => return t.to_string(),
        Some(PartType::Html(h)) => Some(h),
        _ => match part(&msg.html_body).map(|p| &p.body) {
            Some(PartType::Html(h)) => Some(h),
            _ => None,
        },
    };
    match html {
        Some(h) => html_to_text(h).unwrap_or_else(|e| {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Encoding,
                message: format!("the HTML body could not be converted ({e}); read with mail-parser's own conversion"),
                span: None,
            });
            msg.body_text(0).map(|b| b.into_owned()).unwrap_or_default()
        }),
        None => msg
            .body_text(0)
            .map(|b| b.into_owned())
            .or_else(|| {
                // A truncated multipart leaves its text part unread as a
                // body: take the first unnamed text part.
                msg.attachments().find_map(|p| match &p.body {
                    PartType::Text(t) if p.attachment_name().is_none() => Some(t.to_string()),
                    _ => None,
                })
            })
            .unwrap_or_default(),
    }
}

/// Diagnostics for multipart boundaries that never open a part (a broken
/// boundary) or are never closed (a truncated message). mail-parser reads
/// what it can of both without a word.
fn mime_structure(msg: &mail_parser::Message<'_>, raw: &[u8], diagnostics: &mut Vec<Diagnostic>) {
    for part in &msg.parts {
        // The declared type, not what mail-parser made of it: a multipart
        // whose boundary never appears is read as one part.
        let Some(boundary) = part
            .content_type()
            .filter(|c| c.ctype().eq_ignore_ascii_case("multipart"))
            .and_then(|c| c.attribute("boundary"))
        else {
            continue;
        };
        let open = format!("--{boundary}");
        let close = format!("--{boundary}--");
        let problem = if memchr::memmem::find(raw, open.as_bytes()).is_none() {
            "never opens a part: a broken MIME boundary"
        } else if memchr::memmem::find(raw, close.as_bytes()).is_none() {
            "is never closed: the message may be truncated"
        } else {
            continue;
        };
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::BrokenMime,
            message: format!("the multipart boundary {boundary:?} {problem}"),
            span: None,
        });
    }
}

/// HTML to text, without wrapping lines.
fn html_to_text(html: &str) -> std::result::Result<String, html2text::Error> {
    let text = html2text::config::plain_no_decorate()
        .raw_mode(true)
        .no_link_wrapping()
        .string_from_read(html.as_bytes(), 100_000)?;
    // html2text pads lines it wraps in quote markers with trailing blanks.
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// The attachments of an email: every part that is not the body's text,
/// by name, type and decoded size.
fn attachments(msg: &mail_parser::Message<'_>) -> Vec<Attachment> {
    msg.attachments()
        .map(|p| Attachment {
            name: p.attachment_name().map(str::to_string),
            content_type: p.content_type().map(|c| match c.subtype() {
                Some(sub) => format!("{}/{}", c.ctype(), sub).to_ascii_lowercase(),
                None => c.ctype().to_ascii_lowercase(),
            }),
            size: p.len(),
        })
        .collect()
}

/// Appends every `message/rfc822` attachment to `body` as a forwarded
/// message (its headers as a header block, then its own body, and its own
/// attached messages after it), so that it is read as a message of the
/// thread with its fields. Nesting stops at eight levels.
fn forwarded_attachments(msg: &mail_parser::Message<'_>, body: &mut String, depth: usize) {
    if depth >= 8 {
        return;
    }
    for part in msg.attachments() {
        let Some(inner) = part.message() else {
            continue;
        };
        let heads = Heads::of(inner);
        let list = |h: Option<&Header<'_>>| {
            heads
                .parties(h)
                .iter()
                .map(|p| match (&p.name, &p.address) {
                    (Some(n), Some(a)) => format!("{n} <{a}>"),
                    (Some(n), None) => n.clone(),
                    (None, Some(a)) => a.clone(),
                    (None, None) => String::new(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !body.is_empty() && !body.ends_with('\n') {
            body.push('\n');
        }
        body.push_str("\n---------- Forwarded message ---------\n");
        let fields = [
            ("From", list(heads.from)),
            (
                "Date",
                heads
                    .raw(heads.date)
                    .map(|d| d.trim().to_string())
                    .unwrap_or_default(),
            ),
            (
                "Subject",
                heads.text(heads.subject).unwrap_or_default().to_string(),
            ),
            ("To", list(heads.to)),
            ("Cc", list(heads.cc)),
        ];
        for (label, value) in fields {
            if !value.is_empty() {
                body.push_str(label);
                body.push_str(": ");
                // A header value is one line.
                body.push_str(&value.replace(['\r', '\n'], " "));
                body.push('\n');
            }
        }
        body.push('\n');
        let mut ignored = Vec::new();
        body.push_str(&body_text(inner, &mut ignored));
        forwarded_attachments(inner, body, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The run `plain_run` finds, line by line: up to the first line that
    /// opens with `From ` after any `>`, or that opens with `>` or `F`
    /// and reaches the end of `buf` before that is known.
    fn plain_run_by_lines(buf: &[u8], room: usize) -> usize {
        let mut run = 0;
        for nl in memchr::memchr_iter(b'\n', buf) {
            let line = &buf[run..=nl];
            let marks = line.iter().take_while(|&&b| b == b'>').count();
            let unknown = matches!(line.first(), Some(b'F' | b'>')) && run + marks + 5 > buf.len();
            if nl + 1 > room || line[marks..].starts_with(b"From ") || unknown {
                break;
            }
            run = nl + 1;
        }
        run
    }

    /// The control bytes of text, by table and by test, are the same.
    #[test]
    fn text_controls_are_the_bytes_below_space_that_are_no_controls() {
        for b in 0u8..=255 {
            assert_eq!(
                b < 0x20 && !TEXT_CONTROLS.contains(&b),
                is_control(b),
                "{b:#x}"
            );
        }
    }

    proptest! {
        /// The chunked counts of NULs and control bytes judge as a count of
        /// each byte does, near both thresholds.
        #[test]
        fn binary_is_judged_as_byte_by_byte(
            head in proptest::collection::vec(
                prop_oneof![
                    8 => Just(b'a'),
                    1 => Just(0u8),
                    1 => Just(0x01u8),
                    1 => Just(b'\t'),
                    1 => Just(0x1b),
                    1 => Just(0x1f),
                    1 => Just(b' '),
                    1 => any::<u8>(),
                ],
                0..120,
            ),
        ) {
            let nul = head.iter().filter(|&&b| b == 0).count();
            let control = head
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
                .count();
            let want = !head.is_empty() && (control * 10 > head.len() || nul * 100 > head.len());
            prop_assert_eq!(is_binary(&head), want);
        }

        /// An address header read from its place ([`address_header`]) gives
        /// the parties mail-parser's default parser reads in the header
        /// list: with names quoted or not, comments, groups, encoded words,
        /// folded lines (LF and CRLF), 8-bit bytes, empty values, and a
        /// header that ends the message without a body.
        #[test]
        fn address_headers_read_in_place_are_read_as_in_the_header_list(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(&b"Jan Doe"[..]),
                    Just(&b"\"Doe, Jan\""[..]),
                    Just(&b" <jan@example.nl>"[..]),
                    Just(&b"piet@example.nl"[..]),
                    Just(&b", "[..]),
                    Just(&b","[..]),
                    Just(&b";"[..]),
                    Just(&b"team: a@b.nl, c@d.nl;"[..]),
                    Just(&b"undisclosed-recipients:;"[..]),
                    Just(&b" (comment)"[..]),
                    Just(&b"=?utf-8?q?Jos=C3=A9?="[..]),
                    Just(&b"=?iso-8859-1?b?Sm9z6Q==?="[..]),
                    Just(&b"\n "[..]),
                    Just(&b"\r\n\t"[..]),
                    Just(&b"Caf\xe9"[..]),
                    Just(&b"<"[..]),
                    Just(&b">"[..]),
                    Just(&b"\""[..]),
                    Just(&b"\\"[..]),
                    Just(&b" "[..]),
                ],
                0..12,
            ),
            crlf in any::<bool>(),
            body in any::<bool>(),
        ) {
            let nl: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let value = pieces.concat();
            let mut mail = b"From: a@b.nl".to_vec();
            mail.extend_from_slice(nl);
            for name in [&b"To: "[..], b"Cc:", b"Bcc: "] {
                mail.extend_from_slice(name);
                mail.extend_from_slice(&value);
                mail.extend_from_slice(nl);
            }
            mail.extend_from_slice(b"Sender: ");
            mail.extend_from_slice(&value);
            if body {
                mail.extend_from_slice(nl);
                mail.extend_from_slice(nl);
                mail.extend_from_slice(b"text");
            }
            let default = MessageParser::default().parse(&mail[..]).expect("parsed");
            let ours = MAIL_PARSER.parse(&mail[..]).expect("parsed");
            let heads = Heads::of(&ours);
            prop_assert_eq!(heads.parties(heads.from), parties(default.from()));
            prop_assert_eq!(heads.parties(heads.to), parties(default.to()));
            prop_assert_eq!(heads.parties(heads.cc), parties(default.cc()));
            prop_assert_eq!(heads.parties(heads.bcc), parties(default.bcc()));
            prop_assert_eq!(heads.parties(heads.sender), parties(default.sender()));
        }

        /// The chunked scan stops where the line by line reading stops:
        /// at a line that opens with `From ` or `>From ` in any place of a
        /// chunk or across two, at one that may (cut off by the end of the
        /// buffer), at the cap, and at the last whole line.
        #[test]
        fn the_plain_run_is_the_one_read_line_by_line(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(&b"\n"[..]),
                    Just(&b"F"[..]),
                    Just(&b"From "[..]),
                    Just(&b"Fro"[..]),
                    Just(&b">"[..]),
                    Just(&b" "[..]),
                    Just(&b"a"[..]),
                    Just(&b"\0"[..]),
                ],
                0..40,
            ),
            room in 0usize..120,
        ) {
            let buf = pieces.concat();
            prop_assert_eq!(plain_run(&buf, room), plain_run_by_lines(&buf, room));
        }
    }

    /// What a document takes from an email: as mail-parser's getters give
    /// it from the message, or (`ours`) as [`Heads`] and [`address_header`]
    /// read it.
    fn read_fields(msg: &mail_parser::Message<'_>, ours: bool) -> String {
        let parts: Vec<String> = msg
            .parts
            .iter()
            .map(|p| {
                format!(
                    "{:?} {:?} {:?}",
                    p.content_type(),
                    p.attachment_name(),
                    p.is_encoding_problem
                )
            })
            .collect();
        let fields = if ours {
            let h = Heads::of(msg);
            let value = |h: Option<&Header<'_>>| match h {
                Some(h) => format!("{:?}", h.value),
                None => format!("{:?}", HeaderValue::Empty),
            };
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}\n{}",
                h.parties(h.from),
                h.parties(h.sender),
                h.parties(h.to),
                h.parties(h.cc),
                h.parties(h.bcc),
                h.date.and_then(|h| h.value.as_datetime()),
                h.raw(h.date),
                h.text(h.subject),
                h.text(h.message_id),
                value(h.in_reply_to),
                value(h.references),
            )
        } else {
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
                parties(msg.from()),
                parties(msg.sender()),
                parties(msg.to()),
                parties(msg.cc()),
                parties(msg.bcc()),
                msg.date(),
                msg.header_raw("Date"),
                msg.subject(),
                msg.message_id(),
                msg.in_reply_to(),
                msg.references(),
            )
        };
        format!(
            "{fields}\n{}\n{:?}\n{}\n{:?}",
            msg.headers().len(),
            msg.body_text(0),
            parts.join("\n"),
            msg.attachments()
                .filter_map(|a| a.message().map(|m| read_fields(m, ours)))
                .collect::<Vec<_>>(),
        )
    }

    /// `MAIL_PARSER` skips the headers a document does not use: every
    /// field it does use comes out as mail-parser's default parser reads
    /// it, on our emails and on one that holds every such header beside
    /// skipped ones, a forwarded email and an attachment.
    #[test]
    fn the_header_selection_reads_every_used_field_as_the_default_parser() {
        let every = concat!(
            "Received: from mx.example.org (mx [10.0.0.1]) by host; Tue, 3 Oct 2023 21:14:05 +0200\n",
            "Return-Path: <bounce@example.org>\n",
            "List-Id: <users.example.org>\n",
            "X-Mailer: Outlook 16\n",
            "From: \"Doe, Jan\" <jan@example.nl>\n",
            "Sender: Secretariaat <secr@example.nl>\n",
            "To: Piet <piet@example.nl>, =?utf-8?q?Jos=C3=A9?= <jose@example.es>\n",
            "Cc: a@example.nl\n",
            "Bcc: b@example.nl\n",
            "Reply-To: c@example.nl\n",
            "Date: Tue, 3 Oct 2023 21:14:05 +0200\n",
            "Subject: =?utf-8?q?RE=3A_[23=2E0003747]_Zaak?=\n",
            "Message-ID: <m1@example.nl>\n",
            "In-Reply-To: <m0@example.nl>\n",
            "References: <a@example.nl> <m0@example.nl>\n",
            "MIME-Version: 1.0\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\n",
            "\n",
            "--b1\n",
            "Content-Type: text/plain; charset=windows-1252\n",
            "Content-Transfer-Encoding: quoted-printable\n",
            "\n",
            "Beste Piet,=0A=0Azie bijlage. Caf=E9.\n",
            "--b1\n",
            "Content-Type: application/pdf; name=\"brief.pdf\"\n",
            "Content-Disposition: attachment; filename=\"brief.pdf\"\n",
            "Content-Transfer-Encoding: base64\n",
            "\n",
            "JVBERi0xLjQK\n",
            "--b1\n",
            "Content-Type: message/rfc822\n",
            "\n",
            "Received: from a by b; Mon, 2 Oct 2023 10:00:00 +0200\n",
            "From: Kees <kees@example.nl>\n",
            "To: Jan <jan@example.nl>\n",
            "Date: Mon, 2 Oct 2023 10:00:00 +0200\n",
            "Subject: Zaak\n",
            "\n",
            "Het oorspronkelijke bericht.\n",
            "--b1--\n",
        );
        let mut emails = vec![every.as_bytes().to_vec()];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/eml");
        for entry in std::fs::read_dir(dir).expect("fixtures/eml") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "eml") {
                emails.push(std::fs::read(&path).expect("eml"));
            }
        }
        assert!(emails.len() >= 5);
        for bytes in &emails {
            let ours = MAIL_PARSER.parse(bytes).expect("parsed");
            let default = MessageParser::default().parse(bytes).expect("parsed");
            assert_eq!(read_fields(&ours, true), read_fields(&default, false));
        }
        // The skipped headers are listed but not read.
        let ours = MAIL_PARSER.parse(every.as_bytes()).expect("parsed");
        assert!(ours.header("Received").is_some_and(|h| h.is_empty()));
        assert_eq!(ours.attachments().count(), 2);
    }

    #[test]
    fn sniffing() {
        let p = Path::new("x.txt");
        assert_eq!(
            sniff(p, b"From a@b Mon Jan  1 00:00:00 2001\nSubject: x\n"),
            Kind::Mbox
        );
        assert_eq!(
            sniff(p, b"Return-Path: <a@b>\nSubject: x\n\nbody"),
            Kind::Eml
        );
        assert_eq!(
            sniff(p, b"From: Jan\nSent: Monday\nTo: Piet\n\nbody"),
            Kind::Transcript
        );
        assert_eq!(
            sniff(Path::new("x.eml"), b"From: Jan\nTo: Piet\n\nbody"),
            Kind::Eml
        );
        assert_eq!(sniff(p, b"**Van:** x\n"), Kind::Transcript);
        assert!(is_binary(
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
        ));
        assert!(!is_binary("Geachte heer,\n\tdank".as_bytes()));
    }
}
