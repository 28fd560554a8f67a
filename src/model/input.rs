//! What a front-end hands to the pipeline: the containers it read, the problems it
//! found in the input itself, and the environment it interpolates from.
//!
//! These types sit with the model so that the front-ends need nothing above it:
//! the pipeline (`analyze.rs`) turns each [`InputProblem`] into the diagnostic of
//! its input rule (`src/rules/input/`).

use super::Container;
use crate::span::Span;
use std::collections::BTreeMap;

/// Values for `${VAR}` interpolation; a variable missing here is unset.
pub type Environment = BTreeMap<String, String>;

/// What a front-end produces: containers plus problems with the input itself.
#[derive(Debug, Default)]
pub struct FrontEnd {
    pub containers: Vec<Container>,
    pub problems: Vec<InputProblem>,
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

    /// The same problem, about the named container.
    pub fn in_container(mut self, name: &str) -> InputProblem {
        self.container = Some(name.to_string());
        self
    }
}

/// The largest input analysed: far beyond any real Compose file or command list,
/// small enough to keep the page responsive.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// The problem with a text over [`MAX_INPUT_BYTES`], which is then not read at all:
/// the pipeline checks this before any other work, detection included.
pub fn oversized(text: &str) -> Option<InputProblem> {
    (text.len() > MAX_INPUT_BYTES).then(|| {
        let message = format!(
            "the input is {} KiB; only inputs up to {} KiB are analysed",
            text.len() / 1024,
            MAX_INPUT_BYTES / 1024
        );
        InputProblem::new(InputCode::InputLimitExceeded, Span::at(0), message)
    })
}
