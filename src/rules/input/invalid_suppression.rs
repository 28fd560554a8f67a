use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A `# shipshape:` comment that cannot be read: an unknown rule code or name, an
/// unknown directive, missing brackets, or `ignore-service` outside a service.
///
/// ## Why is this bad?
/// The comment silences nothing it cannot read, so the finding you meant to excuse is
/// still reported, or a typo in a code silently excuses nothing while looking like it
/// does.
///
/// ## Example
/// ```yaml
/// services:
///   agent:
///     image: monitoring/agent:2.1
///     privileged: true # shipshape: ignore[PRIV-01] needs the host's devices
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   agent:
///     image: monitoring/agent:2.1
///     privileged: true # shipshape: ignore[PRIV-001] needs the host's devices
/// ```
///
/// ## Fix safety
/// No automatic fix: the message suggests the closest code or name, but only you know
/// which rule you meant.
///
/// ## When not to use it
/// Never: an unreadable suppression does nothing.
///
/// ## References
/// - shipshape suppression comments: `ignore`, `ignore-service`, `ignore-file`
    pub static INVALID_SUPPRESSION = {
        code: "SYN-007",
        name: "invalid-suppression",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
