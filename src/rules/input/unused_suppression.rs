use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A `# shipshape: ignore[...]` comment that silences nothing: no finding of the rules it
/// names is reported on its line, in its service or in its file.
///
/// ## Why is this bad?
/// A stale suppression hides the next finding of that rule in the same place without
/// anyone reviewing it, and it misleads readers into thinking the setting it sits
/// next to is risky. It usually stays behind after the setting it excused was fixed,
/// or it sits on the wrong line: a suppression alone on its line applies to the next
/// line that is not a comment.
///
/// ## Example
/// ```yaml
/// services:
///   web:
///     image: nginx:1.27
///     # shipshape: ignore[PRIV-001] the agent needs it
///     read_only: true
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: nginx:1.27
///     read_only: true
/// ```
///
/// ## Fix safety
/// The fix removes the unused rules from the comment, or the whole comment when none
/// of its rules is used. It is safe: nothing it silenced is reported.
/// Run commands get no fix: suppression comments are read in Compose files only
/// (command lines are configured with `ignore`).
///
/// ## When not to use it
/// When one file is checked under several profiles, a suppression of a rule that the
/// current profile does not run is never reported as unused, so you rarely need to
/// ignore this rule.
///
/// ## References
/// - shipshape suppression comments: `ignore`, `ignore-service`, `ignore-file`
/// - ruff: unused-noqa (RUF100)
    pub static UNUSED_SUPPRESSION = {
        code: "SYN-006",
        name: "unused-suppression",
        family: Input,
        severity: Low,
        profiles: DBRC,
        fix: Always,
        check: super::reported_by_front_end,
    }
}
