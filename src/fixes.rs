//! Fixes from intents to text: the pipeline hands each fix a rule proposed to the
//! editor of its container's origin (`compose::edit`, `run::edit`). A fix whose
//! intents an editor cannot write is dropped, so no finding offers a wrong edit.

use crate::compose::edit::ComposeEditor;
use crate::model::edit::{Editor, Intent, TextEdit};
use crate::model::shared::{Others, Readers};
use crate::model::{Container, Layout};
use crate::rules::Finding;
use crate::run::edit::RunEditor;

/// The text edits for `intents` about `container`, written by its origin's editor;
/// `None` when one of them cannot be written.
pub fn plan(text: &str, container: &Container, intents: &[Intent]) -> Option<Vec<TextEdit>> {
    match container.layout {
        Layout::Compose(_) => ComposeEditor { text }.plan(container, intents),
        Layout::Run(_) => RunEditor { text }.plan(container, intents),
    }
}

/// Writes the fixes of the findings a rule reported about `containers[index]`,
/// dropping those that cannot be written. A fix that edits text other containers
/// read too (an anchor, a service others `extends`) names them in its title.
pub fn write(
    findings: &mut [Finding],
    containers: &[Container],
    index: usize,
    readers: &Readers,
    text: &str,
) {
    let container = &containers[index];
    for finding in findings {
        let Some(fix) = &mut finding.fix else {
            continue;
        };
        let Some(edits) = plan(text, container, &fix.intents) else {
            finding.fix = None;
            continue;
        };
        if let Some((at, _)) = edits.first() {
            let others = readers.others(containers, index, *at);
            if others.count > 0 {
                fix.title = format!(
                    "{} (also changes {})",
                    fix.title,
                    named(containers, &others)
                );
            }
        }
        fix.edits = edits;
    }
}

/// "`b`", "`b` and `c`", "`b`, `c`, `d` and 4 more".
fn named(containers: &[Container], others: &Others) -> String {
    let names: Vec<String> = others
        .first
        .iter()
        .map(|&index| format!("`{}`", containers[index].name))
        .collect();
    let more = others.count - names.len();
    match (names.split_last(), more) {
        (Some((last, rest)), 0) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        (_, 0) => names.join(", "),
        _ => format!("{} and {more} more", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use crate::span::Span;

    #[test]
    fn other_containers_are_named_up_to_three() {
        let containers: Vec<Container> = ["a", "b", "c", "d"]
            .iter()
            .map(|name| Container::new(*name, Span::at(0), Span::at(0), Origin::Compose))
            .collect();
        let others = |count, first: &[usize]| Others {
            count,
            first: first.to_vec(),
        };
        assert_eq!(named(&containers, &others(1, &[1])), "`b`");
        assert_eq!(named(&containers, &others(2, &[1, 2])), "`b` and `c`");
        assert_eq!(
            named(&containers, &others(3, &[1, 2, 3])),
            "`b`, `c` and `d`"
        );
        assert_eq!(
            named(&containers, &others(7, &[1, 2, 3])),
            "`b`, `c`, `d` and 4 more"
        );
    }
}
