//! .eml parsing: bytes written to a `.eml` file and read by
//! `mailthread::input::read` (there is no in-memory email API).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::eml(data);
});
