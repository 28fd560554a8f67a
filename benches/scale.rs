//! Time, peak heap and report size of generated inputs that grow along one dimension
//! (services, items on one line, size past the limit), natively. `cargo bench --bench
//! scale` writes each input to target/bench/inputs/ and the figures to
//! target/bench/scale.json, so that `make bench` times the very same texts in wasm and
//! as whole processes. Under `cargo test` it analyses the small inputs once.

#[path = "../tests/generated/mod.rs"]
mod generated;

#[path = "support/clock.rs"]
mod clock;

#[path = "support/peak_memory.rs"]
mod peak_memory;

use clock::thread_cpu_time;
use peak_memory::with_peak_heap;
use serde_json::{json, Value};
use shipshape::config::Config;
use shipshape::model::Limits;
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::path::Path;
use std::time::Duration;

const BUDGET: Duration = Duration::from_millis(500);
const MIN_RUNS: usize = 1;

/// Limits raised past the defaults (1 MiB, 5,000 services, 20,000 words per command)
/// for the inputs that measure growth beyond them; the 20 MB inputs keep the defaults,
/// since refusing them is what they measure.
fn raised_limits() -> Limits {
    Limits {
        input_bytes: 16 << 20,
        line_bytes: 16 << 20,
        services: 100_000,
        words_per_command: 1_000_000,
        ..Limits::default()
    }
}

struct Case {
    slug: &'static str,
    label: String,
    input: InputKind,
    text: String,
    raised: bool,
}

/// Services of `generated::compose_services` that make about `bytes` of text.
fn services_for(bytes: usize) -> usize {
    let per_service = generated::compose_services(1_000).len() / 1_000;
    bytes / per_service
}

fn cases() -> Vec<Case> {
    let case = |slug, label: String, input, text, raised| Case {
        slug,
        label,
        input,
        text,
        raised,
    };
    let small = services_for(100_000);
    let large = services_for(1_000_000);
    let oversized_run = generated::run_commands(200_000);
    let oversized_compose = generated::compose_services(services_for(20_000_000));
    use InputKind::{Auto, Compose, Run};
    vec![
        case(
            "compose-100",
            "Compose, 100 services".into(),
            Compose,
            generated::compose_services(100),
            false,
        ),
        case(
            "compose-10000",
            "Compose, 10,000 services".into(),
            Compose,
            generated::compose_services(10_000),
            true,
        ),
        case(
            "compose-0.1mb",
            format!("Compose, 0.1 MB ({small} services)"),
            Compose,
            generated::compose_services(small),
            false,
        ),
        case(
            "compose-1mb",
            format!("Compose, 1 MB ({large} services)"),
            Compose,
            generated::compose_services(large),
            false,
        ),
        case(
            "flow-10k",
            "cap_add, 10k items on one line".into(),
            Compose,
            generated::compose_flow_items(10_000),
            true,
        ),
        case(
            "flow-100k",
            "cap_add, 100k items on one line".into(),
            Compose,
            generated::compose_flow_items(100_000),
            true,
        ),
        case(
            "flags-10k",
            "--cap-add ×10k on one line".into(),
            Run,
            generated::run_flags_on_one_line(10_000),
            true,
        ),
        case(
            "flags-100k",
            "--cap-add ×100k on one line".into(),
            Run,
            generated::run_flags_on_one_line(100_000),
            true,
        ),
        case(
            "alias-misused-5000",
            "Compose, 5,000 services misusing one alias".into(),
            Compose,
            generated::compose_misused_alias(5_000),
            false,
        ),
        case(
            "reject-run-auto",
            "20 MB run commands, detected".into(),
            Auto,
            oversized_run.clone(),
            false,
        ),
        case(
            "reject-run-run",
            "20 MB run commands, as run".into(),
            Run,
            oversized_run.clone(),
            false,
        ),
        case(
            "reject-run-compose",
            "20 MB run commands, as Compose".into(),
            Compose,
            oversized_run,
            false,
        ),
        case(
            "reject-compose-auto",
            "20 MB Compose, detected".into(),
            Auto,
            oversized_compose,
            false,
        ),
    ]
}

fn options(case: &Case) -> AnalyzeOptions {
    let mut config = Config::default();
    if case.raised {
        config.limits = raised_limits();
    }
    AnalyzeOptions {
        config,
        input: case.input,
        ..AnalyzeOptions::default()
    }
}

/// Analyses and serialises the report once: its time, the peak heap above what was in
/// use before, the report's bytes and its diagnostics.
fn measure(case: &Case, options: &AnalyzeOptions) -> (Duration, usize, usize, usize) {
    let ((time, report_bytes, diagnostics), peak) = with_peak_heap(|| {
        let started = thread_cpu_time();
        let report = Report::new(&case.text, analyze(&case.text, options), None);
        let json = shipshape::json::to_json(&report);
        let time = thread_cpu_time() - started;
        (time, json.len(), report.diagnostics.len())
    });
    (time, peak, report_bytes, diagnostics)
}

fn main() {
    let bench = std::env::args().any(|arg| arg == "--bench");
    if !bench {
        for case in cases().iter().filter(|case| case.text.len() < 200_000) {
            measure(case, &options(case));
        }
        return;
    }
    let out = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench"));
    std::fs::create_dir_all(out.join("inputs")).unwrap();
    let limits: serde_json::Value =
        serde_json::from_str(&shipshape::json::to_json(&raised_limits())).unwrap();
    let raised = json!({ "limits": limits });
    std::fs::write(out.join("inputs/raised-limits.json"), raised.to_string()).unwrap();
    let mut rows = Vec::new();
    for case in cases() {
        let options = options(&case);
        let mut times = Vec::new();
        let (mut peak, mut report, mut diagnostics) = (0, 0, 0);
        let started = thread_cpu_time();
        while times.len() < MIN_RUNS || thread_cpu_time() - started < BUDGET {
            let (time, run_peak, run_report, run_diagnostics) = measure(&case, &options);
            times.push(time);
            (peak, report, diagnostics) = (run_peak, run_report, run_diagnostics);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "native {:<40} {:>9} B {:>10.2?} peak {:>6.1} MB ({:>4.1}× input) report {:>9} B, {diagnostics} diagnostics",
            case.label,
            case.text.len(),
            median,
            peak as f64 / 1e6,
            peak as f64 / case.text.len() as f64,
            report
        );
        let kind = match case.input {
            InputKind::Auto => "auto",
            InputKind::Compose => "compose",
            InputKind::Run => "run",
        };
        std::fs::write(out.join(format!("inputs/{}.txt", case.slug)), &case.text).unwrap();
        rows.push(json!({
            "slug": case.slug,
            "label": case.label,
            "input": kind,
            "bytes": case.text.len(),
            "raisedLimits": case.raised,
            "micros": median.as_nanos() as f64 / 1000.0,
            "peakBytes": peak,
            "reportBytes": report,
            "diagnostics": diagnostics,
        }));
    }
    let results = Value::Array(rows);
    std::fs::write(
        out.join("scale.json"),
        serde_json::to_string_pretty(&results).unwrap(),
    )
    .unwrap();
}
