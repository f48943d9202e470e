//! The `mailthread` binary, run for real.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mailthread"))
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/transcripts/nctv-ovv-2023.md"
);

#[test]
fn jsonl_prints_one_document_per_line() {
    let out = bin()
        .args(["parse", SEED, "--format", "jsonl"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(v["messages"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["case_numbers"][0], "23.0003747");
}

#[test]
fn a_missing_file_fails_alone() {
    let out = bin()
        .args(["parse", "/no/such/file.txt", SEED, "--format", "jsonl"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("/no/such/file.txt"), "{stderr}");
    assert!(
        stderr.contains("1 documents read, 2 messages, 1 failed"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .count(),
        1
    );
}

#[test]
fn standard_input_is_read() {
    use std::io::Write;
    let mut child = bin()
        .args(["parse", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"Hoi\n\nOp 12 mei 2023 om 10:00 schreef Jan <jan@x.nl>:\n> Vraag?\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json array");
    assert_eq!(v[0]["messages"][1]["from"]["address"], "jan@x.nl");
    assert_eq!(v[0]["messages"][1]["sent"], "2023-05-12T10:00:00");
    assert_eq!(v[0]["messages"][1]["body"], "Vraag?");
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    let out = bin()
        .args(["parse", "--format", "xml", SEED])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["parse", "--help"]).output().expect("run");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("utf-8");
    assert!(help.contains("standard input"), "{help}");
    assert!(help.contains("jsonl"), "{help}");
}

#[test]
fn text_format_is_readable() {
    let out = bin().args(["parse", SEED]).output().expect("run");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        s.contains("from:     Aalbersberg, P.J. - BD/NCTV <[REDACTED]@minjenv.nl>"),
        "{s}"
    );
    assert!(
        s.contains("sent:     2023-10-04T09:29:00 (woensdag 4 oktober 2023 09:29)"),
        "{s}"
    );
}

#[test]
fn an_mbox_on_standard_input_yields_every_message() {
    use std::io::Write;
    let mut child = bin()
        .args(["parse", "-", "--format", "jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let mut mbox = String::new();
    for i in 1..=3 {
        mbox.push_str(&format!(
            "From a@example.org Mon Jan  1 10:0{i}:00 2001\nMessage-ID: <{i}@x>\nFrom: A <a@example.org>\nSubject: s{i}\n\nBody {i}.\n\n"
        ));
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(mbox.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let subjects: Vec<String> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            v["messages"][0]["subject"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(subjects, ["s1", "s2", "s3"]);
}

#[test]
fn jobs_change_nothing_but_the_speed() {
    // 600 files (more than one chunk of work) plus one that is not mail:
    // the output and the summary are the same on one thread and on four.
    let dir = std::env::temp_dir().join(format!("mailthread-jobs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    for i in 0..600 {
        let text = format!(
            "Reply {i}.\n\nOp 12 mei 2023 om 10:{:02} schreef Jan <jan{i}@x.nl>:\n> Vraag {i}?\n",
            i % 60
        );
        std::fs::write(dir.join(format!("{i:04}.txt")), text).expect("write");
    }
    std::fs::write(dir.join("0300.bin"), b"\x00\x01\x02\x00\x00binary").expect("write");
    let run = |jobs: &str| {
        bin()
            .args(["parse", "--format", "jsonl", "--jobs", jobs])
            .arg(&dir)
            .output()
            .expect("run")
    };
    let one = run("1");
    let four = run("4");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(four.status.code(), Some(1));
    assert_eq!(one.stdout, four.stdout);
    let stdout = String::from_utf8(four.stdout.clone()).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 600);
    let v: serde_json::Value = serde_json::from_str(lines[599]).expect("json");
    assert_eq!(v["messages"][1]["from"]["address"], "jan599@x.nl");
    let summary = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        summary(&four),
        "mailthread: 600 documents read, 1200 messages, 1 failed (1 not mail)"
    );
    assert_eq!(summary(&one), summary(&four));
}

#[test]
fn threads_prints_each_conversation_once() {
    let mbox = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/mbox/escaped-from.mbox"
    );
    let out = bin()
        .args(["threads", mbox, "--format", "jsonl"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let c: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(c["subject"], "Minutes");
    assert_eq!(c["messages"].as_array().map(Vec::len), Some(2));
    assert_eq!(c["messages"][0]["seen_in"][1]["source"]["index"], 1);
    assert_eq!(c["messages"][0]["seen_in"][1]["message"], 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 documents read, 3 messages, 2 distinct, 1 conversations, 0 failed"),
        "{stderr}"
    );
}
