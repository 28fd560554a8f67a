//! Fixes as intents on the model, and the interface of the editors that write them.
//!
//! A rule says *what* should change in terms of the container it read ("remove the
//! setting written here", "add `ALL` to `cap_drop`", "mount this bind read-only");
//! the editor of the container's origin (`compose::edit`, `run::edit`) says *how*,
//! in the syntax and the layout the user wrote. An intent an editor cannot write
//! safely yields no edit, and the fix is not offered: no fix beats a wrong one.

use super::{Container, MountSyntax};
use crate::span::Span;

/// One change a fix asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Remove the setting whose value is written at `at`: a list item (with its key
    /// when it was the only item), a `key: value`, or a flag with its value.
    Remove { at: Span },
    /// Write `with` in place of the value written at `at`.
    Replace { at: Span, with: String },
    /// Turn off the switch written at `at`: `key: false` in Compose, the flag
    /// removed from a command line (`--privileged` has no "false" spelling there).
    TurnOff { at: Span },
    /// Turn on a switch the container does not set: `read_only: true` / `--read-only`.
    TurnOn { switch: Switch },
    /// Add `values` to a list setting: before its first item in the same form, or
    /// as a new setting when the container has none.
    AddItems { list: List, values: Vec<String> },
    /// Make the mount `container.mounts[mount]` read-only, in its own syntax.
    MountReadOnly { mount: usize },
    /// Bind the published port `container.ports[port]` to the loopback interface.
    BindToLoopback { port: usize },
    /// Remove the comment written at `at` (a suppression comment that matches nothing).
    RemoveComment { at: Span },
}

/// The switches a fix can turn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    ReadOnly,
}

/// The list settings a fix can add to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    CapAdd,
    CapDrop,
    SecurityOpt,
    /// `tmpfs:` / `--tmpfs` (not long-syntax tmpfs volumes).
    Tmpfs,
}

impl List {
    /// Where the list's first item is written, when the container has the list.
    pub fn first_item(self, container: &Container) -> Option<Span> {
        match self {
            List::CapAdd => container.cap_add.first().map(|item| item.span),
            List::CapDrop => container.cap_drop.first().map(|item| item.span),
            List::SecurityOpt => container.security_opt.first().map(|opt| opt.entry.span),
            List::Tmpfs => container
                .mounts
                .iter()
                .find(|mount| mount.syntax == MountSyntax::Tmpfs)
                .map(|mount| mount.span),
        }
    }
}

/// Replace the bytes `span` with the text (an empty span inserts, an empty text deletes).
pub type TextEdit = (Span, String);

/// Writes intents as text edits in one origin's syntax.
pub trait Editor {
    /// The edits for one intent about `container`, or `None` when this editor cannot
    /// write it safely (a value written through a YAML alias, a form it does not know).
    fn edit(&self, container: &Container, intent: &Intent) -> Option<Vec<TextEdit>>;

    /// The edits for all of a fix's intents, or `None` when one of them cannot be
    /// written. Several intents adding to the same list become one addition, so that
    /// a missing list is created once.
    fn plan(&self, container: &Container, intents: &[Intent]) -> Option<Vec<TextEdit>> {
        let mut edits: Vec<TextEdit> = Vec::new();
        for intent in merged(intents) {
            for (span, content) in self.edit(container, &intent)? {
                // Insertions at one point become one, in the intents' order: which
                // of two edits at the same place comes first would be up to
                // whoever applies them.
                let same_point = edits
                    .iter_mut()
                    .find(|(other, _)| span.is_empty() && *other == span);
                match same_point {
                    Some((_, earlier)) => earlier.push_str(&content),
                    None => edits.push((span, content)),
                }
            }
        }
        Some(edits)
    }
}

/// The intents with every `AddItems` of one list joined into the first of them.
fn merged(intents: &[Intent]) -> Vec<Intent> {
    let mut out: Vec<Intent> = Vec::with_capacity(intents.len());
    for intent in intents {
        if let Intent::AddItems { list, values } = intent {
            let earlier = out.iter_mut().find_map(|seen| match seen {
                Intent::AddItems {
                    list: seen_list,
                    values: seen_values,
                } if seen_list == list => Some(seen_values),
                _ => None,
            });
            if let Some(seen_values) = earlier {
                seen_values.extend(values.iter().cloned());
                continue;
            }
        }
        out.push(intent.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_to_one_list_are_joined() {
        let add = |list, value: &str| Intent::AddItems {
            list,
            values: vec![value.to_string()],
        };
        let remove = Intent::Remove { at: Span::at(3) };
        let intents = [
            add(List::CapDrop, "SYS_ADMIN"),
            remove.clone(),
            add(List::SecurityOpt, "no-new-privileges=true"),
            add(List::CapDrop, "NET_RAW"),
        ];
        assert_eq!(
            merged(&intents),
            [
                Intent::AddItems {
                    list: List::CapDrop,
                    values: vec!["SYS_ADMIN".into(), "NET_RAW".into()],
                },
                remove,
                add(List::SecurityOpt, "no-new-privileges=true"),
            ]
        );
    }
}
