//! Looking up the flags of a command line: which engine, which subcommand, which
//! table (`src/knowledge/flags.rs` holds the tables themselves).

use crate::knowledge::flags::Flag;
use crate::knowledge::flags::{
    Availability, ALIASES, CONTAINER_FLAGS, DOCKER_GLOBAL_FLAGS, NERDCTL_GLOBAL_FLAGS,
    PODMAN_GLOBAL_FLAGS,
};

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
            .filter(move |flag| accepted_by(flag, tool, subcommand))
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

/// Whether the tool's subcommand (`None` for the global options) accepts the flag.
fn accepted_by(flag: &Flag, tool: Tool, subcommand: Option<Subcommand>) -> bool {
    match flag.availability {
        Availability::Everywhere => true,
        Availability::RunOnly => subcommand != Some(Subcommand::Create),
        Availability::Podman => tool == Tool::Podman,
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
    use crate::knowledge::flags::Kind;

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
