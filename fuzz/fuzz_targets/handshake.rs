//! `cargo fuzz run handshake`: see fuzz/README.md and `tws_api_fuzz::run_handshake`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tws_api_fuzz::run_handshake(data));
