//! Problems with the input itself: syntax errors, unknown flags, limits.
//!
//! The front-ends report these; they have no check of their own over the model.

use super::{Checker, Rule};
use crate::model::{Container, InputCode};

mod broken_line_continuation;
mod input_limit_exceeded;
mod invalid_encoding;
mod invalid_interpolation;
mod invalid_suppression;
mod invalid_value;
mod invalid_yaml;
mod missing_flag_value;
mod missing_image;
mod no_container_command;
mod not_a_compose_file;
mod shell_syntax_error;
mod unknown_flag;
mod unknown_key;
mod unused_suppression;

pub use broken_line_continuation::BROKEN_LINE_CONTINUATION;
pub use input_limit_exceeded::INPUT_LIMIT_EXCEEDED;
pub use invalid_encoding::INVALID_ENCODING;
pub use invalid_interpolation::INVALID_INTERPOLATION;
pub use invalid_suppression::INVALID_SUPPRESSION;
pub use invalid_value::INVALID_VALUE;
pub use invalid_yaml::INVALID_YAML;
pub use missing_flag_value::MISSING_FLAG_VALUE;
pub use missing_image::MISSING_IMAGE;
pub use no_container_command::NO_CONTAINER_COMMAND;
pub use not_a_compose_file::NOT_A_COMPOSE_FILE;
pub use shell_syntax_error::SHELL_SYNTAX_ERROR;
pub use unknown_flag::UNKNOWN_FLAG;
pub use unknown_key::UNKNOWN_KEY;
pub use unused_suppression::UNUSED_SUPPRESSION;

pub static RULES: &[&Rule] = &[
    &INVALID_YAML,
    &NOT_A_COMPOSE_FILE,
    &INVALID_INTERPOLATION,
    &INVALID_VALUE,
    &INPUT_LIMIT_EXCEEDED,
    &UNUSED_SUPPRESSION,
    &INVALID_SUPPRESSION,
    &SHELL_SYNTAX_ERROR,
    &BROKEN_LINE_CONTINUATION,
    &UNKNOWN_FLAG,
    &MISSING_FLAG_VALUE,
    &NO_CONTAINER_COMMAND,
    &MISSING_IMAGE,
    &INVALID_ENCODING,
    &UNKNOWN_KEY,
];

/// The rule that reports a front-end's input problem.
pub fn rule_for(code: InputCode) -> &'static Rule {
    match code {
        InputCode::InvalidYaml => &INVALID_YAML,
        InputCode::NotAComposeFile => &NOT_A_COMPOSE_FILE,
        InputCode::InvalidInterpolation => &INVALID_INTERPOLATION,
        InputCode::InvalidValue => &INVALID_VALUE,
        InputCode::InputLimitExceeded => &INPUT_LIMIT_EXCEEDED,
        InputCode::ShellSyntaxError => &SHELL_SYNTAX_ERROR,
        InputCode::BrokenLineContinuation => &BROKEN_LINE_CONTINUATION,
        InputCode::UnknownFlag => &UNKNOWN_FLAG,
        InputCode::MissingFlagValue => &MISSING_FLAG_VALUE,
        InputCode::NoContainerCommand => &NO_CONTAINER_COMMAND,
        InputCode::MissingImage => &MISSING_IMAGE,
        InputCode::InvalidEncoding => &INVALID_ENCODING,
        InputCode::UnknownKey => &UNKNOWN_KEY,
    }
}

/// Input rules have no check over the model: the front-ends report them.
fn reported_by_front_end(_: &Container, _: &mut Checker) {}
