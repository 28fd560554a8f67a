//! Fixes from intents to text: the pipeline hands each fix a rule proposed to the
//! editor of its container's origin (`compose::edit`, `run::edit`). A fix whose
//! intents an editor cannot write is dropped, so no finding offers a wrong edit.

use crate::compose::edit::ComposeEditor;
use crate::model::edit::{Editor, Intent, TextEdit};
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

/// Writes the fixes of the findings a rule reported about `container`, dropping
/// those that cannot be written.
pub fn write(findings: &mut [Finding], container: &Container, text: &str) {
    for finding in findings {
        let Some(fix) = &mut finding.fix else {
            continue;
        };
        match plan(text, container, &fix.intents) {
            Some(edits) => fix.edits = edits,
            None => finding.fix = None,
        }
    }
}
