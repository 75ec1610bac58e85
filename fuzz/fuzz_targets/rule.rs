#![no_main]
//! A rule file: loaded, and when it loads, run on a sample.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::rule_file(data));
