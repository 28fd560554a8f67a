use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The text has no `docker run`, `docker create`, `podman run` or similar command to analyse.
///
/// ## Why is this bad?
/// Only container-creating commands carry the settings shipshape checks; other commands (`docker exec`, `docker compose up`) are skipped.
///
/// ## Example
/// ```sh
/// docker ps
/// ```
///
/// ## Use instead
/// ```sh
/// docker run nginx
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
    pub static NO_CONTAINER_COMMAND = {
        code: "SYN-014",
        name: "no-container-command",
        family: Input,
        severity: Info,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
