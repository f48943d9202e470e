//! Each pipeline stage on its own, for the benchmarks in `benches/`. Not
//! part of the supported API (hidden from the docs); every function runs
//! one stage over a whole text and returns a count that the benchmark
//! asserts, so a fast wrong answer cannot pass.

use crate::body;
use crate::date::{self, Order};
use crate::header::{self, HeaderOptions};
use crate::model::Diagnostic;
use crate::split;
use crate::text;

/// Makes the address parsers' memos of this thread start over: a benchmark
/// that reads one text again and again calls it in every iteration, so
/// that it times the parsers, not the memos' hits on its own copies.
pub fn forget_memos() {
    crate::memo::forget();
}

/// Text normalisation: the document's lines with their quote depth and
/// cleaned text. Returns the number of lines.
pub fn normalise(text: &str) -> usize {
    text::lines(text).len()
}

/// Normalisation and splitting. Returns the number of header blocks,
/// separators and attribution lines found.
pub fn split(text: &str) -> usize {
    split::blocks(&text::lines(text)).len()
}

/// Normalisation, splitting and reading every block's fields (senders,
/// recipients, dates, subjects). Returns the number of blocks with a
/// sender.
pub fn header_fields(text: &str) -> usize {
    let lines = text::lines(text);
    let blocks = split::blocks(&lines);
    let opts = HeaderOptions {
        default_year: None,
        order: None,
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    blocks
        .iter()
        .filter(|b| {
            header::read(text, &lines, b, opts, &mut std::iter::empty(), &mut diags)
                .from
                .is_some()
        })
        .count()
}

/// Date parsing alone, day-first unless the value says otherwise.
/// Returns how many values gave a date.
pub fn dates(values: &[&str]) -> usize {
    values
        .iter()
        .filter(|v| date::parse(v, Order::DayFirst, Some(2023)).is_some())
        .count()
}

/// Body analysis (disclaimers, greeting, closing, signature, body text,
/// recommendations) of the whole text as one message body. Returns the
/// length of the body text.
pub fn body(text: &str) -> usize {
    let lines = text::lines(text);
    let z = body::zones(&lines, 0, lines.len());
    let recs = body::recommendations(&lines, z.body.0, z.body.1);
    body::body_text(&lines, z.body.0, z.body.1, &[]).len() + recs.len()
}
