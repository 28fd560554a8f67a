use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The text is not valid YAML.
///
/// ## Why is this bad?
/// A Compose file that does not parse cannot be started, and nothing in it can be checked.
///
/// ## Example
/// ```yaml
/// services:
///   web:
///     image: nginx
///    privileged: true
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: nginx
///     privileged: true
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - YAML 1.2.2 specification
    pub static INVALID_YAML = {
        code: "SYN-001",
        name: "invalid-yaml",
        family: Input,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
