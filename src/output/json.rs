//! Compact JSON of the model, written by hand: byte for byte what
//! `serde_json::to_writer` writes for the model's `Serialize`, at less
//! cost.
//!
//! serde_json's cost is per field: each key is escaped anew and each
//! value passes a state machine. Here each struct writes its keys as
//! constant fragments (`,"from":`), and strings are escaped sixteen
//! bytes at a time ([`crate::bytes`]). Each struct is destructured without `..`, so a field added
//! to the model does not compile until it is written here; tests hold
//! every document of the fixtures, and strings of every control byte and
//! length, to serde_json's output.

use std::collections::BTreeMap;

use crate::bytes;
use crate::model::{
    Attachment, Block, Boundary, Diagnostic, DiagnosticKind, Document, Field, Law, Message, Party,
    Recommendation, Redaction, Release, Signature, Source, SourceFormat, Span, Summary, Timestamp,
};

/// Appends the compact JSON of `value` to `out`.
pub(crate) fn write<T: Json + ?Sized>(out: &mut Vec<u8>, value: &T) {
    value.json(out);
}

/// A value of the model that writes its own compact JSON.
pub(crate) trait Json {
    /// Appends this value's JSON to `out`.
    fn json(&self, out: &mut Vec<u8>);
}

/// A mask of the bytes of `chunk` that JSON escapes: `"`, `\\` and the
/// control bytes below 0x20.
fn specials(chunk: &[u8; bytes::CHUNK]) -> u16 {
    bytes::eq_mask(chunk, [b'"', b'\\']) | bytes::below_mask(chunk, 0x20)
}

/// What serde_json writes for a byte that JSON escapes, or nothing.
fn escape(b: u8) -> &'static [u8] {
    const CONTROL: [&[u8]; 32] = [
        b"\\u0000", b"\\u0001", b"\\u0002", b"\\u0003", b"\\u0004", b"\\u0005", b"\\u0006",
        b"\\u0007", b"\\b", b"\\t", b"\\n", b"\\u000b", b"\\f", b"\\r", b"\\u000e", b"\\u000f",
        b"\\u0010", b"\\u0011", b"\\u0012", b"\\u0013", b"\\u0014", b"\\u0015", b"\\u0016",
        b"\\u0017", b"\\u0018", b"\\u0019", b"\\u001a", b"\\u001b", b"\\u001c", b"\\u001d",
        b"\\u001e", b"\\u001f",
    ];
    match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        // OK because `b < 32`, the table's length.
        0..=0x1f => CONTROL[usize::from(b)],
        _ => b"",
    }
}

/// Appends `s` escaped, without quotes.
///
/// A chunk at a time: each step appends the whole chunk (a fixed-size
/// copy, no call to `memcpy`) and cuts it back to the bytes before the
/// first one that JSON escapes, which it then writes escaped. The padding
/// (spaces) is cut away with the rest of the chunk.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let raw = s.as_bytes();
    if raw.is_empty() {
        return;
    }
    // Room for the text as it is, and for the one chunk each step may
    // append beyond it before cutting back.
    out.reserve(raw.len() + bytes::CHUNK);
    let mut at = 0;
    loop {
        let chunk = bytes::chunk_at(raw, at, b' ');
        let marks = specials(&chunk);
        out.extend_from_slice(&chunk);
        if marks == 0 {
            at += bytes::CHUNK;
            if at >= raw.len() {
                // Cut the padding.
                out.truncate(out.len() - (at - raw.len()));
                return;
            }
            continue;
        }
        // A mark is a byte of `raw`: the padding (spaces) is not escaped.
        let keep = marks.trailing_zeros() as usize;
        out.truncate(out.len() - bytes::CHUNK + keep);
        at += keep;
        // OK because the marked byte lies in `raw` (see above).
        match raw[at] {
            b'\n' => out.extend_from_slice(b"\\n"),
            b => out.extend_from_slice(escape(b)),
        }
        at += 1;
        if at >= raw.len() {
            return;
        }
    }
}

/// Appends `s` as a JSON string.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// Writes a struct: `object!(out, self, Type { field, ... })` destructures
/// `self` with every field named (so a new field does not compile until
/// it is listed), and writes the fields in the order given, which must be
/// the order of declaration, as serde writes them.
macro_rules! object {
    ($out:ident, $value:expr, $ty:ident { $first:ident $(, $rest:ident)* $(; $($skip:ident),*)? }) => {{
        let $ty { $first, $($rest,)* $($($skip: _,)*)? } = $value;
        $out.extend_from_slice(concat!("{\"", stringify!($first), "\":").as_bytes());
        Json::json($first, $out);
        $(
            $out.extend_from_slice(concat!(",\"", stringify!($rest), "\":").as_bytes());
            Json::json($rest, $out);
        )*
        $out.push(b'}');
    }};
}

impl Json for str {
    fn json(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl Json for String {
    fn json(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl<T: Json + ?Sized> Json for &T {
    fn json(&self, out: &mut Vec<u8>) {
        (**self).json(out);
    }
}

impl Json for usize {
    fn json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
    }
}

impl Json for bool {
    fn json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl<T: Json> Json for Option<T> {
    fn json(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: Json> Json for Vec<T> {
    fn json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            v.json(out);
        }
        out.push(b']');
    }
}

impl<K: AsRef<str>> Json for BTreeMap<K, usize> {
    fn json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, k.as_ref());
            out.push(b':');
            v.json(out);
        }
        out.push(b'}');
    }
}

impl Json for Span {
    fn json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        self.start.json(out);
        out.push(b',');
        self.end.json(out);
        out.push(b']');
    }
}

impl Json for Timestamp {
    fn json(&self, out: &mut Vec<u8>) {
        // ISO 8601 holds nothing JSON escapes.
        out.push(b'"');
        let _ = std::io::Write::write_fmt(out, format_args!("{self}"));
        out.push(b'"');
    }
}

/// Written by serde_json: chrono's own form, on a value met once a
/// document at most.
impl Json for chrono::NaiveDate {
    fn json(&self, out: &mut Vec<u8>) {
        // OK because a date serialises to a plain string.
        let _ = serde_json::to_writer(out, self);
    }
}

macro_rules! names {
    ($($ty:ident => $f:expr),* $(,)?) => {$(
        impl Json for $ty {
            fn json(&self, out: &mut Vec<u8>) {
                string(out, $f(self));
            }
        }
    )*};
}

names! {
    Law => Law::as_str,
    Field => Field::as_str,
    DiagnosticKind => DiagnosticKind::as_str,
    Boundary => Boundary::as_str,
    SourceFormat => SourceFormat::as_str,
}

impl Json for Document {
    fn json(&self, out: &mut Vec<u8>) {
        object!(out, self, Document {
            source, messages, case_numbers, redactions, disclaimers, diagnostics,
            preamble, furniture, other, release, summary; text
        });
    }
}

impl Json for Source {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Source {
                path,
                index,
                format
            }
        );
    }
}

impl Json for Release {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Release {
                case_number,
                document_number,
                document_numbers,
                date,
                decision,
                grounds
            }
        );
    }
}

impl Json for Summary {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Summary {
                messages,
                redactions,
                redactions_by_law,
                redactions_by_ground,
                first_sent,
                last_sent
            }
        );
    }
}

impl Json for Message {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Message {
                index,
                from,
                sender,
                to,
                cc,
                bcc,
                sent,
                sent_raw,
                subject,
                normalized_subject,
                case_numbers,
                message_id,
                in_reply_to,
                references,
                greeting,
                body,
                closing,
                signature,
                recommendations,
                span,
                boundary,
                language,
                attachments
            }
        );
    }
}

impl Json for Attachment {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Attachment {
                name,
                content_type,
                size
            }
        );
    }
}

impl Json for Party {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Party {
                name,
                address,
                domain,
                redacted
            }
        );
    }
}

impl Json for Signature {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Signature {
                text,
                name,
                title,
                organization,
                phones,
                emails,
                urls,
                addresses
            }
        );
    }
}

impl Json for Recommendation {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Recommendation {
                number,
                text,
                items
            }
        );
    }
}

impl Json for Redaction {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Redaction {
                marker,
                code,
                codes,
                law,
                ground,
                message,
                field,
                span
            }
        );
    }
}

impl Json for Block {
    fn json(&self, out: &mut Vec<u8>) {
        object!(out, self, Block { text, span });
    }
}

impl Json for Diagnostic {
    fn json(&self, out: &mut Vec<u8>) {
        object!(
            out,
            self,
            Diagnostic {
                kind,
                message,
                span
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, NaiveDate, TimeZone};
    use proptest::prelude::*;

    use super::*;
    use crate::Parser;

    fn ours<T: Json + ?Sized>(v: &T) -> String {
        let mut out = Vec::new();
        write(&mut out, v);
        String::from_utf8(out).expect("UTF-8")
    }

    fn serde_jsons<T: serde::Serialize + ?Sized>(v: &T) -> String {
        serde_json::to_string(v).expect("serialises")
    }

    #[test]
    fn every_byte_that_json_escapes_at_every_place_in_a_chunk() {
        let specials: Vec<char> = (0u8..0x20).map(char::from).chain(['"', '\\']).collect();
        for &c in &specials {
            // Up to 54 bytes: three whole chunks of 16 and a tail.
            for len in 0..36 {
                for at in 0..=len {
                    let mut s: String = "aé".repeat(len).chars().take(len).collect();
                    s.insert(s.char_indices().nth(at).map_or(s.len(), |(i, _)| i), c);
                    assert_eq!(ours(&s), serde_jsons(&s), "{s:?}");
                }
            }
        }
        // Bytes next to the boundaries of each test: space, DEL, 0x80 and
        // above, and the bytes one off `"` and `\`.
        let near = " !#[]^\u{7f}\u{80}\u{ff}€😀\u{2028}";
        assert_eq!(ours(near), serde_jsons(near));
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in any::<String>()) {
            prop_assert_eq!(ours(&s), serde_jsons(&s));
        }

        #[test]
        fn text_with_lines_and_quotes_too(s in "([a-z \"\\\\\t\n\r]|é|\u{1}){0,80}") {
            prop_assert_eq!(ours(&s), serde_jsons(&s));
        }
    }

    #[test]
    fn every_document_of_the_fixtures_is_written_as_serde_json_writes_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut documents = 0;
        for doc in crate::input::read(Parser::new(), &[dir]) {
            // A fixture that is no mail has no document to compare.
            let Ok(doc) = doc else { continue };
            assert_eq!(ours(&doc), serde_jsons(&doc), "{}", doc.source.path);
            documents += 1;
        }
        assert!(documents >= 40, "only {documents} documents");
    }

    #[test]
    fn every_field_and_every_name_is_written_as_serde_json_writes_it() {
        let date = NaiveDate::from_ymd_opt(2023, 3, 9).expect("date");
        let local = date.and_hms_opt(14, 5, 0).expect("time");
        let zoned = FixedOffset::east_opt(3600)
            .expect("offset")
            .from_local_datetime(&local)
            .single()
            .expect("zoned");
        let party = Party {
            name: Some("Doe, \"J\"".into()),
            address: Some("j@doe.nl".into()),
            domain: Some("doe.nl".into()),
            redacted: true,
        };
        let span = Span::new(3, 17);
        let mut message = Message {
            index: 2,
            from: Some(party.clone()),
            sender: Some(Party::default()),
            to: vec![party.clone(), Party::default()],
            cc: vec![party.clone()],
            bcc: vec![],
            sent: Some(Timestamp::Zoned(zoned)),
            sent_raw: Some("9 maart 2023 14:05".into()),
            subject: Some("RE: [23.0003747]\tzaak".into()),
            normalized_subject: Some("zaak".into()),
            case_numbers: vec!["23.0003747".into()],
            message_id: Some("<a@b>".into()),
            in_reply_to: Some("<c@d>".into()),
            references: vec!["<c@d>".into(), "<e@f>".into()],
            greeting: Some("Beste Jan,".into()),
            body: "regel\r\nregel \\ 2\u{1}".into(),
            closing: Some("Groet,".into()),
            signature: Some(Signature {
                text: "Jan\nNCTV".into(),
                name: Some("Jan".into()),
                title: Some("adviseur".into()),
                organization: Some("NCTV".into()),
                phones: vec!["+31 6 1234".into()],
                emails: vec!["j@doe.nl".into()],
                urls: vec!["https://nctv.nl".into()],
                addresses: vec!["Turfmarkt 147".into()],
            }),
            recommendations: vec![Recommendation {
                number: "1".into(),
                text: "Zorg".into(),
                items: vec!["a".into(), "b".into()],
            }],
            span,
            boundary: Boundary::Header,
            language: Some("nl"),
            attachments: vec![Attachment {
                name: Some("brief.pdf".into()),
                content_type: None,
                size: 1234,
            }],
        };
        let redaction = |law, field| Redaction {
            marker: "5.1.2.e".into(),
            code: Some("5.1.2.e".into()),
            codes: vec!["5.1.2.e".into()],
            law,
            ground: Some("privacy".into()),
            message: Some(0),
            field,
            span,
        };
        let laws = [
            None,
            Some(Law::Woo),
            Some(Law::Wob),
            Some(Law::UsFoia),
            Some(Law::UkFoi),
        ];
        let fields = [
            Field::From,
            Field::Sender,
            Field::To,
            Field::Cc,
            Field::Bcc,
            Field::Sent,
            Field::Subject,
            Field::Header,
            Field::Greeting,
            Field::Body,
            Field::Closing,
            Field::Signature,
            Field::Preamble,
            Field::Disclaimer,
            Field::Furniture,
            Field::Other,
        ];
        let redactions: Vec<Redaction> = fields
            .iter()
            .zip(laws.iter().cycle())
            .map(|(&f, &l)| redaction(l, f))
            .collect();
        let kinds = [
            DiagnosticKind::UnparsedDate,
            DiagnosticKind::AmbiguousDate,
            DiagnosticKind::MissingSender,
            DiagnosticKind::MissingDate,
            DiagnosticKind::MalformedAddress,
            DiagnosticKind::RepairedCode,
            DiagnosticKind::InvalidUtf8,
            DiagnosticKind::Encoding,
            DiagnosticKind::LimitReached,
            DiagnosticKind::RepairedLabel,
            DiagnosticKind::BrokenMime,
            DiagnosticKind::MalformedMailbox,
        ];
        let diagnostics = kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| Diagnostic {
                kind,
                message: format!("probleem {i}"),
                span: (i % 2 == 0).then_some(span),
            })
            .collect();
        let block = Block {
            text: "Pagina 1 van 2".into(),
            span,
        };
        let mut messages = vec![message.clone()];
        for (boundary, sent) in [
            (Boundary::None, None),
            (Boundary::Attribution, Some(Timestamp::Date(date))),
            (Boundary::Separator, Some(Timestamp::Local(local))),
            (Boundary::Rfc5322, Some(Timestamp::Zoned(zoned))),
        ] {
            message.boundary = boundary;
            message.sent = sent;
            message.language = None;
            message.signature = None;
            messages.push(message.clone());
        }
        let summary = Summary::of(&messages, &redactions);
        assert!(!summary.redactions_by_ground.is_empty() && summary.first_sent.is_some());
        let mut doc = Document {
            source: Source::default(),
            messages,
            case_numbers: vec!["23.0003747".into()],
            redactions,
            disclaimers: vec![block.clone()],
            diagnostics,
            preamble: Some(block.clone()),
            furniture: vec![block.clone(), block.clone()],
            other: vec![block],
            release: Some(Release {
                case_number: Some("F-2014-20439".into()),
                document_number: Some("C05739545".into()),
                document_numbers: vec!["C05739545".into()],
                date: Some(date),
                decision: Some("RELEASE IN PART".into()),
                grounds: vec!["B5".into(), "B6".into()],
            }),
            summary,
            text: "not written".into(),
        };
        assert_eq!(ours(&doc), serde_jsons(&doc));
        for format in [
            SourceFormat::Transcript,
            SourceFormat::Eml,
            SourceFormat::Mbox,
            SourceFormat::Maildir,
        ] {
            doc.source = Source {
                path: "a\\b.mbox".into(),
                index: Some(7),
                format,
            };
            doc.release = Some(Release::default());
            doc.preamble = None;
            assert_eq!(ours(&doc), serde_jsons(&doc));
        }
    }
}
