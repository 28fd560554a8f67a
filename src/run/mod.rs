//! Run-command front-end: `docker run` / `podman run` command lines → containers.
//!
//! `shell` splits the text into commands and words with spans, `invocation` finds
//! the container-creating ones (`docker run`, `podman container create` ...), `argv`
//! reads their flags the way the CLI does (table in `flags`), and `lower` turns the
//! flags into one [`Container`] per command.

use crate::model::FrontEnd;
use crate::model::{oversized, InputCode, InputProblem, Limits};
use crate::model::{Container, Layout, Origin, RunLayout, Setting};
use crate::span::{LineIndex, Span};

mod argv;
#[cfg(test)]
mod conformance;
pub mod edit;
mod flags;
mod invocation;
mod lower;
mod shell;
mod unread;

use argv::FlagValue;
use flags::FlagSet;
use invocation::{ContainerCommand, Invocation};

/// Whether the text is command lines rather than a Compose file: no Compose-shaped
/// top level, and some command runs a container engine (after prompts, `sudo`,
/// environment assignments).
pub fn looks_like_commands(text: &str) -> bool {
    !looks_like_yaml_mapping(text)
        && shell::commands(text)
            .iter()
            .any(|command| invocation::runs_engine(&command.words))
}

/// Whether the text opens like a YAML mapping (`web:` alone on the first content
/// line) or has a top-level `services:` / `version:` key. No shell command line
/// looks like either.
fn looks_like_yaml_mapping(text: &str) -> bool {
    let is_key = |line: &str, key: &str| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|value| value.is_empty() || value.starts_with([' ', '\t']))
    };
    let text = &text[crate::span::content_start(text)..];
    let first_content = text
        .lines()
        .map(str::trim_end)
        .find(|line| !line.is_empty() && !line.starts_with('#') && *line != "---");
    let opens_block = first_content.is_some_and(|line| {
        line.strip_suffix(':').is_some_and(|key| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
    });
    opens_block
        || text
            .lines()
            .any(|line| is_key(line, "services") || is_key(line, "version"))
}

/// The containers of the `docker run`-like commands in `text`, and the problems
/// with the input.
pub fn parse(text: &str, limits: &Limits) -> FrontEnd {
    let mut front_end = FrontEnd::default();
    if let Some(problem) = oversized(text, limits) {
        front_end.problems.push(problem);
        return front_end;
    }
    let mut skipped = Vec::new();
    for command in shell::commands(text) {
        crate::work::add(command.words.len());
        if command.words.len() > limits.words_per_command {
            let message = format!(
                "this command has {} words; commands of up to {} words are analysed, so it is not",
                command.words.len(),
                limits.words_per_command
            );
            front_end.problems.push(InputProblem::new(
                InputCode::InputLimitExceeded,
                command.words[0].span,
                message,
            ));
            continue;
        }
        match invocation::recognise(&command.words) {
            Invocation::Container(found) if front_end.containers.len() == limits.commands => {
                let message = format!(
                    "only the first {} container commands are analysed; this one and those after it are not",
                    limits.commands
                );
                front_end.problems.push(InputProblem::new(
                    InputCode::InputLimitExceeded,
                    found.tool_word.span,
                    message,
                ));
                break;
            }
            Invocation::Container(found) => {
                let number = front_end.containers.len() + 1;
                let (container, problems) = container(&command, found, number);
                front_end.problems.extend(
                    problems
                        .into_iter()
                        .map(|problem| problem.in_container(&container.name)),
                );
                front_end.containers.push(container);
            }
            Invocation::Other {
                description,
                span,
                args,
            } => match unread::note(&description, args) {
                Some(note) => front_end.problems.push(note),
                None => skipped.push((description, span)),
            },
            Invocation::Unrelated => {}
        }
    }
    let noted = front_end
        .problems
        .iter()
        .any(|problem| problem.code == InputCode::NoContainerCommand);
    if front_end.containers.is_empty() && !(noted && skipped.is_empty()) {
        front_end
            .problems
            .push(no_container_command(text, &skipped));
    }
    front_end
}

/// SYN-014, naming the engine commands that were skipped.
fn no_container_command(text: &str, skipped: &[(String, Span)]) -> InputProblem {
    let mut message =
        "no `docker run`, `docker create`, `podman run` or `nerdctl run` command found".to_string();
    if !skipped.is_empty() {
        let lines = LineIndex::new(text);
        let listed: Vec<String> = skipped
            .iter()
            .take(3)
            .map(|(description, span)| {
                let line = lines.position(span.start as usize).line;
                format!("`{description}` (line {line})")
            })
            .collect();
        let more = skipped.len().saturating_sub(listed.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        message.push_str(&format!(
            "; skipped {}{more}: they do not create a container from flags",
            listed.join(", ")
        ));
    }
    InputProblem::new(InputCode::NoContainerCommand, Span::at(0), message)
}

/// One container from a `docker run`-like command, and what was wrong with it.
fn container(
    command: &shell::Command,
    found: ContainerCommand,
    number: usize,
) -> (Container, Vec<InputProblem>) {
    let flags = argv::parse(found.args, FlagSet::Container(found.tool, found.subcommand));
    let name = flags
        .uses
        .iter()
        .rev()
        .find(|flag_use| flag_use.flag.name == "name")
        .and_then(|flag_use| match &flag_use.value {
            FlagValue::Text(text) if !text.is_empty() => {
                Some((text.as_str().to_string(), text.span()))
            }
            _ => None,
        });
    let (name, name_span) = name.unwrap_or((format!("command {number}"), found.tool_word.span));
    let origin = Origin::Run {
        tool: found.tool.name().to_string(),
        subcommand: found.subcommand.name().to_string(),
    };
    let mut container = Container::new(name, name_span, command.span, origin);

    let mut problems = command.problems.clone();
    problems.extend(found.problems);
    problems.extend(flags.problems);
    problems.extend(lower::apply_flags(&mut container, &flags.uses));
    container.run_flags = flags.uses.iter().map(lower::run_flag).collect();
    if let Some(at) = flags.positional {
        container.command = found.args[at + 1..]
            .iter()
            .map(|word| word.text.setting())
            .collect();
    }

    let image = flags.positional.map(|at| &found.args[at]);
    container.layout = Layout::Run(RunLayout {
        insert_at: image.map_or(command.span.end, |word| word.span.start) as usize,
        command_words: found.tool_word.span.cover(found.subcommand_word.span),
    });
    let rootfs = flags
        .uses
        .iter()
        .rev()
        .find(|flag_use| flag_use.flag.name == "rootfs");
    let rootfs = rootfs.is_some_and(
        |flag_use| matches!(&flag_use.value, FlagValue::Switch(switch) if switch.is_true()),
    );
    match image {
        // Not an image: the host directory the engine makes the root filesystem.
        Some(word) if rootfs => {
            let engine = container.engine();
            let read_only = container.read_only.clone();
            container
                .mounts
                .push(crate::values::rootfs(&word.text, engine, read_only));
        }
        Some(word) => {
            let setting = word.text.setting();
            match not_an_image(&setting.raw) {
                Some(message) => {
                    problems.push(InputProblem::new(
                        InputCode::MissingImage,
                        word.span,
                        message,
                    ));
                    container.image = Some(Setting::unknown(setting.raw, setting.span));
                }
                None => container.image = Some(setting),
            }
        }
        // A command already reported as broken has no image for that reason.
        None if !problems.iter().any(|p| {
            [InputCode::ShellSyntaxError, InputCode::MissingFlagValue].contains(&p.code)
        }) =>
        {
            let end = found
                .args
                .last()
                .map_or(command.span.end, |word| word.span.end);
            problems.push(InputProblem::new(
                InputCode::MissingImage,
                Span::at(end as usize),
                format!(
                    "`{} {}` has no image: nothing after the flags names what to run",
                    found.tool.name(),
                    found.subcommand.name()
                ),
            ));
        }
        None => {}
    }
    problems.extend(lower::refused_systemd_mode(&mut container));
    problems.extend(lower::refused_without_privileged(&mut container));
    (container, problems)
}

/// Why the word in the image's place names no image: it is empty, or a placeholder
/// (`<image>`, `app:<tag>`, `{{ .Image }}`, `...`, `ee-[version]`).
fn not_an_image(image: &str) -> Option<String> {
    let bracketed_word = image.find('[').is_some_and(|open| {
        image[open + 1..].find(']').is_some_and(|len| {
            len > 0
                && image[open + 1..open + 1 + len]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_ ".contains(c))
        })
    });
    if image.is_empty() {
        Some("the image is an empty word: nothing names what to run".to_string())
    } else if (image.contains('<') && image.contains('>'))
        || image.contains("{{")
        || image.contains("...")
        || image.contains('…')
        || bracketed_word
    {
        Some(format!(
            "the image `{image}` is a placeholder: shipshape cannot check what it runs"
        ))
    } else {
        None
    }
}
