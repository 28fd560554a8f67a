//! Native time over the real corpus, the same work as the wasm `analyze*` exports:
//! analyse, build the report, serialize it. `cargo bench --bench corpus` writes
//! target/bench/native.json (each file's median, each folder's whole-corpus time and
//! the re-analysis after a one-character edit of the largest Compose file), which
//! `make bench` puts next to the wasm figures. Under `cargo test` it analyses each
//! file once, as a smoke test.

#[path = "../tests/wasm_corpus/files.rs"]
mod files;

#[path = "support/clock.rs"]
mod clock;

use clock::thread_cpu_time;
use serde_json::{json, Map, Value};
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::time::Duration;

/// Each measured thing runs for about this long (at least [`MIN_RUNS`] times); its
/// time is the median of the runs.
const BUDGET: Duration = Duration::from_millis(100);
/// The whole corpus of a folder gets longer, for a steadier total.
const CORPUS_BUDGET: Duration = Duration::from_millis(1_000);
const MIN_RUNS: usize = 5;

fn run_once(name: &str, input: InputKind, text: &str) -> usize {
    let options = AnalyzeOptions {
        input,
        file_name: Some(name.to_string()),
        ..AnalyzeOptions::default()
    };
    let report = Report::new(text, analyze(text, &options), options.file_name);
    shipshape::json::to_json(&report).len()
}

fn median_time(budget: Duration, mut run: impl FnMut()) -> Duration {
    let mut times = Vec::new();
    let started = thread_cpu_time();
    while times.len() < MIN_RUNS || thread_cpu_time() - started < budget {
        let once = thread_cpu_time();
        run();
        times.push(thread_cpu_time() - once);
    }
    times.sort();
    times[times.len() / 2]
}

fn micros(time: Duration) -> Value {
    (time.as_nanos() as f64 / 1000.0).into()
}

/// `text` with one character changed in its middle line (a letter doubled, or a
/// space added at the end of a blank line), as a keystroke in an editor does.
fn one_character_edit(text: &str) -> String {
    let middle = text.len() / 2;
    let at = text[middle..]
        .find(|c: char| c.is_ascii_alphabetic())
        .map_or(text.len(), |offset| middle + offset);
    let mut edited = text.to_string();
    let inserted = text[at..].chars().next().unwrap_or(' ');
    edited.insert(at, inserted);
    edited
}

fn main() {
    let bench = std::env::args().any(|arg| arg == "--bench");
    let files = match files::load() {
        Ok(files) => files,
        // Under `cargo test` a missing corpus is not a failure of the code.
        Err(err) => {
            eprintln!("bench: {err}");
            std::process::exit(if bench { 1 } else { 0 });
        }
    };
    if !bench {
        for file in &files {
            run_once(&file.name, file.input, &file.text);
        }
        return;
    }
    let mut per_file = Map::new();
    for file in &files {
        let time = median_time(BUDGET, || {
            std::hint::black_box(run_once(&file.name, file.input, &file.text));
        });
        per_file.insert(file.name.clone(), micros(time));
    }
    let mut corpus = Map::new();
    for (kind, input) in [("compose", InputKind::Compose), ("run", InputKind::Run)] {
        let folder: Vec<&files::CorpusFile> =
            files.iter().filter(|file| file.input == input).collect();
        let time = median_time(CORPUS_BUDGET, || {
            for file in &folder {
                std::hint::black_box(run_once(&file.name, file.input, &file.text));
            }
        });
        let bytes: usize = folder.iter().map(|file| file.text.len()).sum();
        println!(
            "native {kind:<8} whole corpus: {} files, {} KB in {time:.2?} ({:.0} files/s, {:.1} MB/s)",
            folder.len(),
            bytes / 1000,
            folder.len() as f64 / time.as_secs_f64(),
            bytes as f64 / 1e6 / time.as_secs_f64()
        );
        corpus.insert(
            kind.to_string(),
            json!({ "files": folder.len(), "bytes": bytes, "micros": micros(time) }),
        );
    }
    let largest = files
        .iter()
        .filter(|file| file.input == InputKind::Compose)
        .max_by_key(|file| file.text.len())
        .expect("the corpus has Compose files");
    let edited = one_character_edit(&largest.text);
    let edit_time = median_time(BUDGET, || {
        std::hint::black_box(run_once(&largest.name, largest.input, &edited));
    });
    println!(
        "native re-analysis of {} after a one-character edit: {edit_time:.2?}",
        largest.name
    );
    let results = json!({
        "files": per_file,
        "corpus": corpus,
        "edit": { "file": largest.name, "lines": largest.text.lines().count(), "micros": micros(edit_time) },
    });
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench/native.json");
    std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&results).unwrap()).unwrap();
}
