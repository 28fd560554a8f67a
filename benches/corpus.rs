//! Native time per corpus file, the same work as the wasm `analyze*` exports: analyse,
//! build the report, serialize it. `make bench` prints it next to the wasm time
//! (`cargo bench --bench corpus` writes target/bench/native.json for that). Under
//! `cargo test` it analyses each file once, as a smoke test.

#[path = "../tests/wasm_corpus/files.rs"]
mod files;

use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions};
use std::time::{Duration, Instant};

/// Each file runs for about this long (at least [`MIN_RUNS`] times); its time is the median.
const BUDGET_PER_FILE: Duration = Duration::from_millis(100);
const MIN_RUNS: usize = 5;

fn run_once(file: &files::CorpusFile) -> usize {
    let options = AnalyzeOptions {
        input: file.input,
        file_name: Some(file.name.clone()),
        ..AnalyzeOptions::default()
    };
    let report = Report::new(&file.text, analyze(&file.text, &options), options.file_name);
    serde_json::to_string(&report)
        .expect("reports serialize")
        .len()
}

fn median_time(file: &files::CorpusFile) -> Duration {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < MIN_RUNS || started.elapsed() < BUDGET_PER_FILE {
        let run = Instant::now();
        std::hint::black_box(run_once(file));
        times.push(run.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

/// The `q` quantile of sorted times (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
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
            run_once(file);
        }
        return;
    }
    let medians: Vec<(String, Duration)> = files
        .iter()
        .map(|file| (file.name.clone(), median_time(file)))
        .collect();
    for kind in ["compose", "run"] {
        let mut times: Vec<Duration> = medians
            .iter()
            .filter(|(name, _)| name.starts_with(kind))
            .map(|(_, time)| *time)
            .collect();
        times.sort();
        println!(
            "native {kind:<8} {:>3} files  p50 {:>9.1?}  p99 {:>9.1?}",
            times.len(),
            quantile(&times, 0.5),
            quantile(&times, 0.99)
        );
    }
    let json: serde_json::Map<String, serde_json::Value> = medians
        .into_iter()
        .map(|(name, time)| (name, (time.as_nanos() as f64 / 1000.0).into()))
        .collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench/native.json");
    std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
}
