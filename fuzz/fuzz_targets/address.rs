//! Address parsing (crate-private): the input is the value of the sender
//! and recipient labels of a header block.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::address(data);
});
