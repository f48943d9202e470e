//! Address parsing (crate-private): the input is the value of the sender
//! and recipient labels of a header block.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    common::transcript(&format!(
        "From: {value}\nSent: Monday, 1 January 2001 10:00\nTo: {value}\nCc: Bob <bob@example.org>; {value}\nSubject: s\n\nBody.\n"
    ));
    common::transcript(&format!(
        "Van: Jan <jan@example.nl>\nVerzonden: maandag 1 januari 2001 10:00\nAan: {value}\nOnderwerp: s\n\nTekst.\n"
    ));
});
