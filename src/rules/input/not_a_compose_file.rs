use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The YAML parses but is not a Compose file: its top level is not a mapping, or it has no `services` mapping.
///
/// ## Why is this bad?
/// Nothing can be checked, and the file is probably not what you meant to paste.
///
/// ## Example
/// ```yaml
/// - web
/// - db
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - Compose Specification: The Compose application model; Services top-level elements
    pub static NOT_A_COMPOSE_FILE = {
        code: "SYN-002",
        name: "not-a-compose-file",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
