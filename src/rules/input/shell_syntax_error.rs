use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A command line has a quote, `$(`, `${` or backtick that is never closed, or ends with a line continuation `\` that nothing follows.
///
/// ## Why is this bad?
/// A shell would wait for more input, or run something other than what is written.
/// shipshape reports the break at the opening quote (or the backslash), ends the quote
/// at the end of its line and still analyses the rest of the command, so some
/// settings may be misread until the syntax is fixed.
///
/// ## Example
/// ```sh
/// docker run --name 'web --read-only nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --name 'web' --read-only nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know where the quote was meant to end.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - POSIX Shell Command Language, 2.2 Quoting and 2.6.3 Command Substitution
    pub static SHELL_SYNTAX_ERROR = {
        code: "SYN-010",
        name: "shell-syntax-error",
        family: Input,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
