#![no_main]
//! The XML parts of a .docx (split at NUL bytes) inside a valid package.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::docx_parts(data));
