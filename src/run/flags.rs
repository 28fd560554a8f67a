//! Which flags a command line accepts: the engines' tables (`knowledge::flags`, read
//! from docker/cli, containers/podman and containerd/nerdctl) seen from a position
//! in the command line. After `run` / `create` the command's own flags apply and,
//! as cobra merges them, the root command's persistent flags; between the tool and
//! its subcommand every root flag applies.

use crate::knowledge::flags::{Commands, EngineFlags, FlagSpec, DOCKER, NERDCTL, PODMAN};
use crate::suggest::edit_distance;

/// A flag of an engine's table.
pub type Flag = FlagSpec;

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

    /// The engine's flag table.
    pub fn table(self) -> &'static EngineFlags {
        match self {
            Tool::Docker => &DOCKER,
            Tool::Podman => &PODMAN,
            Tool::Nerdctl => &NERDCTL,
        }
    }
}

/// `run` or `create`: they share most flags; `run` adds a few (`--detach`, ...).
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

    fn declares(self, flag: &Flag) -> bool {
        matches!(
            (self, flag.commands),
            (_, Commands::RunAndCreate)
                | (Subcommand::Run, Commands::Run)
                | (Subcommand::Create, Commands::Create)
        )
    }
}

/// Which table a lookup reads: the container flags after `run`/`create`, or the
/// global options between the tool and its subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagSet {
    Global(Tool),
    Container(Tool, Subcommand),
}

impl FlagSet {
    /// The accepted flags, the command's own before the inherited ones (a local
    /// flag shadows a persistent one of the same name or letter).
    pub fn flags(self) -> impl Iterator<Item = &'static Flag> {
        let (own, inherited): (&'static [Flag], &'static [Flag]) = match self {
            FlagSet::Global(tool) => (tool.table().root, &[]),
            FlagSet::Container(tool, _) => (tool.table().container, tool.table().root),
        };
        let own = own.iter().filter(move |flag| match self {
            FlagSet::Container(_, subcommand) => subcommand.declares(flag),
            FlagSet::Global(_) => true,
        });
        let inherited = inherited
            .iter()
            .filter(move |flag| flag.persistent && self.own(flag.name).is_none());
        own.chain(inherited)
    }

    /// The command's own flag named `name`, without inherited ones.
    fn own(self, name: &str) -> Option<&'static Flag> {
        match self {
            FlagSet::Global(tool) => tool.table().root.iter().find(|flag| flag.name == name),
            FlagSet::Container(tool, subcommand) => tool
                .table()
                .container
                .iter()
                .find(|flag| subcommand.declares(flag) && flag.name == name),
        }
    }

    /// The flag `--name` names (hidden aliases resolved).
    pub fn long(self, name: &str) -> Option<&'static Flag> {
        self.flags().find(|flag| flag.is_named(name))
    }

    /// The flag `-c` names.
    pub fn short(self, letter: char) -> Option<&'static Flag> {
        self.flags().find(|flag| flag.has_short(letter))
    }

    /// The flag `--name` names in another engine's table for the same command, and
    /// that engine: podman's `--pod` seen from `docker run`.
    pub fn elsewhere(self, name: &str) -> Option<(Tool, &'static Flag)> {
        let FlagSet::Container(tool, subcommand) = self else {
            return None;
        };
        [Tool::Docker, Tool::Podman, Tool::Nerdctl]
            .into_iter()
            .filter(|&other| other != tool)
            .find_map(|other| {
                let flag = FlagSet::Container(other, subcommand).long(name)?;
                (flag.commands != Commands::Root).then_some((other, flag))
            })
    }

    /// The known long name closest to a misspelt one (`priviledged` → `privileged`):
    /// one edit per three letters, two at most. Hidden flags are not suggested.
    pub fn closest(self, name: &str) -> Option<&'static str> {
        let allowed = (name.len() / 3).min(2);
        self.flags()
            .filter(|flag| !flag.hidden)
            .map(|flag| (edit_distance(name, flag.name), flag.name))
            .filter(|&(distance, _)| distance <= allowed)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, long)| long)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::flags::ValueKind;

    const DOCKER_RUN: FlagSet = FlagSet::Container(Tool::Docker, Subcommand::Run);

    #[test]
    fn every_boolean_of_docker_run() {
        let booleans: Vec<&str> = DOCKER_RUN
            .flags()
            .filter(|flag| flag.is_bool())
            .map(|flag| flag.name)
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
        let mut letters: Vec<char> = DOCKER_RUN
            .flags()
            .flat_map(|flag| flag.shorts.chars())
            .collect();
        letters.sort();
        assert_eq!(letters.iter().collect::<String>(), "Pacdehilmpqtuvw");
    }

    #[test]
    fn hidden_aliases_resolve() {
        assert_eq!(DOCKER_RUN.long("net").unwrap().name, "network");
        assert_eq!(DOCKER_RUN.long("net-alias").unwrap().name, "network-alias");
        assert_eq!(DOCKER_RUN.long("dns-opt").unwrap().name, "dns-option");
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
        assert_eq!(podman.long("pod").unwrap().kind, ValueKind::String);
    }

    #[test]
    fn global_letters_collide_with_container_letters() {
        let global = FlagSet::Global(Tool::Docker);
        assert_eq!(global.short('c').unwrap().name, "context");
        assert_eq!(global.short('l').unwrap().name, "log-level");
        assert_eq!(DOCKER_RUN.short('c').unwrap().name, "cpu-shares");
        assert_eq!(DOCKER_RUN.short('l').unwrap().name, "label");
    }

    #[test]
    fn persistent_root_flags_are_accepted_after_run() {
        let podman = FlagSet::Container(Tool::Podman, Subcommand::Run);
        assert_eq!(podman.long("log-level").unwrap().name, "log-level");
        assert_eq!(podman.long("runtime").unwrap().commands, Commands::Root);
        // Local to podman's root: `podman --remote run` but not `podman run --remote`.
        assert_eq!(podman.long("remote"), None);
        let nerdctl = FlagSet::Container(Tool::Nerdctl, Subcommand::Run);
        assert_eq!(nerdctl.long("namespace").unwrap().name, "namespace");
        assert_eq!(nerdctl.long("host").unwrap().name, "address");
        assert_eq!(nerdctl.short('n'), None);
        // docker's root options are all local to the root command.
        assert_eq!(DOCKER_RUN.long("log-level"), None);
        assert_eq!(DOCKER_RUN.short('D'), None);
        // A local flag shadows the root's: `-h` after `run` is the hostname.
        assert_eq!(DOCKER_RUN.short('h').unwrap().name, "hostname");
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
