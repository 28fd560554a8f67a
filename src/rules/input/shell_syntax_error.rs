use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A command line has an unbalanced quote or a dangling line continuation.
///
/// ## Why is this bad?
/// The shell would wait for more input or run something different; shipshape analyses what it can and points at the break.
///
/// ## Example
/// ```sh
/// docker run --name 'web nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --name web nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - shipshape input syntax reference
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
