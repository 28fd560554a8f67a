//! Inputs that fuzzing (`make fuzz`) or a bug report showed to be hostile, kept so
//! that `make test` analyses them on every run: each file in `tests/fuzz_regressions/`
//! is analysed every way and must keep the invariants of `tests/invariants`.

mod invariants;

use shipshape::{AnalyzeOptions, InputKind};
use std::fs;
use std::path::Path;

#[test]
fn saved_hostile_inputs_keep_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_none_or(|ext| ext != "md"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no saved inputs in {}", dir.display());
    for path in &inputs {
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        for input in [InputKind::Auto, InputKind::Compose, InputKind::Run] {
            let options = AnalyzeOptions {
                input,
                ..AnalyzeOptions::default()
            };
            if let Err(violation) = invariants::check_with_fixes(&text, &options) {
                panic!("{} as {input:?}: {violation}", path.display());
            }
        }
    }
    println!(
        "fuzz regressions: {} saved inputs analysed 3 ways",
        inputs.len()
    );
}
