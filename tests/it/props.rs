//! Property tests (issue 7, item 2): random text, random mixtures of the
//! lines real threads are made of (header labels in every language,
//! separators, attribution lines, quote markers, redaction markers, dates,
//! markdown emphasis), and random bytes read as .eml and as mbox.
//!
//! For every input: nothing panics, `mailthread::check::invariants` finds
//! nothing, and parsing twice gives identical JSON. For generated threads
//! of N well-formed blocks the message count is N (+1 with text before the
//! first block).
//!
//! Each property runs at most 256 cases; failures are not persisted to
//! files (shrunk inputs are printed instead).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use mailthread::{Document, Parser};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `cases`, or the number in `PROPTEST_CASES` for a longer run.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The invariants hold and a second parse gives the same JSON.
fn check(text: &str, parser: Parser) -> Result<Document, TestCaseError> {
    let doc = parser.parse_transcript(text);
    let problems = mailthread::check::invariants(&doc);
    prop_assert!(
        problems.is_empty(),
        "invariants broken for {text:?}: {problems:#?}"
    );
    let again = parser.parse_transcript(text);
    prop_assert_eq!(
        doc.to_json(),
        again.to_json(),
        "not deterministic for {:?}",
        text
    );
    prop_assert_eq!(&doc.text, text);
    Ok(doc)
}

// ---------------------------------------------------------------------
// Vocabulary.

/// (From, Date, To, Subject, Cc) labels per language, as Outlook and
/// friends write them (see src/lang.rs).
const LABELS: &[[&str; 5]] = &[
    ["Van", "Verzonden", "Aan", "Onderwerp", "CC"],
    ["From", "Sent", "To", "Subject", "Cc"],
    ["From", "Date", "To", "Subject", "Cc"],
    ["Von", "Gesendet", "An", "Betreff", "Cc"],
    ["De ", "Envoyé ", "À ", "Objet ", "Cc "],
    ["De", "Enviado el", "Para", "Asunto", "CC"],
    ["Da", "Inviato", "A", "Oggetto", "Cc"],
    ["De", "Enviada em", "Para", "Assunto", "Cc"],
    ["Från", "Skickat", "Till", "Ämne", "Kopia"],
    ["Fra", "Sendt", "Til", "Emne", "Cc"],
    ["Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe", "Kopio"],
    ["Od", "Wysłano", "Do", "Temat", "DW"],
    ["Od", "Odesláno", "Komu", "Předmět", "Kopie"],
    ["Feladó", "Elküldve", "Címzett", "Tárgy", "Másolatot kap"],
    ["От", "Отправлено", "Кому", "Тема", "Копия"],
    ["Kimden", "Gönderildi", "Kime", "Konu", "Bilgi"],
];

const SEPARATORS: &[&str] = &[
    "-----Original Message-----",
    "-----Oorspronkelijk bericht-----",
    "-----Ursprüngliche Nachricht-----",
    "-------- Message d'origine --------",
    "---------- Forwarded message ---------",
    "________________________________",
    "________________________________________",
    "Begin forwarded message:",
];

const ATTRIBUTIONS: &[&str] = &[
    "On Fri, Feb 24, 2012 at 10:19 AM, Ann <ann@example.org> wrote:",
    "On 3 March 2020, Bob Smith <bob@example.com> wrote:",
    "Op wo 27 nov. 2019 om 08:12 schreef Geert <geert@example.org>:",
    "Op 12 december 2016 19:05 schreef Jan Jansen <jan@example.nl>:",
    "Am 01.09.20 um 10:18 schrieb Johannes Rohr:",
    "Am Mo., 4. Mai 2020 um 17:32 Uhr schrieb Eva <eva@example.de>:",
    "Le 04/03/2020 à 22:28, Walter Harms a écrit :",
    "El mar, 1 dic 2020 a las 10:07, Ana (<ana@example.es>) escribió:",
];

const PARTIES: &[&str] = &[
    "Jan <jan@example.nl>",
    "Dam, Chris van",
    "\"Smith, Ann\" <ann.smith@example.org>",
    "[REDACTED]@minjenv.nl",
    "5.1.2e <5.1.2e@minbzk.nl>",
    "Piet namens Klaas <klaas@example.nl>",
    "bob@example.com; carol@example.com",
    "(b)(6)",
    "█████ <█████@example.gov>",
    "Müller, Jürgen <j.mueller@example.de>",
];

const SUBJECTS: &[&str] = &[
    "RE: vraag",
    "FW: Re: AW: meeting [2023-0042]",
    "Antw: Wob-verzoek kenmerk 23.0003747",
    "Objet de la réunion",
    "",
    "(b)(5) draft",
    "**urgent** _please_ read",
];

const REDACTIONS: &[&str] = &[
    "[REDACTED]",
    "5.1.2e",
    "5.1.2 e",
    "10.2.e",
    "(b)(6)",
    "(b)(7)(C)",
    "█████",
    "XXXXXXXX",
    "[5.1.2.e]",
    "[(b)(6)]",
];

const PROSE: &[&str] = &[
    "Thank you for your letter of last week.",
    "Dank voor uw brief van vorige week.",
    "Vielen Dank für Ihre Nachricht.",
    "Merci pour votre message.",
    "We will discuss this tomorrow in the meeting.",
    "De stukken zijn bijgevoegd.",
    "Please find the report attached, as agreed.",
    "Het overleg is verplaatst naar donderdag.",
];

const FURNITURE: &[&str] = &[
    "Pagina 3 van 12",
    "Page 2 of 9",
    "- 4 -",
    "---",
    "***",
    "Geachte heer Van Dam,",
    "Met vriendelijke groet,",
    "Kind regards,",
    "Disclaimer: this message may contain confidential information.",
    "Dit bericht kan informatie bevatten die niet voor u is bestemd.",
    "Sent from my iPhone",
    "(1) The minister should act.",
    "- a bullet",
];

/// The first column of the date fixture: dates in every supported
/// language and form, and non-dates.
static DATES: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/fields/dates.tsv"
    ))
    .lines()
    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    .filter_map(|l| {
        let mut cols = l.split('\t');
        let input = cols.next()?.to_string();
        let expected = cols.nth(1)?;
        Some((input, expected != "(none)"))
    })
    .collect()
});

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

fn date() -> impl Strategy<Value = String> {
    (0..DATES.len()).prop_map(|i| DATES[i].0.clone())
}

fn good_date() -> impl Strategy<Value = String> {
    let good: Vec<String> = DATES.iter().filter(|d| d.1).map(|d| d.0.clone()).collect();
    proptest::sample::select(good)
}

/// How a label is written: plain, markdown bold, bold label only.
fn emphasise(label: &str, style: u8) -> String {
    let label = label.trim_end();
    let gap = if matches!(label, "De" | "Envoyé" | "À" | "Objet") && style % 2 == 1 {
        " "
    } else {
        ""
    };
    match style % 4 {
        0 | 1 => format!("{label}{gap}:"),
        2 => format!("**{label}:**"),
        _ => format!("**{label}{gap}:**"),
    }
}

/// Any one line a thread might hold.
fn any_line() -> impl Strategy<Value = String> {
    let header = (
        0..LABELS.len(),
        0..5usize,
        any::<u8>(),
        prop_oneof![
            pick(PARTIES).prop_map(str::to_string),
            pick(SUBJECTS).prop_map(str::to_string),
            date(),
            pick(REDACTIONS).prop_map(str::to_string),
        ],
    )
        .prop_map(|(l, f, style, v)| format!("{} {v}", emphasise(LABELS[l][f], style)));
    let core = prop_oneof![
        4 => header,
        1 => pick(SEPARATORS).prop_map(str::to_string),
        1 => pick(ATTRIBUTIONS).prop_map(str::to_string),
        2 => Just(String::new()),
        2 => pick(PROSE).prop_map(str::to_string),
        1 => (pick(PROSE), pick(REDACTIONS)).prop_map(|(p, r)| format!("{p} {r} {p}")),
        1 => pick(REDACTIONS).prop_map(str::to_string),
        1 => pick(FURNITURE).prop_map(str::to_string),
        1 => date(),
        1 => (pick(PROSE), 0..4u8).prop_map(|(p, k)| match k {
            0 => format!("*{p}*"),
            1 => format!("**{p}**"),
            2 => format!("_{p}_"),
            _ => format!("\\*{p}\\_ [link](https://example.org/x) <https://example.org>"),
        }),
        1 => "[ -~\u{a0}\u{200b}\t█…’“”]{0,40}",
    ];
    (0..4usize, core, any::<bool>(), any::<bool>()).prop_map(|(depth, line, spaced, trail)| {
        let q = if spaced { "> " } else { ">" };
        let mut s = q.repeat(if depth == 3 { 0 } else { depth });
        s.push_str(&line);
        if trail {
            s.push_str("  ");
        }
        s
    })
}

fn parser() -> impl Strategy<Value = Parser> {
    (1..6usize, any::<bool>(), any::<bool>()).prop_map(|(cap, small, sig)| {
        let p = Parser::new().signatures(sig).recommendations(!sig);
        if small {
            p.max_messages(cap)
        } else {
            p
        }
    })
}

// ---------------------------------------------------------------------
// Random text.

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_text(text in any::<String>()) {
        check(&text, Parser::new())?;
    }

    #[test]
    fn random_text_from_mail_characters(text in "[a-zA-Z0-9 :>*_\\-=\\[\\]()@<>.,;\n\r\t█\u{a0}\u{200b}é：]{0,400}") {
        check(&text, Parser::new())?;
    }

    #[test]
    fn random_mixtures_of_thread_lines(
        lines in proptest::collection::vec(any_line(), 0..40),
        crlf in any::<bool>(),
        p in parser(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        check(&text, p)?;
    }
}

// ---------------------------------------------------------------------
// Well-formed threads: the message count.

#[derive(Debug, Clone)]
enum Intro {
    /// A header block: language, label style, optional separator before it,
    /// with or without a Cc line.
    Header {
        lang: usize,
        style: u8,
        separator: Option<usize>,
        cc: bool,
    },
    /// An attribution line.
    Attribution(usize),
}

#[derive(Debug, Clone)]
struct Part {
    intro: Intro,
    from: &'static str,
    to: &'static str,
    date: String,
    subject: &'static str,
    body: Vec<&'static str>,
}

fn part() -> impl Strategy<Value = Part> {
    let intro = prop_oneof![
        4 => (0..LABELS.len(), any::<u8>(), proptest::option::of(0..SEPARATORS.len()), any::<bool>())
            .prop_map(|(lang, style, separator, cc)| Intro::Header { lang, style, separator, cc }),
        1 => (0..ATTRIBUTIONS.len()).prop_map(Intro::Attribution),
    ];
    (
        intro,
        pick(PARTIES),
        pick(PARTIES),
        good_date(),
        pick(SUBJECTS),
        proptest::collection::vec(pick(PROSE), 1..4),
    )
        .prop_map(|(intro, from, to, date, subject, body)| Part {
            intro,
            from,
            to,
            date,
            subject,
            body,
        })
}

fn render(parts: &[Part], preamble: Option<&str>) -> String {
    let mut text = String::new();
    if let Some(p) = preamble {
        text.push_str(p);
        text.push_str("\n\n");
    }
    for p in parts {
        match &p.intro {
            Intro::Header {
                lang,
                style,
                separator,
                cc,
            } => {
                let l = &LABELS[*lang];
                if let Some(s) = separator {
                    text.push_str(SEPARATORS[*s]);
                    text.push('\n');
                }
                text.push_str(&format!("{} {}\n", emphasise(l[0], *style), p.from));
                text.push_str(&format!("{} {}\n", emphasise(l[1], *style), p.date));
                text.push_str(&format!("{} {}\n", emphasise(l[2], *style), p.to));
                if *cc {
                    text.push_str(&format!("{} {}\n", emphasise(l[4], *style), p.to));
                }
                text.push_str(&format!("{} {}\n", emphasise(l[3], *style), p.subject));
            }
            Intro::Attribution(a) => {
                text.push_str(ATTRIBUTIONS[*a]);
                text.push('\n');
            }
        }
        text.push('\n');
        for line in &p.body {
            text.push_str(line);
            text.push('\n');
        }
        text.push('\n');
    }
    text
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn well_formed_threads_have_one_message_per_block(
        parts in proptest::collection::vec(part(), 1..8),
        preamble in proptest::option::of(pick(PROSE)),
    ) {
        let text = render(&parts, preamble);
        let doc = check(&text, Parser::new())?;
        let expected = parts.len() + usize::from(preamble.is_some());
        prop_assert_eq!(doc.messages.len(), expected, "for {}", text);
        let blocks = &doc.messages[usize::from(preamble.is_some())..];
        for (m, p) in blocks.iter().zip(&parts) {
            let boundary = match p.intro {
                Intro::Header { .. } => mailthread::Boundary::Header,
                Intro::Attribution(_) => mailthread::Boundary::Attribution,
            };
            prop_assert_eq!(m.boundary, boundary, "for {}", text);
            prop_assert!(m.body.contains(p.body[0]), "body {:?} lost {:?} in {}", m.body, p.body[0], text);
        }
    }

    #[test]
    fn the_message_cap_holds(
        parts in proptest::collection::vec(part(), 1..8),
        cap in 1..8usize,
    ) {
        let text = render(&parts, None);
        let doc = check(&text, Parser::new().max_messages(cap))?;
        prop_assert_eq!(doc.messages.len(), parts.len().min(cap), "for {}", text);
        let limit = doc.diagnostics.iter().any(|d| d.kind == mailthread::DiagnosticKind::LimitReached);
        prop_assert_eq!(limit, parts.len() > cap);
    }
}

// ---------------------------------------------------------------------
// Random bytes as files.

struct TempFile(PathBuf);

impl TempFile {
    fn new(ext: &str, bytes: &[u8]) -> TempFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let p =
            std::env::temp_dir().join(format!("mailthread-props-{}-{n}.{ext}", std::process::id()));
        std::fs::write(&p, bytes).expect("write temp file");
        TempFile(p)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Reads the file twice; every document keeps the invariants, and both
/// reads give the same documents and the same errors.
fn check_file(ext: &str, bytes: &[u8]) -> Result<usize, TestCaseError> {
    let f = TempFile::new(ext, bytes);
    let read = || -> Vec<Result<String, String>> {
        mailthread::input::read(Parser::new(), &[&f.0])
            .map(|d| match d {
                Ok(doc) => {
                    let problems = mailthread::check::invariants(&doc);
                    if problems.is_empty() {
                        Ok(doc.to_json())
                    } else {
                        Err(format!("INVARIANTS {problems:?}"))
                    }
                }
                Err(e) => Err(e.to_string()),
            })
            .collect()
    };
    let first = read();
    for r in &first {
        if let Err(e) = r {
            prop_assert!(!e.starts_with("INVARIANTS"), "{ext} {bytes:?}: {e}");
        }
    }
    prop_assert_eq!(&first, &read(), "{} not deterministic: {:?}", ext, bytes);
    Ok(first.len())
}

fn mail_bytes() -> impl Strategy<Value = Vec<u8>> {
    let header = prop_oneof![
        Just(b"Message-ID: <1@example.org>\n".to_vec()),
        Just(b"From: Ann <ann@example.org>\nTo: bob@example.org\nSubject: hi\nDate: Mon, 1 Jan 2001 10:00:00 +0000\n".to_vec()),
        Just(b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n".to_vec()),
        Just(b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n".to_vec()),
        Just(Vec::new()),
    ];
    (header, proptest::collection::vec(any::<u8>(), 0..600)).prop_map(|(mut h, tail)| {
        h.extend(tail);
        h
    })
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn random_bytes_as_eml(bytes in mail_bytes()) {
        check_file("eml", &bytes)?;
    }

    #[test]
    fn random_bytes_as_mbox(bytes in mail_bytes(), envelope in any::<bool>()) {
        let mut data = if envelope {
            b"From ann@example.org Mon Jan  1 10:00:00 2001\n".to_vec()
        } else {
            Vec::new()
        };
        data.extend(bytes);
        check_file("mbox", &data)?;
    }

    #[test]
    fn random_bytes_as_transcript(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_file("txt", &bytes)?;
    }

    #[test]
    fn random_mixtures_as_eml_bodies(
        lines in proptest::collection::vec(any_line(), 0..30),
    ) {
        let mut data = b"Message-ID: <1@example.org>\nFrom: Ann <ann@example.org>\nSubject: thread\nContent-Type: text/plain; charset=utf-8\n\n".to_vec();
        data.extend(lines.join("\n").into_bytes());
        let n = check_file("eml", &data)?;
        prop_assert_eq!(n, 1);
    }
}
