//! Hostile and broken input: mutated real files must never panic, and every
//! diagnostic must point inside the text, on character boundaries, with positions
//! that agree with its byte range.
//!
//! The mutations are deterministic (a fixed-seed generator), so a failure names a
//! file and a mutation number that reproduce it. The invariants are those of
//! `tests/invariants`, shared with the property tests and the fuzz targets.

mod hostile_inputs;
mod invariants;

use shipshape::{analyze_decoded, AnalyzeOptions, Decoded, InputKind};
use std::fs;
use std::path::{Path, PathBuf};

/// Mutations tried per corpus file.
const MUTATIONS_PER_FILE: u64 = 96;

/// Fragments that stress the YAML parser, the interpolation and the shell tokenizer.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\\\n",
    "$(",
    "${",
    "${A:-",
    "`",
    ":",
    ": ",
    "-",
    "--",
    "-v",
    "&&",
    "|",
    ";",
    "\n",
    "\t",
    "*",
    "&a ",
    "*a",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    "#",
    " # shipshape: ignore[",
    "😀",
    "漢字",
    "\r\n",
    "---\n",
    "...\n",
    "!!binary ",
    "? ",
    "%YAML 1.2\n",
    "\u{feff}",
];

/// A small deterministic generator (64-bit LCG), enough to pick mutations.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// The nearest character boundary at or before `offset`.
fn boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut text = text.to_string();
    for _ in 0..1 + rng.next(3) {
        let at = boundary(&text, rng.next(text.len() + 1));
        match rng.next(4) {
            0 => text.insert_str(at, FRAGMENTS[rng.next(FRAGMENTS.len())]),
            1 => text.truncate(at),
            2 => {
                let end = boundary(&text, at + rng.next(40));
                text.replace_range(at..end, "");
            }
            _ => {
                let end = boundary(&text, at + rng.next(80));
                let copy = text[at..end].to_string();
                text.insert_str(end, &copy);
            }
        }
    }
    text
}

fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !root.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    for kind in ["compose", "run"] {
        for entry in fs::read_dir(root.join(kind)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    Some(files)
}

/// Analyses `decoded` every way and checks the invariants; returns the codes of the
/// auto-detected analysis.
fn check(decoded: &Decoded, label: &str) -> Vec<String> {
    let text = &decoded.text;
    let mut detected_codes = Vec::new();
    for input in [InputKind::Auto, InputKind::Compose, InputKind::Run] {
        let options = AnalyzeOptions {
            input,
            ..AnalyzeOptions::default()
        };
        let analysis = analyze_decoded(decoded, &options);
        if let Err(violation) = invariants::check(text, &analysis) {
            panic!("{label} {input:?}: {violation}");
        }
        if input == InputKind::Auto {
            detected_codes = analysis
                .diagnostics
                .iter()
                .map(|d| d.code.clone())
                .collect();
        }
    }
    detected_codes
}

#[test]
fn mutated_corpus_files_never_panic_and_stay_located() {
    let Some(files) = corpus_files() else {
        println!("skipped: ../shared not found, mutated corpus not analysed");
        return;
    };
    let mut analysed = 0;
    for path in &files {
        let original = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let mut rng = Lcg(original.len() as u64);
        for mutation in 0..MUTATIONS_PER_FILE {
            let text = mutate(&original, &mut rng);
            let decoded = Decoded::new(text.into_bytes());
            check(&decoded, &format!("{name} mutation {mutation}"));
            analysed += 1;
        }
    }
    println!(
        "robustness: {analysed} mutated inputs from {} corpus files, each analysed 3 ways",
        files.len()
    );
}

#[test]
fn hostile_inputs_are_bounded_and_located() {
    for case in hostile_inputs::all() {
        let codes = check(&Decoded::new(case.bytes.clone()), case.label);
        if let Some(code) = case.expected {
            assert!(
                codes.iter().any(|c| c == code),
                "{}: expected {code}, got {codes:?}",
                case.label
            );
        }
    }
}
