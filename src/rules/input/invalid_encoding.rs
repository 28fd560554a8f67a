use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The file holds bytes that are not UTF-8, such as a file saved as Latin-1 or a binary file.
///
/// shipshape reads the rest of the text, with U+FFFD (�) in place of each invalid
/// sequence as editors show it, and reports the first one where it is.
///
/// ## Why is this bad?
/// Compose reads YAML as UTF-8 and refuses such a file, or, in a value, passes on
/// bytes that are not what the author meant. A shell script with them may run
/// commands that differ from what an editor shows.
///
/// ## Example
/// ```text
/// services:
///   web:
///     image: nginx
///     user: "caf\xe9"
/// ```
///
/// ## Use instead
/// ```text
/// services:
///   web:
///     image: nginx
///     user: "café"
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know which characters were meant; save the file as UTF-8.
/// `check --fix`, `harden --write` and `convert` refuse such a file rather than write
/// the replacement characters back.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - YAML 1.2.2 specification: character set
    pub static INVALID_ENCODING = {
        code: "SYN-016",
        name: "invalid-encoding",
        family: Input,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
