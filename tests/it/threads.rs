//! Conversations across documents (`mailthread::conversation`, the
//! `threads` command): our own fixtures, and the notmuch `lkml` Maildir
//! against an independent count of its Message-ID/References graph
//! (`scripts/thread_sizes.py`, saved in
//! `fixtures/conformance/notmuch-lkml-threads.tsv`).

use std::path::{Path, PathBuf};

use mailthread::conversation::{group, Conversation};
use mailthread::{Document, Parser};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn read(path: &Path) -> Vec<Document> {
    mailthread::input::read(Parser::new(), &[path])
        .map(|d| d.expect("readable"))
        .collect()
}

fn senders(c: &Conversation) -> Vec<String> {
    c.messages
        .iter()
        .map(|m| {
            m.from
                .as_ref()
                .and_then(|p| p.address.clone())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_quoted_copy_in_an_mbox_is_the_message_it_quotes() {
    let docs = read(&fixture("mbox/escaped-from.mbox"));
    let threads = group(&docs);
    assert_eq!(threads.len(), 1);
    let c = &threads[0];
    assert_eq!(c.id, "m1@example.org");
    assert_eq!(c.subject.as_deref(), Some("Minutes"));
    assert_eq!(c.participants, ["ann@example.org", "ben@example.org"]);
    assert_eq!(senders(c), ["ann@example.org", "ben@example.org"]);
    // Ann's message: as mbox message 0, and quoted in message 1.
    let seen: Vec<(Option<usize>, usize)> = c.messages[0]
        .seen_in
        .iter()
        .map(|s| (s.source.index, s.message))
        .collect();
    assert_eq!(seen, [(Some(0), 0), (Some(1), 1)]);
    assert_eq!(c.messages[1].seen_in.len(), 1);
}

#[test]
fn a_gmail_html_chain_is_one_conversation_oldest_first() {
    let docs = read(&fixture("eml/gmail-html-three-levels.eml"));
    let threads = group(&docs);
    assert_eq!(threads.len(), 1);
    assert_eq!(
        senders(&threads[0]),
        [
            "carla.mendes@example.org",
            "dana.lee@example.com",
            "bram@example.nl",
            "carla.mendes@example.org"
        ]
    );
    assert_eq!(threads[0].id, "CAGmail3@mail.gmail.com");
}

#[test]
fn a_maildir_with_two_folders_gives_two_conversations() {
    let docs = read(&fixture("maildir/two-folders.maildir"));
    let threads = group(&docs);
    let subjects: Vec<_> = threads.iter().map(|c| c.subject.clone().unwrap()).collect();
    assert_eq!(subjects, ["Planning", "Dataset for the audit"]);
    let dataset = &threads[1];
    assert_eq!(senders(dataset), ["noor@example.org", "eva@example.nl"]);
    // Noor's message is in cur/ and quoted (by name and minute) in new/.
    assert_eq!(dataset.messages[0].seen_in.len(), 2);
    assert_eq!(
        dataset.messages[0].message_id.as_deref(),
        Some("maildir-1@example.org")
    );
}

#[test]
fn messages_that_only_share_a_minute_stay_apart() {
    let a = mailthread::parse_transcript(
        "From: Ann <ann@x.org>\nSent: Friday, February 24, 2012 10:19 AM\nSubject: Lunch\n\nLunch at noon?\n",
    );
    let b = mailthread::parse_transcript(
        "From: Ann <ann@x.org>\nSent: Friday, February 24, 2012 10:19 AM\nSubject: Budget\n\nThe budget is attached.\n",
    );
    let threads = group([&a, &b]);
    assert_eq!(threads.len(), 2);
}

#[test]
fn notmuch_lkml_threads_match_the_message_id_graph() {
    let Some(corpus) = super::corpus("notmuch lkml threads") else {
        return;
    };
    let dir = corpus.join("notmuch-corpora/test/corpora/lkml");
    let docs = read(&dir);
    assert_eq!(docs.len(), 210, "one document per message file");
    let threads = group(&docs);
    // Per conversation: how many distinct Message-IDs, and the smallest.
    let mut got: Vec<(usize, String)> = threads
        .iter()
        .map(|c| {
            let mut ids: Vec<&str> = c
                .messages
                .iter()
                .filter_map(|m| m.message_id.as_deref())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (
                ids.len(),
                ids.first().map_or(String::new(), |s| s.to_string()),
            )
        })
        .collect();
    got.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let expected: Vec<(usize, String)> =
        std::fs::read_to_string(fixture("conformance/notmuch-lkml-threads.tsv"))
            .expect("expected sizes")
            .lines()
            .map(|l| {
                let (n, id) = l.split_once('\t').expect("size TAB id");
                (n.parse().expect("size"), id.to_string())
            })
            .collect();
    assert_eq!(got, expected);
    let distinct: usize = threads.iter().map(|c| c.messages.len()).sum();
    println!(
        "notmuch lkml: {} conversations, {distinct} distinct messages (with quoted copies not merged)",
        threads.len()
    );
}
