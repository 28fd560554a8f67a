//! The engine on hand-made containers: capability enablers follow Docker's
//! arithmetic, and the search finds every smallest closing set.

use super::*;
use crate::model::{Origin, Setting};
use crate::span::Span;

fn container(
    add: &[(&str, usize)],
    drop: &[(&str, usize)],
    privileged: Option<usize>,
) -> Container {
    let setting = |&(value, at): &(&str, usize)| {
        Setting::known(value.to_string(), value, Span::new(at, at + value.len()))
    };
    let mut c = Container::new("svc", Span::default(), Span::new(0, 1000), Origin::Compose);
    c.cap_add = add.iter().map(setting).collect();
    c.cap_drop = drop.iter().map(setting).collect();
    c.privileged = privileged.map(|at| Setting::known(true, "true", Span::new(at, at + 4)));
    c
}

fn changes(condition: Condition, container: &Container) -> Vec<Change> {
    condition
        .enablers(container, &EffectiveCaps::of(container))
        .into_iter()
        .map(|e| e.change)
        .collect()
}

#[test]
fn every_grant_of_a_capability_is_an_enabler() {
    let c = container(&[("SYS_ADMIN", 10), ("ALL", 30)], &[], Some(50));
    assert_eq!(
        changes(Condition::Capability("SYS_ADMIN"), &c),
        [
            Change::Remove(Span::new(50, 54)),
            Change::Remove(Span::new(10, 19)),
            Change::Remove(Span::new(30, 33))
        ]
    );
    // ALL does not grant what cap_drop names; a default capability is dropped to close it.
    let c = container(&[("ALL", 10)], &[("NET_RAW", 20)], None);
    assert_eq!(changes(Condition::Capability("NET_RAW"), &c), []);
    let c = container(&[], &[], None);
    assert_eq!(
        changes(Condition::Capability("NET_RAW"), &c),
        [Change::DropCapability("NET_RAW")]
    );
    let c = container(&[], &[("ALL", 10)], None);
    assert_eq!(changes(Condition::Capability("KILL"), &c), []);
}

fn set(changes: &[u32]) -> Vec<Change> {
    changes
        .iter()
        .map(|&at| Change::Remove(Span::at(at as usize)))
        .collect()
}

/// A path whose steps hold through these enablers (by offset).
fn path(steps: &[&[u32]]) -> EscapePath {
    let technique = &TECHNIQUES[0];
    EscapePath {
        technique,
        steps: steps
            .iter()
            .map(|enablers| StepStatus {
                step: &technique.steps[0],
                enablers: enablers
                    .iter()
                    .map(|&at| Enabler {
                        description: String::new(),
                        span: Some(Span::at(at as usize)),
                        change: Change::Remove(Span::at(at as usize)),
                        change_title: String::new(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[test]
fn the_search_finds_every_smallest_closing_set() {
    // Path 1 closes by removing 1, or both 2 and 3; path 2 by removing 1 or 4.
    let (sets, more) = minimal_closing_sets(&[path(&[&[1], &[2, 3]]), path(&[&[4], &[1]])]);
    assert_eq!(sets, [set(&[1])]);
    assert!(!more);
    // Two independent choices: four sets of two.
    let (sets, _) = minimal_closing_sets(&[path(&[&[1], &[2]]), path(&[&[3], &[4]])]);
    assert_eq!(
        sets,
        [set(&[1, 3]), set(&[1, 4]), set(&[2, 3]), set(&[2, 4])]
    );
    assert_eq!(minimal_closing_sets(&[]), (Vec::new(), false));
}

#[test]
fn many_choices_are_capped() {
    let paths: Vec<EscapePath> = (0..4).map(|i| path(&[&[i * 2], &[i * 2 + 1]])).collect();
    let (sets, more) = minimal_closing_sets(&paths);
    assert_eq!(sets.len(), MAX_FIXES);
    assert!(more);
    assert!(sets.iter().all(|s| s.len() == 4));
}
