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
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use mail_parser::{Address, HeaderValue, MessageParser};

use crate::document::Envelope;
use crate::error::{Error, Result};
use crate::model::{Diagnostic, DiagnosticKind, Document, Party, Source, SourceFormat, Timestamp};
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

/// Documents read from paths, one at a time.
pub struct Documents {
    parser: Parser,
    work: Vec<Work>,
    visited: HashSet<PathBuf>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("pending", &self.work.len())
            .finish()
    }
}

enum Work {
    Path {
        path: PathBuf,
        maildir: bool,
        index: Option<usize>,
    },
    Stdin,
    Dir {
        entries: std::vec::IntoIter<(PathBuf, bool)>,
    },
    Mbox {
        path: PathBuf,
        iter: mail_parser::mailbox::mbox::MessageIterator<BufReader<File>>,
        index: usize,
    },
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
                    index: None,
                }
            }
        })
        .collect();
    work.reverse();
    Documents {
        parser,
        work,
        visited: HashSet::new(),
    }
}

impl Iterator for Documents {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            let work = self.work.pop()?;
            match work {
                Work::Stdin => {
                    let mut buf = Vec::new();
                    if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
                        return Some(Err(Error::io("-", e)));
                    }
                    return Some(self.parse_bytes(&buf, Path::new("-"), None, false));
                }
                Work::Path {
                    path,
                    maildir,
                    index,
                } => match self.open(&path, maildir, index) {
                    Ok(Some(doc)) => return Some(Ok(doc)),
                    Ok(None) => continue,
                    Err(e) => return Some(Err(e)),
                },
                Work::Dir { mut entries } => {
                    if let Some((path, maildir)) = entries.next() {
                        self.work.push(Work::Dir { entries });
                        self.work.push(Work::Path {
                            path,
                            maildir,
                            index: None,
                        });
                    }
                }
                Work::Mbox {
                    path,
                    mut iter,
                    index,
                } => match iter.next() {
                    None => continue,
                    Some(Err(e)) => return Some(Err(Error::io(&path, e))),
                    Some(Ok(m)) => {
                        let contents = m.unwrap_contents();
                        self.work.push(Work::Mbox {
                            path: path.clone(),
                            iter,
                            index: index + 1,
                        });
                        let source = Source {
                            path: path.display().to_string(),
                            index: Some(index),
                            format: SourceFormat::Mbox,
                        };
                        return Some(eml_document(&self.parser, &contents, source));
                    }
                },
            }
        }
    }
}

impl Documents {
    /// Opens one path: a directory queues its entries, an mbox queues its
    /// messages, a file gives a document.
    fn open(
        &mut self,
        path: &Path,
        maildir: bool,
        index: Option<usize>,
    ) -> Result<Option<Document>> {
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
        let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut head = vec![0; SNIFF];
        let n = read_full(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
        head.truncate(n);
        if is_binary(&head) {
            return Err(Error::not_mail(path, "binary data"));
        }
        let kind = if maildir {
            Kind::Eml
        } else {
            sniff(path, &head)
        };
        if kind == Kind::Mbox {
            drop(file);
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            let iter = mail_parser::mailbox::mbox::MessageIterator::new(BufReader::with_capacity(
                1 << 16,
                file,
            ));
            self.work.push(Work::Mbox {
                path: path.to_path_buf(),
                iter,
                index: 0,
            });
            return Ok(None);
        }
        let mut buf = head;
        file.read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
        let _ = index;
        self.parse_bytes(&buf, path, Some(kind), maildir).map(Some)
    }

    fn parse_bytes(
        &self,
        bytes: &[u8],
        path: &Path,
        kind: Option<Kind>,
        maildir: bool,
    ) -> Result<Document> {
        let kind = kind.unwrap_or_else(|| sniff(path, &bytes[..bytes.len().min(SNIFF)]));
        if is_binary(&bytes[..bytes.len().min(SNIFF)]) {
            return Err(Error::not_mail(path, "binary data"));
        }
        let display = path.display().to_string();
        match kind {
            Kind::Transcript => Ok(transcript_document(&self.parser, bytes, display)),
            Kind::Eml => {
                let format = if maildir {
                    SourceFormat::Maildir
                } else {
                    SourceFormat::Eml
                };
                eml_document(
                    &self.parser,
                    bytes,
                    Source {
                        path: display,
                        index: None,
                        format,
                    },
                )
            }
            Kind::Mbox => {
                // Standard input holding an mbox: split it in memory.
                let iter = mail_parser::mailbox::mbox::MessageIterator::new(bytes);
                let mut first = None;
                for (i, m) in iter.enumerate() {
                    let m = m.map_err(|e| Error::io(path, e))?;
                    let source = Source {
                        path: display.clone(),
                        index: Some(i),
                        format: SourceFormat::Mbox,
                    };
                    let doc = eml_document(&self.parser, m.contents(), source);
                    if first.is_none() {
                        first = Some(doc);
                    }
                }
                first.unwrap_or_else(|| Err(Error::not_mail(path, "an empty mbox")))
            }
        }
    }
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
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
        p.file_name().is_some_and(|n| n == "cur" || n == "new")
            && p.parent()
                .is_some_and(|d| d.join("cur").is_dir() && d.join("new").is_dir())
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
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)))
        .count();
    control * 10 > head.len() || head.iter().filter(|&&b| b == 0).count() * 100 > head.len()
}

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
    // The header section: lines up to the first blank line.
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
        let Some((name, _)) = line.split_once(':') else {
            return fallback(&ext);
        };
        if name.is_empty() || name.len() > 76 || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return fallback(&ext);
        }
        names += 1;
        if RFC_ONLY.contains(&name.to_ascii_lowercase().as_str())
            || name.to_ascii_lowercase().starts_with("x-")
        {
            rfc += 1;
        }
    }
    if names >= 1 && (rfc >= 1 || matches!(ext.as_str(), "eml" | "msg")) {
        Kind::Eml
    } else {
        fallback(&ext)
    }
}

fn fallback(ext: &str) -> Kind {
    if ext == "eml" {
        Kind::Eml
    } else {
        Kind::Transcript
    }
}

/// A transcript from bytes: UTF-8, or read lossily with a diagnostic.
fn transcript_document(parser: &Parser, bytes: &[u8], path: String) -> Document {
    let source = Source {
        path,
        index: None,
        format: SourceFormat::Transcript,
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => parser.parse_transcript_with_source(text, source),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let mut doc = parser.parse_transcript_with_source(&text, source);
            doc.diagnostics.insert(
                0,
                Diagnostic {
                    kind: DiagnosticKind::InvalidUtf8,
                    message: format!(
                        "the text is not valid UTF-8 (first bad byte at {}); read lossily",
                        e.valid_up_to()
                    ),
                    span: None,
                },
            );
            doc
        }
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
                .map(|(_, d)| d.to_lowercase())
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

/// A document from one RFC 5322 message.
fn eml_document(parser: &Parser, bytes: &[u8], source: Source) -> Result<Document> {
    let path = source.path.clone();
    let Some(msg) = MessageParser::default().parse(bytes) else {
        return Err(Error::not_mail(path, "no message could be read"));
    };
    if msg.headers().is_empty() {
        return Err(Error::not_mail(path, "no mail headers"));
    }
    let mut diagnostics = Vec::new();
    let sent = msg.date().and_then(|d| {
        let off = (d.tz_hour as i32 * 3600 + d.tz_minute as i32 * 60)
            * if d.tz_before_gmt { -1 } else { 1 };
        let tz = chrono::FixedOffset::east_opt(off)?;
        let naive = chrono::NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)?
            .and_hms_opt(d.hour as u32, d.minute as u32, d.second as u32)?;
        naive.and_local_timezone(tz).single().map(Timestamp::Zoned)
    });
    let sent_raw = msg.header_raw("Date").map(|s| s.trim().to_string());
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
    let envelope = Envelope {
        from: parties(msg.from()).into_iter().next(),
        sender: parties(msg.sender()).into_iter().next(),
        to: parties(msg.to()),
        cc: parties(msg.cc()),
        bcc: parties(msg.bcc()),
        sent,
        sent_raw,
        subject: msg.subject().map(str::to_string),
        message_id: msg.message_id().map(str::to_string),
        in_reply_to: ids(msg.in_reply_to()).into_iter().next(),
        references: ids(msg.references()),
    };
    let body = msg.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
    let mut doc = parser.parse_email(&body, source, envelope);
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

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
