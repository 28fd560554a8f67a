use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A setting has a value the engine does not accept, such as `privileged: maybe` or a port that is not a number.
///
/// ## Why is this bad?
/// The engine rejects the container, or worse, interprets the value differently from what you meant, and the checks that depend on it cannot run.
///
/// ## Example
/// ```yaml
/// services:
///   web:
///     image: nginx
///     privileged: maybe
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: nginx
///     privileged: false
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - Compose Specification: Services top-level elements
/// - Docker CLI reference: `docker container run` options
    pub static INVALID_VALUE = {
        code: "SYN-004",
        name: "invalid-value",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
