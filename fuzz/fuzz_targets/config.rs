#![no_main]
//! A govlint.toml: read, bound to the default pack, and used.

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: govlint::testing::fuzz::init(),
    |data: &[u8]| govlint::testing::fuzz::config_file(data));
