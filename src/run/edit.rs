//! The run-command editor: writes fix intents as the fewest changes to a command
//! line, keeping its continuations, quoting, `sudo`, prompts and the order of flags.
//! A flag is removed with its value (`--cap-add X`, `--cap-add=X`, `-pX`, across
//! `\` continuations) and the space that separated it; new flags go before the image.

use crate::model::edit::{Editor, Intent, List, Switch, TextEdit};
use crate::model::{Container, Layout, MountSyntax};
use crate::span::Span;
use crate::values::edit::{port_to_loopback, quoted, short_mount_read_only};

/// Edits one text of run commands.
pub struct RunEditor<'t> {
    pub text: &'t str,
}

impl Editor for RunEditor<'_> {
    fn edit(&self, container: &Container, intent: &Intent) -> Option<Vec<TextEdit>> {
        let Layout::Run(layout) = &container.layout else {
            return None;
        };
        let inside = |span: Span| container.reads(span).then_some(());
        let edit = match intent {
            Intent::Remove { at } | Intent::TurnOff { at } => {
                inside(*at)?;
                (self.flag_removal(*at)?, String::new())
            }
            Intent::Replace { at, with } => {
                inside(*at)?;
                (*at, with.clone())
            }
            Intent::TurnOn {
                switch: Switch::ReadOnly,
            } => self.add_flags(layout.insert_at, &["--read-only".to_string()]),
            Intent::AddItems { list, values } => match list.first_item(container) {
                Some(first) => {
                    inside(first)?;
                    self.add_before(first, values)?
                }
                None => {
                    let flags: Vec<String> = values
                        .iter()
                        .map(|value| format!("{}={value}", flag(*list)))
                        .collect();
                    self.add_flags(layout.insert_at, &flags)
                }
            },
            Intent::MountReadOnly { mount } => {
                let mount = container.mounts.get(*mount)?;
                inside(mount.span)?;
                match mount.syntax {
                    MountSyntax::MountFlag => {
                        let target = mount.target.as_ref()?.span;
                        (Span::at(target.end as usize), ",readonly".to_string())
                    }
                    MountSyntax::Rootfs => {
                        self.add_flags(layout.insert_at, &["--read-only".to_string()])
                    }
                    _ => short_mount_read_only(self.text, mount)?,
                }
            }
            Intent::BindToLoopback { port } => {
                let port = container.ports.get(*port)?;
                inside(port.span)?;
                port_to_loopback(self.text, port)?
            }
            Intent::RemoveComment { .. } => return None,
        };
        Some(vec![edit])
    }
}

/// The flag of a list setting.
fn flag(list: List) -> &'static str {
    match list {
        List::CapAdd => "--cap-add",
        List::CapDrop => "--cap-drop",
        List::SecurityOpt => "--security-opt",
        List::Tmpfs => "--tmpfs",
    }
}

impl RunEditor<'_> {
    /// New flags before the image, separated from their neighbours by one space.
    fn add_flags(&self, at: usize, flags: &[String]) -> TextEdit {
        let at = at.min(self.text.len());
        let flags = flags.join(" ");
        let content = if self.text[..at].ends_with(char::is_whitespace) {
            format!("{flags} ")
        } else {
            format!(" {flags}")
        };
        (Span::at(at), content)
    }

    /// `values` before the flag that carries the list item written at `first`,
    /// spelled like it (`--cap-drop=X ` or `--cap-drop X `).
    fn add_before(&self, first: Span, values: &[String]) -> Option<TextEdit> {
        let text = self.text;
        let start = quoted(text, first).start as usize;
        let flag_start = self.flag_start(first)?;
        let spelling = &text[flag_start..start];
        let content = values
            .iter()
            .map(|value| format!("{spelling}{value} "))
            .collect();
        Some((Span::at(flag_start), content))
    }

    /// The bytes to delete to remove the flag whose value was written at `value`
    /// (`--cap-add=X`, `--cap-add X`, `-pX`, or a switch whose span is the flag),
    /// with the blanks after it (before it, at the end of the command).
    fn flag_removal(&self, value: Span) -> Option<Span> {
        let text = self.text;
        let start = self.flag_start(value)?;
        let end = quoted(text, value).end as usize;
        let rest = &text[end..];
        let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        // Alone on a continued line: the whole line goes, continuation and all.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let continued = rest[after..].strip_prefix('\\').and_then(|tail| {
            tail.strip_prefix("\r\n")
                .or_else(|| tail.strip_prefix('\n'))
        });
        if let Some(tail) = continued {
            if line_start > 0 && text[line_start..start].trim().is_empty() {
                return Some(Span::new(line_start, text.len() - tail.len()));
            }
        }
        if after > 0 && !rest[after..].is_empty() {
            return Some(Span::new(start, end + after));
        }
        let head = &text[..start];
        let before = head.len() - head.trim_end_matches([' ', '\t']).len();
        Some(Span::new(start - before, end))
    }

    /// Where the flag that carries the value written at `value` starts.
    fn flag_start(&self, value: Span) -> Option<usize> {
        let text = self.text;
        let start = quoted(text, value).start as usize;
        if text[start..].starts_with('-') {
            return Some(start);
        }
        let word_start = |end: usize| {
            text[..end]
                .rfind(char::is_whitespace)
                .map_or(0, |space| space + 1)
        };
        let flag = if start > 0 && !text[..start].ends_with(char::is_whitespace) {
            // `--flag=value` or `-pvalue`.
            word_start(start)
        } else {
            // `--flag value`, possibly across `\` line continuations.
            let mut end = start;
            while let Some(rest) = text[..end].trim_end().strip_suffix('\\') {
                if !text[rest.len()..end].contains('\n') {
                    break;
                }
                end = rest.len();
            }
            let end = text[..end].trim_end().len();
            let flag = word_start(end);
            if text[flag..end].contains('=') {
                return None;
            }
            flag
        };
        text[flag..].starts_with('-').then_some(flag)
    }
}
