//! Escape paths: which combinations of a container's settings open a known way out
//! of it, told step by step, and the smallest changes that close them all.
//!
//! Findings judge one setting at a time; this module reads the whole container. The
//! catalogue ([`techniques`]) lists known container-escape and host-compromise
//! techniques, each a few preconditions ([`conditions`]) over the effective settings
//! with Docker's semantics. A technique is **open** when every precondition holds,
//! and **one step away** when all but one hold (for techniques of two or more).
//!
//! A precondition holds through one or more enablers (the settings that make it
//! true); removing all of them makes it false. A path closes when one of its
//! preconditions does, so the minimal fixes are the smallest sets of changes that,
//! for every open path, take away all enablers of at least one precondition.
//!
//! The paths assume that the attacker controls a process running as root in the
//! container, the default for most images: a non-root `user:` narrows many of them,
//! but a set-uid binary or `docker exec -u 0` brings root back, so it closes none.
//! Daemon settings shipshape cannot see (user namespace remapping, the host's cgroup
//! version and security module) are named in the steps that depend on them.

use crate::model::caps::EffectiveCaps;
use crate::model::Container;

pub mod conditions;
pub mod techniques;
pub mod view;

pub use conditions::{Change, Condition, Enabler};
pub use techniques::{Impact, Reference, Technique, TECHNIQUES};

/// One precondition of a technique as this container meets it.
#[derive(Clone, Debug)]
pub struct StepStatus {
    pub step: &'static techniques::Step,
    /// What makes it hold here; empty when it does not.
    pub enablers: Vec<Enabler>,
}

impl StepStatus {
    pub fn holds(&self) -> bool {
        !self.enablers.is_empty()
    }
}

/// A technique evaluated on one container.
#[derive(Clone, Debug)]
pub struct EscapePath {
    pub technique: &'static Technique,
    pub steps: Vec<StepStatus>,
}

impl EscapePath {
    fn evaluate(
        technique: &'static Technique,
        container: &Container,
        effective: &EffectiveCaps,
    ) -> EscapePath {
        EscapePath {
            technique,
            steps: technique
                .steps
                .iter()
                .map(|step| StepStatus {
                    step,
                    enablers: step.condition.enablers(container, effective),
                })
                .collect(),
        }
    }

    fn missing(&self) -> usize {
        self.steps.iter().filter(|s| !s.holds()).count()
    }

    pub fn is_open(&self) -> bool {
        self.missing() == 0
    }

    /// All preconditions but one hold, and there are at least two.
    pub fn is_one_step_away(&self) -> bool {
        self.steps.len() >= 2 && self.missing() == 1
    }
}

/// One change of a minimal fix, with the enabler it takes away.
#[derive(Clone, Debug, PartialEq)]
pub struct FixChange {
    pub change: Change,
    pub title: String,
    pub span: Option<crate::span::Span>,
}

/// The escape paths of one container.
#[derive(Clone, Debug)]
pub struct ContainerPaths {
    pub open: Vec<EscapePath>,
    pub one_step_away: Vec<EscapePath>,
    /// Every smallest set of changes that closes all open paths (several when
    /// there is a choice), at most [`MAX_FIXES`]; empty when nothing is open.
    pub minimal_fixes: Vec<Vec<FixChange>>,
    /// True when more minimal sets exist than are listed.
    pub more_fixes: bool,
}

/// How many minimal fixes a report lists.
pub const MAX_FIXES: usize = 8;

/// Evaluates every technique of the catalogue on the container.
pub fn analyze(container: &Container) -> ContainerPaths {
    // Once for every capability condition of every technique.
    let effective = EffectiveCaps::of(container);
    let (open, rest): (Vec<EscapePath>, Vec<EscapePath>) = TECHNIQUES
        .iter()
        .map(|technique| EscapePath::evaluate(technique, container, &effective))
        .partition(EscapePath::is_open);
    let one_step_away = rest
        .into_iter()
        .filter(EscapePath::is_one_step_away)
        .collect();
    let (sets, more_fixes) = minimal_closing_sets(&open);
    let minimal_fixes = sets
        .into_iter()
        .map(|set| {
            let changes = set.iter().map(|change| fix_change(&open, change));
            // In text order, engine defaults (nothing written) last.
            sorted_by_key(changes, |change| {
                change.span.map_or(u32::MAX, |span| span.start)
            })
        })
        .collect();
    ContainerPaths {
        open,
        one_step_away,
        minimal_fixes,
        more_fixes,
    }
}

/// The change with the title and span of the enabler it removes.
fn fix_change(open: &[EscapePath], change: &Change) -> FixChange {
    let enabler = open
        .iter()
        .flat_map(|path| &path.steps)
        .flat_map(|step| &step.enablers)
        .find(|enabler| enabler.change == *change)
        .expect("every change comes from an enabler of an open path");
    FixChange {
        title: enabler.change_title.clone(),
        span: enabler.span,
        change: change.clone(),
    }
}

/// The items in order of `key`, equal keys in their original order: an insertion
/// sort, for the handful of items a path or a fix has (and lighter in the WebAssembly
/// module than the standard sort).
pub(crate) fn sorted_by_key<T, K: Ord>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut sorted: Vec<T> = Vec::new();
    for item in items {
        let at = sorted.partition_point(|other| key(other) <= key(&item));
        sorted.insert(at, item);
    }
    sorted
}

/// A set of changes, as bits over the list of distinct changes (see [`ChangeIndex`]).
type ChangeSet = u128;

/// The distinct changes of the open paths, in the order the paths name them, so
/// that sets of them are bit masks.
struct ChangeIndex<'a> {
    changes: Vec<&'a Change>,
}

impl<'a> ChangeIndex<'a> {
    /// The set of the changes that take away every enabler of `step`; `None` once
    /// there are more distinct changes than a mask holds.
    fn closing(&mut self, step: &'a StepStatus) -> Option<ChangeSet> {
        let mut set = 0;
        for enabler in &step.enablers {
            let index = match self.changes.iter().position(|c| **c == enabler.change) {
                Some(index) => index,
                None => {
                    self.changes.push(&enabler.change);
                    self.changes.len() - 1
                }
            };
            set |= 1u128.checked_shl(u32::try_from(index).ok()?)?;
        }
        Some(set)
    }

    fn members(&self, set: ChangeSet) -> impl Iterator<Item = &'a Change> + '_ {
        self.changes
            .iter()
            .enumerate()
            .filter(move |(index, _)| set & (1 << index) != 0)
            .map(|(_, change)| *change)
    }
}

/// A bound on the search, far above what real containers need (a handful of open
/// paths with two or three preconditions each), so hostile input stays fast.
const SEARCH_BUDGET: usize = 20_000;

/// The smallest sets of changes that close every path, by a depth-first search over
/// which precondition to break in each path, pruned by the best size found so far.
/// Any closing set contains, for every path, all enablers of one precondition, so
/// the minima are among the unions the search builds. Returns the sets found (at
/// most [`MAX_FIXES`]) and whether there are more (or too many changes to search).
fn minimal_closing_sets(paths: &[EscapePath]) -> (Vec<Vec<Change>>, bool) {
    let mut index = ChangeIndex {
        changes: Vec::new(),
    };
    let mut options: Vec<Vec<ChangeSet>> = Vec::new();
    for path in paths {
        let mut closing: Vec<ChangeSet> = Vec::new();
        for step in &path.steps {
            let Some(set) = index.closing(step) else {
                return (Vec::new(), true);
            };
            if !closing.contains(&set) {
                closing.push(set);
            }
        }
        options.push(closing);
    }
    let mut search = Search {
        options: &options,
        best: Vec::new(),
        best_size: u32::MAX,
        budget: SEARCH_BUDGET,
    };
    if !options.is_empty() {
        search.explore(0, 0);
    }
    let more = search.best.len() > MAX_FIXES;
    let sets = search
        .best
        .iter()
        .take(MAX_FIXES)
        .map(|&set| index.members(set).cloned().collect())
        .collect();
    (sets, more)
}

struct Search<'a> {
    options: &'a [Vec<ChangeSet>],
    best: Vec<ChangeSet>,
    best_size: u32,
    budget: usize,
}

impl Search<'_> {
    fn explore(&mut self, path: usize, chosen: ChangeSet) {
        let size = chosen.count_ones();
        if size > self.best_size || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let Some(options) = self.options.get(path) else {
            if size < self.best_size {
                self.best_size = size;
                self.best.clear();
            }
            if !self.best.contains(&chosen) {
                self.best.push(chosen);
            }
            return;
        };
        if options.iter().any(|&option| option & !chosen == 0) {
            return self.explore(path + 1, chosen);
        }
        for &option in options {
            self.explore(path + 1, chosen | option);
        }
    }
}

#[cfg(test)]
mod tests;
