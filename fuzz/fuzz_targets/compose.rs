//! The Compose front-end and every rule, on arbitrary text read as a Compose file.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use shipshape::{AnalyzeOptions, InputKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = AnalyzeOptions {
        input: InputKind::Compose,
        ..AnalyzeOptions::default()
    };
    if let Err(violation) = invariants::check_with_fixes(&text, &options) {
        panic!("{violation}");
    }
});
