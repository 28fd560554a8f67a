//! Inputs that fuzzing (`make fuzz`) or a bug report showed to be hostile, kept so
//! that `make test` analyses them on every run: each file in `tests/fuzz_regressions/`
//! is analysed every way and must keep the invariants of `tests/invariants`, also read
//! as a project the way the project fuzz target reads it, and its run commands,
//! converted to Compose, must read back as Compose.

mod invariants;

use shipshape::harden::convert;
use shipshape::project::analyze_project;
use shipshape::{analyze, AnalyzeOptions, InputKind};
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
        let bytes = fs::read(path).unwrap();
        if let Some((project, options)) = invariants::project_of(&bytes) {
            let analysis = analyze_project(&project, &options);
            if let Err(violation) = invariants::check_project(&project, &analysis) {
                panic!("{} as a project: {violation}", path.display());
            }
        }
        // Run commands converted to Compose read back as Compose.
        let conversion = convert::to_compose(&text, &AnalyzeOptions::default());
        if !conversion.services.is_empty() {
            let compose = AnalyzeOptions {
                input: InputKind::Compose,
                ..AnalyzeOptions::default()
            };
            let problems: Vec<String> = analyze(&conversion.compose, &compose)
                .diagnostics
                .into_iter()
                .filter(|d| d.code == "SYN-001" || d.code == "SYN-002")
                .map(|d| d.message)
                .collect();
            assert!(
                problems.is_empty(),
                "{} converted: {problems:?}\n{}",
                path.display(),
                conversion.compose
            );
        }
    }
    println!(
        "fuzz regressions: {} saved inputs analysed 3 ways and as a project",
        inputs.len()
    );
}
