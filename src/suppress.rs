//! Inline suppressions in Compose comments.
//!
//! `# shipshape: ignore[CODE,...] reason` at the end of a finding's line, or alone on
//! the line above it, silences those rules there; `ignore-service[...]` inside a
//! service block (or on its key line) silences them for the whole service, and
//! `ignore-file[...]` for the file. Rules are named by code or name. Suppressed
//! diagnostics stay in the output, marked. A suppression that matches nothing is
//! reported as SYN-006, one that cannot be read as SYN-007. Run commands have no
//! comment syntax shipshape could own, so they are suppressed by configuration only.

use crate::compose::edit::ComposeEditor;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Locator, Suppression};
use crate::model::edit::Intent;
use crate::model::{Comment, Container};
use crate::rules::input::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::rules::{registry, Family, Finding, FixSpec, Rule};
use crate::span::Span;
use crate::suggest;
use std::cell::OnceCell;
use std::collections::HashMap;

/// How far a suppression reaches, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Line,
    Service,
    File,
}

impl Scope {
    fn parse(keyword: &str) -> Option<Scope> {
        match keyword {
            "ignore" => Some(Scope::Line),
            "ignore-service" => Some(Scope::Service),
            "ignore-file" => Some(Scope::File),
            _ => None,
        }
    }
}

const KEYWORDS: [&str; 3] = ["ignore", "ignore-service", "ignore-file"];

/// What a suppression applies to, resolved against the text.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Line(u32),
    Service(String),
    File,
}

/// A readable `# shipshape: ...` comment.
struct Directive {
    scope: Scope,
    target: Target,
    comment: Comment,
    /// The span inside the brackets.
    list: Span,
    /// Every entry of the list as written, with its rule when it names one.
    entries: Vec<(Span, Option<&'static Rule>)>,
    reason: Option<String>,
    used: Vec<bool>,
}

/// The directives by what they apply to, so that matching a diagnostic looks only at
/// those of its line, its service and the file (a file may have a suppression per
/// service and a finding per line).
struct DirectivesByTarget {
    lines: HashMap<u32, Vec<usize>>,
    services: HashMap<String, Vec<usize>>,
    file: Vec<usize>,
}

impl DirectivesByTarget {
    fn new(directives: &[Directive]) -> Self {
        let mut by_target = DirectivesByTarget {
            lines: HashMap::new(),
            services: HashMap::new(),
            file: Vec::new(),
        };
        for (index, directive) in directives.iter().enumerate() {
            match &directive.target {
                Target::Line(line) => by_target.lines.entry(*line).or_default().push(index),
                Target::Service(name) => by_target
                    .services
                    .entry(name.clone())
                    .or_default()
                    .push(index),
                Target::File => by_target.file.push(index),
            }
        }
        by_target
    }

    /// Indices of the directives that apply to `diagnostic`: line, then service,
    /// then file scope.
    fn candidates(&self, diagnostic: &Diagnostic) -> impl Iterator<Item = usize> + '_ {
        let line = self.lines.get(&diagnostic.range.start.line);
        let service = diagnostic
            .container
            .as_deref()
            .and_then(|name| self.services.get(name));
        line.into_iter()
            .chain(service)
            .flatten()
            .chain(&self.file)
            .copied()
    }
}

/// Marks the diagnostics that inline suppressions silence, and returns findings
/// for the suppressions that are unused or unreadable. `containers` are the
/// services of the Compose file, for `ignore-service`.
pub fn apply(
    text: &str,
    comments: &[Comment],
    containers: &[Container],
    config: &Config,
    locator: &Locator,
    diagnostics: &mut [Diagnostic],
) -> Vec<Finding> {
    let mut problems = Vec::new();
    let keys = ServiceKeys::new(containers, locator);
    let mut directives: Vec<Directive> = comments
        .iter()
        .filter_map(|comment| read_directive(text, *comment, &keys, locator, &mut problems))
        .collect();

    let by_target = DirectivesByTarget::new(&directives);
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.code == UNUSED_SUPPRESSION.code || diagnostic.code == INVALID_SUPPRESSION.code
        {
            continue;
        }
        // Every matching suppression counts as used; the most specific one explains
        // (the candidates come most specific first, each scope in text order).
        let mut chosen: Option<(Scope, usize)> = None;
        for index in by_target.candidates(diagnostic) {
            crate::work::add(1);
            let directive = &mut directives[index];
            let mut names_it = false;
            for ((_, rule), used) in directive.entries.iter().zip(directive.used.iter_mut()) {
                if rule.is_some_and(|rule| rule.code == diagnostic.code) {
                    *used = true;
                    names_it = true;
                }
            }
            if names_it && chosen.is_none_or(|(scope, _)| directive.scope < scope) {
                chosen = Some((directive.scope, index));
            }
        }
        if let Some((_, index)) = chosen {
            let directive = &directives[index];
            diagnostic.suppressed = Some(Suppression {
                reason: directive.reason.clone(),
                range: locator.range(directive.comment.span),
            });
        }
    }

    // Without containers nothing was checked, so nothing could have been matched.
    if !containers.is_empty() {
        problems.extend(
            directives
                .iter()
                .filter_map(|directive| unused(text, directive, config)),
        );
    }
    problems
}

/// Parses one comment; `None` when it is not addressed to shipshape or is unreadable
/// (then the problem is pushed to `problems`).
fn read_directive(
    text: &str,
    comment: Comment,
    keys: &ServiceKeys,
    locator: &Locator,
    problems: &mut Vec<Finding>,
) -> Option<Directive> {
    let body_start = comment.span.start as usize + 1;
    let body = &text[body_start..comment.span.end as usize];
    let after_marker = body.trim_start().strip_prefix("shipshape:")?;
    let directive = after_marker.trim_start();
    let keyword_end = directive
        .find(|c: char| c == '[' || c.is_whitespace())
        .unwrap_or(directive.len());
    let keyword = &directive[..keyword_end];
    let Some(scope) = Scope::parse(keyword) else {
        problems.push(invalid(
            comment.span,
            format!(
                "unknown suppression `{keyword}`; expected `ignore[...]`, `ignore-service[...]` or `ignore-file[...]`{}",
                suggest::did_you_mean(keyword, KEYWORDS)
            ),
        ));
        return None;
    };
    // `ignore [X]` is accepted like `ignore[X]`.
    let after_keyword = directive[keyword_end..].trim_start();
    let Some(list_and_reason) = after_keyword.strip_prefix('[') else {
        problems.push(invalid(
            comment.span,
            format!("`{keyword}` needs the rules in brackets: `# shipshape: {keyword}[PRIV-001] reason`"),
        ));
        return None;
    };
    let Some((list, reason)) = list_and_reason.split_once(']') else {
        problems.push(invalid(
            comment.span,
            format!("`{keyword}[` is not closed with `]`"),
        ));
        return None;
    };
    let list_start = comment.span.end as usize - list_and_reason.len();
    let mut entries = Vec::new();
    let mut entry_start = list_start;
    for item in list.split(',') {
        let trimmed = item.trim();
        let leading = item.len() - item.trim_start().len();
        let span = Span::new(entry_start + leading, entry_start + leading + trimmed.len());
        entry_start += item.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        let rule = registry::find(trimmed);
        if rule.is_none() {
            problems.push(invalid(span, unknown_rule_message(trimmed)));
        }
        entries.push((span, rule));
    }
    if entries.is_empty() {
        problems.push(invalid(
            comment.span,
            format!(
                "`{keyword}[]` names no rule: list codes or names, such as `{keyword}[PRIV-001]`"
            ),
        ));
        return None;
    }
    let target = match scope {
        Scope::Line => Target::Line(target_line(text, comment, locator)),
        Scope::File => Target::File,
        Scope::Service => match service_of(text, comment, keys, locator) {
            Some(container) => Target::Service(container.name.clone()),
            None => {
                problems.push(invalid(
                    comment.span,
                    "`ignore-service` must be inside a service block or on the service's key line",
                ));
                return None;
            }
        },
    };
    let reason = reason.trim();
    Some(Directive {
        scope,
        target,
        comment,
        list: Span::new(list_start, list_start + list.len()),
        used: vec![false; entries.len()],
        entries,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

fn unknown_rule_message(entry: &str) -> String {
    if Family::ALL
        .iter()
        .any(|f| f.prefix().eq_ignore_ascii_case(entry))
    {
        return format!(
            "`{entry}` is a rule family; a suppression names rules by code or name, such as `{}-001`",
            entry.to_ascii_uppercase()
        );
    }
    let rules = registry::all();
    let candidates = rules.iter().flat_map(|rule| [rule.code, rule.name]);
    format!(
        "unknown rule `{entry}` in suppression{}",
        suggest::did_you_mean(entry, candidates)
    )
}

fn invalid(span: Span, message: impl Into<String>) -> Finding {
    let mut finding = Finding::new(&INVALID_SUPPRESSION, span, message.into());
    finding.help(
        "write `# shipshape: ignore[CODE] reason` with codes or names from `shipshape rules`",
    );
    finding
}

/// The line an `ignore[...]` applies to: its own, or for a comment alone on its
/// line, the next line that is neither blank nor a comment.
fn target_line(text: &str, comment: Comment, locator: &Locator) -> u32 {
    let line = locator.range(comment.span).start.line;
    if !comment.own_line {
        return line;
    }
    let skipped = text[comment.span.end as usize..]
        .split('\n')
        .skip(1)
        .take_while(|next| {
            let next = next.trim();
            next.is_empty() || next.starts_with('#')
        })
        .count();
    line + 1 + skipped as u32
}

/// The services by the line of their key, in text order, computed on first use (only
/// `ignore-service` needs them).
struct ServiceKeys<'c> {
    containers: &'c [Container],
    locator: &'c Locator<'c>,
    by_line: OnceCell<Vec<(u32, &'c Container)>>,
}

impl<'c> ServiceKeys<'c> {
    fn new(containers: &'c [Container], locator: &'c Locator<'c>) -> Self {
        ServiceKeys {
            containers,
            locator,
            by_line: OnceCell::new(),
        }
    }

    fn by_line(&self) -> &[(u32, &'c Container)] {
        self.by_line.get_or_init(|| {
            let index = self.locator.line_index();
            let mut keys: Vec<_> = self
                .containers
                .iter()
                .map(|c| (index.position(c.name_span.start as usize).line, c))
                .collect();
            // Stable: services whose keys share a line keep their order.
            crate::sort::by_key(&mut keys, |&(line, _)| line);
            keys
        })
    }

    /// The services whose key is on `line`.
    fn on_line(&self, line: u32) -> &[(u32, &'c Container)] {
        let keys = self.by_line();
        let start = keys.partition_point(|&(key, _)| key < line);
        let end = keys.partition_point(|&(key, _)| key <= line);
        &keys[start..end]
    }

    /// The last service whose key is on a line before `line`.
    fn last_before(&self, line: u32) -> Option<(u32, &'c Container)> {
        let keys = self.by_line();
        let end = keys.partition_point(|&(key, _)| key < line);
        end.checked_sub(1).map(|at| keys[at])
    }
}

/// The service an `ignore-service[...]` belongs to: the one whose key line it is
/// on, whose key it stands right above (at most as indented as the key), or whose
/// block it is in.
fn service_of<'c>(
    text: &str,
    comment: Comment,
    keys: &ServiceKeys<'c>,
    locator: &Locator,
) -> Option<&'c Container> {
    let index = locator.line_index();
    let comment_line = index.position(comment.span.start as usize).line;
    let key_line = |c: &Container| index.position(c.name_span.start as usize).line;
    let indent_of = |line: u32| {
        let start = index.line_start(line);
        let rest = &text[start..];
        rest.len() - rest.trim_start_matches(' ').len()
    };
    let key_indent = |c: &Container| c.name_span.start as usize - index.line_start(key_line(c));
    if !comment.own_line {
        if let Some(&(_, container)) = keys.on_line(comment_line).first() {
            return Some(container);
        }
    } else {
        let next = index.position(comment.span.end as usize).line + 1;
        let content_line = (next..)
            .take_while(|&line| index.line_start(line) < text.len())
            .find(|&line| {
                let rest = &text[index.line_start(line)..];
                let line_text = rest.split('\n').next().unwrap_or("").trim();
                !line_text.is_empty() && !line_text.starts_with('#')
            });
        let above = content_line.and_then(|line| {
            keys.on_line(line)
                .iter()
                .find(|(_, c)| indent_of(comment_line) <= key_indent(c))
        });
        if let Some(&(_, container)) = above {
            return Some(container);
        }
    }
    // The nearest service key above the comment whose block is still open there.
    let (_, container) = keys.last_before(comment_line)?;
    let key_indent = key_indent(container);
    let still_open = (key_line(container) + 1..comment_line).all(|line| {
        let rest = &text[index.line_start(line)..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let trimmed = line_text.trim();
        trimmed.is_empty() || trimmed.starts_with('#') || indent_of(line) > key_indent
    });
    let nested = !comment.own_line || indent_of(comment_line) > key_indent;
    (still_open && nested).then_some(container)
}

/// The SYN-006 finding for a suppression's unused entries (rules enabled in this
/// configuration that it silenced nowhere), with a fix that removes them.
fn unused(text: &str, directive: &Directive, config: &Config) -> Option<Finding> {
    let is_unused = |(index, (_, rule)): (usize, &(Span, Option<&'static Rule>))| {
        rule.is_some_and(|rule| !directive.used[index] && registry::is_enabled(rule, config))
    };
    let unused: Vec<Span> = directive
        .entries
        .iter()
        .enumerate()
        .filter(|&entry| is_unused(entry))
        .map(|(_, (span, _))| *span)
        .collect();
    if unused.is_empty() {
        return None;
    }
    let names: Vec<String> = unused
        .iter()
        .map(|span| format!("`{}`", &text[span.range()]))
        .collect();
    let place = match &directive.target {
        Target::Line(_) => "on its line".to_string(),
        Target::Service(name) => format!("in service `{name}`"),
        Target::File => "in this file".to_string(),
    };
    let message = format!(
        "unused suppression: no finding of {} {place}",
        names.join(", ")
    );
    let kept: Vec<&str> = directive
        .entries
        .iter()
        .map(|(span, _)| *span)
        .filter(|span| !unused.contains(span))
        .map(|span| &text[span.range()])
        .collect();
    let (title, intent) = if kept.is_empty() {
        (
            "Remove the suppression comment",
            Intent::RemoveComment {
                at: directive.comment.span,
            },
        )
    } else {
        (
            "Remove the unused rules from the suppression",
            Intent::Replace {
                at: directive.list,
                with: kept.join(", "),
            },
        )
    };
    let mut finding = Finding::new(&UNUSED_SUPPRESSION, directive.comment.span, message);
    finding.help("remove it, or move it to where the finding is reported");
    let edit = ComposeEditor { text }.edit_text(&intent);
    finding.fix = Some(FixSpec {
        title: title.to_string(),
        applicability: Applicability::Safe,
        intents: vec![intent],
        edits: edit.into_iter().collect(),
    });
    Some(finding)
}
