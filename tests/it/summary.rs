//! The per-document summary (issue 4, item 6): counts of messages,
//! redactions by regime and ground, and the date range.

use mailthread::parse_transcript;

#[test]
fn the_summary_counts_redactions_by_law_and_ground_and_gives_the_date_range() {
    let text = "\
Van: [GELAKT: 5.1.2e] <x@minjenv.nl>
Verzonden: vrijdag 20 oktober 2023 12:19
Aan: Team
Onderwerp: RE: stukken

Hierbij de stukken. Contact: 5.1.2e, tel. (b)(6).

Van: Jan <jan@example.nl>
Verzonden: woensdag 4 oktober 2023 09:29
Aan: [REDACTED]
Onderwerp: stukken

Graag de stukken; zie ook 10.2.e.
";
    let doc = parse_transcript(text);
    let s = &doc.summary;
    assert_eq!(s.messages, 2);
    assert_eq!(s.redactions, doc.redactions.len());
    assert_eq!(s.redactions, 5, "{:#?}", doc.redactions);
    let by_law: Vec<(&str, usize)> = s.redactions_by_law.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        by_law,
        [("none", 1), ("us-foia", 1), ("wob", 1), ("woo", 2)]
    );
    let by_ground: Vec<(&str, usize)> = s
        .redactions_by_ground
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(by_ground, [("(b)(6)", 1), ("10.2e", 1), ("5.1.2e", 2)]);
    assert_eq!(s.first_sent.unwrap().to_string(), "2023-10-04T09:29:00");
    assert_eq!(s.last_sent.unwrap().to_string(), "2023-10-20T12:19:00");
    let rendered = mailthread::output::render_text(&doc);
    assert!(
        rendered.contains("summary:  2 messages, 5 redactions (none 1, us-foia 1, wob 1, woo 2); grounds (b)(6) 1, 10.2e 1, 5.1.2e 2; sent 2023-10-04T09:29:00 to 2023-10-20T12:19:00"),
        "{rendered}"
    );
}

#[test]
fn margin_codes_are_redactions_and_stamp_codes_are_release_grounds() {
    let pad = " ".repeat(40);
    let text = format!(
        "RELEASE IN PART\n{pad}B6\n\nFrom: H <hrod17@clintonemail.com>\nSent: Friday, December 4, 2009 9:35 AM\nTo: Mills, Cheryl D\nSubject: call{pad}B5\n\nCall him at{pad}B6\ntomorrow.{pad}B5,B6\n"
    );
    let doc = mailthread::parse_transcript(&text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    let release = doc.release.as_ref().expect("release");
    assert_eq!(release.grounds, ["B6"]);
    let got: Vec<(&str, Vec<&str>, mailthread::Field)> = doc
        .redactions
        .iter()
        .map(|r| {
            (
                r.marker.as_str(),
                r.codes.iter().map(String::as_str).collect(),
                r.field,
            )
        })
        .collect();
    use mailthread::Field::{Body, Subject};
    assert_eq!(
        got,
        [
            ("B5", vec!["(b)(5)"], Subject),
            ("B6", vec!["(b)(6)"], Body),
            ("B5,B6", vec!["(b)(5)", "(b)(6)"], Body),
        ]
    );
    assert_eq!(doc.summary.redactions_by_law.get("us-foia"), Some(&3));
    // The codes mark redactions; they are not words of the subject or body.
    let m = &doc.messages[doc.messages.len() - 1];
    assert_eq!(m.subject.as_deref(), Some("call"));
    assert_eq!(m.body, "Call him at\ntomorrow.");
}
