//! The input layer's mbox reading and byte caps: where one message ends
//! and the next begins, what happens to text that belongs to no message,
//! and what a cap keeps.

use std::path::PathBuf;

use mailthread::{DiagnosticKind, Document, Parser};

/// Writes `bytes` to a fresh file named `name` and reads every document.
fn read(parser: Parser, name: &str, bytes: &[u8]) -> Vec<Document> {
    let dir = std::env::temp_dir().join(format!(
        "mailthread-mailbox-{}-{}",
        std::process::id(),
        name
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let docs: Vec<Document> = mailthread::input::read(parser, &[&path])
        .map(|d| d.expect("readable mail"))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    for d in &docs {
        let problems = mailthread::check::invariants(d);
        assert!(problems.is_empty(), "{problems:?}");
    }
    docs
}

fn email(n: usize, body: &str) -> String {
    format!(
        "Message-ID: <{n}@example.org>\nFrom: Ann <ann@example.org>\nSubject: message {n}\nDate: Mon, 1 Jan 2001 10:0{n}:00 +0000\n\n{body}\n"
    )
}

fn kinds(doc: &Document) -> Vec<DiagnosticKind> {
    doc.diagnostics.iter().map(|d| d.kind).collect()
}

#[test]
fn a_body_line_starting_with_from_does_not_split() {
    // mboxo leaves `From ` in a body unescaped; it has no date, so it is
    // text. The escaped `>From ` of mboxrd loses one `>`.
    let mbox = format!(
        "From ann@example.org Mon Jan  1 10:01:00 2001\n{}\nFrom here on it is text.\n>From the escaped line.\n>>From the doubly escaped line.\n\nFrom ann@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, "First."),
        email(2, "Second.")
    );
    let docs = read(Parser::new(), "a.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 2);
    assert!(docs[0].text.ends_with(
        "First.\n\nFrom here on it is text.\nFrom the escaped line.\n>From the doubly escaped line.\n\n"
    ), "{:?}", docs[0].text);
    assert!(docs[0].messages[0]
        .body
        .contains("From here on it is text."));
    assert_eq!(docs[1].messages[0].subject.as_deref(), Some("message 2"));
    assert_eq!(docs[1].source.index, Some(1));
}

#[test]
fn a_separator_without_a_blank_line_before_it_splits() {
    let mbox = format!(
        "From a@example.org Mon Jan  1 10:01:00 2001\n{}From b@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, "First."),
        email(2, "Second.")
    );
    let docs = read(Parser::new(), "b.mbox", mbox.as_bytes());
    let subjects: Vec<_> = docs
        .iter()
        .map(|d| d.messages[0].subject.clone().unwrap())
        .collect();
    assert_eq!(subjects, ["message 1", "message 2"]);
}

#[test]
fn crlf_mailboxes_split_the_same() {
    let mbox = format!(
        "From a@example.org Mon Jan  1 10:01:00 2001\n{}\nFrom b@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, "First."),
        email(2, "Second.")
    )
    .replace('\n', "\r\n");
    let docs = read(Parser::new(), "c.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].messages[0].body, "First.");
    assert_eq!(docs[1].messages[0].body, "Second.");
}

#[test]
fn an_envelope_line_with_a_bare_sender_opens_the_file() {
    // The first `From ` line needs no date: it opens the mailbox.
    let mbox = format!(
        "From x\n{}\nFrom a@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, "One."),
        email(2, "Two.")
    );
    let docs = read(Parser::new(), "d.mbox", mbox.as_bytes());
    let bodies: Vec<_> = docs.iter().map(|d| d.messages[0].body.clone()).collect();
    assert_eq!(bodies, ["One.", "Two."]);
    assert!(docs.iter().all(|d| d.diagnostics.is_empty()));
}

#[test]
fn an_mbox_message_over_the_byte_cap_is_cut_and_the_next_is_read() {
    let big = "word ".repeat(2000);
    let mbox = format!(
        "From a@example.org Mon Jan  1 10:01:00 2001\n{}\nFrom b@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, &big),
        email(2, "Second.")
    );
    let docs = read(Parser::new().max_bytes(1000), "f.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 2);
    assert_eq!(kinds(&docs[0]), [DiagnosticKind::LimitReached]);
    assert!(docs[0].diagnostics[0].message.contains("cap of 1000"));
    assert!(docs[0].text.len() < 1000);
    assert_eq!(docs[0].messages[0].subject.as_deref(), Some("message 1"));
    assert!(kinds(&docs[1]).is_empty());
    assert_eq!(docs[1].messages[0].body, "Second.");
}

#[test]
fn a_transcript_over_the_byte_cap_is_cut_at_a_line() {
    let mut text =
        String::from("Van: Jan <jan@example.nl>\nVerzonden: maandag 1 mei 2023 10:00\n\n");
    for i in 0..100 {
        text.push_str(&format!("Regel {i} met één woord.\n"));
    }
    let docs = read(Parser::new().max_bytes(500), "g.txt", text.as_bytes());
    assert_eq!(kinds(&docs[0]), [DiagnosticKind::LimitReached]);
    assert!(docs[0].text.ends_with(".\n"), "{:?}", docs[0].text);
    assert!(docs[0].text.len() <= 500);
    assert_eq!(
        docs[0].messages[0]
            .from
            .as_ref()
            .unwrap()
            .address
            .as_deref(),
        Some("jan@example.nl")
    );
    assert!(docs[0].messages[0]
        .body
        .starts_with("Regel 0 met één woord."));
}

#[test]
fn quoting_past_the_depth_cap_stays_text() {
    let text = "Top.\n\nOn Mon, 1 Jan 2001 at 10:00, A <a@example.org> wrote:\n> One.\n>\n> On Mon, 1 Jan 2001 at 09:00, B <b@example.org> wrote:\n>> Two.\n>>\n>> On Mon, 1 Jan 2001 at 08:00, C <c@example.org> wrote:\n>>> Three.\n";
    assert_eq!(mailthread::parse_transcript(text).messages.len(), 4);
    let doc = Parser::new().max_quote_depth(1).parse_transcript(text);
    assert_eq!(doc.messages.len(), 3);
    assert_eq!(kinds(&doc), [DiagnosticKind::LimitReached]);
    assert!(doc.messages[2].body.contains("Three."));
    assert!(mailthread::check::invariants(&doc).is_empty());
}

#[test]
fn thunderbird_separators_without_a_date_split_after_a_blank_line() {
    let mbox = "From - \nFrom: a@example.org\nSubject: one\nMessage-ID: <1@x>\n\nfirst\n\nFrom - \nFrom: b@example.org\nSubject: two\nMessage-ID: <2@x>\n\nsecond\nFrom Russia with love.\n\nFrom 1844347792267117879@xxx\nFrom: c@example.org\nSubject: three\nMessage-ID: <3@x>\n\nthird\n";
    let docs = read(Parser::new(), "h.mbox", mbox.as_bytes());
    let subjects: Vec<_> = docs
        .iter()
        .map(|d| d.messages[0].subject.clone().unwrap_or_default())
        .collect();
    assert_eq!(subjects, ["one", "two", "three"]);
    assert_eq!(docs[1].messages[0].body, "second\nFrom Russia with love.");
}

#[test]
fn an_mbox_opening_with_a_byte_order_mark() {
    let mbox = format!(
        "\u{feff}From a@example.org Mon Jan  1 10:01:00 2001\n{}\nFrom b@example.org Mon Jan  1 10:02:00 2001\n{}",
        email(1, "First."),
        email(2, "Second.")
    );
    let docs = read(Parser::new(), "i.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].messages[0].subject.as_deref(), Some("message 1"));
}

#[test]
fn a_message_with_a_binary_utf16_part_is_mail() {
    let mut eml = b"Message-ID: <u16@x>\nFrom: A <a@example.org>\nSubject: utf-16\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nSee the attachment.\n--b\nContent-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: binary\nContent-Disposition: attachment; filename=\"notes.txt\"\n\n".to_vec();
    for c in "Notes in UTF-16, with NUL bytes. ".repeat(4).encode_utf16() {
        eml.extend_from_slice(&c.to_le_bytes());
    }
    eml.extend_from_slice(b"\n--b--\n");
    let docs = read(Parser::new(), "j.eml", &eml);
    assert_eq!(docs[0].messages[0].subject.as_deref(), Some("utf-16"));
    assert_eq!(docs[0].messages[0].body, "See the attachment.");
}

#[test]
fn a_maildir_without_new_is_still_a_maildir() {
    let dir = std::env::temp_dir().join(format!("mailthread-mailbox-{}-k", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cur")).unwrap();
    std::fs::write(dir.join("cur/1.host:2,S"), email(1, "In cur.")).unwrap();
    let docs: Vec<Document> = mailthread::input::read(Parser::new(), &[&dir])
        .map(|d| d.unwrap())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].source.format, mailthread::SourceFormat::Maildir);
}

#[test]
fn a_truncated_multipart_message_says_so() {
    let eml = "Message-ID: <t@x>\nFrom: A <a@example.org>\nSubject: cut\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nThe start of the text, and then the file ends";
    let docs = read(Parser::new(), "l.eml", eml.as_bytes());
    // mail-parser also reports the cut part as an encoding problem.
    let broken: Vec<_> = docs[0]
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::BrokenMime)
        .collect();
    assert_eq!(broken.len(), 1);
    assert!(broken[0].message.contains("never closed"));
    assert!(docs[0].messages[0]
        .body
        .starts_with("The start of the text"));
}

#[test]
fn a_broken_mime_boundary_says_so() {
    let eml = "Message-ID: <b@x>\nFrom: A <a@example.org>\nSubject: broken\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"declared\"\n\n--other\nContent-Type: text/plain\n\nText under another boundary.\n--other--\n";
    let docs = read(Parser::new(), "m.eml", eml.as_bytes());
    assert_eq!(kinds(&docs[0]), [DiagnosticKind::BrokenMime]);
    assert!(docs[0].diagnostics[0]
        .message
        .contains("never opens a part"));
    assert_eq!(docs[0].messages[0].subject.as_deref(), Some("broken"));
}

/// An HTML-only email with `body` as its HTML.
fn html_email(body: &str) -> String {
    format!(
        "Message-ID: <h@x>\nFrom: Top <top@example.org>\nSubject: Re: plan\nDate: Mon, 1 Mar 2021 10:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n{body}\n"
    )
}

#[test]
fn thunderbird_and_apple_mail_html_quotes_split() {
    let thunderbird = html_email(
        "<p>Agreed.</p><div class=\"moz-cite-prefix\">On 2021-03-01 09:15, Ann Lee wrote:<br></div><blockquote type=\"cite\" cite=\"mid:1@x\"><p>Shall we move the meeting?</p></blockquote>",
    );
    let apple = html_email(
        "<div>Agreed.</div><div><br><blockquote type=\"cite\"><div>On 1 Mar 2021, at 09:15, Ann Lee &lt;ann@example.org&gt; wrote:</div><br><div><div>Shall we move the meeting?</div></div></blockquote></div>",
    );
    for (name, eml) in [("n.eml", thunderbird), ("o.eml", apple)] {
        let docs = read(Parser::new(), name, eml.as_bytes());
        let doc = &docs[0];
        assert_eq!(doc.messages.len(), 2, "{name}: {:?}", doc.text);
        assert_eq!(doc.messages[0].body, "Agreed.", "{name}");
        let quoted = &doc.messages[1];
        assert_eq!(
            quoted.from.as_ref().and_then(|p| p.name.as_deref()),
            Some("Ann Lee"),
            "{name}"
        );
        assert_eq!(
            quoted
                .sent
                .map(|t| t.naive().format("%Y-%m-%d %H:%M").to_string())
                .as_deref(),
            Some("2021-03-01 09:15"),
            "{name}"
        );
        assert_eq!(quoted.body, "Shall we move the meeting?", "{name}");
    }
}

#[test]
fn outlook_web_html_reply_header_splits() {
    let eml = html_email(
        "<div>Fine by me.</div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>From:</b> Ann Lee &lt;ann@example.org&gt;<br><b>Sent:</b> Monday, March 1, 2021 9:15 AM<br><b>To:</b> Top &lt;top@example.org&gt;<br><b>Subject:</b> plan</font><div>&nbsp;</div></div><div>Shall we move the meeting?</div>",
    );
    let docs = read(Parser::new(), "p.eml", eml.as_bytes());
    let doc = &docs[0];
    assert_eq!(doc.messages.len(), 2, "{:?}", doc.text);
    assert_eq!(doc.messages[0].body, "Fine by me.");
    let quoted = &doc.messages[1];
    assert_eq!(
        quoted.from.as_ref().and_then(|p| p.address.as_deref()),
        Some("ann@example.org")
    );
    assert_eq!(quoted.subject.as_deref(), Some("plan"));
    assert_eq!(quoted.body, "Shall we move the meeting?");
}
