//! How the CLI reads the words after the shell has split them (spf13/pflag with
//! interspersed arguments off): which words are flags, which are their values, and
//! where the positional words start. Everything after the first positional word
//! (the image) belongs to the container and is never read as a flag.

use super::flags::{Flag, FlagSet};
use super::shell::Word;
use crate::model::Setting;
use crate::model::{InputCode, InputProblem};
use crate::span::Span;
use crate::values::{go_bool, SpannedText};

/// What a flag occurrence carries.
#[derive(Clone, Debug)]
pub enum FlagValue {
    /// A boolean flag: `--rm` (true), `--rm=false`, unknown for `--rm=$X`.
    Switch(Setting<bool>),
    Text(SpannedText),
}

/// One occurrence of a known flag.
#[derive(Clone, Debug)]
pub struct FlagUse {
    pub flag: &'static Flag,
    /// The flag as written (`--net`, `-p`), for messages.
    pub written: String,
    pub value: FlagValue,
    /// The flag and its value.
    pub span: Span,
}

impl FlagUse {
    /// The items of a text value: the engine's `StringSlice` flags split on commas
    /// (`podman run --cap-add A,B` adds two), its `StringArray` flags never do.
    /// Empty items (`A,,B`) add nothing.
    pub fn items(&self) -> Vec<SpannedText> {
        let FlagValue::Text(text) = &self.value else {
            return Vec::new();
        };
        if !self.flag.kind.splits_on_commas() {
            return vec![text.clone()];
        }
        text.split(',')
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(|part| text.slice(part))
            .collect()
    }
}

/// The flags of a command line and where its positional words start.
pub struct Flags {
    pub uses: Vec<FlagUse>,
    /// Index of the first positional word (subcommand or image), if there is one.
    pub positional: Option<usize>,
    pub problems: Vec<InputProblem>,
}

/// Reads `words` as flags of `set` up to the first positional word.
pub fn parse(words: &[Word], set: FlagSet) -> Flags {
    let mut parser = Parser {
        words,
        set,
        next: 0,
        uses: Vec::new(),
        problems: Vec::new(),
    };
    parser.run();
    Flags {
        positional: (parser.next < words.len()).then_some(parser.next),
        uses: parser.uses,
        problems: parser.problems,
    }
}

/// A word the CLI reads as a flag: a resolved `-` followed by something.
fn is_flag(word: &Word) -> bool {
    word.as_str().len() > 1 && word.as_str().starts_with('-') && word.text.is_resolved(0..1)
}

/// Whether a bare command substitution evidently prints flags (a loop that echoes
/// `--device ...`), rather than standing for the image.
fn generates_flags(word: &Word) -> bool {
    let text = word.as_str();
    (text.starts_with("$(") || text.starts_with('`'))
        && text
            .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .any(|part| part.len() > 2 && part.starts_with("--"))
}

struct Parser<'w> {
    words: &'w [Word],
    set: FlagSet,
    /// Index of the next word to read.
    next: usize,
    uses: Vec<FlagUse>,
    problems: Vec<InputProblem>,
}

impl<'w> Parser<'w> {
    fn run(&mut self) {
        while let Some(word) = self.words.get(self.next) {
            if word.bare_expansion && generates_flags(word) {
                self.next += 1;
                continue;
            }
            if !is_flag(word) {
                return;
            }
            self.next += 1;
            if word.as_str() == "--" {
                return;
            }
            if word.as_str().starts_with("--") {
                self.long(word);
            } else {
                self.shorts(word);
            }
        }
    }

    fn problem(&mut self, code: InputCode, span: Span, message: String) {
        self.problems.push(InputProblem::new(code, span, message));
    }

    /// `--name`, `--name=value`, `--name value`.
    fn long(&mut self, word: &'w Word) {
        let text = word.as_str();
        let name_end = text.find('=').unwrap_or(text.len());
        let written = &text[..name_end];
        let name_span = word.text.span_of(0..name_end);
        let inline = (name_end < text.len()).then(|| word.text.slice(name_end + 1..text.len()));
        match self.set.long(&text[2..name_end]) {
            Some(flag) => self.apply(flag, written, name_span, inline),
            // `--$FLAG`: whatever it expands to is unknown, not wrong.
            None if !word.text.is_resolved(0..name_end) => {}
            None => self.unknown(written, name_span, inline.is_some()),
        }
    }

    /// `-d`, `-itd`, `-p80:80`, `-v=/a:/b`, `-dp 80:80`, and old single-dash long
    /// names (`-privileged`).
    fn shorts(&mut self, word: &'w Word) {
        let text = word.as_str();
        let name_end = text.find('=').unwrap_or(text.len());
        if self.is_single_dash_long(&text[1..name_end]) {
            self.single_dash_long(word, name_end);
            return;
        }
        let mut at = 1;
        while let Some(letter) = text[at..].chars().next() {
            let after = at + letter.len_utf8();
            if !word.text.is_resolved(at..after) {
                return;
            }
            let letter_span = word.text.span_of(at..after);
            let written = format!("-{letter}");
            let Some(flag) = self.set.short(letter) else {
                if text.len() == after && at == 1 {
                    self.unknown(&written, letter_span, false);
                } else {
                    let message = format!("unknown flag `{written}` in `{text}`");
                    self.problem(InputCode::UnknownFlag, letter_span, message);
                }
                return;
            };
            let rest = &text[after..];
            if let Some(value) = rest.strip_prefix('=') {
                let value_start = text.len() - value.len();
                let inline = word.text.slice(value_start..text.len());
                self.apply(flag, &written, letter_span, Some(inline));
                return;
            }
            if flag.is_bool() {
                self.apply(flag, &written, letter_span, None);
                at = after;
                continue;
            }
            let inline = (!rest.is_empty()).then(|| word.text.slice(after..text.len()));
            self.apply(flag, &written, letter_span, inline);
            return;
        }
    }

    /// Whether `-name` spells a long flag the mflag way rather than a cluster of
    /// letters: long names of four letters or more, or shorter ones that are no
    /// valid cluster (`-rm`, but not `-ip`, which is `-i -p`).
    fn is_single_dash_long(&self, name: &str) -> bool {
        if name.len() < 2 || self.set.long(name).is_none() {
            return false;
        }
        if name.len() >= 4 {
            return true;
        }
        for letter in name.chars() {
            match self.set.short(letter) {
                None => return true,
                Some(flag) if !flag.is_bool() => return false,
                Some(_) => {}
            }
        }
        false
    }

    /// Reported, never applied: what the author meant is clear, but no current CLI
    /// reads it that way.
    fn single_dash_long(&mut self, word: &'w Word, name_end: usize) {
        let written = &word.as_str()[..name_end];
        let message = format!(
            "`{written}` is the old single-dash spelling of `-{written}`, which current CLIs do not accept; shipshape ignores it: write `-{written}`"
        );
        self.problem(
            InputCode::UnknownFlag,
            word.text.span_of(0..name_end),
            message,
        );
        let takes_value = self
            .set
            .long(&written[1..])
            .is_some_and(|flag| !flag.is_bool());
        let next_is_value = self.words.get(self.next).is_some_and(|next| !is_flag(next));
        if takes_value && name_end == word.as_str().len() && next_is_value {
            self.next += 1;
        }
    }

    /// Records a known flag with its value (`inline` when glued to the flag).
    fn apply(
        &mut self,
        flag: &'static Flag,
        written: &str,
        flag_span: Span,
        inline: Option<SpannedText>,
    ) {
        let value = match inline {
            Some(text) if flag.is_bool() => match text.parse("true or false", go_bool) {
                Ok(setting) => FlagValue::Switch(Setting {
                    span: flag_span.cover(text.span()),
                    ..setting
                }),
                Err(error) => {
                    let message = format!("`{written}` takes true or false: {}", error.message);
                    self.problem(InputCode::InvalidValue, error.span, message);
                    return;
                }
            },
            None if flag.is_bool() => FlagValue::Switch(Setting::known(true, written, flag_span)),
            Some(text) => FlagValue::Text(text),
            None => match self.separate_value(written, flag_span) {
                Some(text) => FlagValue::Text(text),
                None => return,
            },
        };
        let span = match &value {
            FlagValue::Switch(setting) => setting.span,
            FlagValue::Text(text) => flag_span.cover(text.span()),
        };
        self.uses.push(FlagUse {
            flag,
            written: written.to_string(),
            value,
            span,
        });
    }

    /// The next word as a flag's value. pflag takes it even when it starts with `-`;
    /// when it is another known flag the value was evidently forgotten, so the
    /// flag is reported and the next word is read as the flag the author meant.
    fn separate_value(&mut self, written: &str, flag_span: Span) -> Option<SpannedText> {
        let Some(next) = self.words.get(self.next) else {
            let message = format!("`{written}` needs a value, but nothing follows it");
            self.problem(InputCode::MissingFlagValue, flag_span, message);
            return None;
        };
        if self.names_known_flag(next) {
            let shifted = match self
                .words
                .get(self.next + 1)
                .filter(|after| !is_flag(after))
            {
                Some(after) => format!(" and `{}` as the image", after.as_str()),
                None => String::new(),
            };
            let next = next.as_str();
            let message = format!(
                "`{written}` needs a value: as written the CLI takes `{next}` as its value{shifted}; shipshape reads `{next}` as a flag, as intended"
            );
            self.problem(InputCode::MissingFlagValue, flag_span, message);
            return None;
        }
        self.next += 1;
        Some(next.text.clone())
    }

    fn names_known_flag(&self, word: &Word) -> bool {
        if !is_flag(word) {
            return false;
        }
        let text = word.as_str();
        match text.strip_prefix("--") {
            Some(long) => self
                .set
                .long(long.split('=').next().unwrap_or(long))
                .is_some(),
            None => text[1..]
                .chars()
                .next()
                .is_some_and(|letter| self.set.short(letter).is_some()),
        }
    }

    /// An unknown flag: reported, and its value guessed only when the next word
    /// cannot be the image (a path, a number, `KEY=VALUE`) or more flags follow it.
    fn unknown(&mut self, written: &str, span: Span, has_inline_value: bool) {
        let mut message = format!("unknown flag `{written}`");
        let name = written.strip_prefix("--");
        // Another engine's flag (podman's `--pod` on docker): said so, and its value
        // read as that engine declares it.
        let elsewhere = name.and_then(|name| self.set.elsewhere(name));
        if let (Some((engine, _)), FlagSet::Container(tool, _)) = (elsewhere, self.set) {
            message.push_str(&format!(" ({}'s, not {}'s)", engine.name(), tool.name()));
        } else if let Some(suggestion) = name.and_then(|name| self.set.closest(name)) {
            message.push_str(&format!(" (did you mean `--{suggestion}`?)"));
        }
        if !has_inline_value {
            let next = self.words.get(self.next);
            let after = self.words.get(self.next + 1);
            let takes_value = |next: &&Word| match elsewhere {
                Some((_, flag)) => !flag.is_bool() && !is_flag(next),
                None => looks_like_value(next, after),
            };
            match next.filter(takes_value) {
                Some(value) => {
                    message.push_str(&format!(
                        "; shipshape assumed `{}` is its value",
                        value.as_str()
                    ));
                    self.next += 1;
                }
                None => message.push_str("; shipshape assumed it takes no value"),
            }
        }
        self.problem(InputCode::UnknownFlag, span, message);
    }
}

/// Whether `word` is more likely an unknown flag's value than the image.
fn looks_like_value(word: &Word, after: Option<&Word>) -> bool {
    let text = word.as_str();
    !is_flag(word)
        && (after.is_some_and(is_flag)
            || text.starts_with(['/', '.', '~'])
            || text.starts_with(|c: char| c.is_ascii_digit())
            || text.contains('='))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::flags::{Subcommand, Tool};
    use crate::run::shell;

    const DOCKER_RUN: FlagSet = FlagSet::Container(Tool::Docker, Subcommand::Run);

    struct Parsed {
        flags: Vec<(String, String)>,
        image: Option<String>,
        problems: Vec<(InputCode, Span, String)>,
    }

    /// Parses the arguments after `docker run ` (11 bytes).
    fn parse_run(args: &str) -> Parsed {
        let text = format!("docker run {args}");
        let command = &shell::commands(&text)[0];
        let words = &command.words[2..];
        let flags = parse(words, DOCKER_RUN);
        Parsed {
            flags: flags
                .uses
                .iter()
                .map(|u| {
                    let value = match &u.value {
                        FlagValue::Switch(s) => format!("{:?}", s.value),
                        FlagValue::Text(t) => t.as_str().to_string(),
                    };
                    (u.flag.name.to_string(), value)
                })
                .collect(),
            image: flags.positional.map(|i| words[i].as_str().to_string()),
            problems: flags
                .problems
                .iter()
                .map(|p| (p.code, p.span, p.message.clone()))
                .collect(),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn long_flags_with_and_without_equals() {
        let parsed = parse_run("--name=web --memory -1 --privileged=false --rm nginx --privileged");
        assert_eq!(
            parsed.flags,
            pairs(&[
                ("name", "web"),
                ("memory", "-1"),
                ("privileged", "Some(false)"),
                ("rm", "Some(true)")
            ])
        );
        assert_eq!(parsed.image.as_deref(), Some("nginx"));
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn a_bool_flag_never_takes_the_next_word() {
        let parsed = parse_run("--privileged false nginx");
        assert_eq!(parsed.flags, pairs(&[("privileged", "Some(true)")]));
        assert_eq!(parsed.image.as_deref(), Some("false"));
    }

    #[test]
    fn short_clusters() {
        let parsed =
            parse_run("-itd -dp80:80 -itv /a:/b -p8080:80 -v=/x:/y -e X=--privileged img -v /:/h");
        assert_eq!(
            parsed.flags,
            pairs(&[
                ("interactive", "Some(true)"),
                ("tty", "Some(true)"),
                ("detach", "Some(true)"),
                ("detach", "Some(true)"),
                ("publish", "80:80"),
                ("interactive", "Some(true)"),
                ("tty", "Some(true)"),
                ("volume", "/a:/b"),
                ("publish", "8080:80"),
                ("volume", "/x:/y"),
                ("env", "X=--privileged"),
            ])
        );
        assert_eq!(parsed.image.as_deref(), Some("img"));
    }

    #[test]
    fn glued_values_keep_their_spans() {
        let text = "docker run -p8080:80 img";
        let command = &shell::commands(text)[0];
        let flags = parse(&command.words[2..], DOCKER_RUN);
        let FlagValue::Text(value) = &flags.uses[0].value else {
            panic!("a value")
        };
        assert_eq!(value.span(), Span::new(13, 20));
        assert_eq!(flags.uses[0].span, Span::new(12, 20));
    }

    #[test]
    fn double_dash_ends_flags() {
        let parsed = parse_run("--rm -- -weird-image");
        assert_eq!(parsed.image.as_deref(), Some("-weird-image"));
    }

    #[test]
    fn hidden_aliases() {
        let parsed = parse_run("--net host --net-alias db --dns-opt ndots:1 img");
        assert_eq!(
            parsed.flags,
            pairs(&[
                ("network", "host"),
                ("network-alias", "db"),
                ("dns-option", "ndots:1")
            ])
        );
    }

    #[test]
    fn a_forgotten_value_does_not_swallow_the_next_flag() {
        let parsed = parse_run("--gpus --pid host img");
        assert_eq!(parsed.flags, pairs(&[("pid", "host")]));
        assert_eq!(parsed.image.as_deref(), Some("img"));
        assert_eq!(
            parsed.problems,
            [(
                InputCode::MissingFlagValue,
                Span::new(11, 17),
                "`--gpus` needs a value: as written the CLI takes `--pid` as its value and `host` as the image; shipshape reads `--pid` as a flag, as intended".to_string()
            )]
        );
        let parsed = parse_run("--rm --name");
        assert_eq!(parsed.problems[0].0, InputCode::MissingFlagValue);
        assert_eq!(parsed.image, None);
    }

    #[test]
    fn unknown_flags_are_reported_and_guessed_conservatively() {
        let parsed = parse_run("--priviledged nginx");
        assert_eq!(parsed.image.as_deref(), Some("nginx"));
        assert_eq!(
            parsed.problems,
            [(
                InputCode::UnknownFlag,
                Span::new(11, 24),
                "unknown flag `--priviledged` (did you mean `--privileged`?); shipshape assumed it takes no value".to_string()
            )]
        );
        let parsed = parse_run("--frobnicate /x -v /a:/b nginx");
        assert_eq!(parsed.image.as_deref(), Some("nginx"));
        assert!(parsed.problems[0].2.ends_with("assumed `/x` is its value"));
        let parsed = parse_run("-z nginx");
        assert_eq!(parsed.image.as_deref(), Some("nginx"));
        let parsed = parse_run("-dz nginx");
        assert_eq!(
            (parsed.problems[0].1, parsed.problems[0].2.as_str()),
            (Span::new(13, 14), "unknown flag `-z` in `-dz`")
        );
    }

    #[test]
    fn single_dash_long_names_are_reported_not_applied() {
        let parsed = parse_run("-privileged -name web -rm -ip 80 nginx");
        assert_eq!(
            parsed.flags,
            pairs(&[("interactive", "Some(true)"), ("publish", "80")])
        );
        assert_eq!(parsed.image.as_deref(), Some("nginx"));
        let codes: Vec<(InputCode, Span)> = parsed.problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            codes,
            [
                (InputCode::UnknownFlag, Span::new(11, 22)),
                (InputCode::UnknownFlag, Span::new(23, 28)),
                (InputCode::UnknownFlag, Span::new(33, 36)),
            ]
        );
    }

    #[test]
    fn invalid_booleans() {
        let parsed = parse_run("--privileged=yes nginx");
        assert!(parsed.flags.is_empty());
        assert_eq!(parsed.problems[0].0, InputCode::InvalidValue);
        assert_eq!(parsed.problems[0].1, Span::new(24, 27));
    }

    #[test]
    fn generated_flags_are_skipped() {
        let parsed = parse_run("-d `for d in a b; do echo \" --device /dev/$d\"; done` img");
        assert_eq!(parsed.image.as_deref(), Some("img"));
        let parsed = parse_run("-d $IMAGE cmd");
        assert_eq!(parsed.image.as_deref(), Some("$IMAGE"));
    }
}
