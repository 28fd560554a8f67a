//! What a front-end hands to the pipeline: the containers it read, the problems it
//! found in the input itself, and the environment it interpolates from.
//!
//! These types sit with the model so that the front-ends need nothing above it:
//! the pipeline (`analyze.rs`) turns each [`InputProblem`] into the diagnostic of
//! its input rule (`src/rules/input/`).

use super::Container;
use crate::json::{JsonWriter, ToJson};
use crate::span::Span;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Values for `${VAR}` interpolation; a variable missing here is unset.
pub type Environment = BTreeMap<String, String>;

/// What a front-end produces: containers plus problems with the input itself.
#[derive(Debug, Default)]
pub struct FrontEnd {
    pub containers: Vec<Container>,
    pub problems: Vec<InputProblem>,
    /// The input's comments (Compose; a command line has none shipshape reads),
    /// where suppressions are written.
    pub comments: Vec<Comment>,
}

/// A YAML comment: from its `#` to the end of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// Only whitespace stands before it on its line.
    pub own_line: bool,
}

/// The kinds of problem a front-end finds in its input; each is reported by one
/// input rule (see `rules::input::rule_for`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputCode {
    /// The text is not valid YAML.
    InvalidYaml,
    /// Valid YAML, but no Compose `services` mapping.
    NotAComposeFile,
    /// A malformed `${VAR}` expression, or a required variable that is unset.
    InvalidInterpolation,
    /// A value the engine does not accept.
    InvalidValue,
    /// The input is larger or deeper than shipshape reads.
    InputLimitExceeded,
    /// A command line the shell cannot parse (unclosed quote, ...).
    ShellSyntaxError,
    /// A `\` followed by spaces, which ends the command instead of continuing it.
    BrokenLineContinuation,
    /// A flag the engine does not know.
    UnknownFlag,
    /// A flag that needs a value, at the end of the command.
    MissingFlagValue,
    /// Run-command input without any container command.
    NoContainerCommand,
    /// A run command without an image.
    MissingImage,
    /// Bytes that are not UTF-8, read as U+FFFD.
    InvalidEncoding,
    /// A Compose key the specification does not define.
    UnknownKey,
}

/// One problem with the input, where it was written and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct InputProblem {
    pub code: InputCode,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The container (service or command) the problem belongs to, when there is one.
    pub container: Option<String>,
}

impl InputProblem {
    pub fn new(code: InputCode, span: Span, message: impl Into<String>) -> InputProblem {
        InputProblem {
            code,
            span,
            message: message.into(),
            help: None,
            container: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> InputProblem {
        self.help = Some(help.into());
        self
    }

    /// The same problem, about the named container.
    pub fn in_container(mut self, name: &str) -> InputProblem {
        self.container = Some(name.to_string());
        self
    }
}

/// How much of an input is read. Past a limit the analysis reports SYN-005 where the
/// limit was reached and goes on with what it can still read safely; the defaults are
/// far beyond any real Compose file or command list and small enough to keep a page
/// responsive on every keystroke. Every surface can lower or raise them through the
/// configuration's `limits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    derive(schemars::JsonSchema)
)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Limits {
    /// Bytes of input; a larger text is not read at all.
    pub input_bytes: usize,
    /// Bytes of one line; a text with a longer line is not read at all.
    pub line_bytes: usize,
    /// Nesting levels of YAML collections; deeper ones are skipped.
    pub depth: usize,
    /// YAML nodes that aliases may expand to, in total ("billion laughs").
    pub alias_nodes: usize,
    /// Bytes of values that aliases may copy, in total (a long value aliased often).
    pub alias_bytes: usize,
    /// Bytes of service text that `extends` may copy, in total.
    pub inherited_bytes: usize,
    /// Compose services analysed; those after are skipped.
    pub services: usize,
    /// Container commands analysed; those after are skipped.
    pub commands: usize,
    /// Words of one command line; a longer command is skipped.
    pub words_per_command: usize,
    /// Files of a project (its Compose files, `.env` and the files they name); those
    /// after are not read.
    pub files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input_bytes: 1 << 20,
            line_bytes: 512 << 10,
            depth: 64,
            alias_nodes: 100_000,
            alias_bytes: 8 << 20,
            inherited_bytes: 8 << 20,
            services: 5_000,
            commands: 500,
            words_per_command: 20_000,
            files: 100,
        }
    }
}

impl ToJson for Limits {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("inputBytes", &self.input_bytes),
            ("lineBytes", &self.line_bytes),
            ("depth", &self.depth),
            ("aliasNodes", &self.alias_nodes),
            ("aliasBytes", &self.alias_bytes),
            ("inheritedBytes", &self.inherited_bytes),
            ("services", &self.services),
            ("commands", &self.commands),
            ("wordsPerCommand", &self.words_per_command),
            ("files", &self.files),
        ]);
    }
}

/// A size for messages: in MiB or KiB when it is a whole number of them, else in
/// bytes, so that a text 1 byte over 1 MiB does not read as "1024 KiB".
pub fn shown_size(bytes: usize) -> String {
    match bytes {
        _ if bytes >= 1 << 20 && bytes % (1 << 20) == 0 => format!("{} MiB", bytes >> 20),
        _ if bytes >= 1 << 10 && bytes % (1 << 10) == 0 => format!("{} KiB", bytes >> 10),
        _ => format!("{bytes} bytes"),
    }
}

/// The problem with a text over `limits.input_bytes`. Its size is not said: a surface
/// refuses a text before it has all of it (standard input read up to the limit, a JS
/// string whose UTF-16 length alone exceeds it), and every surface says the same.
pub fn too_large(limits: &Limits) -> InputProblem {
    let limit = shown_size(limits.input_bytes);
    InputProblem::new(
        InputCode::InputLimitExceeded,
        Span::at(0),
        format!("the input is larger than {limit}; only inputs up to {limit} are analysed"),
    )
}

/// The problem with a text that is too large or has too long a line, which is then
/// not read at all: the pipeline checks this before any other work, detection included.
pub fn oversized(text: &str, limits: &Limits) -> Option<InputProblem> {
    if text.len() > limits.input_bytes {
        return Some(too_large(limits));
    }
    let mut line_start = 0;
    let line_feeds = text.match_indices('\n').map(|(offset, _)| offset);
    for line_end in line_feeds.chain([text.len()]) {
        if line_end - line_start > limits.line_bytes {
            let message = format!(
                "this line is {}; only lines up to {} are analysed, so the input is not read",
                shown_size(line_end - line_start),
                shown_size(limits.line_bytes)
            );
            return Some(InputProblem::new(
                InputCode::InputLimitExceeded,
                Span::new(line_start, line_start),
                message,
            ));
        }
        line_start = line_end + 1;
    }
    None
}
