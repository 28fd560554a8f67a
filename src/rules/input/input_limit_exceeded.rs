use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The input is larger or deeper than shipshape analyses (size, nesting, alias expansion or number of commands).
///
/// ## Why is this bad?
/// Analysing hostile input without limits could hang the page; what lies past the limit is not checked.
///
/// ## Example
/// A file of many megabytes, or a YAML "billion laughs" made of nested aliases.
///
/// ## Use instead
/// Split the input, or analyse the services that matter.
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - YAML 1.2.2 specification, 3.2.2.2 Anchors and Aliases
/// - Wikipedia: Billion laughs attack
    pub static INPUT_LIMIT_EXCEEDED = {
        code: "SYN-005",
        name: "input-limit-exceeded",
        family: Input,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
