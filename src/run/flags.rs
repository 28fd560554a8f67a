//! The flags of `docker run` / `docker create`, podman's additions, and the global
//! options each engine accepts before its subcommand.
//!
//! From docker/cli `cli/command/container/opts.go`, `run.go`, `create.go`,
//! `cli/flags/options.go` and podman `cmd/podman/common/create.go` (syntax.md §1.3,
//! §1.6). Only the shape matters here: whether a flag takes a value (which decides
//! where the image is), whether it repeats, and whether podman splits it on commas.

/// A container engine CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Docker,
    Podman,
    Nerdctl,
}

impl Tool {
    /// The tool a command word names (`docker`, `/usr/bin/podman`, `docker.exe`).
    pub fn from_word(word: &str) -> Option<Tool> {
        let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
        let name = name.strip_suffix(".exe").unwrap_or(name);
        match name {
            "docker" => Some(Tool::Docker),
            "podman" => Some(Tool::Podman),
            "nerdctl" => Some(Tool::Nerdctl),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Tool::Docker => "docker",
            Tool::Podman => "podman",
            Tool::Nerdctl => "nerdctl",
        }
    }

    fn global_flags(self) -> &'static [Flag] {
        match self {
            Tool::Docker => DOCKER_GLOBAL_FLAGS,
            Tool::Podman => PODMAN_GLOBAL_FLAGS,
            Tool::Nerdctl => NERDCTL_GLOBAL_FLAGS,
        }
    }
}

/// `run` or `create`: they share every container flag; `run` adds three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subcommand {
    Run,
    Create,
}

impl Subcommand {
    pub fn from_word(word: &str) -> Option<Subcommand> {
        match word {
            "run" => Some(Subcommand::Run),
            "create" => Some(Subcommand::Create),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Subcommand::Run => "run",
            Subcommand::Create => "create",
        }
    }
}

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
enum Availability {
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
    availability: Availability,
}

impl Flag {
    pub fn is_bool(&self) -> bool {
        self.kind == Kind::Bool
    }

    fn accepted_by(&self, tool: Tool, subcommand: Option<Subcommand>) -> bool {
        match self.availability {
            Availability::Everywhere => true,
            Availability::RunOnly => subcommand != Some(Subcommand::Create),
            Availability::Podman => tool == Tool::Podman,
        }
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
const ALIASES: [(&str, &str); 3] = [
    ("net", "network"),
    ("net-alias", "network-alias"),
    ("dns-opt", "dns-option"),
];

/// Every flag of `docker run` / `docker create` (docker/cli `opts.go` `addFlags`,
/// `run.go`, `create.go`), then podman's additions (`create.go`).
static CONTAINER_FLAGS: &[Flag] = &[
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
static DOCKER_GLOBAL_FLAGS: &[Flag] = &[
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
static PODMAN_GLOBAL_FLAGS: &[Flag] = &[
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
static NERDCTL_GLOBAL_FLAGS: &[Flag] = &[
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

/// Which table a lookup reads: the container flags after `run`/`create`, or the
/// global options between the tool and its subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagSet {
    Global(Tool),
    Container(Tool, Subcommand),
}

impl FlagSet {
    fn flags(self) -> impl Iterator<Item = &'static Flag> {
        let (table, tool, subcommand) = match self {
            FlagSet::Global(tool) => (tool.global_flags(), tool, None),
            FlagSet::Container(tool, subcommand) => (CONTAINER_FLAGS, tool, Some(subcommand)),
        };
        table
            .iter()
            .filter(move |flag| flag.accepted_by(tool, subcommand))
    }

    /// The flag `--name` names (hidden aliases resolved).
    pub fn long(self, name: &str) -> Option<&'static Flag> {
        let name = match self {
            FlagSet::Container(..) => ALIASES
                .iter()
                .find(|(alias, _)| *alias == name)
                .map_or(name, |(_, canonical)| canonical),
            FlagSet::Global(_) => name,
        };
        self.flags().find(|flag| flag.long == name)
    }

    /// The flag `-c` names.
    pub fn short(self, letter: char) -> Option<&'static Flag> {
        self.flags().find(|flag| flag.short == Some(letter))
    }

    /// The known long name closest to a misspelt one (`priviledged` → `privileged`):
    /// one edit per three letters, two at most.
    pub fn closest(self, name: &str) -> Option<&'static str> {
        let allowed = (name.len() / 3).min(2);
        self.flags()
            .map(|flag| (edit_distance(name, flag.long), flag.long))
            .filter(|&(distance, _)| distance <= allowed)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, long)| long)
    }
}

/// Levenshtein distance between two short ASCII-ish strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCKER_RUN: FlagSet = FlagSet::Container(Tool::Docker, Subcommand::Run);

    #[test]
    fn every_boolean_of_docker_run() {
        let booleans: Vec<&str> = DOCKER_RUN
            .flags()
            .filter(|flag| flag.is_bool())
            .map(|flag| flag.long)
            .collect();
        assert_eq!(
            booleans,
            [
                "detach",
                "disable-content-trust",
                "help",
                "init",
                "interactive",
                "no-healthcheck",
                "oom-kill-disable",
                "privileged",
                "publish-all",
                "quiet",
                "read-only",
                "rm",
                "sig-proxy",
                "tty",
                "use-api-socket",
            ]
        );
    }

    #[test]
    fn short_letters_of_docker_run() {
        let mut letters: Vec<char> = DOCKER_RUN.flags().filter_map(|flag| flag.short).collect();
        letters.sort();
        assert_eq!(letters.iter().collect::<String>(), "Pacdehilmpqtuvw");
    }

    #[test]
    fn hidden_aliases_resolve() {
        assert_eq!(DOCKER_RUN.long("net").unwrap().long, "network");
        assert_eq!(DOCKER_RUN.long("net-alias").unwrap().long, "network-alias");
        assert_eq!(DOCKER_RUN.long("dns-opt").unwrap().long, "dns-option");
        assert_eq!(FlagSet::Global(Tool::Docker).long("net"), None);
    }

    #[test]
    fn run_only_and_podman_only_flags() {
        let create = FlagSet::Container(Tool::Docker, Subcommand::Create);
        assert!(DOCKER_RUN.short('d').is_some());
        assert_eq!(create.short('d'), None);
        assert_eq!(create.long("sig-proxy"), None);
        assert_eq!(DOCKER_RUN.long("env-host"), None);
        let podman = FlagSet::Container(Tool::Podman, Subcommand::Run);
        assert!(podman.long("env-host").unwrap().is_bool());
        assert_eq!(podman.long("pod").unwrap().kind, Kind::Value);
    }

    #[test]
    fn global_letters_collide_with_container_letters() {
        let global = FlagSet::Global(Tool::Docker);
        assert_eq!(global.short('c').unwrap().long, "context");
        assert_eq!(global.short('l').unwrap().long, "log-level");
        assert_eq!(DOCKER_RUN.short('c').unwrap().long, "cpu-shares");
        assert_eq!(DOCKER_RUN.short('l').unwrap().long, "label");
    }

    #[test]
    fn misspelt_flags_have_a_suggestion() {
        assert_eq!(DOCKER_RUN.closest("priviledged"), Some("privileged"));
        assert_eq!(DOCKER_RUN.closest("cap-ad"), Some("cap-add"));
        assert_eq!(DOCKER_RUN.closest("read-onyl"), Some("read-only"));
        assert_eq!(DOCKER_RUN.closest("frobnicate"), None);
        assert_eq!(DOCKER_RUN.closest("z"), None);
        assert_eq!(DOCKER_RUN.closest("cap"), None);
    }

    #[test]
    fn tool_words() {
        assert_eq!(Tool::from_word("docker"), Some(Tool::Docker));
        assert_eq!(Tool::from_word("/usr/bin/podman"), Some(Tool::Podman));
        assert_eq!(Tool::from_word("docker.exe"), Some(Tool::Docker));
        assert_eq!(Tool::from_word("docker-compose"), None);
    }
}
