//! The reference document: the NCTV reply to the Dutch Safety Board (OVV),
//! exactly as released. Each assertion is one point of issue 2's "What it
//! must show"; the golden file holds the rest.

use mailthread::{Field, Message};

fn seed() -> mailthread::Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/transcripts/nctv-ovv-2023.md"
    );
    let text = std::fs::read_to_string(path).expect("seed fixture");
    mailthread::parse_transcript(&text)
}

fn name(p: &Option<mailthread::Party>) -> Option<&str> {
    p.as_ref().and_then(|p| p.name.as_deref())
}

fn header_free(m: &Message) {
    for bad in [
        "Van:",
        "Verzonden:",
        "Aan:",
        "Onderwerp:",
        "Geachte",
        "Met vriendelijke groet",
    ] {
        assert!(
            !m.body.contains(bad),
            "message {} body holds {bad:?}",
            m.index
        );
    }
}

#[test]
fn message_0_is_the_nctv_reply() {
    let doc = seed();
    assert_eq!(doc.messages.len(), 2);
    let m = &doc.messages[0];
    assert_eq!(name(&m.from), Some("Aalbersberg, P.J. - BD/NCTV"));
    let from = m.from.as_ref().expect("from");
    assert_eq!(from.domain.as_deref(), Some("minjenv.nl"));
    assert!(from.redacted);
    let sender = m.sender.as_ref().expect("sender");
    assert_eq!(sender.address.as_deref(), Some("[REDACTED]@minjenv.nl"));
    assert_eq!(sender.domain.as_deref(), Some("minjenv.nl"));
    assert!(sender.redacted);
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2023-10-20T12:19:00")
    );
    assert_eq!(m.sent_raw.as_deref(), Some("vrijdag 20 oktober 2023 12:19"));
    assert_eq!(m.to.len(), 1);
    assert_eq!(m.to[0].name.as_deref(), Some("Dam, Chris van"));
    assert_eq!(m.cc.len(), 1);
    assert!(m.cc[0].redacted);
    assert_eq!(
        m.subject.as_deref(),
        Some("[23.0003747] RE: opvolging aanbevelingen OVV – reactie namens NCTV en Politie")
    );
    assert_eq!(
        m.normalized_subject.as_deref(),
        Some("opvolging aanbevelingen OVV – reactie namens NCTV en Politie")
    );
    assert_eq!(m.case_numbers, ["23.0003747"]);
    assert_eq!(m.greeting.as_deref(), Some("Geachte heer Van Dam,"));
    assert_eq!(m.closing.as_deref(), Some("Met vriendelijke groet,"));
    let sig = m.signature.as_ref().expect("signature");
    assert_eq!(sig.name.as_deref(), Some("Pieter-Jaap Aalbersberg"));
    assert_eq!(
        sig.title.as_deref(),
        Some("Nationaal Coördinator Terrorismebestrijding en Veiligheid")
    );
    assert!(
        m.body.starts_with("Op 28 februari ontving ik"),
        "{}",
        m.body
    );
    assert!(
        m.body.ends_with("voldoende te hebben geïnformeerd."),
        "{}",
        m.body
    );
    assert!(!m.body.contains("Pieter-Jaap"));
    header_free(m);
}

#[test]
fn message_1_is_the_ovv_request() {
    let doc = seed();
    let m = &doc.messages[1];
    let from = m.from.as_ref().expect("from");
    assert_eq!(from.name, None);
    assert_eq!(from.domain.as_deref(), Some("onderzoeksraad.nl"));
    assert!(from.redacted);
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2023-10-04T09:29:00")
    );
    assert_eq!(m.to.len(), 1);
    assert_eq!(m.to[0].domain.as_deref(), Some("minjenv.nl"));
    assert!(m.to[0].redacted);
    assert_eq!(m.subject.as_deref(), Some("opvolging aanbevelingen OVV"));
    assert_eq!(m.greeting.as_deref(), Some("Geachte [REDACTED],"));
    let numbers: Vec<&str> = m
        .recommendations
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(numbers, ["3", "4", "5", "7"]);
    let r3 = &m.recommendations[0];
    assert!(
        r3.text.contains("het delen en afschermen van informatie, "),
        "{}",
        r3.text
    );
    assert!(
        r3.text.ends_with("niet hoeven te beschikken."),
        "{}",
        r3.text
    );
    assert!(r3.items.is_empty());
    assert_eq!(m.recommendations[1].items.len(), 2);
    assert!(m.recommendations[1].items[1].starts_with("Zorg dat het geheel"));
    assert!(m.recommendations[2].items.is_empty());
    assert_eq!(m.recommendations[3].items.len(), 2);
    assert!(m.recommendations[3]
        .text
        .ends_with("Zorg daarbij ervoor dat:"));
    let sig = m.signature.as_ref().expect("signature");
    assert_eq!(
        sig.addresses,
        [
            "Lange Voorhout 9, 2514 EA Den Haag",
            "Postbus 95404, 2509 CK Den Haag"
        ]
    );
    assert_eq!(sig.phones, ["06 [REDACTED]"]);
    assert_eq!(sig.urls, ["www.onderzoeksraad.nl"]);
    assert!(!m.body.contains("Lange Voorhout"));
    assert!(!m.body.contains("Dit bericht kan informatie"));
    assert!(
        m.body.ends_with("Alvast hartelijk dank voor uw reactie."),
        "{}",
        m.body
    );
    header_free(m);
}

#[test]
fn the_document_holds_case_numbers_redactions_and_one_disclaimer() {
    let doc = seed();
    assert_eq!(doc.case_numbers, ["23.0003747"]);
    let fields: Vec<(Option<usize>, Field)> = doc
        .redactions
        .iter()
        .map(|r| (r.message, r.field))
        .collect();
    assert_eq!(
        fields,
        [
            (None, Field::Preamble),
            (Some(0), Field::Sender),
            (Some(0), Field::From),
            (Some(0), Field::Cc),
            (Some(1), Field::From),
            (Some(1), Field::To),
            (Some(1), Field::Greeting),
            (Some(1), Field::Signature),
        ]
    );
    assert!(doc
        .redactions
        .iter()
        .all(|r| r.marker == "[REDACTED]" && r.code.is_none()));
    assert_eq!(doc.disclaimers.len(), 1);
    let d = &doc.disclaimers[0].text;
    assert!(d.starts_with("Dit bericht kan informatie bevatten"), "{d}");
    assert!(d.contains("The State accepts no liability"), "{d}");
    assert!(d.ends_with("Ministry of Justice and Security"), "{d}");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert!(mailthread::check::invariants(&doc).is_empty());
}
