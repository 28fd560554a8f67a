//! Linearity guard: analysing an input 4× as large must take at most about 4× the
//! work and memory. Work is counted, not timed: the library's step counter
//! (`shipshape::work`), the allocations and bytes the analysis requests, its peak
//! of live heap bytes, and the size of the JSON report. A loop that relates every
//! item to every other makes one of them grow 16×, so this fails without noise.

mod generated;

use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts what each thread allocates, so that the test harness and the other tests,
/// running on their own threads, do not count into a measurement.
struct Counting;

/// Allocations, bytes allocated, bytes live (allocated minus freed on this thread)
/// and the most bytes live since the last reset.
#[derive(Clone, Copy, Default)]
struct Heap {
    allocations: usize,
    allocated: usize,
    live: isize,
    peak: isize,
}

thread_local! {
    // Const-initialized and without destructor: using it never allocates.
    static HEAP: Cell<Heap> = const {
        Cell::new(Heap { allocations: 0, allocated: 0, live: 0, peak: 0 })
    };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = HEAP.try_with(|heap| {
            let mut now = heap.get();
            now.allocations += 1;
            now.allocated += layout.size();
            now.live += layout.size() as isize;
            now.peak = now.peak.max(now.live);
            heap.set(now);
        });
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = HEAP.try_with(|heap| {
            let mut now = heap.get();
            now.live -= layout.size() as isize;
            heap.set(now);
        });
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What one analysis (front-end, rules, report, JSON) cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    steps: u64,
    allocations: usize,
    allocated: usize,
    /// Most heap bytes live at once beyond those live before the analysis.
    peak: usize,
    report: usize,
}

fn cost(text: &str, input: InputKind) -> Cost {
    let options = AnalyzeOptions {
        input,
        ..AnalyzeOptions::default()
    };
    let steps = shipshape::work::steps();
    let before = HEAP.with(|heap| {
        let mut now = heap.get();
        now.peak = now.live;
        heap.set(now);
        now
    });
    let report = Report::new(text, analyze(text, &options), None);
    let json = shipshape::json::to_json(&report);
    drop(report);
    let after = HEAP.with(Cell::get);
    Cost {
        steps: shipshape::work::steps() - steps,
        allocations: after.allocations - before.allocations,
        allocated: after.allocated - before.allocated,
        peak: (after.peak - before.live) as usize,
        report: json.len(),
    }
}

/// Growing the input 4× may grow each count by at most this factor (4 plus slack for
/// the fixed part and for the logarithm of lookups); a quadratic part of 5% of the
/// work at N already exceeds it.
const MAX_GROWTH: f64 = 4.6;
/// The peak of live bytes gets more slack: a vector that doubles its capacity may
/// hold up to twice what it needs at one size and not at the other.
const MAX_PEAK_GROWTH: f64 = 6.0;

/// Checks every cost of `make(4n)` against `make(n)`, printing the figures.
fn assert_linear(what: &str, n: usize, make: fn(usize) -> String, input: InputKind) {
    let small = cost(&make(n), input);
    let large = cost(&make(4 * n), input);
    let measures = [
        ("steps", small.steps as f64, large.steps as f64, MAX_GROWTH),
        (
            "allocations",
            small.allocations as f64,
            large.allocations as f64,
            MAX_GROWTH,
        ),
        (
            "bytes allocated",
            small.allocated as f64,
            large.allocated as f64,
            MAX_GROWTH,
        ),
        (
            "peak heap",
            small.peak as f64,
            large.peak as f64,
            MAX_PEAK_GROWTH,
        ),
        (
            "report bytes",
            small.report as f64,
            large.report as f64,
            MAX_GROWTH,
        ),
    ];
    for (name, at_n, at_4n, limit) in measures {
        let growth = at_4n / at_n;
        println!(
            "{what}: {name} {at_n} at {n}, {at_4n} at {}: ×{growth:.2}",
            4 * n
        );
        assert!(
            growth <= limit,
            "{what}: {name} grew ×{growth:.2} from {n} to {} (at most ×{limit})",
            4 * n
        );
    }
    assert!(
        small.steps > n as u64,
        "{what}: the step counter counted nothing"
    );
}

#[test]
fn compose_services_cost_grows_linearly() {
    assert_linear(
        "compose services",
        250,
        generated::compose_services,
        InputKind::Compose,
    );
}

#[test]
fn flow_list_items_on_one_line_cost_grows_linearly() {
    assert_linear(
        "flow cap_add items on one line",
        2_000,
        generated::compose_flow_items,
        InputKind::Compose,
    );
}

#[test]
fn run_flags_on_one_line_cost_grows_linearly() {
    assert_linear(
        "--cap-add flags on one line",
        2_000,
        generated::run_flags_on_one_line,
        InputKind::Run,
    );
}

#[test]
fn one_input_problem_said_for_many_services_costs_linearly() {
    assert_linear(
        "services misusing one alias",
        250,
        generated::compose_misused_alias,
        InputKind::Compose,
    );
}

/// A report lists the first entries of a long list and counts the others: growing
/// the list 4× (with one finding however long it is) must not grow the report by
/// more than the digits of those counts.
#[test]
fn reports_of_lists_written_longer_stay_the_same_size() {
    let make_flow: fn(usize) -> String = generated::compose_flow_items;
    let cases = [
        ("flow cap_add items", make_flow, InputKind::Compose),
        (
            "--cap-add flags",
            generated::run_flags_on_one_line,
            InputKind::Run,
        ),
    ];
    for (what, make, input) in cases {
        let small = cost(&make(2_000), input);
        let large = cost(&make(8_000), input);
        println!(
            "{what}: report {} B at 2000, {} B at 8000",
            small.report, large.report
        );
        assert!(
            large.report <= small.report + 100,
            "{what}: the report grew from {} to {} bytes",
            small.report,
            large.report
        );
    }
}

#[test]
fn run_commands_cost_grows_linearly() {
    assert_linear("run commands", 100, generated::run_commands, InputKind::Run);
}

#[test]
fn oversized_text_costs_the_same_whatever_its_size() {
    // Both over the limit, with the same number of KiB digits in the message.
    let text = generated::run_commands(20_000);
    let twice = text.repeat(2);
    assert!(text.len() > shipshape::model::Limits::default().input_bytes);
    for input in [InputKind::Auto, InputKind::Compose, InputKind::Run] {
        let refused = cost(&text, input);
        let refused_twice = cost(&twice, input);
        println!("oversized {input:?}: {refused:?}, twice as large: {refused_twice:?}");
        assert_eq!(refused.steps, refused_twice.steps);
        assert_eq!(refused.allocations, refused_twice.allocations);
        assert_eq!(refused.allocated, refused_twice.allocated);
    }
}
