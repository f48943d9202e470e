//! Text that cannot be read cleanly gives diagnostics, never a failure.

use mailthread::DiagnosticKind;

fn kinds(doc: &mailthread::Document) -> Vec<DiagnosticKind> {
    doc.diagnostics.iter().map(|d| d.kind).collect()
}

#[test]
fn an_unreadable_date_is_a_diagnostic_and_keeps_the_raw_text() {
    let doc = mailthread::parse_transcript(
        "From: Ann <ann@x.org>\nSent: sometime last week\nTo: Bob <bob@y.org>\nSubject: hi\n\nText\n",
    );
    assert_eq!(doc.messages.len(), 1);
    let m = &doc.messages[0];
    assert_eq!(m.sent, None);
    assert_eq!(m.sent_raw.as_deref(), Some("sometime last week"));
    assert_eq!(kinds(&doc), [DiagnosticKind::UnparsedDate]);
    let span = doc.diagnostics[0].span.expect("a span");
    assert_eq!(doc.slice(span), "Sent: sometime last week");
    assert_eq!(m.body, "Text");
}

#[test]
fn a_block_without_date_or_sender_says_so() {
    let doc = mailthread::parse_transcript(
        "-----Original Message-----\nTo: Bob <bob@y.org>\nSubject: hi\n\nText\n",
    );
    assert_eq!(doc.messages.len(), 1);
    assert_eq!(
        kinds(&doc),
        [DiagnosticKind::MissingSender, DiagnosticKind::MissingDate]
    );
    assert_eq!(doc.messages[0].to[0].address.as_deref(), Some("bob@y.org"));
}

#[test]
fn an_ambiguous_numeric_date_is_settled_by_the_document_or_reported() {
    // 26/03 shows the document writes day first, so 03/04 is 3 April.
    let text = "On 03/04/2020 10:00, Ann <a@x.org> wrote:\n> one\n> On 26/03/2020 09:00, Bob <b@y.org> wrote:\n> > two\n";
    let doc = mailthread::parse_transcript(text);
    assert_eq!(doc.messages.len(), 2);
    assert_eq!(
        doc.messages[0].sent.map(|t| t.to_string()).as_deref(),
        Some("2020-04-03T10:00:00")
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    // Alone, it stays ambiguous: a diagnostic says which reading was taken.
    let doc = mailthread::parse_transcript("On 03/04/2020 10:00, Ann <a@x.org> wrote:\n> one\n");
    assert_eq!(kinds(&doc), [DiagnosticKind::AmbiguousDate]);
    assert_eq!(
        doc.messages[0].sent.map(|t| t.to_string()).as_deref(),
        Some("2020-03-04T10:00:00")
    );
}
