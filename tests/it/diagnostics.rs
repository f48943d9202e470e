//! Text that cannot be read cleanly gives diagnostics, never a failure.

use mailthread::DiagnosticKind;

fn kinds(doc: &mailthread::Document) -> Vec<DiagnosticKind> {
    doc.diagnostics.iter().map(|d| d.kind).collect()
}

/// The text each diagnostic of `kind` points at, in order.
fn flagged<'t>(
    doc: &mailthread::Document,
    text: &'t str,
    kind: mailthread::DiagnosticKind,
) -> Vec<&'t str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .filter_map(|d| d.span)
        .map(|s| &text[s.start..s.end])
        .collect()
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

#[test]
fn ocr_damaged_labels_are_repaired_with_a_diagnostic() {
    let text = "Graag.\n\nrrom: Jansen, Piet <p.jansen@rivm.nl>\nSent: donderdag 6 augustus 2020 11:40\nTo: 5.1.2e\nce: Bakker <b@rivm.nl>\nSubjeet: RE: stukken\n\nTekst.\n";
    let doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    assert_eq!(doc.messages.len(), 2);
    let m = &doc.messages[1];
    assert_eq!(
        m.from.as_ref().and_then(|p| p.address.as_deref()),
        Some("p.jansen@rivm.nl")
    );
    assert_eq!(m.cc[0].address.as_deref(), Some("b@rivm.nl"));
    assert_eq!(m.subject.as_deref(), Some("RE: stukken"));
    let repaired = flagged(&doc, text, mailthread::DiagnosticKind::RepairedLabel);
    assert_eq!(
        repaired,
        [
            "rrom: Jansen, Piet <p.jansen@rivm.nl>",
            "ce: Bakker <b@rivm.nl>",
            "Subjeet: RE: stukken"
        ]
    );
}

#[test]
fn words_near_a_label_in_prose_start_nothing() {
    // `Subjects:` and `Dates:` are one letter from a label, but a lone
    // line of prose is no header block.
    let text = "Hello,\n\nSubjects: maths and physics.\nDates: to be agreed.\n\nRegards,\nAnn\n";
    let doc = mailthread::parse_transcript(text);
    assert_eq!(doc.messages.len(), 1);
    assert!(doc.messages[0]
        .body
        .contains("Subjects: maths and physics."));
}

#[test]
fn ocr_damaged_redaction_codes_are_read_with_a_diagnostic() {
    let text = "Van: 5.1.2¢\nVerzonden: donderdag 6 augustus 2020 11:40\nAan: S12e; 5.1.22\nCC: s12e; &t2e <St2e @amsterdam.nl>\nOnderwerp: stukken\n\nNaam: 10.2.€ en verder 5.1.2e, maar 15.1.22 en S12ex niet.\n";
    let doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    let got: Vec<(&str, Option<&str>)> = doc
        .redactions
        .iter()
        .map(|r| (r.marker.as_str(), r.code.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("5.1.2¢", Some("5.1.2e")),
            ("S12e", Some("5.1.2e")),
            ("5.1.22", Some("5.1.2e")),
            ("s12e", Some("5.1.2e")),
            ("&t2e", Some("5.1.2e")),
            ("St2e", Some("5.1.2e")),
            ("10.2.€", Some("10.2e")),
            ("5.1.2e", Some("5.1.2e")),
        ]
    );
    let repaired = flagged(&doc, text, mailthread::DiagnosticKind::RepairedCode);
    assert_eq!(
        repaired,
        ["5.1.2¢", "S12e", "5.1.22", "s12e", "&t2e", "St2e", "10.2.€"]
    );
    assert!(doc.messages[0].from.as_ref().is_some_and(|p| p.redacted));
    assert!(doc.messages[0].cc.iter().all(|p| p.redacted));
}

#[test]
fn ocr_damaged_labels_are_read_with_a_diagnostic() {
    // `Onderwerp` split over two lines; `Sent` and `Subject` without their
    // colons under a separator, as pdftotext gives State Department pages.
    let text = "Van: Jan Jansen <jan@rivm. ni>\nVerzonden: maandag 3 juli 2023 10:15\nAan: Piet\nOnder-\nwerp: Rapport\n\nHoi Piet,\n\nTekst.\n\n-----Original Message-----\nFrom Sullivan, Jacob J imailto:SullivanJJ@state.govj\nSent Wednesday, March 30, 2011 821 PM\nTo: H\nSubject Re: statement\n\nSee below.\n";
    let doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    let m = &doc.messages;
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].subject.as_deref(), Some("Rapport"));
    let from = m[0].from.as_ref().expect("a sender");
    assert_eq!(from.address.as_deref(), Some("jan@rivm.nl"));
    let from = m[1].from.as_ref().expect("a sender");
    assert_eq!(from.name.as_deref(), Some("Sullivan, Jacob J"));
    assert_eq!(from.address.as_deref(), Some("SullivanJJ@state.gov"));
    assert_eq!(
        m[1].sent.map(|t| t.naive().to_string()).as_deref(),
        Some("2011-03-30 20:21:00")
    );
    assert_eq!(m[1].subject.as_deref(), Some("Re: statement"));
    let labels = flagged(&doc, text, mailthread::DiagnosticKind::RepairedLabel);
    assert_eq!(
        labels,
        [
            "Onder-",
            "From Sullivan, Jacob J imailto:SullivanJJ@state.govj",
            "Sent Wednesday, March 30, 2011 821 PM",
            "Subject Re: statement"
        ]
    );
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.kind == mailthread::DiagnosticKind::MalformedAddress));
}

#[test]
fn page_counters_and_stamps_are_furniture() {
    // Each line alone between two halves of a sentence: cut out of the
    // body into `furniture`, and the sentence joined. (A second document
    // stamp with another number would start another document.)
    let text = "Van: Jan <jan@example.nl>\nVerzonden: maandag 3 juli 2023 10:15\nAan: Piet\nOnderwerp: x\n\nDe eerste zin loopt door tot\nPagina 3 van 12\nPage 4 of 12\nSeite 5 von 12\n- 6 -\nDocnr 143\n5318\nde volgende pagina.\n";
    let doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    let cut: Vec<&str> = doc.furniture.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        cut,
        [
            "Pagina 3 van 12",
            "Page 4 of 12",
            "Seite 5 von 12",
            "- 6 -",
            "Docnr 143",
            "5318"
        ]
    );
    assert_eq!(
        doc.messages[0].body,
        "De eerste zin loopt door tot de volgende pagina."
    );
}

#[test]
fn a_release_stamp_split_over_lines_gives_grounds_not_redactions() {
    // As pdftotext prints it: the stamp in three pieces, `B1` read as `Bl`.
    let text = "RELEASE IN\nPART Bl,\n1.4(B),1.4(D)\n\nFrom: H <hrod17@clintonemail.com>\nSent: Monday, June 13, 2011 7:42 AM\nTo: Sullivan, Jacob J\nSubject: Re: call\n\nOk.\n";
    let doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    let release = doc.release.expect("release metadata");
    assert_eq!(release.decision.as_deref(), Some("RELEASE IN PART"));
    assert_eq!(release.grounds, ["B1", "1.4(B)", "1.4(D)"]);
    assert!(doc.redactions.is_empty(), "{:?}", doc.redactions);
    assert_eq!(doc.furniture.len(), 3);
    assert!(doc.other.is_empty());
    assert_eq!(doc.messages.len(), 1);
}
