//! The public data model: what every stage produces and what the output
//! stage serialises.
//!
//! Input: nothing (these are plain owned values). Output: the types that
//! `parse_transcript` and the mailbox readers return, serialising with serde
//! to the JSON contract (`json-contract.md`, version 1). Field names here are
//! the contract's names; renaming one is a breaking change.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use serde::ser::{SerializeTuple, Serializer};
use serde::Serialize;

/// A byte range `start..end` into the document text.
///
/// `text[span.start..span.end]` is exactly the item the span belongs to.
/// Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the item.
    pub start: usize,
    /// One past the last byte of the item.
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped so that `start <= end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The number of bytes the span covers.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(2)?;
        t.serialize_element(&self.start)?;
        t.serialize_element(&self.end)?;
        t.end()
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The path as given (`-` for standard input, `<memory>` for a string).
    pub path: String,
    /// The message's position inside an mbox or Maildir, else `None`.
    pub index: Option<usize>,
    /// What kind of input the document was read from.
    pub format: SourceFormat,
}

impl Default for Source {
    fn default() -> Source {
        Source {
            path: "<memory>".to_string(),
            index: None,
            format: SourceFormat::Transcript,
        }
    }
}

/// The kind of input a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SourceFormat {
    /// Plain text or markdown, e.g. a released thread converted from PDF.
    Transcript,
    /// A single RFC 5322 message.
    Eml,
    /// One message of an mbox file.
    Mbox,
    /// One message file of a Maildir.
    Maildir,
}

impl SourceFormat {
    /// The name the JSON gives the format (`transcript`, `eml`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceFormat::Transcript => "transcript",
            SourceFormat::Eml => "eml",
            SourceFormat::Mbox => "mbox",
            SourceFormat::Maildir => "maildir",
        }
    }
}

/// One parsed document: a transcript, an email, or one message of a mailbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Where the document came from.
    pub source: Source,
    /// The messages of the thread, newest (outermost) first.
    pub messages: Vec<Message>,
    /// Every case or reference number, unique, in order of first
    /// appearance.
    pub case_numbers: Vec<String>,
    /// Every redaction in the document, in order.
    pub redactions: Vec<Redaction>,
    /// Legal or confidentiality disclaimers, cut out of the message bodies.
    pub disclaimers: Vec<Block>,
    /// What could not be read cleanly. Never fatal.
    pub diagnostics: Vec<Diagnostic>,
    /// Text before the first message that nobody wrote: page furniture and
    /// redaction markers. `None` when there is no such text.
    pub preamble: Option<Block>,
    /// Page furniture cut out of the text: page rules, page counters and
    /// document stamps.
    pub furniture: Vec<Block>,
    /// Text between emails that belongs to no email: a cover letter before
    /// the first printed email of a release, an attachment's text or an
    /// inventory table after an email's sign-off, a released document
    /// without a header block. In document order.
    pub other: Vec<Block>,
    /// What the page furniture of a FOIA or Woo release says about it:
    /// case and document numbers, release date, decision and grounds.
    pub release: Option<Release>,
    /// Counts at a glance: messages, redactions by regime and by ground,
    /// and the range of the messages' dates.
    pub summary: Summary,
    /// The document text all spans point into: the transcript as read, or
    /// the decoded text body of an email.
    #[serde(skip)]
    pub text: String,
}

impl Document {
    /// The slice of the document text that `span` covers, or `""` when the
    /// span does not fall on character boundaries inside the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Serialises the document as one compact line of JSON (the `jsonl`
    /// format).
    pub fn to_json(&self) -> String {
        // OK because every field serialises to plain JSON values: there are
        // no maps with non-string keys and no failing Serialize impls.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Release metadata printed on the pages of a FOIA or Woo release.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Release {
    /// The FOIA case number (`F-2014-20439`).
    pub case_number: Option<String>,
    /// The document number (`C05739545`, or the number of a Woo `Doc 23`
    /// stamp), when the text is one document.
    pub document_number: Option<String>,
    /// Every document number the stamps give, in order of first
    /// appearance: a bundle of several released documents has several.
    pub document_numbers: Vec<String>,
    /// The release date.
    pub date: Option<chrono::NaiveDate>,
    /// `RELEASE IN PART` or `RELEASE IN FULL`.
    pub decision: Option<String>,
    /// The grounds the release stamp lists (`B1`, `B5`, `B6`): the
    /// release's list, not redactions.
    pub grounds: Vec<String>,
}

/// A document at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// How many messages.
    pub messages: usize,
    /// How many redactions.
    pub redactions: usize,
    /// Redactions per regime (`woo`, `wob`, `us-foia`, `uk-foi`), and
    /// `none` for markers without a ground.
    pub redactions_by_law: BTreeMap<&'static str, usize>,
    /// Redactions per ground code (a marker with two codes counts for
    /// both).
    pub redactions_by_ground: BTreeMap<String, usize>,
    /// The earliest date of a message.
    pub first_sent: Option<Timestamp>,
    /// The latest date of a message.
    pub last_sent: Option<Timestamp>,
}

impl Summary {
    /// The summary of a document's messages and redactions.
    pub fn of(messages: &[Message], redactions: &[Redaction]) -> Summary {
        let mut s = Summary {
            messages: messages.len(),
            redactions: redactions.len(),
            ..Summary::default()
        };
        for r in redactions {
            let law = r.law.map_or("none", |l| l.as_str());
            *s.redactions_by_law.entry(law).or_default() += 1;
            for c in &r.codes {
                *s.redactions_by_ground.entry(c.clone()).or_default() += 1;
            }
        }
        let mut dates: Vec<Timestamp> = messages.iter().filter_map(|m| m.sent).collect();
        dates.sort_by_key(Timestamp::instant);
        s.first_sent = dates.first().copied();
        s.last_sent = dates.last().copied();
        s
    }
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// 0 for the outermost message, then 1, 2, ...
    pub index: usize,
    /// The author.
    pub from: Option<Party>,
    /// The delegate who sent the message for the author (`X namens Y`:
    /// sender X, from Y).
    pub sender: Option<Party>,
    /// Recipients.
    pub to: Vec<Party>,
    /// Carbon-copy recipients.
    pub cc: Vec<Party>,
    /// Blind-carbon-copy recipients.
    pub bcc: Vec<Party>,
    /// When the message was sent; serialised as ISO 8601.
    pub sent: Option<Timestamp>,
    /// The date exactly as written.
    pub sent_raw: Option<String>,
    /// The subject as written.
    pub subject: Option<String>,
    /// The subject without reply/forward prefixes and case-number tags.
    pub normalized_subject: Option<String>,
    /// Case or reference numbers in this message, without brackets or
    /// labels.
    pub case_numbers: Vec<String>,
    /// The RFC 5322 `Message-ID`, where there is one.
    pub message_id: Option<String>,
    /// The RFC 5322 `In-Reply-To`, where there is one.
    pub in_reply_to: Option<String>,
    /// The RFC 5322 `References`.
    pub references: Vec<String>,
    /// The salutation line, e.g. `Geachte heer Van Dam,`.
    pub greeting: Option<String>,
    /// The text the author wrote, without header block, greeting, closing,
    /// signature, disclaimer or quoted messages.
    pub body: String,
    /// The closing line, e.g. `Met vriendelijke groet,`.
    pub closing: Option<String>,
    /// The block after the closing.
    pub signature: Option<Signature>,
    /// Numbered items the message quotes.
    pub recommendations: Vec<Recommendation>,
    /// Byte offsets of the whole message (header block to end).
    pub span: Span,
    /// How the message was introduced: `header` (a header block), `attribution`
    /// (an `On … wrote:` line), `separator` (a separator line without
    /// fields), `rfc5322` (the headers of an email) or `none` (text before
    /// the first block).
    pub boundary: Boundary,
    /// The language of the header labels or attribution line, where known
    /// (`nl`, `en`, ...).
    pub language: Option<&'static str>,
    /// The files attached to an email (its outermost message), listed and
    /// never written anywhere.
    pub attachments: Vec<Attachment>,
}

/// A file attached to an email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// The file name, as the sender gave it.
    pub name: Option<String>,
    /// The MIME type (`application/pdf`).
    pub content_type: Option<String>,
    /// The decoded size in bytes.
    pub size: usize,
}

/// How a message was introduced in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Boundary {
    /// Text before the first block: a bare reply with no header of its own.
    None,
    /// A header block (`Van:/Verzonden:/...`), with or without a separator.
    Header,
    /// An attribution line (`On … wrote:`).
    Attribution,
    /// A separator line (`-----Original Message-----`) not followed by
    /// fields.
    Separator,
    /// The RFC 5322 headers of an email.
    Rfc5322,
}

impl Boundary {
    /// The name the JSON gives the boundary (`header`, `attribution`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Boundary::None => "none",
            Boundary::Header => "header",
            Boundary::Attribution => "attribution",
            Boundary::Separator => "separator",
            Boundary::Rfc5322 => "rfc5322",
        }
    }
}

/// A moment a message was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timestamp {
    /// The source gave a date without a time of day.
    Date(NaiveDate),
    /// The source gave no time zone: a wall-clock time.
    Local(NaiveDateTime),
    /// The source gave a time zone or offset.
    Zoned(DateTime<FixedOffset>),
}

impl Timestamp {
    /// A point in time to order by: UTC when the offset is known, else the
    /// wall-clock time.
    pub fn instant(&self) -> NaiveDateTime {
        match *self {
            Timestamp::Zoned(t) => t.naive_utc(),
            other => other.naive(),
        }
    }

    /// The wall-clock date and time, ignoring any offset.
    pub fn naive(&self) -> NaiveDateTime {
        match *self {
            Timestamp::Date(d) => d.and_time(chrono::NaiveTime::MIN),
            Timestamp::Local(t) => t,
            Timestamp::Zoned(t) => t.naive_local(),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Four-digit years written directly, as chrono's `%Y-%m-%dT%H:%M:%S%:z`
        // writes them (a leap second as `60`, the offset rounded to the
        // minute), without parsing a format string per call; other years
        // (a sign, more digits) by chrono itself.
        let plain = |d: NaiveDate| (0..=9999).contains(&d.year());
        let (date, time, offset) = match *self {
            Timestamp::Date(d) if plain(d) => (d, None, None),
            Timestamp::Local(t) if plain(t.date()) => (t.date(), Some(t.time()), None),
            // The UTC date within a day of the year range keeps the local
            // one inside it.
            Timestamp::Zoned(t) if (1..=9998).contains(&t.naive_utc().year()) => {
                let local = t.naive_local();
                (
                    local.date(),
                    Some(local.time()),
                    Some(t.offset().local_minus_utc()),
                )
            }
            _ => return self.fmt_chrono(f),
        };
        // The digits go into one buffer, written at once: `write!` with a
        // width per number cost more than the rest of a message's output.
        let mut buf = [0u8; 25];
        let mut len = 0;
        let mut put = |bytes: &[u8]| {
            // OK because the longest form, `YYYY-MM-DDTHH:MM:SS+HH:MM`, is
            // 25 bytes, the buffer's length.
            buf[len..len + bytes.len()].copy_from_slice(bytes);
            len += bytes.len();
        };
        // A year in 0..=9999 (checked above) has four digits.
        let year = date.year().unsigned_abs();
        put(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        put(b"-");
        put(&two_digits(date.month()));
        put(b"-");
        put(&two_digits(date.day()));
        if let Some(t) = time {
            put(b"T");
            put(&two_digits(t.hour()));
            put(b":");
            put(&two_digits(t.minute()));
            put(b":");
            put(&two_digits(t.second() + t.nanosecond() / 1_000_000_000));
        }
        if let Some(off) = offset {
            put(&[if off < 0 { b'-' } else { b'+' }]);
            let minutes = (off.unsigned_abs() + 30) / 60;
            put(&two_digits(minutes / 60));
            put(b":");
            put(&two_digits(minutes % 60));
        }
        // OK because only ASCII digits and punctuation were written.
        f.write_str(std::str::from_utf8(&buf[..len]).unwrap_or_default())
    }
}

/// The last decimal digit of `n`, as an ASCII byte.
fn digit(n: u32) -> u8 {
    // OK because `n % 10 < 10` fits a byte.
    b'0' + (n % 10) as u8
}

/// The last two decimal digits of `n`, as ASCII bytes.
fn two_digits(n: u32) -> [u8; 2] {
    [digit(n / 10), digit(n)]
}

impl Timestamp {
    /// [`Timestamp`]'s `Display` through chrono's formatting.
    fn fmt_chrono(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Timestamp::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S")),
            Timestamp::Zoned(t) => {
                write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z"))
            }
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A person or mailbox: an author or a recipient.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Party {
    /// The display name, e.g. `Dam, Chris van`.
    pub name: Option<String>,
    /// The address as written, with any redaction marker
    /// (`[REDACTED]@minjenv.nl`).
    pub address: Option<String>,
    /// The part after `@`, where it is readable.
    pub domain: Option<String>,
    /// Whether any part of the party is redacted.
    pub redacted: bool,
}

/// The block after a message's closing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Signature {
    /// The whole block, cleaned of markup.
    pub text: String,
    /// The signer's name.
    pub name: Option<String>,
    /// The signer's title or function.
    pub title: Option<String>,
    /// The organisation.
    pub organization: Option<String>,
    /// Telephone numbers, without their labels.
    pub phones: Vec<String>,
    /// Email addresses.
    pub emails: Vec<String>,
    /// Web addresses.
    pub urls: Vec<String>,
    /// Postal and visiting addresses, one line each (`Postbus 95404, 2509 CK
    /// Den Haag`).
    pub addresses: Vec<String>,
}

/// A numbered item a message quotes, e.g. a recommendation `(3) ...`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The number as written, without brackets or dots.
    pub number: String,
    /// The item's own text, joined across line and page breaks.
    pub text: String,
    /// The bullets that belong to the item, flattened, in order.
    pub items: Vec<String>,
}

/// A place where text was removed, with its legal ground where one is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redaction {
    /// The marker as written: `[REDACTED]`, `5.1.2e`, `(b)(6)`, `█████`.
    pub marker: String,
    /// The legal ground's code, where one is given (the first of `codes`).
    pub code: Option<String>,
    /// Every code the marker carries.
    pub codes: Vec<String>,
    /// The regime the code belongs to.
    pub law: Option<Law>,
    /// The meaning of the ground.
    pub ground: Option<String>,
    /// The index of the message the marker stands in; `None` before the
    /// first message.
    pub message: Option<usize>,
    /// Where the marker stands.
    pub field: Field,
    /// Where the marker is in the document text.
    pub span: Span,
}

/// A legal regime for redaction grounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Law {
    /// The Dutch Wet open overheid (from 1 May 2022), art. 5.1, 5.2, 5.4.
    #[serde(rename = "woo")]
    Woo,
    /// The Dutch Wet openbaarheid van bestuur (before 1 May 2022), art. 10,
    /// 11.
    #[serde(rename = "wob")]
    Wob,
    /// The US Freedom of Information Act, 5 U.S.C. § 552(b).
    #[serde(rename = "us-foia")]
    UsFoia,
    /// The UK Freedom of Information Act 2000, Part II.
    #[serde(rename = "uk-foi")]
    UkFoi,
}

impl Law {
    /// The contract's name for the regime.
    pub fn as_str(&self) -> &'static str {
        match self {
            Law::Woo => "woo",
            Law::Wob => "wob",
            Law::UsFoia => "us-foia",
            Law::UkFoi => "uk-foi",
        }
    }
}

/// The part of a message (or document) an item stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Field {
    /// The author in the header.
    From,
    /// The delegate in the header.
    Sender,
    /// Recipients.
    To,
    /// Carbon-copy recipients.
    Cc,
    /// Blind-carbon-copy recipients.
    Bcc,
    /// The date line.
    Sent,
    /// The subject line.
    Subject,
    /// Any other header line (attachments, importance, reply-to) or the
    /// separator or attribution line.
    Header,
    /// The salutation.
    Greeting,
    /// The author's text.
    Body,
    /// The closing line.
    Closing,
    /// The signature block.
    Signature,
    /// Text before the first message.
    Preamble,
    /// A disclaimer.
    Disclaimer,
    /// Page furniture.
    Furniture,
    /// Text between emails that belongs to none ([`Document::other`]).
    Other,
}

impl Field {
    /// The contract's name for the field.
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::From => "from",
            Field::Sender => "sender",
            Field::To => "to",
            Field::Cc => "cc",
            Field::Bcc => "bcc",
            Field::Sent => "sent",
            Field::Subject => "subject",
            Field::Header => "header",
            Field::Greeting => "greeting",
            Field::Body => "body",
            Field::Closing => "closing",
            Field::Signature => "signature",
            Field::Preamble => "preamble",
            Field::Disclaimer => "disclaimer",
            Field::Furniture => "furniture",
            Field::Other => "other",
        }
    }
}

/// A stretch of the document text: a disclaimer, the preamble, furniture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The text, cleaned of markup.
    pub text: String,
    /// Where it is in the document text.
    pub span: Span,
}

/// Something that could not be read cleanly. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem it is.
    pub kind: DiagnosticKind,
    /// A sentence for people: what was seen and what was assumed.
    pub message: String,
    /// Where it is, when it has a place in the text.
    pub span: Option<Span>,
}

/// The kinds of diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A date that could not be parsed.
    UnparsedDate,
    /// A numeric date that reads as day-first and as month-first.
    AmbiguousDate,
    /// A header block without a sender.
    MissingSender,
    /// A header block without a date.
    MissingDate,
    /// An address or party that could not be read cleanly.
    MalformedAddress,
    /// A redaction code read from damaged text.
    RepairedCode,
    /// Input that was not valid UTF-8 and was read lossily.
    InvalidUtf8,
    /// A charset or transfer-encoding problem in an email.
    Encoding,
    /// A configured limit was reached.
    LimitReached,
    /// A header label read only after repairing OCR damage (`Frorn:` as
    /// `From:`); the message says what was assumed.
    RepairedLabel,
    /// A MIME multipart whose boundary never opens a part, or is never
    /// closed: a broken or truncated message.
    BrokenMime,
    /// A mailbox that breaks its format (text before an mbox's first
    /// `From ` line).
    MalformedMailbox,
}

impl DiagnosticKind {
    /// The contract's name for the kind.
    pub fn as_str(&self) -> &'static str {
        match self {
            DiagnosticKind::UnparsedDate => "unparsed_date",
            DiagnosticKind::AmbiguousDate => "ambiguous_date",
            DiagnosticKind::MissingSender => "missing_sender",
            DiagnosticKind::MissingDate => "missing_date",
            DiagnosticKind::MalformedAddress => "malformed_address",
            DiagnosticKind::RepairedCode => "repaired_code",
            DiagnosticKind::InvalidUtf8 => "invalid_utf8",
            DiagnosticKind::Encoding => "encoding",
            DiagnosticKind::LimitReached => "limit_reached",
            DiagnosticKind::MalformedMailbox => "malformed_mailbox",
            DiagnosticKind::BrokenMime => "broken_mime",
            DiagnosticKind::RepairedLabel => "repaired_label",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone};

    #[test]
    fn timestamps_display_as_chrono_formats_them() {
        let dates = [
            (2021, 3, 9),
            (999, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (-5, 6, 7),
            (12345, 1, 2),
        ];
        let times = [
            (0, 0, 0, 0),
            (23, 59, 59, 0),
            (23, 59, 59, 1_500_000_000),
            (7, 5, 3, 999),
        ];
        let offsets = [
            0,
            3600,
            -3600,
            5 * 3600 + 30 * 60,
            -(9 * 3600 + 29 * 60 + 31),
            86_399,
            -86_399,
        ];
        for (y, m, d) in dates {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            let ts = Timestamp::Date(date);
            assert_eq!(ts.to_string(), date.format("%Y-%m-%d").to_string());
            for (h, mi, s, ns) in times {
                let time = NaiveTime::from_hms_nano_opt(h, mi, s, ns).expect("time");
                let local = date.and_time(time);
                let ts = Timestamp::Local(local);
                assert_eq!(
                    ts.to_string(),
                    local.format("%Y-%m-%dT%H:%M:%S").to_string()
                );
                for off in offsets {
                    let off = FixedOffset::east_opt(off).expect("offset");
                    let Some(zoned) = off.from_local_datetime(&local).single() else {
                        continue;
                    };
                    let ts = Timestamp::Zoned(zoned);
                    assert_eq!(
                        ts.to_string(),
                        zoned.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
                    );
                }
            }
        }
    }
}
