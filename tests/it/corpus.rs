//! The invariants on every file of the shared corpus (issue 7): each file
//! under `MAILTHREAD_CORPUS` is read the way the CLI reads it (a file that
//! is not mail is an `Err` for that file), and every document read keeps
//! every invariant of `mailthread::check`. Skipped, and says so, when the
//! variable is unset.

use std::collections::BTreeMap;

use mailthread::{ErrorKind, Parser};

#[test]
fn invariants_hold_on_every_corpus_file() {
    let Some(corpus) = super::corpus("corpus invariants") else {
        return;
    };
    let (mut docs, mut messages) = (0usize, 0usize);
    let mut failed: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut broken: Vec<String> = Vec::new();
    let mut unlike_serde: Vec<String> = Vec::new();
    for doc in mailthread::input::read(Parser::new(), &[&corpus]) {
        match doc {
            Ok(doc) => {
                docs += 1;
                messages += doc.messages.len();
                // The CLI's JSON Lines writer is written by hand: it must
                // write what serde_json writes for the model's `Serialize`
                // (the contract) on every real document.
                let rendered = mailthread::output::render(&doc, mailthread::output::Format::Jsonl);
                let mut contract = serde_json::to_vec(&doc).expect("the model serialises");
                contract.push(b'\n');
                if rendered != contract {
                    unlike_serde.push(format!("{} [{:?}]", doc.source.path, doc.source.index));
                }
                let problems = mailthread::check::invariants(&doc);
                if !problems.is_empty() {
                    broken.push(format!(
                        "{} [{:?}]: {}",
                        doc.source.path,
                        doc.source.index,
                        problems.join("; ")
                    ));
                }
            }
            Err(e) => {
                let why = match e.kind() {
                    ErrorKind::Io { .. } => "unreadable",
                    ErrorKind::NotMail { .. } => "not mail",
                    _ => "other",
                };
                *failed.entry(why).or_default() += 1;
            }
        }
    }
    println!("corpus invariants: {docs} documents, {messages} messages, not read: {failed:?}");
    // The corpus has thousands of mail files; reading almost none of them
    // is a bug in the input layer, not a pass.
    assert!(docs > 5000, "only {docs} documents read");
    assert!(
        unlike_serde.is_empty(),
        "{} documents whose JSON Lines differ from serde_json's: {:?}",
        unlike_serde.len(),
        &unlike_serde[..unlike_serde.len().min(10)]
    );
    assert_eq!(failed.get("unreadable"), None, "unreadable corpus files");
    assert!(
        broken.is_empty(),
        "{} documents break invariants; first: {:#?}",
        broken.len(),
        &broken[..broken.len().min(10)]
    );
}
