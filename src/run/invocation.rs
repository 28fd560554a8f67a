//! Which container engine command a shell command runs: what comes before the
//! engine (`sudo -E`, `env`, `FOO=bar`), the engine's global options, and its
//! subcommand.

use super::argv;
use super::flags::{FlagSet, Subcommand, Tool};
use super::shell::{is_privilege_wrapper, Word};
use crate::model::InputProblem;
use crate::span::Span;

/// What a shell command is, for the run front-end.
pub enum Invocation<'c> {
    /// `docker run`, `docker container create`, `podman run`, `nerdctl run` ...
    Container(ContainerCommand<'c>),
    /// An engine command that creates no container from flags (`docker exec`,
    /// `docker compose run`, `docker service create`), described for messages, with
    /// the words after its subcommand.
    Other {
        description: String,
        span: Span,
        args: &'c [Word],
    },
    /// Not a container engine command.
    Unrelated,
}

pub struct ContainerCommand<'c> {
    pub tool: Tool,
    pub subcommand: Subcommand,
    /// The engine's word (`docker`).
    pub tool_word: &'c Word,
    /// The subcommand's word (`run`, `create`).
    pub subcommand_word: &'c Word,
    /// The words after `run` / `create`.
    pub args: &'c [Word],
    /// Problems with the global options before the subcommand.
    pub problems: Vec<InputProblem>,
}

/// Options of `sudo` that take a value (`sudo -u root docker ...`).
const SUDO_VALUE_OPTIONS: [&str; 20] = [
    "-C",
    "-D",
    "-g",
    "-h",
    "-p",
    "-R",
    "-r",
    "-T",
    "-t",
    "-U",
    "-u",
    "--chdir",
    "--chroot",
    "--close-from",
    "--command-timeout",
    "--group",
    "--host",
    "--other-user",
    "--prompt",
    "--user",
];

/// Options of `env` that take a value.
const ENV_VALUE_OPTIONS: [&str; 6] = ["-C", "-S", "-u", "--chdir", "--split-string", "--unset"];

/// Shell keywords and wrappers that run the command after them unchanged.
const TRANSPARENT_WORDS: [&str; 13] = [
    "!", "{", "if", "then", "else", "elif", "do", "while", "until", "time", "command", "exec",
    "nohup",
];

/// Engine subcommands that group others (`docker compose run`): described with
/// their own subcommand.
const GROUP_COMMANDS: [&str; 12] = [
    "builder",
    "buildx",
    "compose",
    "container",
    "image",
    "network",
    "node",
    "plugin",
    "pod",
    "service",
    "stack",
    "volume",
];

/// `NAME=value` before a command.
fn is_assignment(word: &Word) -> bool {
    let text = word.as_str();
    let Some(eq) = text.find('=') else {
        return false;
    };
    let name = &text[..eq];
    word.text.is_resolved(0..eq)
        && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Index of the first word after `option`s of a wrapper, `--` included.
fn skip_options(words: &[Word], mut at: usize, value_options: &[&str]) -> usize {
    while let Some(word) = words.get(at) {
        let text = word.as_str();
        if text == "--" {
            return at + 1;
        }
        if !text.starts_with('-') && !is_assignment(word) {
            return at;
        }
        at += if value_options.contains(&text) { 2 } else { 1 };
    }
    at
}

/// Index of the command word after prefixes: assignments, `sudo -E`, `env -i`,
/// `time`, shell keywords.
fn command_word(words: &[Word]) -> usize {
    let mut at = 0;
    while let Some(word) = words.get(at) {
        let text = word.as_str();
        at = if is_assignment(word) || TRANSPARENT_WORDS.contains(&text) {
            at + 1
        } else if is_privilege_wrapper(text) {
            skip_options(words, at + 1, &SUDO_VALUE_OPTIONS)
        } else if text == "env" {
            skip_options(words, at + 1, &ENV_VALUE_OPTIONS)
        } else {
            return at;
        };
    }
    at
}

/// Whether a shell command runs a container engine CLI (any subcommand).
pub fn runs_engine(words: &[Word]) -> bool {
    words
        .get(command_word(words))
        .is_some_and(|word| Tool::from_word(word.as_str()).is_some() || is_compose_tool(word))
}

fn is_compose_tool(word: &Word) -> bool {
    matches!(word.as_str(), "docker-compose" | "podman-compose")
}

pub fn recognise(words: &[Word]) -> Invocation<'_> {
    let at = command_word(words);
    let Some(tool_word) = words.get(at) else {
        return Invocation::Unrelated;
    };
    let Some(tool) = Tool::from_word(tool_word.as_str()) else {
        if is_compose_tool(tool_word) {
            return other(tool_word.as_str(), &words[at + 1..], tool_word.span);
        }
        return Invocation::Unrelated;
    };
    let after_tool = &words[at + 1..];
    let globals = argv::parse(after_tool, FlagSet::Global(tool));
    let Some(first) = globals.positional else {
        return Invocation::Other {
            description: tool.name().to_string(),
            span: tool_word.span,
            args: &[],
        };
    };
    let mut rest = &after_tool[first..];
    if rest[0].as_str() == "container" && rest.len() > 1 {
        rest = &rest[1..];
    }
    match Subcommand::from_word(rest[0].as_str()) {
        Some(subcommand) => Invocation::Container(ContainerCommand {
            tool,
            subcommand,
            tool_word,
            subcommand_word: &rest[0],
            args: &rest[1..],
            problems: globals.problems,
        }),
        None => other(tool.name(), &after_tool[first..], tool_word.span),
    }
}

/// `docker exec`, `docker compose run`: the tool and its (group) subcommand.
fn other<'c>(tool: &str, rest: &'c [Word], span: Span) -> Invocation<'c> {
    let mut description = tool.to_string();
    let mut used = 0;
    if let Some(subcommand) = rest.first().map(Word::as_str) {
        description = format!("{description} {subcommand}");
        used = 1;
        if GROUP_COMMANDS.contains(&subcommand) {
            if let Some(next) = rest
                .get(1)
                .map(Word::as_str)
                .filter(|w| !w.starts_with('-'))
            {
                description = format!("{description} {next}");
                used = 2;
            }
        }
    }
    Invocation::Other {
        description,
        span,
        args: &rest[used..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::shell;

    fn describe(text: &str) -> String {
        let command = &shell::commands(text)[0];
        match recognise(&command.words) {
            Invocation::Container(found) => format!(
                "{} {} [{}]",
                found.tool.name(),
                found.subcommand.name(),
                found
                    .args
                    .iter()
                    .map(Word::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Invocation::Other { description, .. } => format!("other: {description}"),
            Invocation::Unrelated => "unrelated".to_string(),
        }
    }

    #[test]
    fn prefixes_before_the_engine() {
        assert_eq!(describe("sudo -E docker run a"), "docker run [a]");
        assert_eq!(describe("sudo -u root docker run a"), "docker run [a]");
        assert_eq!(describe("FOO=bar BAZ=1 docker run a"), "docker run [a]");
        assert_eq!(describe("env -i PATH=/bin podman run a"), "podman run [a]");
        assert_eq!(describe("time nerdctl create a"), "nerdctl create [a]");
    }

    #[test]
    fn spellings_of_the_subcommand() {
        assert_eq!(describe("docker container run -d a"), "docker run [-d a]");
        assert_eq!(describe("podman container create a"), "podman create [a]");
        assert_eq!(
            describe("docker -H tcp://h:2375 --context prod -D run a"),
            "docker run [a]"
        );
        assert_eq!(describe("docker -l debug create a"), "docker create [a]");
    }

    #[test]
    fn other_engine_commands() {
        assert_eq!(describe("docker exec -it web sh"), "other: docker exec");
        assert_eq!(
            describe("docker compose run --rm web"),
            "other: docker compose run"
        );
        assert_eq!(
            describe("docker service create --name x img"),
            "other: docker service create"
        );
        assert_eq!(
            describe("docker-compose run web"),
            "other: docker-compose run"
        );
        assert_eq!(
            describe("docker container ls"),
            "other: docker container ls"
        );
        assert_eq!(describe("docker"), "other: docker");
        assert_eq!(describe("echo docker run"), "unrelated");
    }
}
