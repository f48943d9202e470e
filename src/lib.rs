//! mailthread turns email correspondence into typed data: exported
//! mailboxes and released threads (Woo/Wob, FOIA) converted from PDF to
//! text, split into messages with their senders, dates, recipients,
//! subjects, case numbers, redactions, greetings, closings, signatures and
//! disclaimers.
//!
//! ```
//! let text = "**Van:** Jan <jan@x.nl>\n**Verzonden:** vrijdag 20 oktober 2023 12:19\n\
//!             **Aan:** Dam, Chris van\n**Onderwerp:** RE: vraag\n\nGeachte heer Van Dam,\n\n\
//!             Dank voor uw brief.\n\nMet vriendelijke groet,\n\nJan\n";
//! let doc = mailthread::parse_transcript(text);
//! let m = &doc.messages[0];
//! assert_eq!(m.from.as_ref().and_then(|p| p.name.as_deref()), Some("Jan"));
//! assert_eq!(m.sent.unwrap().to_string(), "2023-10-20T12:19:00");
//! assert_eq!(m.to[0].name.as_deref(), Some("Dam, Chris van"));
//! assert_eq!(m.normalized_subject.as_deref(), Some("vraag"));
//! assert_eq!(m.body, "Dank voor uw brief.");
//! ```
//!
//! # Overview
//! The pipeline, one module per stage: `input` (files, mailboxes; the only
//! I/O) → `text` (lines, cleaned) → `split` (header blocks, separators,
//! attribution lines) → `header` (with `address`, `date`, `subject`) →
//! `body` (greeting, closing, signature, disclaimers, recommendations) and
//! `redact` → `document` (the [`Document`]) → `output` (JSON, text).
//!
//! # Errors and diagnostics
//! Parsing text never fails and never panics: what cannot be read cleanly
//! becomes a [`Diagnostic`] in the document. [`Error`] is for I/O and for
//! input that is not mail at all.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod address;
pub mod batch;
mod body;
mod bytes;
pub mod check;
pub mod conversation;
mod date;
mod document;
mod error;
mod header;
pub mod input;
mod lang;
mod memo;
mod model;
pub mod output;
mod parser;
mod redact;
mod split;
#[doc(hidden)]
pub mod stages;
mod subject;
mod text;

pub use error::{Error, ErrorKind, Result};
pub use model::{
    Attachment, Block, Boundary, Diagnostic, DiagnosticKind, Document, Field, Law, Message, Party,
    Recommendation, Redaction, Release, Signature, Source, SourceFormat, Span, Summary, Timestamp,
};
pub use parser::{parse_transcript, DateOrder, Parser};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
