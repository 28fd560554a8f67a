use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A line ends in a continuation backslash followed by spaces or a comment, or a line that starts with a flag follows a line without a backslash.
///
/// ## Why is this bad?
/// The shell ends the command early: the flags on the following lines are run as a separate (failing) command and never reach the container.
///
/// ## Example
/// ```sh
/// docker run -d \
///   --cap-add NET_ADMIN nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run -d \
///   --cap-add NET_ADMIN nginx
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
