use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A flag that `docker run` (or podman) does not know.
///
/// ## Why is this bad?
/// The CLI refuses to start the container; if the flag is a typo of a hardening flag, the protection you meant is not there.
///
/// ## Example
/// ```sh
/// docker run --priviledged nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --privileged=false nginx
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
    pub static UNKNOWN_FLAG = {
        code: "SYN-012",
        name: "unknown-flag",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
