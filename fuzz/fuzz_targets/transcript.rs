//! Transcript parsing: any text, as `parse_transcript` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::transcript_bytes(data);
});
