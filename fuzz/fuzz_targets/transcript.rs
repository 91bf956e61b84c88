//! `cargo fuzz run transcript`: see fuzz/README.md and `tws_api_fuzz::run_transcript`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tws_api_fuzz::run_transcript(data));
