//! Time and peak heap memory of the analysis of each hostile input
//! (`tests/hostile_inputs`), against the goal of < 100 ms and < 64 MB each.
//! `cargo bench --bench hostile` prints the table (`make bench` runs it); under
//! `cargo test` it analyses each input once, as a smoke test.

#[path = "../tests/hostile_inputs/mod.rs"]
mod hostile_inputs;

#[path = "support/peak_memory.rs"]
mod peak_memory;

use peak_memory::with_peak_heap;
use shipshape::report::Report;
use shipshape::{analyze_decoded, AnalyzeOptions, Decoded};
use std::time::{Duration, Instant};

const TIME_GOAL: Duration = Duration::from_millis(100);
const MEMORY_GOAL: usize = 64 << 20;

/// Decodes the bytes, analyses the text and serialises its report, as the CLI's JSON
/// output does; returns the time taken, the peak heap memory above what was in use
/// before, and whether `expected` was reported.
fn measure(bytes: &[u8], expected: Option<&str>) -> (Duration, usize, bool) {
    let bytes = bytes.to_vec();
    let ((time, reported), peak) = with_peak_heap(|| {
        let started = Instant::now();
        let decoded = Decoded::new(bytes);
        let analysis = analyze_decoded(&decoded, &AnalyzeOptions::default());
        let report = Report::new(&decoded.text, analysis, None);
        let json = shipshape::json::to_json(&report);
        std::hint::black_box(json.len());
        let time = started.elapsed();
        let reported =
            expected.is_none_or(|code| report.diagnostics.iter().any(|d| d.code == code));
        (time, reported)
    });
    (time, peak, reported)
}

fn main() {
    let bench = std::env::args().any(|arg| arg == "--bench");
    println!(
        "{:<32} {:>10} {:>10} {:>10} {:>9}  goal < {} ms, < {} MB",
        "hostile input",
        "size",
        "time",
        "peak heap",
        "reports",
        TIME_GOAL.as_millis(),
        MEMORY_GOAL >> 20
    );
    for case in hostile_inputs::all() {
        let (time, peak, reported) = measure(&case.bytes, case.expected);
        if !bench {
            continue;
        }
        let missed = if time > TIME_GOAL || peak > MEMORY_GOAL {
            "  missed"
        } else {
            ""
        };
        let reports = match (case.expected, reported) {
            (Some(code), true) => code,
            (Some(_), false) => "MISSING",
            (None, _) => "-",
        };
        println!(
            "{:<32} {:>8} KB {:>8.1?} {:>7.1} MB {reports:>9}{missed}",
            case.label,
            case.bytes.len() >> 10,
            time,
            peak as f64 / f64::from(1 << 20)
        );
    }
}
