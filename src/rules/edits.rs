//! Text edits that fixes share: removing a setting and adding one, in the syntax the
//! user wrote it in (a YAML block or flow list, a `key: value` line, a run flag).
//!
//! The model only keeps the span of each value, so these helpers look at the text
//! around it. When the surroundings are not one of the plain forms they know, they
//! return `None` and the rule offers no fix rather than a wrong one.

use crate::model::Container;
use crate::span::Span;

/// Edits for a fix: byte spans and their replacement.
pub type Edits = Vec<(Span, String)>;

/// Removes the setting whose value was written at `value`: a list item (the whole
/// list when it was the only item), a `key: value` line, or a run flag with its value.
pub fn remove(text: &str, container: &Container, value: Span) -> Option<Edits> {
    if !written_in(container, value) {
        return None;
    }
    let value = quoted(text, value);
    let span = if container.is_compose() {
        remove_yaml(text, value)?
    } else {
        remove_flag(text, value)?
    };
    Some(vec![(span, String::new())])
}

/// Adds a setting to the container: `yaml` as a new key line of the service (e.g.
/// `cap_drop: [ALL]`), or `flag` among the run command's flags (e.g. `--cap-drop=ALL`).
pub fn add(text: &str, container: &Container, yaml: &str, flag: &str) -> (Span, String) {
    let at = container.insert_at.min(text.len());
    let content = if container.is_compose() {
        let newline = if at > 0 && !text[..at].ends_with('\n') {
            "\n"
        } else {
            ""
        };
        format!("{newline}{}{yaml}\n", container.key_indent)
    } else if text[..at].ends_with(char::is_whitespace) {
        format!("{flag} ")
    } else {
        format!(" {flag}")
    };
    (Span::at(at), content)
}

/// Adds `value` to the list whose first item was written at `first`, before it and in
/// the same form: a new `- value` line, `value, ` in a flow list, or a repeated flag.
pub fn add_before(text: &str, container: &Container, first: Span, value: &str) -> Option<Edits> {
    if !written_in(container, first) {
        return None;
    }
    let first = quoted(text, first);
    let start = first.start as usize;
    let content = if container.is_compose() {
        match previous_char(text, start)? {
            (_, '-') => {
                let line_start = line_start(text, start);
                format!("{value}\n{}", &text[line_start..start])
            }
            (_, '[' | ',') => format!("{value}, "),
            _ => return None,
        }
    } else {
        let flag_start = flag_start(text, first)?;
        return Some(vec![(
            Span::at(flag_start),
            format!("{}{value} ", &text[flag_start..start]),
        )]);
    };
    Some(vec![(Span::at(start), content)])
}

/// Whether `span` lies in the container's own text: a value reached through a YAML
/// alias is written elsewhere, and editing it there would change other services too.
fn written_in(container: &Container, span: Span) -> bool {
    container.span.start <= span.start && span.end <= container.span.end
}

/// The bytes to delete to remove a YAML list item or `key: value` line.
fn remove_yaml(text: &str, value: Span) -> Option<Span> {
    let (start, end) = (value.start as usize, value.end as usize);
    let (before_at, before) = previous_char(text, start)?;
    let after = next_char(text, end);
    match (before, after) {
        // The only item of a flow list: drop the whole `key: [item]` line when the
        // line holds nothing else, else leave `[]`.
        ('[', Some((close, ']'))) => {
            let line = whole_line(text, before_at, close + 1);
            Some(
                line.filter(|_| is_key_prefix(&text[line_start(text, before_at)..before_at]))
                    .unwrap_or(value),
            )
        }
        // A flow item followed by others: take the comma and the spaces after it.
        (_, Some((comma, ','))) if before == '[' || before == ',' => {
            let rest = &text[comma + 1..];
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            Some(Span::new(start, comma + 1 + spaces))
        }
        // The last flow item: take the comma before it.
        (',', Some((_, ']'))) => Some(Span::new(before_at, end)),
        ('-', _) => remove_block_item(text, before_at, end),
        (':', _) if is_key_prefix(&text[line_start(text, start)..start]) => {
            whole_line(text, start, end)
        }
        _ => None,
    }
}

/// A block list item `- value` (which may span lines, e.g. a long-syntax port).
fn remove_block_item(text: &str, dash: usize, end: usize) -> Option<Span> {
    let item = whole_line(text, dash, end)?;
    let indent = &text[line_start(text, dash)..dash];
    // The first line before or after the item at its indentation or less: a sibling
    // item, or (before) the list's key.
    let outer =
        |line: &&str| !is_blank(line) && line.len() - line.trim_start().len() <= indent.len();
    let is_sibling = |line: &str| {
        line.strip_prefix(indent)
            .is_some_and(|rest| rest.starts_with('-'))
    };
    let next = text[item.end as usize..].lines().find(outer);
    let previous = lines_before(text, item.start as usize).find(|(_, line)| outer(line));
    if next.is_some_and(is_sibling) || previous.is_some_and(|(_, line)| is_sibling(line)) {
        return Some(item);
    }
    // The only item: remove its `key:` line too, so no empty list is left behind.
    let (key_start, key_line) = previous?;
    is_key_prefix(key_line).then(|| Span::new(key_start, item.end as usize))
}

/// The bytes to delete to remove a run flag whose value was written at `value`
/// (`--cap-add=X`, `--cap-add X`, `-pX`, or a flag whose span covers the flag).
fn remove_flag(text: &str, value: Span) -> Option<Span> {
    let start = flag_start(text, value)?;
    let end = quoted(text, value).end as usize;
    let rest = &text[end..];
    let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if after > 0 && !rest[after..].is_empty() {
        return Some(Span::new(start, end + after));
    }
    let head = &text[..start];
    let before = head.len() - head.trim_end_matches([' ', '\t']).len();
    Some(Span::new(start - before, end))
}

/// Where the flag that carries the value at `value` starts.
fn flag_start(text: &str, value: Span) -> Option<usize> {
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

/// The span widened to the quotes around it when it does not include them (the
/// front-ends keep some values' spans inside their quotes).
fn quoted(text: &str, value: Span) -> Span {
    let (start, end) = (value.start as usize, value.end as usize);
    match (text[..start].chars().last(), text[end..].chars().next()) {
        (Some(open @ ('"' | '\'')), Some(close)) if open == close => Span::new(start - 1, end + 1),
        _ => value,
    }
}

/// The lines from the one holding `from` to the one holding `to`, newline included,
/// when nothing but blanks or a comment shares them with `from..to`.
fn whole_line(text: &str, from: usize, to: usize) -> Option<Span> {
    let start = line_start(text, from);
    let end = text[to..].find('\n').map_or(text.len(), |i| to + i + 1);
    let rest = text[to..end].trim();
    (rest.is_empty() || rest.starts_with('#')).then(|| Span::new(start, end))
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
            (start, &head[start..end])
        })
}

fn is_blank(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
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
    use crate::model::Origin;

    fn container(text: &str, compose: bool) -> Container {
        let origin = if compose {
            Origin::Compose
        } else {
            Origin::Run {
                tool: "docker".into(),
                subcommand: "run".into(),
            }
        };
        Container::new("svc", Span::default(), Span::new(0, text.len()), origin)
    }

    /// Applies `remove` to the first occurrence of `value` in `text`.
    fn removed(text: &str, value: &str, compose: bool) -> Option<String> {
        let at = text.find(value).unwrap();
        let edits = remove(
            text,
            &container(text, compose),
            Span::new(at, at + value.len()),
        )?;
        Some(apply(text, &edits))
    }

    fn apply(text: &str, edits: &Edits) -> String {
        let mut out = text.to_string();
        for (span, content) in edits.iter().rev() {
            out.replace_range(span.range(), content);
        }
        out
    }

    #[test]
    fn removes_yaml_list_items() {
        let text = "s:\n  cap_add:\n    - NET_ADMIN\n    - SYS_ADMIN\n  image: x\n";
        assert_eq!(
            removed(text, "SYS_ADMIN", true).unwrap(),
            "s:\n  cap_add:\n    - NET_ADMIN\n  image: x\n"
        );
        let text = "s:\n  cap_add:\n  - \"SYS_ADMIN\"  # why\n  image: x\n";
        assert_eq!(
            removed(text, "\"SYS_ADMIN\"", true).unwrap(),
            "s:\n  image: x\n"
        );
        let text = "s:\n  cap_add: [NET_ADMIN, SYS_ADMIN]\n";
        assert_eq!(
            removed(text, "SYS_ADMIN", true).unwrap(),
            "s:\n  cap_add: [NET_ADMIN]\n"
        );
        assert_eq!(
            removed(text, "NET_ADMIN", true).unwrap(),
            "s:\n  cap_add: [SYS_ADMIN]\n"
        );
        let text = "s:\n  cap_add: [ SYS_ADMIN ]\n  image: x";
        assert_eq!(removed(text, "SYS_ADMIN", true).unwrap(), "s:\n  image: x");
    }

    #[test]
    fn removes_yaml_keys() {
        let text = "s:\n  pid: host\n  image: x\n";
        assert_eq!(removed(text, "host", true).unwrap(), "s:\n  image: x\n");
        let text = "s:\n  pid: \"host\"\n  image: x\n";
        assert_eq!(removed(text, "host", true).unwrap(), "s:\n  image: x\n");
        assert_eq!(removed("s: {pid: host}\n", "host", true), None);
    }

    #[test]
    fn removes_run_flags() {
        let run = |text: &str, value: &str| removed(text, value, false).unwrap();
        assert_eq!(
            run("docker run --cap-add=NET_ADMIN x", "NET_ADMIN"),
            "docker run x"
        );
        assert_eq!(
            run("docker run --cap-add NET_ADMIN x", "NET_ADMIN"),
            "docker run x"
        );
        assert_eq!(run("docker run --pid=host x", "--pid=host"), "docker run x");
        assert_eq!(
            run(
                "docker run \\\n  --cap-add \\\n  NET_ADMIN \\\n  x",
                "NET_ADMIN"
            ),
            "docker run \\\n  \\\n  x"
        );
        assert_eq!(removed("docker run -e A=B x", "x", false), None);
    }

    #[test]
    fn adds_list_items_and_settings() {
        let text = "s:\n  cap_drop:\n    - NET_RAW\n";
        let at = text.find("NET_RAW").unwrap();
        let edits = add_before(text, &container(text, true), Span::new(at, at + 7), "ALL").unwrap();
        assert_eq!(
            apply(text, &edits),
            "s:\n  cap_drop:\n    - ALL\n    - NET_RAW\n"
        );
        let text = "docker run --cap-drop=NET_RAW x";
        let at = text.find("NET_RAW").unwrap();
        let edits =
            add_before(text, &container(text, false), Span::new(at, at + 7), "ALL").unwrap();
        assert_eq!(
            apply(text, &edits),
            "docker run --cap-drop=ALL --cap-drop=NET_RAW x"
        );
        let mut c = container("s:\n  image: x\n", true);
        c.insert_at = 14;
        c.key_indent = "  ".into();
        let text = "s:\n  image: x\n";
        let edit = add(text, &c, "cap_drop: [ALL]", "--cap-drop=ALL");
        assert_eq!(
            apply(text, &vec![edit]),
            "s:\n  image: x\n  cap_drop: [ALL]\n"
        );
    }
}
