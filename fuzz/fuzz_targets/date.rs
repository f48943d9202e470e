//! Date parsing (crate-private): the input is the value of a date label in
//! a header block, and the date of an attribution line.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// Date labels in several languages; the first byte picks one.
const LABELS: &[&str] = &[
    "Sent",
    "Date",
    "Verzonden",
    "Gesendet",
    "Envoyé ",
    "Enviado el",
    "Skickat",
    "Wysłano",
];

fuzz_target!(|data: &[u8]| {
    let (pick, rest) = data
        .split_first()
        .map_or((0, data), |(b, r)| (*b as usize, r));
    let value = String::from_utf8_lossy(rest);
    let label = LABELS[pick % LABELS.len()];
    common::transcript(&format!(
        "Reply.\n\nFrom: Ann <ann@example.org>\n{label}: {value}\nTo: Bob <bob@example.org>\nSubject: s\n\nBody.\n"
    ));
    common::transcript(&format!(
        "Reply.\n\nOn {value}, Ann <ann@example.org> wrote:\n> Quoted.\n"
    ));
});
