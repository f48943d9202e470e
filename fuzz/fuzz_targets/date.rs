//! Date parsing (crate-private): the input is the value of a date label in
//! a header block, and the date of an attribution line.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::date(data);
});
