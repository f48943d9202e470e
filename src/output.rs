//! Output: [`Document`]s in, JSON Lines, a JSON array or a readable text
//! rendering out.
//!
//! Rendering is deterministic: the same document always gives the same
//! bytes (the golden tests depend on it).

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::{Block, Document, Message, Party};

mod json;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One compact JSON object per document, one per line.
    Jsonl,
    /// A pretty-printed JSON array of documents.
    Json,
    /// A rendering for people.
    Text,
}

/// Writes documents one by one in a format, so a batch streams.
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    count: usize,
}

impl<W: Write> Writer<W> {
    /// A writer for `format` into `out`.
    pub fn new(out: W, format: Format) -> Writer<W> {
        Writer {
            out,
            format,
            count: 0,
        }
    }

    /// Writes one document.
    ///
    /// # Errors
    /// When writing to `out` fails.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        let bytes = render(doc, self.format);
        self.write_rendered(&bytes)
    }

    /// Writes one document already rendered by [`render`] in this
    /// writer's format (a parallel batch renders on its workers).
    ///
    /// # Errors
    /// When writing to `out` fails.
    pub fn write_rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {}
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            }
            Format::Text => {
                if self.count > 0 {
                    self.out.write_all(b"\n")?;
                }
            }
        }
        self.out.write_all(bytes)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the output (the JSON array's bracket) and flushes.
    ///
    /// # Errors
    /// When writing to `out` fails.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One document in `format`, without what separates documents (JSON
/// Lines end with their newline).
pub fn render(doc: &Document, format: Format) -> Vec<u8> {
    match format {
        Format::Jsonl => {
            // The JSON holds about the text once or twice (bodies, quoted
            // text, signatures): room for that up front spares the copies
            // of a growing buffer.
            let mut out = Vec::with_capacity(doc.text.len() * 2 + 1024);
            json::write(&mut out, doc);
            out.push(b'\n');
            out
        }
        Format::Json => to_json_pretty(doc).into_bytes(),
        Format::Text => render_text(doc).into_bytes(),
    }
}

/// The pretty JSON of one document.
pub fn to_json_pretty(doc: &Document) -> String {
    // OK because the model serialises to plain JSON values only.
    serde_json::to_string_pretty(doc).unwrap_or_default()
}

fn party(p: &Party) -> String {
    let mut s = String::new();
    if let Some(n) = &p.name {
        s.push_str(n);
    }
    if let Some(a) = &p.address {
        if !s.is_empty() {
            s.push(' ');
        }
        let _ = write!(s, "<{a}>");
    }
    if s.is_empty() {
        s.push_str("(redacted)");
    }
    s
}

fn parties(ps: &[Party]) -> String {
    ps.iter().map(party).collect::<Vec<_>>().join("; ")
}

/// A block of text that belongs to no email: its size and its opening.
fn other_text(out: &mut String, b: &Block) {
    let flat = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let opening: String = flat.chars().take(100).collect();
    let more = if opening.len() < flat.len() {
        "…"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "--- not an email @{}..{} ({} lines): {opening}{more}",
        b.span.start,
        b.span.end,
        b.text.lines().count()
    );
}

fn message_text(out: &mut String, m: &Message) {
    let _ = writeln!(
        out,
        "--- message {} @{}..{}",
        m.index, m.span.start, m.span.end
    );
    if let Some(s) = &m.sender {
        let _ = writeln!(out, "sender:   {}", party(s));
    }
    if let Some(f) = &m.from {
        let _ = writeln!(out, "from:     {}", party(f));
    }
    if !m.to.is_empty() {
        let _ = writeln!(out, "to:       {}", parties(&m.to));
    }
    if !m.cc.is_empty() {
        let _ = writeln!(out, "cc:       {}", parties(&m.cc));
    }
    if !m.bcc.is_empty() {
        let _ = writeln!(out, "bcc:      {}", parties(&m.bcc));
    }
    match (&m.sent, &m.sent_raw) {
        (Some(t), Some(raw)) => {
            let _ = writeln!(out, "sent:     {t} ({raw})");
        }
        (None, Some(raw)) => {
            let _ = writeln!(out, "sent:     ? ({raw})");
        }
        _ => {}
    }
    if let Some(s) = &m.subject {
        let _ = writeln!(out, "subject:  {s}");
    }
    if !m.case_numbers.is_empty() {
        let _ = writeln!(out, "cases:    {}", m.case_numbers.join(", "));
    }
    if let Some(g) = &m.greeting {
        let _ = writeln!(out, "greeting: {g}");
    }
    if !m.body.is_empty() {
        let _ = writeln!(out, "body:");
        for l in m.body.lines() {
            let _ = writeln!(out, "  | {l}");
        }
    }
    for r in &m.recommendations {
        let _ = writeln!(out, "recommendation ({}): {}", r.number, r.text);
        for i in &r.items {
            let _ = writeln!(out, "  - {i}");
        }
    }
    if let Some(c) = &m.closing {
        let _ = writeln!(out, "closing:  {c}");
    }
    if let Some(s) = &m.signature {
        let _ = writeln!(out, "signature:");
        for l in s.text.lines() {
            let _ = writeln!(out, "  | {l}");
        }
    }
    for a in &m.attachments {
        let _ = writeln!(
            out,
            "attached: {} ({}, {} bytes)",
            a.name.as_deref().unwrap_or("(no name)"),
            a.content_type.as_deref().unwrap_or("unknown type"),
            a.size
        );
    }
}

/// A rendering of a conversation for people: one line per message, oldest
/// first, with where each was seen.
pub fn render_conversation(c: &crate::conversation::Conversation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "=== {} ({} messages) {}",
        c.subject.as_deref().unwrap_or("(no subject)"),
        c.messages.len(),
        c.id
    );
    for m in &c.messages {
        let when = m
            .sent
            .map_or_else(|| "(no date)".to_string(), |t| t.to_string());
        let who = m
            .from
            .as_ref()
            .map_or_else(|| "(unknown)".to_string(), party);
        let _ = writeln!(out, "  {when}  {who}");
        for s in &m.seen_in {
            let _ = match s.source.index {
                Some(i) => writeln!(
                    out,
                    "      seen in {} #{i}, message {}",
                    s.source.path, s.message
                ),
                None => writeln!(
                    out,
                    "      seen in {}, message {}",
                    s.source.path, s.message
                ),
            };
        }
    }
    out.push('\n');
    out
}

/// A rendering of a document for people.
pub fn render_text(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(out, "=== {}", doc.source.path);
    if let Some(i) = doc.source.index {
        let _ = write!(out, " #{i}");
    }
    let _ = writeln!(out, " ({} messages)", doc.messages.len());
    let s = &doc.summary;
    let _ = write!(
        out,
        "summary:  {} messages, {} redactions",
        s.messages, s.redactions
    );
    if !s.redactions_by_law.is_empty() {
        let laws: Vec<String> = s
            .redactions_by_law
            .iter()
            .map(|(law, n)| format!("{law} {n}"))
            .collect();
        let _ = write!(out, " ({})", laws.join(", "));
    }
    if !s.redactions_by_ground.is_empty() {
        let grounds: Vec<String> = s
            .redactions_by_ground
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect();
        let _ = write!(out, "; grounds {}", grounds.join(", "));
    }
    match (s.first_sent, s.last_sent) {
        (Some(a), Some(b)) if a == b => {
            let _ = write!(out, "; sent {a}");
        }
        (Some(a), Some(b)) => {
            let _ = write!(out, "; sent {a} to {b}");
        }
        _ => {}
    }
    out.push('\n');
    if let Some(p) = &doc.preamble {
        let _ = writeln!(out, "preamble: {}", p.text.replace('\n', " / "));
    }
    // Text that belongs to no email stands where it stands in the document.
    let mut other = doc.other.iter().peekable();
    for m in &doc.messages {
        while let Some(b) = other.next_if(|b| b.span.start < m.span.start) {
            other_text(&mut out, b);
        }
        message_text(&mut out, m);
    }
    for b in other {
        other_text(&mut out, b);
    }
    if !doc.case_numbers.is_empty() {
        let _ = writeln!(out, "case numbers: {}", doc.case_numbers.join(", "));
    }
    if !doc.redactions.is_empty() {
        let _ = writeln!(out, "redactions:");
        for r in &doc.redactions {
            let at = r.message.map_or("-".to_string(), |m| m.to_string());
            let _ = write!(out, "  {} in message {at}, {}", r.marker, r.field.as_str());
            if let (Some(code), Some(g)) = (&r.code, &r.ground) {
                let _ = write!(out, " ({code}: {g})");
            }
            out.push('\n');
        }
    }
    for d in &doc.disclaimers {
        let text: String = d.text.chars().take(70).collect();
        let _ = writeln!(out, "disclaimer @{}..{}: {text}…", d.span.start, d.span.end);
    }
    for d in &doc.diagnostics {
        let _ = writeln!(out, "diagnostic {}: {}", d.kind.as_str(), d.message);
    }
    out
}
