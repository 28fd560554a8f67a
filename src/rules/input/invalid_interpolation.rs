use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A `${...}` expression is malformed, or a required variable (`${VAR:?message}`) is not set.
///
/// ## Why is this bad?
/// Compose refuses to load the file ("invalid template" or the required-variable message).
///
/// ## Example
/// ```yaml
/// services:
///   web:
///     image: "nginx:${TAG/x/y}"
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: "nginx:${TAG:-1.27}"
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - Compose Specification: Interpolation
    pub static INVALID_INTERPOLATION = {
        code: "SYN-003",
        name: "invalid-interpolation",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
