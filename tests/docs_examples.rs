//! Documentation examples are executable: every ```yaml / ```sh block under a rule's
//! `## Example` raises that rule, every block under `## Use instead` does not.

use shipshape::config::Config;
use shipshape::rules::{registry, Rule};
use shipshape::{analyze, AnalyzeOptions, InputKind};

/// A fenced block of a rule's docs.
struct Block {
    section: String,
    input: InputKind,
    text: String,
}

/// The ```yaml and ```sh blocks of `docs`, with the `## ` section each stands in.
fn blocks(docs: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut section = String::new();
    let mut lines = docs
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line));
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_string();
        } else if let Some(language) = line.trim().strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            let input = match language.trim() {
                "yaml" | "yml" => InputKind::Compose,
                "sh" | "bash" | "shell" => InputKind::Run,
                _ => continue,
            };
            found.push(Block {
                section: section.clone(),
                input,
                text: body.join("\n") + "\n",
            });
        }
    }
    found
}

/// Options that select `rule` explicitly, for one kind of input.
fn selected(rule: &Rule, input: InputKind) -> AnalyzeOptions {
    AnalyzeOptions {
        config: Config {
            select: vec![rule.code.to_string()],
            ..Config::default()
        },
        input,
        ..AnalyzeOptions::default()
    }
}

/// How often `rule`, selected explicitly, is raised on the block.
fn raised(rule: &Rule, block: &Block) -> usize {
    analyze(&block.text, &selected(rule, block.input))
        .diagnostics
        .iter()
        .filter(|d| d.code == rule.code)
        .count()
}

#[test]
fn examples_raise_their_rule_and_alternatives_do_not() {
    let mut failures = Vec::new();
    for rule in registry::all() {
        let (mut examples, mut alternatives) = (0, 0);
        for block in blocks(rule.docs) {
            let count = raised(rule, &block);
            let failed = match block.section.as_str() {
                "Example" => {
                    examples += 1;
                    count == 0
                }
                "Use instead" => {
                    alternatives += 1;
                    count > 0
                }
                _ => false,
            };
            if failed {
                failures.push(format!(
                    "{} {}: `## {}` block raised it {count} times:\n{}",
                    rule.code, rule.name, block.section, block.text
                ));
            }
        }
        println!(
            "{:<9} {:<36} {examples} example(s), {alternatives} alternative(s)",
            rule.code, rule.name
        );
    }
    assert!(
        failures.is_empty(),
        "{} documentation blocks disagree with their rule:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn blocks_are_found_under_their_sections() {
    let docs = " ## Example\n ```yaml\n a: 1\n ```\n ```sh\n docker run x\n ```\n ## Use instead\n ```text\n no\n ```\n";
    let found = blocks(docs);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].section.as_str(), found[0].input),
        ("Example", InputKind::Compose)
    );
    assert_eq!(found[0].text, "a: 1\n");
    assert_eq!(found[1].input, InputKind::Run);
}

/// How many of `rule`'s diagnostics on the block carry a fix.
fn fixed(rule: &Rule, block: &Block) -> usize {
    analyze(&block.text, &selected(rule, block.input))
        .diagnostics
        .iter()
        .filter(|d| d.code == rule.code && d.fix.is_some())
        .count()
}

/// The words with which a rule's `## Fix safety` says why command lines get no fix.
const NO_RUN_FIX: &str = "Run commands get no fix";

#[test]
fn a_rule_that_fixes_compose_fixes_run_commands_or_says_why_not() {
    let mut failures = Vec::new();
    for rule in registry::all() {
        let examples: Vec<Block> = blocks(rule.docs)
            .into_iter()
            .filter(|block| block.section == "Example")
            .collect();
        let fixes_in = |input: InputKind| {
            examples
                .iter()
                .filter(|block| block.input == input)
                .map(|block| fixed(rule, block))
                .sum::<usize>()
        };
        let (compose, run) = (fixes_in(InputKind::Compose), fixes_in(InputKind::Run));
        let says_why = rule.docs.contains(NO_RUN_FIX);
        println!(
            "{:<9} {:<36} fixes in examples: Compose {compose}, run {run}{}",
            rule.code,
            rule.name,
            if says_why {
                " (says why run has none)"
            } else {
                ""
            }
        );
        if compose > 0 && run == 0 && !says_why {
            failures.push(format!("{} {}", rule.code, rule.name));
        }
    }
    assert!(
        failures.is_empty(),
        "fix Compose examples but no run example, and do not say \"{NO_RUN_FIX}\": {failures:?}"
    );
}
