//! Invariants every [`Document`] keeps, checked by one function that the
//! golden tests, the property tests and the fuzz targets all call.
//!
//! Input: a document. Output: the list of broken invariants (empty when
//! all hold). The invariants:
//! 1. every span lies inside the text and on character boundaries;
//! 2. message spans are in order and do not overlap;
//! 3. every redaction outside a disclaimer, the preamble or furniture lies
//!    inside the span of the message it names;
//! 4. messages, the preamble and disclaimers do not overlap one another,
//!    except that a disclaimer may lie wholly inside one message (one that
//!    opens a body, or has more of the message's text after it); furniture
//!    may lie inside a message (both are cut out of the body, not out of
//!    the span);
//! 5. coverage: every byte that is not whitespace or markup (the `>` of a
//!    blank quoted line, emphasis marks around nothing, zero-width
//!    characters) belongs to a message, the preamble, a disclaimer or
//!    furniture, so nothing is dropped silently;
//! 6. message indices count 0, 1, 2, ...

use crate::model::{Document, Field, Span};

/// Checks the invariants of `doc`; returns one line per broken invariant.
///
/// # Example
/// ```
/// let doc = mailthread::parse_transcript("Van: A <a@x.nl>\nDatum: 1 mei 2023\n\nHoi");
/// assert!(mailthread::check::invariants(&doc).is_empty());
/// ```
pub fn invariants(doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    let text = &doc.text;
    let mut spans: Vec<(Span, String)> = Vec::new();
    for m in &doc.messages {
        spans.push((m.span, format!("message {}", m.index)));
    }
    for r in &doc.redactions {
        spans.push((r.span, format!("redaction {:?}", r.marker)));
    }
    for (i, b) in doc.disclaimers.iter().enumerate() {
        spans.push((b.span, format!("disclaimer {i}")));
    }
    for (i, b) in doc.furniture.iter().enumerate() {
        spans.push((b.span, format!("furniture {i}")));
    }
    if let Some(p) = &doc.preamble {
        spans.push((p.span, "preamble".to_string()));
    }
    for d in &doc.diagnostics {
        if let Some(s) = d.span {
            spans.push((s, format!("diagnostic {}", d.kind.as_str())));
        }
    }
    for (s, what) in &spans {
        if s.start > s.end || text.get(s.start..s.end).is_none() {
            problems.push(format!(
                "{what}: span {}..{} is not inside the text",
                s.start, s.end
            ));
        }
    }
    for (i, m) in doc.messages.iter().enumerate() {
        if m.index != i {
            problems.push(format!("message {i} has index {}", m.index));
        }
        // OK because `i` comes from `enumerate` over `doc.messages`, and `&&`
        // checks `i > 0` first.
        // A bottom-posted outer message (message 0) stands after all the
        // others.
        let bottom = i == 1
            && doc.messages[0].span.start >= doc.messages.last().map_or(0, |l| l.span.end)
            && doc.messages[0].span.start > m.span.start;
        if i > 0 && !bottom && doc.messages[i - 1].span.end > m.span.start {
            problems.push(format!(
                "message {i} overlaps or precedes message {}",
                i - 1
            ));
        }
    }
    for r in &doc.redactions {
        if matches!(
            r.field,
            Field::Disclaimer | Field::Preamble | Field::Furniture
        ) {
            continue;
        }
        if r.field == Field::Other {
            if !doc.other.iter().any(|b| b.span.contains(r.span)) {
                problems.push(format!(
                    "redaction {:?} at {}..{} lies outside every other block",
                    r.marker, r.span.start, r.span.end
                ));
            }
            continue;
        }
        match r.message.and_then(|k| doc.messages.get(k)) {
            Some(m) if m.span.contains(r.span) => {}
            Some(m) => problems.push(format!(
                "redaction {:?} at {}..{} lies outside message {} ({}..{})",
                r.marker, r.span.start, r.span.end, m.index, m.span.start, m.span.end
            )),
            None => problems.push(format!("redaction {:?} names no message", r.marker)),
        }
    }
    // A disclaimer lies wholly inside one message or outside all of them.
    // Indexing: `nested` has one entry per disclaimer, and every `i` below
    // comes from `enumerate` over `doc.disclaimers`.
    let mut nested = vec![false; doc.disclaimers.len()];
    for (i, b) in doc.disclaimers.iter().enumerate() {
        for m in &doc.messages {
            let overlaps = m.span.start < b.span.end && b.span.start < m.span.end;
            if m.span.contains(b.span) && !b.span.is_empty() {
                nested[i] = true;
            } else if overlaps {
                problems.push(format!("message {} overlaps disclaimer {i}", m.index));
            }
        }
    }
    // Top-level regions must not overlap.
    let mut top: Vec<(Span, String)> = doc
        .messages
        .iter()
        .map(|m| (m.span, format!("message {}", m.index)))
        .chain(
            doc.disclaimers
                .iter()
                .enumerate()
                .filter(|(i, _)| !nested[*i])
                .map(|(i, b)| (b.span, format!("disclaimer {i}"))),
        )
        .chain(
            doc.preamble
                .iter()
                .map(|p| (p.span, "preamble".to_string())),
        )
        .chain(
            doc.other
                .iter()
                .enumerate()
                .map(|(i, b)| (b.span, format!("other {i}"))),
        )
        .collect();
    top.sort_by_key(|t| (t.0.start, t.0.end));
    for w in top.windows(2) {
        // OK because `windows(2)` yields slices of exactly two.
        if w[0].0.end > w[1].0.start {
            problems.push(format!("{} overlaps {}", w[0].1, w[1].1));
        }
    }
    // Coverage.
    let mut covered: Vec<Span> = top.iter().map(|t| t.0).collect();
    covered.extend(doc.furniture.iter().map(|b| b.span));
    covered.sort();
    let mut at = 0;
    let report = |from: usize, to: usize, problems: &mut Vec<String>| {
        if let Some(gap) = text.get(from..to) {
            // Quote markers of blank quoted lines (`> \n`), emphasis marks
            // with nothing inside, OCR box edges (`|`) and zero-width
            // characters are markup, not text.
            if let Some(off) = gap.find(|c: char| !c.is_whitespace() && !is_markup(c)) {
                let start = from + off;
                // OK because `text.get(from..to)` succeeded, so `from` is a
                // char boundary, and `off` is where `find` found a char in
                // `gap`.
                let snippet: String = text[start..].chars().take(40).collect();
                problems.push(format!("text at {start} belongs to nothing: {snippet:?}"));
            }
        }
    };
    for s in &covered {
        if s.start > at {
            report(at, s.start, &mut problems);
        }
        at = at.max(s.end);
    }
    if at < text.len() {
        report(at, text.len(), &mut problems);
    }
    problems
}

/// Characters that carry no text on a line of their own: quote markers,
/// markdown emphasis, zero-width and format characters.
fn is_markup(c: char) -> bool {
    matches!(
        c,
        '>' | '*'
            | '_'
            | '|'
            | '¦'
            | '\u{200b}'
            | '\u{200c}'
            | '\u{200d}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{2060}'
    )
}
