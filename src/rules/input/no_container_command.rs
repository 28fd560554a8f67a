use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The text has no `docker run`, `docker create`, `podman run`, `nerdctl run` or similar command to analyse.
///
/// ## Why is this bad?
/// Only container-creating commands carry the settings shipshape checks. Other engine
/// commands are skipped and named in the message: `docker exec` and `docker start`
/// act on an existing container, `docker compose run` reads a Compose file (paste
/// that instead), and `docker service create` has its own flags.
///
/// ## Example
/// ```sh
/// docker exec -it web sh
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --read-only nginx
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: it only tells you that nothing was checked.
///
/// ## References
/// - Docker CLI reference: `docker container run`, `docker container create`
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
