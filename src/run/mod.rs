//! Run-command front-end: `docker run` / `podman run` command lines → containers.

use crate::analyze::FrontEnd;

/// Whether any line starts a container engine command.
pub fn looks_like_commands(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches(['$', '#', ' ', '\t']);
        ["docker ", "podman ", "nerdctl ", "sudo "]
            .iter()
            .any(|p| line.starts_with(p))
    })
}

pub fn parse(_text: &str) -> FrontEnd {
    FrontEnd::default()
}
