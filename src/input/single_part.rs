//! mail-parser's reading of the commonest email, one `text/plain` part
//! (or no `Content-Type` at all), without two steps that change nothing
//! for most such mail.
//!
//! `MessageParser::parse` reads a body without a transfer encoding byte by
//! byte, looking for a MIME boundary a single part does not have, and runs
//! a text body through its charset's decoder one `char` at a time
//! (`String::push`, then `shrink_to_fit`), also when the body is ASCII and
//! the charset (`us-ascii`, `iso-8859-1`, `windows-1252`) maps ASCII to
//! itself. On the benchmark mbox (Enron, SpamAssassin, notmuch) those two
//! steps were a fifth of all the instructions mailthread ran.
//!
//! [`parse`] reads the headers with mail-parser's own header-name and
//! field parsers ([`read_headers`]: the headers `MAIL_PARSER` skips are
//! skipped a line at a time, not a byte at a time), then
//! builds the `Message` that `MessageParser::parse` builds for such a
//! message, calling the same transfer and charset decoders; only an ASCII
//! body in a charset that maps ASCII to itself is borrowed as it is. Any
//! other message (multipart, HTML, a nested message, an attachment, a body
//! mail-parser finds a problem in, headers without a body) gets `None`,
//! and the caller parses it whole. Tests hold the two readings equal on
//! hand-made messages and on every file of the shared corpus.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::HEX_MAP;
use mail_parser::parsers::MessageStream;
use mail_parser::{
    Encoding, GetHeader, Header, HeaderName, HeaderValue, Message, MessagePart, PartType,
};

/// The charset names that mail-parser's `charset_decoder` gives its
/// `windows-1252` decoder, written as it compares them (ASCII lower case,
/// `-` made `_`): a table from byte to `char` that maps every ASCII byte
/// to itself (a test checks that for each name).
const ASCII_PRESERVING: [&str; 17] = [
    "ansi_x3.4_1968",
    "ascii",
    "cp1252",
    "cp819",
    "csisolatin1",
    "cswindows1252",
    "ibm819",
    "iso88591",
    "iso8859_1",
    "iso_8859_1",
    "iso_8859_1:1987",
    "iso_ir_100",
    "l1",
    "latin1",
    "us_ascii",
    "windows_1252",
    "x_cp1252",
];

/// The message `MAIL_PARSER.parse(raw)` gives (the parser of `input.rs`),
/// when `raw` is a message of one `text/plain` part that mail-parser
/// decodes without a problem; `None` for any other (the caller then
/// parses it with `MAIL_PARSER.parse`).
pub(super) fn parse(raw: &[u8]) -> Option<Message<'_>> {
    // The caller parses anything else whole, headers included: for
    // multipart or HTML mail, reading the headers here first would be
    // done twice.
    if !may_be_plain_text(raw) {
        return None;
    }
    let mut stream = MessageStream::new(raw);
    let mut headers = Vec::new();
    // `false`: the headers run to the end, with no blank line; mail-parser
    // then marks the message as an encoding problem.
    if !read_headers(&mut stream, &mut headers) || headers.is_empty() {
        return None;
    }
    let body_start = stream.offset();
    let content_type = headers
        .header_value(&HeaderName::ContentType)
        .and_then(|c| c.as_content_type());
    // mail-parser's `mime_type`: no type, in a message, is `text/plain`.
    if content_type.is_some_and(|ct| ct.ctype() != "text" || ct.subtype() != Some("plain")) {
        return None;
    }
    // A part marked as an attachment is no text body.
    let attachment = headers
        .header_value(&HeaderName::ContentDisposition)
        .is_some_and(|d| d.as_content_type().is_some_and(|ct| ct.is_attachment()));
    if attachment {
        return None;
    }
    let transfer = match headers.header_value(&HeaderName::ContentTransferEncoding) {
        Some(HeaderValue::Text(e)) if e.eq_ignore_ascii_case("base64") => Encoding::Base64,
        Some(HeaderValue::Text(e)) if e.eq_ignore_ascii_case("quoted-printable") => {
            Encoding::QuotedPrintable
        }
        _ => Encoding::None,
    };
    let bytes = match transfer {
        // Without a boundary, mail-parser's `mime_part` takes the rest of
        // the message as it is.
        Encoding::None => Cow::Borrowed(raw.get(body_start..)?),
        Encoding::Base64 => decoded(stream.decode_base64_mime(b""))?,
        Encoding::QuotedPrintable => Cow::Owned(quoted_printable(raw.get(body_start..)?)?),
    };
    let text = text(bytes, content_type.and_then(|ct| ct.attribute("charset")));
    Some(Message {
        html_body: vec![0],
        text_body: vec![0],
        attachments: Vec::new(),
        parts: vec![MessagePart {
            headers,
            is_encoding_problem: false,
            body: PartType::Text(text),
            encoding: transfer,
            offset_header: 0,
            // `as`, as mail-parser stores them.
            offset_body: body_start as u32,
            offset_end: raw.len() as u32,
        }],
        raw_message: Cow::Borrowed(raw),
    })
}

/// `MessageStream::parse_headers` with the parser of `input.rs`
/// (`MAIL_PARSER`): the same loop over the header lines, each name read by
/// mail-parser's own `parse_header_name` and each value it reads by the
/// same field parser, found by a `match` on the name instead of a lookup
/// in the parser's table (a SipHash of each name). A value the parser
/// skips is skipped a line at a time ([`skip_value`]) instead of a byte
/// at a time. Tests hold the messages read with it equal to
/// `MAIL_PARSER.parse` on hand-made messages and on the corpus, so a
/// field that `MAIL_PARSER` comes to read must be read here too.
fn read_headers<'x>(s: &mut MessageStream<'x>, headers: &mut Vec<Header<'x>>) -> bool {
    loop {
        // Blanks before a name; a line break here ends the headers.
        loop {
            match s.peek() {
                Some(b'\n') => {
                    s.next();
                    return true;
                }
                None => return false,
                Some(ch) if !ch.is_ascii_whitespace() => break,
                _ => {
                    s.next();
                }
            }
        }
        let offset_field = s.offset();
        if let Some(name) = s.parse_header_name() {
            let offset_start = s.offset();
            let value = match name {
                HeaderName::ContentType | HeaderName::ContentDisposition => s.parse_content_type(),
                HeaderName::ContentId
                | HeaderName::MessageId
                | HeaderName::InReplyTo
                | HeaderName::References => s.parse_id(),
                HeaderName::ContentDescription
                | HeaderName::ContentLocation
                | HeaderName::ContentTransferEncoding
                | HeaderName::Subject => s.parse_unstructured(),
                HeaderName::Date => s.parse_date(),
                _ => {
                    skip_value(s);
                    HeaderValue::Empty
                }
            };
            // `as`, as mail-parser stores them.
            headers.push(Header {
                name,
                value,
                offset_field: offset_field as u32,
                offset_start: offset_start as u32,
                offset_end: s.offset() as u32,
            });
        } else if s.is_eof() {
            return false;
        }
    }
}

/// `MessageStream::parse_and_ignore`: past the line break that ends the
/// value (one not followed by a space or a tab, which folds the value
/// onto the next line), or to the end. Its byte-by-byte loop stops at
/// the same place.
fn skip_value(s: &mut MessageStream<'_>) {
    let rest = s.peek_bytes(s.remaining()).unwrap_or_default();
    if rest.is_empty() {
        // At the end: nothing to skip. (The stream's position may be past
        // the end, after a name read to it, and `skip_bytes` would slice
        // the data from there.)
        return;
    }
    let mut at = 0;
    let end = loop {
        // OK because `at <= rest.len()`: it is 0, or two past a line break
        // followed by a byte.
        match memchr::memchr(b'\n', &rest[at..]) {
            Some(i) => match rest.get(at + i + 1) {
                Some(b' ' | b'\t') => at += i + 2,
                _ => break at + i + 1,
            },
            None => break rest.len(),
        }
    };
    s.skip_bytes(end);
}

/// Whether the header lines of `raw` (up to its first blank line) declare
/// no `Content-Type` or, in the last one as mail-parser reads them, a
/// `text/plain` one: a look at the bytes, before mail-parser reads the
/// headers. It decides only whether [`parse`] tries (mail-parser's reading
/// then decides what the message is), so a header it misreads costs time,
/// never a wrong result.
fn may_be_plain_text(raw: &[u8]) -> bool {
    const NAME: &[u8] = b"content-type:";
    let mut plain = true;
    let mut at = 0;
    while let Some(line) = raw.get(at..).filter(|l| !l.is_empty()) {
        let end = memchr::memchr(b'\n', line).map_or(line.len(), |n| n + 1);
        // OK because `end` is at most `line.len()`.
        let l = &line[..end];
        if l.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        if l.get(..NAME.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(NAME))
        {
            // The value, perhaps on the next (folded) line.
            let value = raw.get(at + NAME.len()..).unwrap_or_default();
            plain = value
                .trim_ascii_start()
                .get(..10)
                .is_some_and(|v| v.eq_ignore_ascii_case(b"text/plain"));
        }
        at += end;
    }
    plain
}

/// A transfer decoder's bytes, or `None` where it found no end (mail-parser
/// then reads the part again as a problem).
fn decoded<'x>((end, bytes): (usize, Cow<'x, [u8]>)) -> Option<Cow<'x, [u8]>> {
    (end != usize::MAX).then_some(bytes)
}

/// Where [`quoted_printable`] is in an escape.
#[derive(Clone, Copy, PartialEq)]
enum Escape {
    /// Not in one.
    No,
    /// After `=`.
    Eq,
    /// After `=` and a hex digit of this value.
    Hex1(u8),
}

/// mail-parser's `decode_quoted_printable_mime` over a body without a
/// boundary, quirks and all: blanks before a line's end are dropped unless
/// they were encoded, every `\r` is dropped and, from the first one on,
/// line ends are written `\r\n`; `=` before a line's end (and blanks)
/// joins the lines, an escape that is no hex pair stays as written, and an
/// `=` inside an escape is a problem (`None`). It copies each run of bytes
/// outside escapes and line ends whole, where mail-parser pushes byte by
/// byte; a property test holds the two equal.
fn quoted_printable(body: &[u8]) -> Option<Vec<u8>> {
    let hex = |c: u8| HEX_MAP.get(usize::from(c)).copied().unwrap_or(-1);
    let mut out = Vec::with_capacity(body.len());
    let mut state = Escape::No;
    // The blanks written since the last other byte: dropped at a line end.
    let mut blanks = 0;
    let mut newline: &[u8] = b"\n";
    let mut last = 0;
    let mut i = 0;
    while let Some(&ch) = body.get(i) {
        if state == Escape::No && !matches!(ch, b'=' | b'\n' | b'\r') {
            let end =
                memchr::memchr3(b'=', b'\n', b'\r', body.get(i..)?).map_or(body.len(), |k| i + k);
            let run = body.get(i..end)?;
            out.extend_from_slice(run);
            let trailing = run
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            blanks = if trailing == run.len() {
                blanks + trailing
            } else {
                trailing
            };
            last = run.last().copied().unwrap_or(last);
            i = end;
            continue;
        }
        match (ch, state) {
            (b'=', Escape::No) => state = Escape::Eq,
            (b'=', _) => return None,
            (b'\n', _) => {
                if state == Escape::Eq {
                    state = Escape::No;
                } else {
                    out.truncate(out.len().saturating_sub(blanks));
                    out.extend_from_slice(newline);
                }
                blanks = 0;
            }
            (b'\r', _) => newline = b"\r\n",
            (_, Escape::Eq) => {
                if let Ok(h) = u8::try_from(hex(ch)) {
                    state = Escape::Hex1(h);
                } else if !ch.is_ascii_whitespace() {
                    state = Escape::No;
                    out.extend_from_slice(&[b'=', ch]);
                    blanks = 0;
                }
            }
            (_, Escape::Hex1(h1)) => {
                state = Escape::No;
                match u8::try_from(hex(ch)) {
                    Ok(h2) => out.push((h1 << 4) | h2),
                    Err(_) => out.extend_from_slice(&[b'=', last, ch]),
                }
                blanks = 0;
            }
            // Plain bytes are copied in runs above.
            (_, Escape::No) => out.push(ch),
        }
        last = ch;
        i += 1;
    }
    Some(out)
}

/// The body's text, as mail-parser decodes it: by the charset's decoder
/// when it has one, else as UTF-8 with replacement characters. ASCII in a
/// charset that maps ASCII to itself is read as UTF-8: the same text.
fn text<'x>(bytes: Cow<'x, [u8]>, charset: Option<&str>) -> Cow<'x, str> {
    let decoder = charset
        .and_then(|c| charset_decoder(c.as_bytes()))
        .filter(|_| !(charset.is_some_and(preserves_ascii) && bytes.is_ascii()));
    match (bytes, decoder) {
        (Cow::Owned(v), Some(decode)) => decode(&v).into(),
        (Cow::Borrowed(b), Some(decode)) => decode(b).into(),
        (Cow::Owned(v), None) => String::from_utf8(v)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            .into(),
        // `String::from_utf8_lossy(b)`, but valid UTF-8 is checked by
        // `from_utf8`, which passes ASCII a word at a time: the lossy
        // reading goes byte by byte.
        (Cow::Borrowed(b), None) => {
            std::str::from_utf8(b).map_or_else(|_| String::from_utf8_lossy(b), Cow::Borrowed)
        }
    }
}

/// Whether `charset` is one of [`ASCII_PRESERVING`], compared as
/// `charset_decoder` compares names.
fn preserves_ascii(charset: &str) -> bool {
    let b = charset.as_bytes();
    ASCII_PRESERVING.iter().any(|name| {
        name.len() == b.len()
            && name.bytes().zip(b).all(|(n, &c)| {
                n == match c {
                    b'-' => b'_',
                    c => c.to_ascii_lowercase(),
                }
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte below 128.
    fn all_ascii() -> Vec<u8> {
        (0..128).collect()
    }

    #[test]
    fn only_mail_that_may_be_plain_text_is_tried() {
        for m in [
            "From: a@b.c\n\nbody\n",
            "From: a@b.c\nContent-Type: text/plain; charset=us-ascii\n\nx\n",
            "From: a@b.c\ncontent-type:\n\tTEXT/PLAIN\n\nx\n",
            "From: a@b.c\r\nContent-Type: text/plain\r\n\r\nx\r\n",
            // mail-parser reads the last of two.
            "Content-Type: multipart/mixed; boundary=b\nContent-Type: text/plain\n\nx\n",
            // A type in the body is no header.
            "From: a@b.c\n\nContent-Type: text/html\n",
            "From: a@b.c\n",
        ] {
            assert!(may_be_plain_text(m.as_bytes()), "{m:?}");
        }
        for m in [
            "From: a@b.c\nContent-Type: multipart/alternative; boundary=b\n\n--b\n",
            "From: a@b.c\nCONTENT-TYPE: text/html\n\n<p>x</p>\n",
            "Content-Type: message/rfc822\n\nFrom: a@b.c\n\nx\n",
            "Content-Type: text/plain\nContent-Type: text/html\n\nx\n",
        ] {
            assert!(!may_be_plain_text(m.as_bytes()), "{m:?}");
            assert!(!check(m.as_bytes()), "{m:?}");
        }
    }

    #[test]
    fn the_ascii_preserving_charsets_map_ascii_to_itself() {
        let ascii = all_ascii();
        for name in ASCII_PRESERVING {
            // As written in mail, and as the table writes it.
            for written in [name.replace('_', "-").to_uppercase(), name.to_string()] {
                assert!(preserves_ascii(&written), "{written}");
                let decode = charset_decoder(written.as_bytes()).expect(name);
                assert_eq!(decode(&ascii).as_bytes(), &ascii[..], "{written}");
            }
        }
        // Near misses are no such charset; UTF-7 and UTF-16 do not map
        // ASCII to itself.
        for other in [
            "utf-8",
            "utf-7",
            "utf-16",
            "iso-8859-2",
            "ascii ",
            "latin",
            "",
        ] {
            assert!(!preserves_ascii(other), "{other}");
        }
    }

    /// mail-parser's decoder over the same bytes.
    fn theirs(body: &[u8]) -> Option<Vec<u8>> {
        let mut stream = MessageStream::new(body);
        let (end, bytes) = stream.decode_quoted_printable_mime(b"");
        (end != usize::MAX).then(|| bytes.into_owned())
    }

    #[test]
    fn quoted_printable_reads_as_mail_parser_reads_it() {
        assert_eq!(HEX_MAP.len(), 256);
        for body in [
            &b"plain =3D text=\nsoft =20\n"[..],
            b"blanks  \t\nkept=20\n",
            b"a  =4\nZ",
            b"=4\r\nZ and =\r\n joined, = \t\nafter blanks",
            b"bad =ZZ =4Z =\xff end=",
            b"twice == is a problem",
            b"=4=1",
            b"\r only\rcr\n\n",
            b"",
        ] {
            assert_eq!(
                quoted_printable(body),
                theirs(body),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn quoted_printable_is_mail_parsers_on_any_bytes(
            body in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just(b'='), proptest::strategy::Just(b'\n'),
                proptest::strategy::Just(b'\r'), proptest::strategy::Just(b' '),
                proptest::strategy::Just(b'\t'), proptest::strategy::Just(0x0C),
                proptest::strategy::Just(b'A'), proptest::strategy::Just(b'f'),
                proptest::strategy::Just(b'3'), proptest::strategy::Just(b'g'),
                proptest::strategy::Just(0xE9), proptest::prelude::any::<u8>(),
            ], 0..40),
        ) {
            proptest::prop_assert_eq!(quoted_printable(&body), theirs(&body));
        }
    }

    /// The fast reading, when there is one, is the whole one.
    fn check(raw: &[u8]) -> bool {
        let whole = super::super::MAIL_PARSER.parse(raw);
        match parse(raw) {
            Some(fast) => {
                assert_eq!(
                    Some(&fast),
                    whole.as_ref(),
                    "{:?}",
                    String::from_utf8_lossy(raw)
                );
                true
            }
            None => false,
        }
    }

    #[test]
    fn single_text_parts_read_as_mail_parser_reads_them() {
        let head = "From: Kees <kees@example.nl>\nTo: jan@example.nl\nSubject: Zaak\n";
        let fast = [
            format!("{head}\nHallo Jan,\n\nGroet, Kees\n"),
            format!("{head}Content-Type: text/plain; charset=us-ascii\n\nHallo\n"),
            format!("{head}Content-Type: TEXT/PLAIN; charset=\"ISO-8859-1\"\n\nHallo\n"),
            format!("{head}Content-Type: text/plain; charset=windows-1252\n\nH\u{e9}\n"),
            format!("{head}Content-Type: text/plain; charset=utf-8\n\nH\u{e9}\n"),
            format!("{head}Content-Type: text/plain; charset=utf-7\n\nA+ImIDkQ.\n"),
            format!("{head}Content-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nHi\n"),
            format!(
                "{head}Content-Type: text/plain; charset=iso-8859-1\n\
                 Content-Transfer-Encoding: quoted-printable\n\nH=E9 =\nsoft\n"
            ),
            format!(
                "{head}Content-Type: text/plain; charset=us-ascii\n\
                 Content-Transfer-Encoding: quoted-printable\n\nplain =3D text\n"
            ),
            format!("{head}Content-Transfer-Encoding: base64\n\nSGFsbG8gSmFu\n"),
            format!("{head}Content-Disposition: inline\n\nHi\n"),
            format!("{head}\n"),
            format!("{head}\r\n\r\nCRLF\r\nbody\r\n"),
            format!("junk line\n{head}\nbody\n"),
        ];
        for m in &fast {
            assert!(check(m.as_bytes()), "not read fast: {m:?}");
        }
        // Latin-1 bytes that are not UTF-8, in each kind of charset.
        for charset in [
            "",
            "; charset=iso-8859-1",
            "; charset=utf-8",
            "; charset=koi8-r",
        ] {
            let mut m = format!("{head}Content-Type: text/plain{charset}\n\n").into_bytes();
            m.extend_from_slice(b"caf\xe9 \xff\n");
            assert!(check(&m), "{charset}");
        }
        let whole = [
            format!("{head}Content-Type: text/html\n\n<p>Hi</p>\n"),
            format!("{head}Content-Type: text/enriched\n\nHi\n"),
            format!("{head}Content-Type: message/rfc822\n\n{head}\nHi\n"),
            format!(
                "{head}Content-Type: multipart/mixed; boundary=b\n\n--b\n\
                 Content-Type: text/plain\n\nHi\n--b--\n"
            ),
            format!("{head}Content-Disposition: attachment; filename=a.txt\n\nHi\n"),
            // No blank line: mail-parser marks the part as a problem. A
            // line of blanks after a header continues its value.
            head.to_string(),
            format!("{head}  \nno body: the line of blanks folds the subject\n"),
            String::new(),
            "no headers here\n".to_string(),
            "\nthe blank line first: no headers\n".to_string(),
        ];
        for m in &whole {
            assert!(!check(m.as_bytes()), "read fast: {m:?}");
        }
    }

    proptest::proptest! {
        /// Messages put together from header lines of every kind the fast
        /// reading looks at (types, charsets, transfer encodings,
        /// dispositions, folded and broken lines), a blank line or none,
        /// and bodies of ASCII, escapes, line ends and other bytes: where
        /// the fast reading applies, it is mail-parser's.
        #[test]
        fn made_up_messages_read_as_mail_parser_reads_them(
            headers in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("From: Kees <kees@example.nl>\n"),
                proptest::strategy::Just("To: a@b.c, \"D, E\" <d@e.f>\n"),
                proptest::strategy::Just("Subject: =?utf-8?q?Caf=C3=A9?=\n"),
                proptest::strategy::Just("Content-Type: text/plain\n"),
                proptest::strategy::Just("Content-Type: text/plain; charset=us-ascii\n"),
                proptest::strategy::Just("Content-Type: text/plain; charset=\"utf-8\"\n"),
                proptest::strategy::Just("Content-Type: text/plain; charset=ISO-8859-1\n"),
                proptest::strategy::Just("Content-Type: text/plain; charset=utf-7\n"),
                proptest::strategy::Just("Content-Type: text/html\n"),
                proptest::strategy::Just("Content-Type: multipart/mixed; boundary=b\n"),
                proptest::strategy::Just("Content-Transfer-Encoding: quoted-printable\n"),
                proptest::strategy::Just("Content-Transfer-Encoding: base64\n"),
                proptest::strategy::Just("Content-Transfer-Encoding: 8bit\n"),
                proptest::strategy::Just("Content-Disposition: attachment\n"),
                proptest::strategy::Just("Content-Disposition: inline\n"),
                proptest::strategy::Just("X-Folded: a\n b\n"),
                proptest::strategy::Just("no colon here\n"),
                proptest::strategy::Just("Date: Mon, 2 Oct 2023 10:00:00 +0200\r\n"),
                // Every field `MAIL_PARSER` reads, and lines its loop
                // reads apart: a colon before the name, blanks in it, a
                // name too long for its table, an empty value, a value
                // folded over a line of blanks, a form feed, a name at the
                // very end.
                proptest::strategy::Just("Message-ID: <m1@example.nl>\n"),
                proptest::strategy::Just("In-Reply-To: <m0@example.nl>\n"),
                proptest::strategy::Just("References: <a@b.nl>\r\n <m0@example.nl>\r\n"),
                proptest::strategy::Just("Content-ID: <part@example.nl>\n"),
                proptest::strategy::Just("Content-Description: a letter\n"),
                proptest::strategy::Just("Content-Location: brief.txt\n"),
                proptest::strategy::Just("Received: from a\n\tby b; Mon, 2 Oct 2023\n"),
                proptest::strategy::Just(": colon first: x\n"),
                proptest::strategy::Just(" Subject : spaced name\n"),
                proptest::strategy::Just("mal formed: x\n"),
                proptest::strategy::Just("X-A-Name-Far-Longer-Than-Any-Known-One: x\n"),
                proptest::strategy::Just("X-Empty:\n"),
                proptest::strategy::Just("X-Blank-Fold: a\n \n b\n"),
                proptest::strategy::Just("\x0cX-Feed: x\n"),
                proptest::strategy::Just("X-No-End"),
            ], 0..6),
            blank in proptest::prop_oneof![
                proptest::strategy::Just(""), proptest::strategy::Just("\n"),
                proptest::strategy::Just("\r\n"), proptest::strategy::Just(" \n"),
            ],
            body in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just(&b"Hallo Jan"[..]), proptest::strategy::Just(&b"=3D"[..]),
                proptest::strategy::Just(&b"=\n"[..]), proptest::strategy::Just(&b"=="[..]),
                proptest::strategy::Just(&b"\r\n"[..]), proptest::strategy::Just(&b"\n"[..]),
                proptest::strategy::Just(&b"  \t"[..]), proptest::strategy::Just(&b"SGFsbG8="[..]),
                proptest::strategy::Just(&b"\xe9\xff"[..]), proptest::strategy::Just("\u{e9}".as_bytes()),
                proptest::strategy::Just(&b"--b\n"[..]), proptest::strategy::Just(&b"+ImIDkQ-"[..]),
            ], 0..8),
        ) {
            let mut raw = headers.concat().into_bytes();
            raw.extend_from_slice(blank.as_bytes());
            for b in body {
                raw.extend_from_slice(b);
            }
            check(&raw);
        }
    }

    /// Every file of the shared corpus, and every message of its mboxes:
    /// where the fast reading applies, it is mail-parser's.
    #[test]
    fn the_corpus_reads_as_mail_parser_reads_it() {
        let Some(dir) = std::env::var_os("MAILTHREAD_CORPUS") else {
            println!(
                "the_corpus_reads_as_mail_parser_reads_it: skipped (MAILTHREAD_CORPUS not set)"
            );
            return;
        };
        let mut files = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("corpus directory") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        let (mut read, mut fast) = (0, 0);
        for path in &files {
            let bytes = std::fs::read(path).expect("corpus file");
            // The file whole, and each message when it is an mbox.
            let mut units = vec![bytes.clone()];
            if bytes.starts_with(b"From ") {
                let parser = crate::Parser::new();
                for unit in super::super::units(&parser, &[path]).flatten() {
                    units.push(unit.bytes);
                }
            }
            for u in &units {
                read += 1;
                fast += usize::from(check(u));
            }
        }
        println!("corpus: {read} files and mbox messages, {fast} read fast");
        // Measured when the test was written; a floor that only goes up.
        assert!(read >= 6925 && fast >= 3678, "{read} read, {fast} fast");
    }
}
