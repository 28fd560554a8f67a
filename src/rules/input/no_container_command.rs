use crate::declare_rule;

declare_rule! {
/// ## What it does
/// The text has no `docker run`, `docker create`, `podman run`, `nerdctl run` or similar command to analyse, or an engine command that is not read grants more than the defaults (`docker exec --privileged`).
///
/// ## Why is this bad?
/// Only container-creating commands carry the settings shipshape checks. Other engine
/// commands are skipped and named in the message: `docker exec` and `docker start`
/// act on an existing container, `docker compose run` reads a Compose file (paste
/// that instead), and `docker service create` has its own flags.
///
/// Such a command can still hand out power: `docker exec --privileged` or `--user 0`
/// runs a command with every capability, or as root, in a container whose own
/// settings grant neither; `docker compose run --volume /:/host` adds a mount to a
/// service; `docker service create --cap-add SYS_ADMIN` grants a capability to every
/// task. Each of these gets a note of its own at the first such flag, naming them
/// all, even beside commands that are analysed.
///
/// ## Example
/// ```sh
/// docker exec -it web sh
/// ```
///
/// ```sh
/// docker exec --privileged -u 0 web sh
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
