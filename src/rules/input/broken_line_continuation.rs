use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A multi-line command whose line continuation is broken: a `\` followed by blanks or by a comment, a comment line or blank line inside the command, or a line that ends without `\` although the next one starts with a flag.
///
/// ## Why is this bad?
/// The shell ends the command at that line: the flags on the following lines run as
/// a separate (failing) command and never reach the container, so a hardening flag
/// such as `--read-only` or `--cap-drop ALL` silently goes missing. shipshape points
/// at the break, joins the lines and analyses the command the author meant.
///
/// ## Example
/// ```sh
/// docker run -d \
///   --volume /srv/app:/config \ # or a named volume
///   --cap-drop ALL \
///   nginx
/// ```
///
/// ## Use instead
/// Put comments above the command, and end every line but the last with `\`:
/// ```sh
/// # --volume may also name a volume
/// docker run -d \
///   --volume /srv/app:/config \
///   --cap-drop ALL \
///   nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: trailing blanks are invisible in most editors, so the finding
/// points at the exact character to delete or add.
///
/// ## When not to use it
/// Never: a broken continuation always changes what the shell runs.
///
/// ## References
/// - POSIX Shell Command Language, 2.2.1 Escape Character (Backslash)
    pub static BROKEN_LINE_CONTINUATION = {
        code: "SYN-011",
        name: "broken-line-continuation",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
