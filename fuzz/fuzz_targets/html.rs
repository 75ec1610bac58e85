#![no_main]
//! An HTML statement through the default pack to every report.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::document(govlint::source::Format::Html, data));
