//! A deterministic count of the analysis's elementary steps: YAML events and shell
//! words read, rule checks run, positions computed, entries examined by lookups and
//! by the loops that relate one item to others (suppressions to findings,
//! capability lists to the known capabilities).
//!
//! Tests compare it between inputs of size N and 4N (`tests/linearity.rs`): a loop
//! that walks every item for each item shows up as 16× the steps, with none of the
//! noise of timing. Counting is a thread-local addition, cheap enough to stay on.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `steps` elementary steps.
pub(crate) fn add(steps: usize) {
    STEPS.with(|count| count.set(count.get() + steps as u64));
}

/// Steps recorded on this thread so far; the difference around a call is its work.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}
