//! A batch parses its documents several at a time, stage by stage across
//! them (`input::parse_units`); each must come out as it does read alone.

use std::path::{Path, PathBuf};

use mailthread::{batch, input, Document, Parser};

/// Each document under `paths` as `input::read` gives it (one unit parsed
/// after another), errors as their messages.
fn one_by_one(paths: &[PathBuf]) -> Vec<Result<Document, String>> {
    input::read(Parser::new(), paths)
        .map(|d| d.map_err(|e| e.to_string()))
        .collect()
}

/// The same through a batch of `jobs` workers.
fn batched(paths: &[PathBuf], jobs: usize) -> Vec<Result<Document, String>> {
    let mut out = Vec::new();
    batch::run(
        &Parser::new(),
        paths,
        jobs,
        |d| d.map_err(|e| e.to_string()),
        |d, _| {
            out.push(d);
            true
        },
    );
    out
}

/// Asserts that a batch of one job and of two gives what reading one by
/// one gives; returns how many documents it compared.
fn assert_alike(paths: &[PathBuf]) -> usize {
    let alone = one_by_one(paths);
    for jobs in [1, 2] {
        let together = batched(paths, jobs);
        assert_eq!(together.len(), alone.len(), "{jobs} jobs");
        for (k, (a, b)) in alone.iter().zip(&together).enumerate() {
            assert!(
                a == b,
                "document {k} differs with {jobs} jobs: {a:?}\n{b:?}"
            );
        }
    }
    alone.len()
}

#[test]
fn documents_parsed_together_come_out_as_alone() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    // A file that is not mail in the middle, one that is not UTF-8, and
    // more units than go through the stages together.
    let dir = std::env::temp_dir().join(format!("mailthread-together-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    for i in 0..70 {
        let text = format!(
            "Dank je.\n\nVan: Jan Jansen <jan{i}@voorbeeld.nl>\nVerzonden: maandag 6 maart 2023 10:{:02}\nAan: Piet <piet@voorbeeld.nl>\nOnderwerp: Stuk {i} [23.000{i}]\n\nBeste Piet,\n\nZie bijlage. [5.1.2e]\n\nMet vriendelijke groet,\nJan\n",
            i % 60
        );
        std::fs::write(dir.join(format!("{i:02}.txt")), text).expect("write");
    }
    std::fs::write(
        dir.join("35b.bin"),
        [0u8, 1, 2, 0, 0, 0, 3, 0, 0, 0].repeat(50),
    )
    .expect("write");
    std::fs::write(
        dir.join("36b.txt"),
        b"Hallo \xff wereld,\n\nOp 1 maart 2023 schreef Jan:\n> Ja.\n",
    )
    .expect("write");
    let paths = vec![
        fixtures.join("transcripts"),
        dir.clone(),
        fixtures.join("eml"),
        fixtures.join("mbox"),
        fixtures.join("maildir"),
    ];
    let read = one_by_one(&paths);
    let compared = assert_alike(&paths);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(compared, read.len());
    // The check must see what it is about: many documents, the file that
    // is not mail, the lossy one, quoted messages and redactions.
    assert!(read.len() > 100, "{} documents", read.len());
    assert_eq!(read.iter().filter(|d| d.is_err()).count(), 1);
    let docs: Vec<&Document> = read.iter().filter_map(|d| d.as_ref().ok()).collect();
    assert!(docs.iter().any(|d| d
        .diagnostics
        .iter()
        .any(|x| x.message.contains("not valid UTF-8"))));
    assert!(docs.iter().filter(|d| d.messages.len() >= 2).count() > 80);
    assert!(docs.iter().filter(|d| !d.redactions.is_empty()).count() > 70);
}

/// The same on real mail and real releases: every directory of the shared
/// corpus but Quagga's (23 MB, mostly the same kind of mail as notmuch's
/// and SpamAssassin's), read one by one and in batches.
#[test]
fn corpus_documents_parsed_together_come_out_as_alone() {
    let Some(corpus) = super::corpus("batch corpus") else {
        return;
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("MAILTHREAD_CORPUS is a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("quagga-hpi"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "{} corpus directories", paths.len());
    let n = assert_alike(&paths);
    println!("batch corpus: {n} documents alike alone and in batches");
    assert!(n > 3000, "{n} documents");
}
