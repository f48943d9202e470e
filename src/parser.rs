//! The public entry point: [`Parser`], its options, and the free functions
//! that use a default parser.
//!
//! Input: text (or, through `input`, files and mailboxes). Output:
//! [`Document`]s. Options are set builder-lite, by value:
//! `Parser::new().default_year(Some(2023)).signatures(false)`.

use chrono::FixedOffset;

use crate::date::Order;
use crate::document;
use crate::model::{Document, Source};

/// How to read numeric dates such as `03/04/2020`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateOrder {
    /// `03/04/2020` is 3 April.
    DayFirst,
    /// `03/04/2020` is 4 March.
    MonthFirst,
}

/// A configured parser. Cheap to copy; holds no state between documents.
///
/// # Example
/// ```
/// let parser = mailthread::Parser::new().default_year(Some(2021));
/// let doc = parser.parse_transcript("Van: Jan <jan@x.nl>\nDatum: 27 okt. om 09:31\n\nHoi");
/// assert_eq!(doc.messages[0].sent.unwrap().to_string(), "2021-10-27T09:31:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parser {
    pub(crate) default_year: Option<i32>,
    pub(crate) default_offset: Option<FixedOffset>,
    pub(crate) order: Option<Order>,
    pub(crate) signatures: bool,
    pub(crate) recommendations: bool,
    pub(crate) redactions: bool,
    pub(crate) max_messages: usize,
    pub(crate) max_bytes: usize,
    pub(crate) max_quote_depth: usize,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the default options: every extractor on, numeric dates
    /// read by the language of their block, no default year or offset, at
    /// most 10,000 messages per document, 256 MiB per email or transcript,
    /// and 100 levels of `>` quoting split into messages.
    pub const fn new() -> Parser {
        Parser {
            default_year: None,
            default_offset: None,
            order: None,
            signatures: true,
            recommendations: true,
            redactions: true,
            max_messages: 10_000,
            max_bytes: 256 << 20,
            max_quote_depth: 100,
        }
    }

    /// The year for dates written without one (`27 okt. om 09:31`).
    pub const fn default_year(mut self, year: Option<i32>) -> Parser {
        self.default_year = year;
        self
    }

    /// The offset for dates written without a zone; without it such dates
    /// stay wall-clock times (`2023-10-20T12:19:00`).
    pub const fn default_offset(mut self, offset: Option<FixedOffset>) -> Parser {
        self.default_offset = offset;
        self
    }

    /// Reads every numeric date in this order, whatever its language.
    pub const fn date_order(mut self, order: Option<DateOrder>) -> Parser {
        self.order = match order {
            Some(DateOrder::DayFirst) => Some(Order::DayFirst),
            Some(DateOrder::MonthFirst) => Some(Order::MonthFirst),
            None => None,
        };
        self
    }

    /// Whether to read signatures (default on).
    pub const fn signatures(mut self, yes: bool) -> Parser {
        self.signatures = yes;
        self
    }

    /// Whether to read numbered recommendations (default on).
    pub const fn recommendations(mut self, yes: bool) -> Parser {
        self.recommendations = yes;
        self
    }

    /// Whether to find redactions (default on).
    pub const fn redactions(mut self, yes: bool) -> Parser {
        self.redactions = yes;
        self
    }

    /// The most messages one document may yield; past it, a diagnostic
    /// says so and the rest of the text stays in the last message.
    pub const fn max_messages(mut self, n: usize) -> Parser {
        self.max_messages = if n == 0 { 1 } else { n };
        self
    }

    /// The most bytes read of one email, one mbox message or one
    /// transcript file; past it, a diagnostic says so and the document is
    /// parsed from what was read (a transcript up to its last whole line).
    /// Keeps memory bounded on a mailbox with a huge message.
    pub const fn max_bytes(mut self, n: usize) -> Parser {
        self.max_bytes = if n == 0 { 1 } else { n };
        self
    }

    /// The deepest `>` quoting at which a header block or attribution line
    /// still starts a message; deeper ones stay text of the message above,
    /// with a diagnostic.
    pub const fn max_quote_depth(mut self, n: usize) -> Parser {
        self.max_quote_depth = n;
        self
    }

    /// Parses a transcript: plain text or markdown holding one or more
    /// messages. Never fails and never panics.
    pub fn parse_transcript(&self, text: &str) -> Document {
        self.parse_transcript_with_source(text, Source::default())
    }

    /// Like [`Parser::parse_transcript`], recording where the text came
    /// from.
    pub fn parse_transcript_with_source(&self, text: &str, source: Source) -> Document {
        let mut doc = document::parse(self, text, source, None);
        doc.text = text.to_string();
        doc
    }
}

/// Parses a transcript with the default options.
///
/// # Example
/// ```
/// let doc = mailthread::parse_transcript(
///     "Thanks!\n\nOn Fri, Feb 24, 2012 at 10:19 AM, Ann <ann@x.org> wrote:\n> Ready?\n",
/// );
/// assert_eq!(doc.messages.len(), 2);
/// assert_eq!(doc.messages[1].from.as_ref().unwrap().name.as_deref(), Some("Ann"));
/// ```
pub fn parse_transcript(text: &str) -> Document {
    Parser::new().parse_transcript(text)
}
