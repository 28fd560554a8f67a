//! What the editors need to know about how a container was written, recorded by
//! the front-end that read it: where a new setting goes and how to write it there.

use crate::span::Span;

/// How a container's text is laid out.
#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    Compose(ComposeLayout),
    Run(RunLayout),
}

/// A Compose service block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComposeLayout {
    /// Start of the line after the service's last key: where a new key goes.
    pub insert_at: usize,
    /// Indentation of the service's keys (1, 2, 4 spaces ...).
    pub key_indent: String,
    /// The file's line break, `"\n"` or `"\r\n"`, for new lines.
    pub line_break: String,
    /// Whether the settings are an indented block; a flow mapping (`app: {image: x}`)
    /// gets no new key lines.
    pub block: bool,
}

/// A `docker run`-like command line.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLayout {
    /// Where a new flag goes: the start of the image word (or the command's end).
    pub insert_at: usize,
    /// The engine word through the subcommand (`docker run`, `podman container create`):
    /// where a missing setting is reported.
    pub command_words: Span,
}

impl Layout {
    /// Where a new setting goes.
    pub fn insert_at(&self) -> usize {
        match self {
            Layout::Compose(compose) => compose.insert_at,
            Layout::Run(run) => run.insert_at,
        }
    }
}
