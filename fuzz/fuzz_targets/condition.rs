#![no_main]
//! A condition and message template inside a rule with typed captures.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::condition(data));
