//! Client and language forms of the attribution line and header block,
//! one small thread each: who sent the quoted message, and when.

/// The second of exactly two messages in `text`, the invariants held.
fn second(text: &str) -> mailthread::Message {
    let mut doc = mailthread::parse_transcript(text);
    assert!(mailthread::check::invariants(&doc).is_empty());
    assert_eq!(doc.messages.len(), 2, "{text}");
    doc.messages.remove(1)
}

/// The quoted message's sender address and sent time.
fn quoted(text: &str) -> (Option<String>, Option<String>) {
    let m = second(text);
    (
        m.from.as_ref().and_then(|p| p.address.clone()),
        m.sent.map(|t| t.to_string()),
    )
}

#[test]
fn gmail_iso_date_without_a_verb() {
    let (from, sent) = quoted(
        "Thank you.\n\n2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:\n\n> Earlier.\n",
    );
    assert_eq!(from.as_deref(), Some("do_not_reply@dolan.com"));
    assert_eq!(sent.as_deref(), Some("2014-03-20T08:48:00+01:00"));
}

#[test]
fn an_address_whose_closing_bracket_wrapped_onto_a_quoted_line() {
    let (from, sent) = quoted(
        "Ok.\n\ntir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com\n>:\n\n> Ok. Thanks.\n",
    );
    assert_eq!(from.as_deref(), Some("test@example.com"));
    assert_eq!(sent.as_deref(), Some("2017-04-18T13:09:00"));
}

#[test]
fn ukrainian_attribution() {
    let (from, sent) =
        quoted("Дякую.\n\n29 грудня 2017 р. о 19:09 <support@domain.com> написав:\n\n> Питання.\n");
    assert_eq!(from.as_deref(), Some("support@domain.com"));
    assert_eq!(sent.as_deref(), Some("2017-12-29T19:09:00"));
}

#[test]
fn chinese_outlook_header_block() {
    let (from, sent) = quoted(
        "谢谢。\n\n发件人: Company Questions <questions@company.com>\n发送时间: 2017年8月2日 15:37\n收件人: Sylvie\n主题: Company France - China\n\n问题。\n",
    );
    assert_eq!(from.as_deref(), Some("questions@company.com"));
    assert_eq!(sent.as_deref(), Some("2017-08-02T15:37:00"));
}

#[test]
fn french_webmail_message_du() {
    let (from, sent) = quoted(
        "Merci.\n\n========================================\n\nMessage du : 12/12/2016 13:20\nDe : \"Company Questions \" <questions@company.com>\nA : maecenas@somewhere.fr\nCopie à : \nSujet :  vitae porta purus rutrum eget !\n\nProin cursus.\n",
    );
    assert_eq!(from.as_deref(), Some("questions@company.com"));
    assert_eq!(sent.as_deref(), Some("2016-12-12T13:20:00"));
}

#[test]
fn state_department_labels_on_one_line_values_on_the_next() {
    let text = "Thanks.\n\nFrom: Sent: To: Subject:\nMills, Cheryl D <MillsCD@state.gov> Friday, December 4, 2009 9:35 AM H FW: Call list\n\nPlease see below.\n";
    let m = &second(text);
    assert_eq!(
        m.from.as_ref().and_then(|p| p.address.as_deref()),
        Some("MillsCD@state.gov")
    );
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2009-12-04T09:35:00")
    );
    assert_eq!(m.to[0].name.as_deref(), Some("H"));
    assert_eq!(m.subject.as_deref(), Some("FW: Call list"));
    assert_eq!(m.body, "Please see below.");
}

#[test]
fn state_department_labels_in_a_column_values_in_the_next() {
    let text = "Above.\n\nFrom:\nSent:\nTo:\nSubject:\nAbedin, Huma <AbedinH@state.gov>\nThursday, December 3, 2009 6:10 PM\nMills, Cheryl D\nCall list\n\nThe list for tomorrow.\n";
    let m = &second(text);
    assert_eq!(
        m.from.as_ref().and_then(|p| p.address.as_deref()),
        Some("AbedinH@state.gov")
    );
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2009-12-03T18:10:00")
    );
    assert_eq!(m.to[0].name.as_deref(), Some("Mills, Cheryl D"));
    assert_eq!(m.subject.as_deref(), Some("Call list"));
    assert_eq!(m.body, "The list for tomorrow.");
}

#[test]
fn a_lotus_notes_forward_is_one_message_from_the_original_sender() {
    let text = "Body.\n\n---------------------- Forwarded by Sally Beck/HOU/ECT on 11/20/2000 05:54 PM \n---------------------------\n\n\nBrent A Price\n11/20/2000 12:17 PM\nTo: Louise Kitchen/HOU/ECT@ECT\ncc: Sally Beck/HOU/ECT@ECT\nSubject: Re: Hess Trading Co\n\nText.\n";
    let m = &second(text);
    assert_eq!(
        m.from.as_ref().and_then(|p| p.name.as_deref()),
        Some("Brent A Price")
    );
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2000-11-20T12:17:00")
    );
    assert_eq!(m.subject.as_deref(), Some("Re: Hess Trading Co"));
    assert_eq!(m.body, "Text.");
}

#[test]
fn attributions_without_a_verb_or_without_a_colon() {
    for (line, address, sent) in [
        (
            "ср, 30 апр. 2025 г. в 15:19, John Doe <doe@example.com>:",
            "doe@example.com",
            "2025-04-30T15:19:00",
        ),
        (
            "30.09.2017, 18.30, \"John - Doe\" <john.doe@example.com>:",
            "john.doe@example.com",
            "2017-09-30T18:30:00",
        ),
        (
            "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote",
            "john@doe.com",
            "2018-11-14T08:14:43-02:00",
        ),
        (
            "---- On Wed, 24 Feb 2021 14:02:50 +0530 john@gmail.com wrote ----",
            "john@gmail.com",
            "2021-02-24T14:02:50+05:30",
        ),
    ] {
        let (from, got) = quoted(&format!("Thanks.\n\n{line}\n\n> Earlier.\n"));
        assert_eq!(from.as_deref(), Some(address), "{line}");
        assert_eq!(got.as_deref(), Some(sent), "{line}");
    }
}

#[test]
fn a_sentence_ending_in_wrote_is_no_attribution() {
    let doc = mailthread::parse_transcript("On Monday she read what he wrote\n\nand smiled.\n");
    assert_eq!(doc.messages.len(), 1);
}

#[test]
fn a_lotus_notes_header_on_one_line() {
    let text = "Were we involved?\n\n\tRick Buy/ENRON@enronXgate 05/30/01 09:20 AM \t   To: David Crews/Enron Communications@Enron Communications  cc: David Gorte/ENRON@enronXgate  Subject: RE: FYI - Project Raven\t\n\n\nWere we at the meeting?\n";
    let m = &second(text);
    assert_eq!(
        m.from.as_ref().and_then(|p| p.name.as_deref()),
        Some("Rick Buy/ENRON@enronXgate")
    );
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2001-05-30T09:20:00")
    );
    assert_eq!(m.cc.len(), 1);
    assert_eq!(m.subject.as_deref(), Some("RE: FYI - Project Raven"));
    assert_eq!(m.body, "Were we at the meeting?");
}

#[test]
fn an_address_closed_on_a_deeper_line_of_a_wrapped_attribution() {
    let (from, sent) = quoted(
        "Thanks.\n\nOn Thu, Jun 8, 2017 at 1:43 AM, David Hastings <hastings.recursive@gmail.com\n> wrote:\n\n> Is it fixed?\n",
    );
    assert_eq!(from.as_deref(), Some("hastings.recursive@gmail.com"));
    assert_eq!(sent.as_deref(), Some("2017-06-08T01:43:00"));
}

#[test]
fn a_lotus_notes_header_with_please_respond_to() {
    let text = "Here it is.\n\nafouke@tnc.org on 02/07/2000 11:09:16 AM\nPlease respond to <afouke@tnc.org>\nTo: <jskilli@enron.com>\ncc:\n\nSubject: JCS Bio\n\n\nHere is your copy of the bio.\n";
    let (from, sent) = quoted(text);
    assert_eq!(from.as_deref(), Some("afouke@tnc.org"));
    assert_eq!(sent.as_deref(), Some("2000-02-07T11:09:16"));
}

#[test]
fn a_groupwise_header_line() {
    let (from, sent) = quoted(
        "George\n\n>>> \"Campbell, Carolyn\" <CCampbell@KSLAW.com> 01/02/01 11:12AM >>>\nGeorge:\n\nKay Mann is looking for your requested language.\n",
    );
    assert_eq!(from.as_deref(), Some("CCampbell@KSLAW.com"));
    assert_eq!(sent.as_deref(), Some("2001-01-02T11:12:00"));
}

#[test]
fn korean_apple_mail_attribution() {
    let (from, sent) = quoted(
        "감사합니다.\n\n2016. 11. 8. 오후 12:39, 김민준 <minjun@example.com> 작성:\n\n> 이전 메일입니다.\n",
    );
    assert_eq!(from.as_deref(), Some("minjun@example.com"));
    assert_eq!(sent.as_deref(), Some("2016-11-08T12:39:00"));
}

#[test]
fn japanese_attributions() {
    let (from, sent) = quoted(
        "承知しました。\n\n2016/11/08 14:26、佐藤花子 <hanako@example.jp> のメッセージ:\n\n> 前のメールです。\n",
    );
    assert_eq!(from.as_deref(), Some("hanako@example.jp"));
    assert_eq!(sent.as_deref(), Some("2016-11-08T14:26:00"));
    // Gmail: the date in kanji, the weekday in parentheses, no verb.
    let (from, sent) = quoted(
        "以上です。\n\n2022年1月1日(金) 9:00 田中太郎 <taro.tanaka@example.com>:\n> かしこまりました。\n",
    );
    assert_eq!(from.as_deref(), Some("taro.tanaka@example.com"));
    assert_eq!(sent.as_deref(), Some("2022-01-01T09:00:00"));
}

#[test]
fn finnish_attribution_wrapped_after_the_name() {
    let (from, sent) = quoted(
        "Kiitos.\n\npe 20. lokakuuta 2017 klo 17.50 Matti Virtanen\n<matti@example.fi> kirjoitti:\n\n> Hei.\n",
    );
    assert_eq!(from.as_deref(), Some("matti@example.fi"));
    assert_eq!(sent.as_deref(), Some("2017-10-20T17:50:00"));
}

#[test]
fn lotus_notes_name_on_date_wrapped_before_the_time() {
    let m = second(
        "FYI.\n---------------------- Forwarded by Don Miller/HOU/ECT on 05/16/2000 06:23 PM \n---------------------------\n\n\n\"Mukherjee, Gautam\" <gm@example.com> on 05/16/2000 \n08:09:12 PM\nTo: \"'Don Miller'\" <don@example.com>\ncc:  \nSubject: Information Memorandum.\n\nHi Don,\n",
    );
    let from = m.from.expect("a sender");
    assert_eq!(from.name.as_deref(), Some("Mukherjee, Gautam"));
    assert_eq!(
        m.sent.map(|t| t.to_string()).as_deref(),
        Some("2000-05-16T20:09:12")
    );
    assert_eq!(m.subject.as_deref(), Some("Information Memorandum."));
}

#[test]
fn a_reply_written_below_the_quote() {
    // Thunderbird and mailing lists: the attribution and the quote first,
    // the reply under it. The email's own message (0) is the reply, and
    // stands last in the text.
    let eml = "From: Bob <bob@example.org>\nTo: Megan One <megan@example.org>\nSubject: Re: build\nDate: Mon, 02 Apr 2012 18:27:08 +0400\n\nOn 04/02/2012 06:26 PM, Megan One wrote:\n> Is the build green?\n> It failed this morning.\n\nYes, since the fix at noon.\n\nBob\n";
    let path = std::env::temp_dir().join(format!("mailthread-bottom-{}.eml", std::process::id()));
    std::fs::write(&path, eml).expect("temp file");
    let doc = mailthread::input::read(mailthread::Parser::new(), &[&path])
        .next()
        .expect("a document")
        .expect("read");
    let _ = std::fs::remove_file(&path);
    assert!(mailthread::check::invariants(&doc).is_empty());
    assert_eq!(doc.messages.len(), 2);
    let (reply, quoted) = (&doc.messages[0], &doc.messages[1]);
    assert_eq!(
        reply.from.as_ref().and_then(|p| p.name.as_deref()),
        Some("Bob")
    );
    assert!(reply.body.contains("Yes, since the fix at noon."));
    assert!(!reply.body.contains("build green"));
    assert!(quoted.body.contains("Is the build green?"));
    assert!(!quoted.body.contains("since the fix"));
    assert!(reply.span.start > quoted.span.end);
    // The same text as a transcript has no outer message: one message.
    let text = &eml[eml.find("On 04").expect("body")..];
    assert_eq!(mailthread::parse_transcript(text).messages.len(), 1);
}

#[test]
fn the_sender_name_loses_the_start_words_and_keeps_a_month_name() {
    // Polish `W dniu` and Italian `Il giorno` open the line; neither word
    // is the sender's name. `Marco` (Portuguese `março` without its
    // cedilla) and `June` after the clock are.
    for (text, name) in [
        (
            "Dziękuję.\n\nW dniu 2019-10-04 11:59:39 użytkownik Tomasz Zieliński <tomasz.zielinski@example.pl> napisał:\n> Dzień dobry.\n",
            "Tomasz Zieliński",
        ),
        (
            "Grazie.\n\nIl giorno 4 ott 2019, alle ore 11:59, Marco Rossi <marco@example.it> ha scritto:\n> Buongiorno.\n",
            "Marco Rossi",
        ),
        // A month's name after the clock is the sender's first name.
        (
            "Thanks.\n\nOn Fri, Oct 4, 2019 at 10:04 AM, June Carter <june@example.com> wrote:\n> Hello.\n",
            "June Carter",
        ),
    ] {
        let m = second(text);
        let from = m.from.expect("a sender");
        assert_eq!(from.name.as_deref(), Some(name), "{text}");
    }
}
