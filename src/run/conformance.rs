//! Every flag of every engine's table, read back through the front-end with a
//! synthetic command: each name, alias and letter is accepted where the engine
//! declares it, takes a value or not as its kind says, splits `a,b` into two items
//! exactly when the engine does, and leaves the image found after it.

use super::argv::{self, FlagValue};
use super::flags::{Flag, FlagSet, Subcommand, Tool};
use super::shell;
use crate::knowledge::flags::Commands;
use crate::model::{InputCode, MountSyntax};

const TOOLS: [Tool; 3] = [Tool::Docker, Tool::Podman, Tool::Nerdctl];

/// Every way to write a flag: `--name`, `--alias`, `-x`.
fn spellings(flag: &Flag) -> Vec<String> {
    std::iter::once(format!("--{}", flag.name))
        .chain(flag.aliases.iter().map(|alias| format!("--{alias}")))
        .chain(flag.shorts.chars().map(|letter| format!("-{letter}")))
        .collect()
}

/// The flag as written followed by a value (`a,b`) unless it is a boolean.
fn with_value(flag: &Flag, spelling: &str) -> String {
    if flag.is_bool() {
        spelling.to_string()
    } else {
        format!("{spelling} a,b")
    }
}

/// The image the front-end found in `text` (or, after `--rootfs`, the root
/// filesystem's host directory, as `rootfs DIR`), and the problems that would mean
/// it misread the flags.
fn image_and_misreadings(text: &str) -> (Option<String>, Vec<String>) {
    let front_end = super::parse(text, &crate::model::Limits::default());
    let container = front_end.containers.first();
    let rootfs = container
        .and_then(|container| {
            let mount = container
                .mounts
                .iter()
                .find(|mount| mount.syntax == MountSyntax::Rootfs)?;
            mount.source.as_ref()?.value.clone()
        })
        .map(|directory| format!("rootfs {directory}"));
    let image = container
        .and_then(|container| container.image.as_ref())
        .and_then(|image| image.value.clone())
        .or(rootfs);
    let misreadings = front_end
        .problems
        .iter()
        .filter(|problem| {
            matches!(
                problem.code,
                InputCode::UnknownFlag | InputCode::MissingImage | InputCode::MissingFlagValue
            )
        })
        .map(|problem| format!("{:?}: {}", problem.code, problem.message))
        .collect();
    (image, misreadings)
}

fn subcommands(commands: Commands) -> &'static [Subcommand] {
    match commands {
        Commands::Run => &[Subcommand::Run],
        Commands::Create => &[Subcommand::Create],
        Commands::RunAndCreate => &[Subcommand::Run, Subcommand::Create],
        Commands::Root => &[],
    }
}

#[test]
fn every_container_flag_reads_as_its_engine_reads_it() {
    for tool in TOOLS {
        let table = tool.table();
        for flag in table.container {
            for &subcommand in subcommands(flag.commands) {
                let set = FlagSet::Container(tool, subcommand);
                for spelling in spellings(flag) {
                    let command = format!(
                        "{} {} {} img",
                        tool.name(),
                        subcommand.name(),
                        with_value(flag, &spelling)
                    );
                    let words = &shell::commands(&command)[0].words[2..];
                    let read = argv::parse(words, set);
                    assert_eq!(read.uses.len(), 1, "{command}");
                    let flag_use = &read.uses[0];
                    assert_eq!(flag_use.flag.name, flag.name, "{command}");
                    match &flag_use.value {
                        FlagValue::Switch(switch) => {
                            assert!(flag.is_bool() && switch.is_true(), "{command}")
                        }
                        FlagValue::Text(_) => {
                            let expected = if flag.kind.splits_on_commas() { 2 } else { 1 };
                            assert_eq!(flag_use.items().len(), expected, "{command}");
                        }
                    }
                    let (image, misreadings) = image_and_misreadings(&command);
                    let positional = if flag.name == "rootfs" {
                        "rootfs img"
                    } else {
                        "img"
                    };
                    assert_eq!(image.as_deref(), Some(positional), "{command}");
                    assert!(misreadings.is_empty(), "{command}: {misreadings:?}");
                }
                if flag.is_bool() {
                    let command = format!(
                        "{} {} --{}=false img",
                        tool.name(),
                        subcommand.name(),
                        flag.name
                    );
                    let words = &shell::commands(&command)[0].words[2..];
                    let read = argv::parse(words, set);
                    assert!(
                        matches!(&read.uses[0].value, FlagValue::Switch(s) if s.value == Some(false)),
                        "{command}"
                    );
                }
            }
            // A flag `run` alone declares is unknown to `create`, and the reverse.
            for subcommand in [Subcommand::Run, Subcommand::Create] {
                if !subcommands(flag.commands).contains(&subcommand) {
                    let set = FlagSet::Container(tool, subcommand);
                    assert!(
                        set.long(flag.name)
                            .is_none_or(|found| !std::ptr::eq(found, flag)),
                        "{} {} --{}",
                        tool.name(),
                        subcommand.name(),
                        flag.name
                    );
                }
            }
        }
        println!(
            "{}: {} container flags ({} splitting on commas), {} root flags ({} persistent), read from {}@{}",
            table.engine,
            table.container.len(),
            table
                .container
                .iter()
                .filter(|flag| flag.kind.splits_on_commas())
                .count(),
            table.root.len(),
            table.root.iter().filter(|flag| flag.persistent).count(),
            table.repository,
            &table.commit[..12]
        );
    }
}

#[test]
fn root_flags_before_the_subcommand_and_persistent_ones_after_it() {
    for tool in TOOLS {
        for flag in tool.table().root {
            for spelling in spellings(flag) {
                let value = if flag.is_bool() { "" } else { " v" };
                let before = format!("{} {spelling}{value} run img", tool.name());
                let (image, misreadings) = image_and_misreadings(&before);
                assert_eq!(image.as_deref(), Some("img"), "{before}");
                assert!(misreadings.is_empty(), "{before}: {misreadings:?}");

                let after = format!("{} run {spelling}{value} img", tool.name());
                let shadowed = FlagSet::Container(tool, Subcommand::Run)
                    .flags()
                    .any(|own| {
                        own.commands != Commands::Root && spellings(own).contains(&spelling)
                    });
                let (image, misreadings) = image_and_misreadings(&after);
                if flag.persistent && !shadowed {
                    assert_eq!(image.as_deref(), Some("img"), "{after}");
                    assert!(misreadings.is_empty(), "{after}: {misreadings:?}");
                } else if !shadowed {
                    assert!(
                        misreadings.iter().any(|m| m.starts_with("UnknownFlag")),
                        "{after} should be an unknown flag: the root's `{spelling}` is local"
                    );
                }
            }
        }
    }
}
