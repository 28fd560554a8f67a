//! The flags of each engine's `run` / `create` and of its root command, read from
//! the engine's own source (one generated file per engine; `scripts/flag-tables.py`
//! regenerates them and records the repository and commit read).

mod docker;
mod nerdctl;
mod podman;

pub use docker::DOCKER;
pub use nerdctl::NERDCTL;
pub use podman::PODMAN;

/// One engine's table.
#[derive(Debug)]
pub struct EngineFlags {
    pub engine: &'static str,
    /// The upstream repository (`owner/name`) and the commit the table was read at.
    pub repository: &'static str,
    pub commit: &'static str,
    /// The files of that commit the flags were read from.
    pub files: &'static [&'static str],
    /// The flags of `run` and `create`.
    pub container: &'static [FlagSpec],
    /// The flags of the root command (`docker [OPTIONS] COMMAND`).
    pub root: &'static [FlagSpec],
}

impl EngineFlags {
    pub fn all() -> [&'static EngineFlags; 3] {
        [&DOCKER, &PODMAN, &NERDCTL]
    }
}

/// How pflag reads a flag's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `--flag` alone means true; a value only with `=` (`--flag=false`).
    Bool,
    /// One value; the last occurrence wins.
    String,
    /// A `StringSlice`: every occurrence adds items, and each value is split on
    /// commas (as CSV, so `"a,b"` in double quotes stays one item).
    StringSlice,
    /// A `StringArray` (or docker's list options): every occurrence adds exactly
    /// one item, never split.
    StringArray,
    Int,
    Uint,
    Float,
    /// Go's `time.Duration` (`30s`, `1m30s`).
    Duration,
    /// A `UintSlice`: split on commas like a `StringSlice`.
    UintSlice,
}

impl ValueKind {
    pub fn is_bool(self) -> bool {
        self == ValueKind::Bool
    }

    /// Whether every occurrence adds to a list rather than replacing the value.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            ValueKind::StringSlice | ValueKind::StringArray | ValueKind::UintSlice
        )
    }

    /// Whether one value holds several items separated by commas.
    pub fn splits_on_commas(self) -> bool {
        matches!(self, ValueKind::StringSlice | ValueKind::UintSlice)
    }
}

/// Which commands declare a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commands {
    Run,
    Create,
    RunAndCreate,
    /// The root command (`docker`, `podman`, `nerdctl`).
    Root,
}

/// One flag as the engine declares it.
#[derive(Debug, PartialEq, Eq)]
pub struct FlagSpec {
    /// The long name, without dashes.
    pub name: &'static str,
    /// Its one-letter forms (`-v`), usually none or one.
    pub shorts: &'static str,
    /// Other long names of the same flag (`net` for `network`), all hidden.
    pub aliases: &'static [&'static str],
    pub kind: ValueKind,
    pub commands: Commands,
    /// Left out of `--help`, still accepted.
    pub hidden: bool,
    /// Accepted with a deprecation warning.
    pub deprecated: bool,
    /// A root flag that cobra also accepts after a subcommand (`podman run
    /// --log-level debug`); root flags without it are local to the root.
    pub persistent: bool,
}

/// A flag of `kind` that `commands` declare; the generated tables chain the
/// other properties.
const fn flag(name: &'static str, kind: ValueKind, commands: Commands) -> FlagSpec {
    FlagSpec {
        name,
        shorts: "",
        aliases: &[],
        kind,
        commands,
        hidden: false,
        deprecated: false,
        persistent: false,
    }
}

impl FlagSpec {
    const fn shorts(mut self, shorts: &'static str) -> FlagSpec {
        self.shorts = shorts;
        self
    }

    const fn aliases(mut self, aliases: &'static [&'static str]) -> FlagSpec {
        self.aliases = aliases;
        self
    }

    const fn hidden(mut self) -> FlagSpec {
        self.hidden = true;
        self
    }

    const fn deprecated(mut self) -> FlagSpec {
        self.deprecated = true;
        self
    }

    const fn persistent(mut self) -> FlagSpec {
        self.persistent = true;
        self
    }

    /// Whether `name` is this flag's long name or one of its aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }

    pub fn is_bool(&self) -> bool {
        self.kind.is_bool()
    }

    pub fn has_short(&self, letter: char) -> bool {
        self.shorts.contains(letter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_records_its_source() {
        for table in EngineFlags::all() {
            assert_eq!(table.commit.len(), 40, "{}", table.engine);
            assert!(table.repository.contains('/'));
            assert!(!table.container.is_empty() && !table.root.is_empty());
        }
    }

    #[test]
    fn names_are_unique_within_a_table() {
        for table in EngineFlags::all() {
            for flags in [table.container, table.root] {
                let mut names: Vec<&str> = flags
                    .iter()
                    .flat_map(|flag| std::iter::once(flag.name).chain(flag.aliases.iter().copied()))
                    .collect();
                names.sort();
                let count = names.len();
                names.dedup();
                assert_eq!(names.len(), count, "{}", table.engine);
            }
        }
    }
}
