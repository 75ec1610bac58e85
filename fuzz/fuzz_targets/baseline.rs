#![no_main]
//! A baseline file: read and applied to a sample's findings.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::baseline_file(data));
