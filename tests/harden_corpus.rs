//! Hardening over the real corpus (`../shared/corpus/real/`): every Compose file and
//! every run command, for every profile, with and without unsafe fixes.
//!
//! For each: the hardened text has no input problem the input did not have, its
//! analysis leaves no finding whose fix could have been applied, hardening it again
//! changes nothing, and (Compose) every input line no change names is still in the
//! output, byte for byte and in order. The test prints, per profile, the findings
//! before → after over the whole corpus.

use shipshape::config::{Config, Profile};
use shipshape::diagnostic::{Applicability, Diagnostic, DiagnosticKind};
use shipshape::harden::{harden, HardenOptions, Hardened};
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus_files(kind: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/real")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    Some(files)
}

fn options(profile: Profile, include_unsafe: bool) -> HardenOptions {
    HardenOptions {
        analyze: AnalyzeOptions {
            config: Config {
                profile,
                ..Config::default()
            },
            ..AnalyzeOptions::default()
        },
        include_unsafe,
    }
}

fn input_problems(diagnostics: &[Diagnostic]) -> BTreeSet<String> {
    diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Input)
        .map(|d| d.code.clone())
        .collect()
}

/// A finding hardening should have fixed: its fix is one the options allow.
fn applicable(diagnostic: &Diagnostic, include_unsafe: bool) -> bool {
    diagnostic.suppressed.is_none()
        && diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| include_unsafe || fix.applicability == Applicability::Safe)
}

/// The input lines (1-based) no change names that are missing from the output: each
/// must be there, byte for byte, after the previous one found (a line diff would have
/// to guess which of two identical lines went).
fn untouched_lines_changed(input: &str, hardened: &Hardened) -> Vec<usize> {
    let named: BTreeSet<u32> = hardened
        .changes
        .iter()
        .flat_map(|change| change.range.start.line..=change.range.end.line)
        .collect();
    let mut output = hardened.text.split_inclusive('\n');
    let mut changed = Vec::new();
    for (index, line) in input.split_inclusive('\n').enumerate() {
        let number = index + 1;
        if named.contains(&(number as u32)) {
            continue;
        }
        if !output.by_ref().any(|out| out == line) {
            changed.push(number);
            break;
        }
    }
    changed
}

/// Checks one input; returns its finding counts before and after.
fn check(name: &str, text: &str, profile: Profile, include_unsafe: bool) -> (usize, usize) {
    let options = options(profile, include_unsafe);
    let before = analyze(text, &options.analyze);
    let hardened = harden(text, &options);
    let after = analyze(&hardened.text, &options.analyze);
    let label = format!("{name} ({}, unsafe: {include_unsafe})", profile.as_str());

    let new_problems: Vec<String> = input_problems(&after.diagnostics)
        .difference(&input_problems(&before.diagnostics))
        .cloned()
        .collect();
    assert!(
        new_problems.is_empty(),
        "{label}: hardening introduced {new_problems:?}:\n{}",
        hardened.text
    );
    let left: Vec<String> = after
        .diagnostics
        .iter()
        .filter(|d| applicable(d, include_unsafe))
        .map(|d| {
            format!(
                "{} at {}:{}",
                d.code, d.range.start.line, d.range.start.column
            )
        })
        .collect();
    assert!(
        left.is_empty(),
        "{label}: fixable findings left {left:?}:\n{}",
        hardened.text
    );
    let again = harden(&hardened.text, &options);
    assert_eq!(
        again.text, hardened.text,
        "{label}: hardening is not idempotent"
    );
    if before.input == InputKind::Compose {
        let changed = untouched_lines_changed(text, &hardened);
        assert!(
            changed.is_empty(),
            "{label}: lines {changed:?} changed but no change names them:\n{}",
            hardened.text
        );
    }
    let findings = |diagnostics: &[Diagnostic]| {
        diagnostics
            .iter()
            .filter(|d| d.kind != DiagnosticKind::Input && d.suppressed.is_none())
            .count()
    };
    (findings(&before.diagnostics), findings(&after.diagnostics))
}

#[test]
fn hardening_the_corpus_fixes_what_it_can_and_touches_nothing_else() {
    let (Some(compose), Some(run)) = (corpus_files("compose"), corpus_files("run")) else {
        eprintln!("skipped: ../shared/corpus/real/ is not present");
        return;
    };
    let inputs: Vec<(String, String)> = compose
        .iter()
        .chain(&run)
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(path).unwrap())
        })
        .collect();
    assert!(
        inputs.len() > 100,
        "the corpus holds {} files",
        inputs.len()
    );
    println!(
        "{} inputs ({} Compose files, {} run command files)",
        inputs.len(),
        compose.len(),
        run.len()
    );
    for profile in Profile::ALL {
        for include_unsafe in [false, true] {
            let (mut before, mut after) = (0, 0);
            for (name, text) in &inputs {
                let (b, a) = check(name, text, profile, include_unsafe);
                before += b;
                after += a;
            }
            let fixes = if include_unsafe {
                "all fixes"
            } else {
                "safe fixes"
            };
            println!(
                "{:<10} {fixes:<10}: findings {before} → {after}",
                profile.as_str()
            );
        }
    }
}
