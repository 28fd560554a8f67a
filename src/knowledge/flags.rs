//! The flags of `docker run` / `docker create`, podman's additions, and the global
//! options each engine accepts before its subcommand, as plain tables.
//!
//! Sources: docker/cli `cli/command/container/opts.go` (`addFlags`), `run.go`,
//! `create.go` and `cli/flags/options.go`; podman `cmd/podman/common/create.go`;
//! podman's and nerdctl's root commands for their global options. Only the shape
//! matters here: whether a flag takes a value (which decides where the image is),
//! whether it repeats, and whether podman splits it on commas. One row per flag, in
//! the sources' terms, so the tables can be regenerated from them.
//!
//! The run front-end (`src/run/flags.rs`) looks flags up in these tables.

/// How a flag consumes words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `--flag` alone means true; a value only with `=` (`--flag=false`).
    Bool,
    /// Takes a value; the last occurrence wins.
    Value,
    /// Takes a value; every occurrence adds one item (`-v`, `--cap-add`, `--sysctl`).
    List,
}

/// Which CLIs accept a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Everywhere,
    /// `docker run` but not `docker create` (`-d`, `--sig-proxy`, `--detach-keys`).
    RunOnly,
    /// podman only.
    Podman,
}

/// One flag of a CLI.
#[derive(Debug, PartialEq, Eq)]
pub struct Flag {
    /// The canonical long name, without dashes.
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    /// Podman reads it as a pflag `StringSlice`, so `--cap-add A,B` adds two.
    pub podman_splits_commas: bool,
    pub availability: Availability,
}

impl Flag {
    pub fn is_bool(&self) -> bool {
        self.kind == Kind::Bool
    }

    const fn with_short(mut self, short: char) -> Flag {
        self.short = Some(short);
        self
    }

    const fn splits(mut self) -> Flag {
        self.podman_splits_commas = true;
        self
    }

    const fn run_only(mut self) -> Flag {
        self.availability = Availability::RunOnly;
        self
    }

    const fn podman(mut self) -> Flag {
        self.availability = Availability::Podman;
        self
    }
}

const fn flag(long: &'static str, kind: Kind) -> Flag {
    Flag {
        long,
        short: None,
        kind,
        podman_splits_commas: false,
        availability: Availability::Everywhere,
    }
}

const fn boolean(long: &'static str) -> Flag {
    flag(long, Kind::Bool)
}

const fn value(long: &'static str) -> Flag {
    flag(long, Kind::Value)
}

const fn list(long: &'static str) -> Flag {
    flag(long, Kind::List)
}

/// Hidden aliases the CLI accepts: `(alias, canonical)`.
pub const ALIASES: [(&str, &str); 3] = [
    ("net", "network"),
    ("net-alias", "network-alias"),
    ("dns-opt", "dns-option"),
];

/// Every flag of `docker run` / `docker create` (docker/cli `opts.go` `addFlags`,
/// `run.go`, `create.go`), then podman's additions (`create.go`).
pub static CONTAINER_FLAGS: &[Flag] = &[
    list("add-host"),
    list("annotation").splits(),
    list("attach").with_short('a'),
    value("blkio-weight"),
    list("blkio-weight-device"),
    list("cap-add").splits(),
    list("cap-drop").splits(),
    value("cgroup-parent"),
    value("cgroupns"),
    value("cidfile"),
    value("cpu-count"),
    value("cpu-percent"),
    value("cpu-period"),
    value("cpu-quota"),
    value("cpu-rt-period"),
    value("cpu-rt-runtime"),
    value("cpu-shares").with_short('c'),
    value("cpus"),
    value("cpuset-cpus"),
    value("cpuset-mems"),
    boolean("detach").with_short('d').run_only(),
    value("detach-keys").run_only(),
    list("device").splits(),
    list("device-cgroup-rule").splits(),
    list("device-read-bps"),
    list("device-read-iops"),
    list("device-write-bps"),
    list("device-write-iops"),
    boolean("disable-content-trust"),
    list("dns").splits(),
    list("dns-option"),
    list("dns-search"),
    value("domainname"),
    value("entrypoint"),
    list("env").with_short('e'),
    list("env-file").splits(),
    list("expose").splits(),
    list("gpus"),
    list("group-add").splits(),
    value("health-cmd"),
    value("health-interval"),
    value("health-retries"),
    value("health-start-interval"),
    value("health-start-period"),
    value("health-timeout"),
    boolean("help"),
    value("hostname").with_short('h'),
    boolean("init"),
    boolean("interactive").with_short('i'),
    value("io-maxbandwidth"),
    value("io-maxiops"),
    value("ip"),
    value("ip6"),
    value("ipc"),
    value("isolation"),
    value("kernel-memory"),
    list("label").with_short('l'),
    list("label-file").splits(),
    list("link"),
    list("link-local-ip"),
    value("log-driver"),
    list("log-opt").splits(),
    value("mac-address"),
    value("memory").with_short('m'),
    value("memory-reservation"),
    value("memory-swap"),
    value("memory-swappiness"),
    list("mount"),
    value("name"),
    list("network"),
    list("network-alias"),
    boolean("no-healthcheck"),
    boolean("oom-kill-disable"),
    value("oom-score-adj"),
    value("pid"),
    value("pids-limit"),
    value("platform"),
    boolean("privileged"),
    list("publish").with_short('p'),
    boolean("publish-all").with_short('P'),
    value("pull"),
    boolean("quiet").with_short('q'),
    boolean("read-only"),
    value("restart"),
    boolean("rm"),
    value("runtime"),
    list("security-opt"),
    value("shm-size"),
    boolean("sig-proxy").run_only(),
    value("stop-signal"),
    value("stop-timeout"),
    list("storage-opt"),
    list("sysctl").splits(),
    list("tmpfs"),
    boolean("tty").with_short('t'),
    list("ulimit").splits(),
    boolean("use-api-socket"),
    value("user").with_short('u'),
    value("userns"),
    value("uts"),
    list("volume").with_short('v'),
    value("volume-driver"),
    list("volumes-from"),
    value("workdir").with_short('w'),
    // podman's additions.
    value("arch").podman(),
    value("authfile").podman(),
    value("cert-dir").podman(),
    value("cgroup-conf").podman(),
    value("cgroups").podman(),
    value("chrootdirs").podman(),
    value("conmon-pidfile").podman(),
    value("creds").podman(),
    value("decryption-key").podman(),
    boolean("env-host").podman(),
    value("env-merge").podman(),
    list("gidmap").splits().podman(),
    value("group-entry").podman(),
    value("health-log-destination").podman(),
    value("health-max-log-count").podman(),
    value("health-max-log-size").podman(),
    value("health-on-failure").podman(),
    value("health-startup-cmd").podman(),
    value("health-startup-interval").podman(),
    value("health-startup-retries").podman(),
    value("health-startup-success").podman(),
    value("health-startup-timeout").podman(),
    value("hosts-file").podman(),
    value("hostuser").podman(),
    boolean("http-proxy").podman(),
    value("image-volume").podman(),
    value("init-path").podman(),
    boolean("no-hosts").podman(),
    value("os").podman(),
    boolean("passwd").podman(),
    value("passwd-entry").podman(),
    value("personality").podman(),
    value("pidfile").podman(),
    value("pod").podman(),
    value("pod-id-file").podman(),
    value("preserve-fd").podman(),
    value("preserve-fds").podman(),
    value("rdt-class").podman(),
    boolean("read-only-tmpfs").podman(),
    boolean("replace").podman(),
    list("requires").splits().podman(),
    value("retry").podman(),
    value("retry-delay").podman(),
    boolean("rootfs").podman(),
    value("sdnotify").podman(),
    value("seccomp-policy").podman(),
    list("secret").podman(),
    value("shm-size-systemd").podman(),
    value("subgidname").podman(),
    value("subuidname").podman(),
    value("systemd").podman(),
    value("timeout").podman(),
    boolean("tls-verify").podman(),
    value("tz").podman(),
    list("uidmap").splits().podman(),
    value("umask").podman(),
    list("unsetenv").podman(),
    boolean("unsetenv-all").podman(),
    value("variant").podman(),
];

/// `docker [OPTIONS] COMMAND` (docker/cli `cli/flags/options.go`). At this level
/// `-c` is `--context` and `-l` is `--log-level`.
pub static DOCKER_GLOBAL_FLAGS: &[Flag] = &[
    value("config"),
    value("context").with_short('c'),
    boolean("debug").with_short('D'),
    boolean("help"),
    list("host").with_short('H'),
    value("log-level").with_short('l'),
    boolean("tls"),
    value("tlscacert"),
    value("tlscert"),
    value("tlskey"),
    boolean("tlsverify"),
    boolean("version").with_short('v'),
];

/// `podman [OPTIONS] COMMAND`.
pub static PODMAN_GLOBAL_FLAGS: &[Flag] = &[
    value("cdi-spec-dir"),
    value("cgroup-manager"),
    value("config"),
    value("conmon"),
    value("connection").with_short('c'),
    value("db-backend"),
    boolean("debug").with_short('D'),
    value("events-backend"),
    boolean("help"),
    list("hooks-dir"),
    value("identity"),
    value("imagestore"),
    value("log-level"),
    value("module"),
    value("network-cmd-path"),
    value("network-config-dir"),
    boolean("noout"),
    value("out"),
    boolean("remote").with_short('r'),
    value("root"),
    value("runroot"),
    value("runtime"),
    list("runtime-flag"),
    value("ssh"),
    value("storage-driver"),
    list("storage-opt"),
    boolean("syslog"),
    value("tmpdir"),
    boolean("transient-store"),
    value("url"),
    boolean("version").with_short('v'),
    value("volumepath"),
];

/// `nerdctl [OPTIONS] COMMAND`.
pub static NERDCTL_GLOBAL_FLAGS: &[Flag] = &[
    value("address").with_short('a'),
    value("bridge-ip"),
    value("cgroup-manager"),
    value("cni-netconfpath"),
    value("cni-path"),
    value("data-root"),
    boolean("debug"),
    boolean("debug-full"),
    boolean("experimental"),
    boolean("help"),
    value("host").with_short('H'),
    value("host-gateway-ip"),
    list("hosts-dir"),
    boolean("insecure-registry"),
    boolean("kube-hide-dupe"),
    value("namespace").with_short('n'),
    value("snapshotter"),
    value("storage-driver"),
    boolean("version").with_short('v'),
];
