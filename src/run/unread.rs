//! Engine commands that give a process or a container more power without creating a
//! container from `run` flags: `docker exec --privileged`, `docker compose run
//! --cap-add`, `docker service create --mount`. They are not on the container model
//! (an exec has no container of its own, a `compose run` changes a service of a file
//! that is not read, a service has a flag table of its own), so each such command
//! gets a note at the first flag that grants more, naming them all.

use super::shell::Word;
use crate::model::{InputCode, InputProblem};
use crate::span::Span;

/// A flag that grants more than the engine's defaults: its long name, its letter,
/// whether it takes a value, and which values grant (`None`: every value).
struct PowerFlag {
    long: &'static str,
    short: Option<char>,
    takes_value: bool,
    grants: Option<fn(&str) -> bool>,
}

const fn flag(long: &'static str, short: Option<char>, takes_value: bool) -> PowerFlag {
    PowerFlag {
        long,
        short,
        takes_value,
        grants: None,
    }
}

const fn only(long: &'static str, short: Option<char>, grants: fn(&str) -> bool) -> PowerFlag {
    PowerFlag {
        long,
        short,
        takes_value: true,
        grants: Some(grants),
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    matches!(name, "0" | "root")
}

fn is_host(mode: &str) -> bool {
    mode == "host"
}

const POWER_FLAGS: [PowerFlag; 11] = [
    flag("privileged", None, false),
    only("user", Some('u'), is_root),
    flag("cap-add", None, true),
    flag("device", None, true),
    flag("volume", Some('v'), true),
    flag("mount", None, true),
    flag("security-opt", None, true),
    only("network", None, is_host),
    only("pid", None, is_host),
    only("ipc", None, is_host),
    flag("publish", Some('p'), true),
];

/// The flags of `args` that grant more, as written (`--user 0`), with the span of
/// the first.
fn power_flags(args: &[Word]) -> (Vec<String>, Option<Span>) {
    let mut found = Vec::new();
    let mut first = None;
    let mut words = args.iter().peekable();
    while let Some(word) = words.next() {
        let text = word.as_str();
        let (spec, inline) = if let Some(long) = text.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            };
            (POWER_FLAGS.iter().find(|f| f.long == name), value)
        } else if let Some(letters) = text.strip_prefix('-') {
            let mut letters = letters.chars();
            let letter = letters.next();
            let spec = POWER_FLAGS
                .iter()
                .find(|f| f.short.is_some() && f.short == letter);
            let rest = letters.as_str();
            (spec, (!rest.is_empty()).then_some(rest))
        } else {
            continue;
        };
        let Some(spec) = spec else { continue };
        let value = match (spec.takes_value, inline) {
            (false, _) => None,
            (true, Some(value)) => Some(value.to_string()),
            (true, None) => words.next().map(|next| next.as_str().to_string()),
        };
        let grants = match (spec.grants, &value) {
            (Some(grants), Some(value)) => grants(value),
            (Some(_), None) => false,
            (None, _) => true,
        };
        if grants {
            found.push(match value {
                Some(value) => format!("`--{} {value}`", spec.long),
                None => format!("`--{}`", spec.long),
            });
            first.get_or_insert(word.span);
        }
    }
    (found, first)
}

/// The note about `description` (`docker exec`), when its flags grant more.
pub fn note(description: &str, args: &[Word]) -> Option<InputProblem> {
    let (flags, Some(span)) = power_flags(args) else {
        return None;
    };
    let flags = flags.join(", ");
    let message = match description.rsplit(' ').next() {
        Some("exec") => format!(
            "`{description}` runs a command in a container that already exists, with {flags}, which the container's own settings do not grant: shipshape checks the commands that create containers, not this one"
        ),
        Some("run") if description.contains("compose") => format!(
            "`{description}` starts a one-off container of a Compose service with {flags} added to the service's settings: shipshape checks the service in its Compose file, not these flags"
        ),
        Some("create" | "update") if description.contains("service") => format!(
            "`{description}` gives the service's containers {flags}: a swarm service's flags are a table of their own, which shipshape does not read"
        ),
        _ => format!("`{description}` is not a command shipshape reads, and it is written with {flags}"),
    };
    Some(
        InputProblem::new(InputCode::NoContainerCommand, span, message)
            .help("review what these flags grant by hand, as you would the same settings on a `docker run`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::shell;

    fn flags(text: &str) -> Vec<String> {
        let command = &shell::commands(text)[0];
        power_flags(&command.words[2..]).0
    }

    #[test]
    fn only_the_values_that_grant_count() {
        assert_eq!(
            flags("docker exec --privileged -u 0 web sh"),
            ["`--privileged`", "`--user 0`"]
        );
        assert_eq!(flags("docker exec -u0:0 web sh"), ["`--user 0:0`"]);
        assert_eq!(flags("docker exec --user=root web sh"), ["`--user root`"]);
        assert!(flags("docker exec -it -u app -e A=1 -w /srv web sh").is_empty());
        assert_eq!(
            flags("docker service create --cap-add SYS_ADMIN --network overlay --mount type=bind,src=/,dst=/h img"),
            ["`--cap-add SYS_ADMIN`", "`--mount type=bind,src=/,dst=/h`"]
        );
    }
}
