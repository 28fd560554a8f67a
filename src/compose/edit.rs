//! The Compose editor: writes fix intents as edits of the YAML text, in the form the
//! user wrote each setting (block or flow list, `key: value` line, long-syntax
//! mapping), keeping their indentation, quoting, comments and line breaks. Every
//! line an edit does not touch stays byte for byte as it was.

use crate::model::edit::{Editor, Intent, List, Switch, TextEdit};
use crate::model::{ComposeLayout, Container, Layout, MountSyntax};
use crate::span::Span;
use crate::values::edit::{line_start, port_to_loopback, quoted, short_mount_read_only};

/// Edits one Compose text.
pub struct ComposeEditor<'t> {
    pub text: &'t str,
}

impl Editor for ComposeEditor<'_> {
    fn edit(&self, container: &Container, intent: &Intent) -> Option<Vec<TextEdit>> {
        let Layout::Compose(layout) = &container.layout else {
            return None;
        };
        let inside = |span: Span| container.reads(span).then_some(());
        let edit = match intent {
            Intent::Remove { at } => {
                inside(*at)?;
                return self.remove(*at);
            }
            Intent::Replace { at, with } => {
                inside(*at)?;
                (*at, with.clone())
            }
            Intent::TurnOff { at } => {
                inside(*at)?;
                (*at, "false".to_string())
            }
            Intent::TurnOn {
                switch: Switch::ReadOnly,
            } => self.add_key(layout, "read_only: true")?,
            Intent::AddItems { list, values } => match list.first_item(container) {
                Some(first) => {
                    inside(first)?;
                    return self.add_before(layout, first, values);
                }
                None => {
                    self.add_key(layout, &format!("{}: [{}]", key(*list), values.join(", ")))?
                }
            },
            Intent::MountReadOnly { mount } => {
                let mount = container.mounts.get(*mount)?;
                inside(mount.span)?;
                match mount.syntax {
                    MountSyntax::Long => {
                        self.add_to_mapping(layout, mount.span, "read_only: true")?
                    }
                    _ => short_mount_read_only(self.text, mount)?,
                }
            }
            Intent::BindToLoopback { port } => {
                let port = container.ports.get(*port)?;
                inside(port.span)?;
                if port.host_ip.is_none() && is_mapping(self.text.get(port.span.range())?) {
                    self.add_to_mapping(layout, port.span, "host_ip: 127.0.0.1")?
                } else {
                    port_to_loopback(self.text, port)?
                }
            }
            Intent::RemoveComment { at } => self.remove_comment(*at),
        };
        Some(vec![edit])
    }
}

/// The service key of a list setting.
fn key(list: List) -> &'static str {
    match list {
        List::CapAdd => "cap_add",
        List::CapDrop => "cap_drop",
        List::SecurityOpt => "security_opt",
        List::Tmpfs => "tmpfs",
    }
}

/// Whether a node's text is a mapping (`{...}` or `key: value` lines), not a scalar.
fn is_mapping(written: &str) -> bool {
    let written = written.trim_start();
    written.starts_with('{')
        || written.split_once(':').is_some_and(|(key, rest)| {
            rest.starts_with([' ', '\n', '\r']) && !key.contains(['"', '\''])
        })
}

impl ComposeEditor<'_> {
    /// Edits that need only the text, for findings tied to no container (suppression
    /// comments).
    pub fn edit_text(&self, intent: &Intent) -> Option<TextEdit> {
        match intent {
            Intent::Replace { at, with } => Some((*at, with.clone())),
            Intent::RemoveComment { at } => Some(self.remove_comment(*at)),
            _ => None,
        }
    }

    /// A new `key: value` line among the service's keys.
    fn add_key(&self, layout: &ComposeLayout, line: &str) -> Option<TextEdit> {
        if !layout.block {
            return None;
        }
        let text = self.text;
        let at = layout.insert_at.min(text.len());
        let break_before = if at > 0 && !text[..at].ends_with('\n') {
            layout.line_break.as_str()
        } else {
            ""
        };
        let content = format!(
            "{break_before}{}{line}{}",
            layout.key_indent, layout.line_break
        );
        Some((Span::at(at), content))
    }

    /// A new `key: value` in the mapping written at `mapping` (a long-syntax mount
    /// or port): after its last entry, as a line of its own or in the flow mapping.
    fn add_to_mapping(
        &self,
        layout: &ComposeLayout,
        mapping: Span,
        entry: &str,
    ) -> Option<TextEdit> {
        let text = self.text;
        let (start, end) = (mapping.start as usize, mapping.end as usize);
        let written = text.get(start..end)?.trim_end();
        if let Some(inner) = written.strip_prefix('{') {
            let close = start + 1 + inner.rfind('}')?;
            let before = text[..close].trim_end_matches([' ', '\t']);
            let separator = if before.ends_with('{') { "" } else { ", " };
            return Some((Span::at(before.len()), format!("{separator}{entry}")));
        }
        let column = start - line_start(text, start);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        Some((
            Span::at(line_end),
            format!("{}{}{entry}", layout.line_break, " ".repeat(column)),
        ))
    }

    /// `values` before the list item written at `first`, in the same form: new
    /// `- value` lines, or `value, ` in a flow list. A single value written as a
    /// scalar (`tmpfs: /run`) becomes a flow list.
    fn add_before(
        &self,
        layout: &ComposeLayout,
        first: Span,
        values: &[String],
    ) -> Option<Vec<TextEdit>> {
        let text = self.text;
        let first = quoted(text, first);
        let start = first.start as usize;
        let flow_items = || -> String { values.iter().map(|value| format!("{value}, ")).collect() };
        let content = match previous_char(text, start)? {
            (_, '-') => {
                let prefix = &text[line_start(text, start)..start];
                values
                    .iter()
                    .map(|value| format!("{value}{}{prefix}", layout.line_break))
                    .collect()
            }
            (_, '[' | ',') => flow_items(),
            (_, ':') => {
                return Some(vec![
                    (Span::at(start), format!("[{}", flow_items())),
                    (Span::at(first.end as usize), "]".to_string()),
                ])
            }
            _ => return None,
        };
        Some(vec![(Span::at(start), content)])
    }

    /// The bytes to delete to remove a list item or `key: value` line.
    fn remove(&self, value: Span) -> Option<Vec<TextEdit>> {
        let text = self.text;
        let value = quoted(text, value);
        let (start, end) = (value.start as usize, value.end as usize);
        let (before_at, before) = previous_char(text, start)?;
        let after = next_char(text, end);
        let span = match (before, after) {
            // The only item of a flow list: drop the whole `key: [item]` line when the
            // line holds nothing else, else leave `[]`.
            ('[', Some((close, ']'))) => {
                let line = self.whole_lines(before_at, close + 1);
                line.filter(|_| is_key_prefix(&text[line_start(text, before_at)..before_at]))
                    .unwrap_or(value)
            }
            // A flow item followed by others: take the comma and the spaces after it.
            (_, Some((comma, ','))) if before == '[' || before == ',' => {
                let rest = &text[comma + 1..];
                let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                Span::new(start, comma + 1 + spaces)
            }
            // The last flow item: take the comma before it.
            (',', Some((_, ']'))) => Span::new(before_at, end),
            ('-', _) => return self.remove_block_item(before_at, end),
            (':', _) if is_key_prefix(&text[line_start(text, start)..start]) => {
                self.whole_lines(start, end)?
            }
            _ => return None,
        };
        Some(vec![(span, String::new())])
    }

    /// A block list item `- value` (which may span lines, e.g. a long-syntax port),
    /// with its list's key line when it is the only item.
    ///
    /// An item with siblings also claims the start of the list's key line with an
    /// empty edit: two such removals in one batch then collide, so the batch takes
    /// one and the other is made against the shorter list, where it may be the only
    /// item and take the key with it, rather than leaving a key with no items.
    fn remove_block_item(&self, dash: usize, end: usize) -> Option<Vec<TextEdit>> {
        let text = self.text;
        let item = self.whole_lines(dash, end)?;
        let indent = &text[line_start(text, dash)..dash];
        // The first line before or after the item at its indentation or less: a
        // sibling item, or (before) the list's key.
        let outer =
            |line: &&str| !is_blank(line) && line.len() - line.trim_start().len() <= indent.len();
        let is_sibling = |line: &str| {
            line.strip_prefix(indent)
                .is_some_and(|rest| rest.starts_with('-'))
        };
        let next = text[item.end as usize..].lines().find(outer);
        let mut previous = lines_before(text, item.start as usize).filter(|(_, line)| outer(line));
        let nearest = previous.next();
        let sibling_before = nearest.is_some_and(|(_, line)| is_sibling(line));
        let key = if sibling_before {
            previous.find(|(_, line)| !is_sibling(line))
        } else {
            nearest
        };
        let key = key.filter(|(_, line)| is_key_prefix(line));
        if sibling_before || next.is_some_and(is_sibling) {
            let claim = key.map(|(key_start, _)| (Span::at(key_start), String::new()));
            return Some([(item, String::new())].into_iter().chain(claim).collect());
        }
        let (key_start, _) = key?;
        Some(vec![(
            Span::new(key_start, item.end as usize),
            String::new(),
        )])
    }

    /// A comment: its whole line when it stands alone, otherwise the comment and the
    /// whitespace before it.
    fn remove_comment(&self, comment: Span) -> TextEdit {
        let text = self.text;
        let (start, end) = (comment.start as usize, comment.end as usize);
        let before = text[..start].trim_end_matches([' ', '\t']);
        let own_line = before.is_empty() || before.ends_with('\n');
        let span = if own_line {
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            Span::new(before.len(), line_end)
        } else {
            Span::new(before.len(), end)
        };
        (span, String::new())
    }

    /// The lines from the one holding `from` to the one holding `to`, line break
    /// included, when nothing but blanks or a comment shares them with `from..to`.
    fn whole_lines(&self, from: usize, to: usize) -> Option<Span> {
        let text = self.text;
        let start = line_start(text, from);
        let end = text[to..].find('\n').map_or(text.len(), |i| to + i + 1);
        let rest = text[to..end].trim();
        (rest.is_empty() || rest.starts_with('#')).then(|| Span::new(start, end))
    }
}

/// Whether a line's text before a value is just an indented mapping key (`  pid:`),
/// not a list item or a flow mapping.
fn is_key_prefix(prefix: &str) -> bool {
    let key = prefix.trim();
    key.ends_with(':') && !key.starts_with('-') && !key.contains(['{', '[', ','])
}

/// The lines before offset `at` (a line start), nearest first, with their offsets.
fn lines_before(text: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    let head = &text[..at];
    head.match_indices('\n')
        .map(|(i, _)| i)
        .rev()
        .map(move |end| {
            let start = line_start(head, end);
            (start, head[start..end].trim_end_matches('\r'))
        })
}

fn is_blank(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

/// The last non-blank character before `at`, with its offset.
fn previous_char(text: &str, at: usize) -> Option<(usize, char)> {
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
}

/// The first non-blank character at or after `at`, with its offset.
fn next_char(text: &str, at: usize) -> Option<(usize, char)> {
    text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (at + i, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_goes_with_its_line_or_alone() {
        let text = "a: 1\n  # shipshape: ignore[X]\nb: 2 # t\n";
        let editor = ComposeEditor { text };
        let removal = |comment: &str| {
            let at = text.find(comment).unwrap();
            let (span, _) = editor.remove_comment(Span::new(at, at + comment.len()));
            &text[span.range()]
        };
        assert_eq!(
            removal("# shipshape: ignore[X]"),
            "  # shipshape: ignore[X]\n"
        );
        assert_eq!(removal("# t"), " # t");
    }
}
