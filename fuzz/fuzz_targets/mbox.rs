//! mbox reading: bytes written to a `.mbox` file and read message by
//! message by `mailthread::input::read`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::mbox(data);
});
