//! Every key of a Compose service, from the compose-spec schema
//! (compose-spec/compose-spec `schema/compose-spec.json`, `definitions.service`,
//! at [`COMPOSE_SPEC_COMMIT`]), with what shipshape does with it:
//! read into the model and checked, or why it cannot weaken isolation.

/// The commit of compose-spec/compose-spec the keys were read at.
pub const COMPOSE_SPEC_COMMIT: &str = "170098ba07d9f53c383a41bfd4c5166b0a4529a6";

/// What shipshape does with one service key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Read into the container model; the rules named check it.
    Checked(&'static str),
    /// It cannot weaken the container's isolation: why.
    NoIsolationEffect(&'static str),
}

/// One service key. What shipshape does with it is for the documentation, which
/// the browser's WebAssembly module does not carry, so it leaves that text out.
#[derive(Debug)]
pub struct ServiceKey {
    pub key: &'static str,
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub coverage: Coverage,
}

#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    allow(unused_variables)
)]
const fn checked(key: &'static str, rules: &'static str) -> ServiceKey {
    ServiceKey {
        key,
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        coverage: Coverage::Checked(rules),
    }
}

#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    allow(unused_variables)
)]
const fn harmless(key: &'static str, reason: &'static str) -> ServiceKey {
    ServiceKey {
        key,
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        coverage: Coverage::NoIsolationEffect(reason),
    }
}

const RESOURCE: &str =
    "a resource setting: it limits or weights what the container uses, and grants nothing";
const METADATA: &str = "metadata for people and tools; the engine grants nothing from it";
const LIFECYCLE: &str =
    "decides when or how Compose starts and stops the container, not what it may do";
const PROCESS: &str =
    "what the container runs and with which environment, inside its own isolation";

/// The keys of `definitions.service`, in the schema's alphabetical order.
pub static SERVICE_KEYS: &[ServiceKey] = &[
    harmless(
        "annotations",
        "OCI annotations passed to the runtime as metadata",
    ),
    harmless("attach", "whether Compose shows the service's output"),
    harmless("blkio_config", RESOURCE),
    checked("build", "PRIV (build-time `privileged`, `entitlements`)"),
    checked("cap_add", "CAP"),
    checked("cap_drop", "CAP"),
    checked("cgroup", "NS (cgroup namespace)"),
    checked("cgroup_parent", "RES"),
    harmless("command", PROCESS),
    checked(
        "configs",
        "MNT (a config defined by a host `file:` is a read-only bind of that file)",
    ),
    harmless("container_name", METADATA),
    harmless("cpu_count", RESOURCE),
    harmless("cpu_percent", RESOURCE),
    harmless("cpu_period", RESOURCE),
    checked("cpu_quota", "RES"),
    harmless("cpu_rt_period", RESOURCE),
    harmless("cpu_rt_runtime", RESOURCE),
    checked("cpu_shares", "RES"),
    checked("cpus", "RES"),
    harmless("cpuset", RESOURCE),
    harmless(
        "credential_spec",
        "Windows gMSA credentials; no Linux isolation is involved",
    ),
    harmless("depends_on", LIFECYCLE),
    checked("deploy", "RES (resources, restart policy)"),
    checked(
        "develop",
        "PRIV-001 (a `watch` rule's `exec` command and its own `privileged`); the files \
         `sync` copies into the running container are copies, never a view of the host's \
         files, and nothing is copied back",
    ),
    checked("device_cgroup_rules", "DEV"),
    checked("devices", "DEV"),
    checked("dns", "NET"),
    checked("dns_opt", "NET"),
    checked("dns_search", "NET"),
    harmless("domainname", METADATA),
    harmless("entrypoint", PROCESS),
    harmless(
        "env_file",
        "Compose reads the files into the container's environment variables, which \
         the process sees inside its own isolation (projects check their syntax, SYN-004)",
    ),
    harmless("environment", PROCESS),
    checked("expose", "NET"),
    checked("extends", "every rule, on the merged service"),
    harmless(
        "external_links",
        "links to containers outside the project, on networks the service already joins",
    ),
    checked("extra_hosts", "NET"),
    checked("gpus", "DEV"),
    checked("group_add", "USR"),
    checked("healthcheck", "OPS"),
    checked("hostname", "NET"),
    checked("image", "OPS"),
    harmless("init", "runs an init process as PID 1 inside the container"),
    checked("ipc", "NS"),
    harmless(
        "isolation",
        "Windows isolation technology; Linux containers have one",
    ),
    harmless("label_file", METADATA),
    harmless("labels", METADATA),
    checked("links", "NET"),
    harmless("logging", "where the engine sends the container's output"),
    harmless("mac_address", METADATA),
    checked("mem_limit", "RES"),
    harmless("mem_reservation", RESOURCE),
    harmless("mem_swappiness", RESOURCE),
    checked("memswap_limit", "RES"),
    harmless(
        "models",
        "AI models Compose provides through environment variables",
    ),
    checked("network_mode", "NS, NET"),
    checked("networks", "NET"),
    checked("oom_kill_disable", "RES"),
    checked("oom_score_adj", "RES"),
    checked("pid", "NS"),
    checked("pids_limit", "RES"),
    harmless("platform", "which image variant is pulled"),
    checked("ports", "NET"),
    checked("post_start", "PRIV-001 (the hook's own `privileged`)"),
    checked("pre_stop", "PRIV-001 (the hook's own `privileged`)"),
    checked("privileged", "PRIV"),
    harmless("profiles", LIFECYCLE),
    harmless(
        "provider",
        "an external provider manages the service; Compose creates no container for it",
    ),
    harmless("pull_policy", LIFECYCLE),
    harmless("pull_refresh_after", LIFECYCLE),
    checked("read_only", "MNT"),
    checked("restart", "RES"),
    checked("runtime", "SEC"),
    harmless("scale", LIFECYCLE),
    checked(
        "secrets",
        "MNT (a secret defined by a host `file:` is a read-only bind of that file)",
    ),
    checked("security_opt", "SEC"),
    checked("shm_size", "RES"),
    harmless("stdin_open", PROCESS),
    harmless("stop_grace_period", LIFECYCLE),
    harmless("stop_signal", LIFECYCLE),
    harmless("storage_opt", RESOURCE),
    checked("sysctls", "SYS"),
    checked("tmpfs", "MNT"),
    harmless("tty", PROCESS),
    checked("ulimits", "RES"),
    checked("use_api_socket", "MNT"),
    checked("user", "USR"),
    checked("userns_mode", "NS"),
    checked("uts", "NS"),
    checked("volumes", "MNT"),
    checked("volumes_from", "MNT"),
    harmless("working_dir", PROCESS),
];

/// The top-level keys of a Compose file (`definitions` at the schema's root).
pub static TOP_LEVEL_KEYS: &[&str] = &[
    "configs", "include", "models", "name", "networks", "secrets", "services", "version", "volumes",
];

pub fn service_key(key: &str) -> Option<&'static ServiceKey> {
    SERVICE_KEYS.iter().find(|entry| entry.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_schema_once_in_order() {
        assert_eq!(SERVICE_KEYS.len(), 92);
        assert!(SERVICE_KEYS
            .windows(2)
            .all(|pair| pair[0].key < pair[1].key));
    }
}
