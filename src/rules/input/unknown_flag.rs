use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A flag that `docker run` / `docker create` (or podman's, or nerdctl's) does not know, including old single-dash spellings such as `-privileged`.
///
/// ## Why is this bad?
/// The CLI refuses to start the container. If the flag is a typo of a hardening flag,
/// the protection you meant is not there once the typo is "fixed" by deleting it.
/// shipshape suggests the closest known flag and says whether it assumed the unknown
/// flag takes the next word as its value; a single-dash long name is never applied.
///
/// ## Example
/// ```sh
/// docker run --cap-drop ALL --read-onyl nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --cap-drop ALL --read-only nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know which flag was meant.
///
/// ## When not to use it
/// With a newer CLI than shipshape knows: suppress the finding for that flag.
///
/// ## References
/// - Docker CLI reference: `docker container run` options
/// - podman-run(1)
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
