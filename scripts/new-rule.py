#!/usr/bin/env python3
"""Scaffolds a rule: writes src/rules/<family>/<snake_name>.rs from a template with
the next free code of the family, and registers it in the family's mod.rs.

    scripts/new-rule.py capabilities cap-add-foo

The new file compiles but its docs and cases are placeholders: the registry and
docs-example tests fail until the docs, the check and the pass/fail cases are
written. Then regenerate the configuration schema (it lists every code and name):
UPDATE_SCHEMA=1 cargo test --test cli
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

TEMPLATE = '''use crate::declare_rule;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {{
    /// ## What it does
    /// Flags containers that ... (one sentence: the bad pattern).
    ///
    /// ## Why is this bad?
    /// What an attacker gains, and which of Docker's defaults it undoes.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.0.0
    /// ```
    ///
    /// ## Fix safety
    /// Whether the fix changes what the container can do.
    ///
    /// ## When not to use it
    /// The workloads that legitimately need it.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.x
    pub static {ident} = {{
        code: "{code}",
        name: "{name}",
        family: {family},
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: check,
    }}
}}

fn check(container: &Container, checker: &mut Checker) {{
    let _ = (container, checker);
}}

#[cfg(test)]
mod tests {{
    use super::{ident} as RULE;
    use crate::rules::testing::assert_cases;

    #[test]
    fn cases() {{
        assert_cases(&RULE, &[], &[]);
    }}
}}
'''


def fail(message):
    sys.exit(f"new-rule: {message}")


def main():
    if len(sys.argv) != 3:
        fail("usage: scripts/new-rule.py FAMILY_DIR kebab-name")
    family_dir = ROOT / "src" / "rules" / sys.argv[1]
    name = sys.argv[2]
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        fail(f"`{name}` is not a kebab-case name")
    module = family_dir / "mod.rs"
    if not module.is_file():
        fail(f"no family at {family_dir}")
    snake = name.replace("-", "_")
    target = family_dir / f"{snake}.rs"
    if target.exists():
        fail(f"{target} exists")

    # The family enum variant and the next free number, from the family's rules.
    rule_files = [p for p in family_dir.glob("*.rs") if p.name != "mod.rs"]
    codes = []
    family = None
    for path in rule_files:
        text = path.read_text()
        codes += re.findall(r'code: "([A-Z]+)-(\d{3})"', text)
        family = family or next(iter(re.findall(r"family: (\w+),", text)), None)
    if not codes or not family:
        fail(f"cannot tell the code prefix of {family_dir}: it has no rule yet")
    prefix = codes[0][0]
    code = f"{prefix}-{max(int(n) for _, n in codes) + 1:03}"
    ident = snake.upper()

    target.write_text(TEMPLATE.format(ident=ident, code=code, name=name, family=family))

    text = module.read_text()
    last_mod = list(re.finditer(r"^mod \w+;\n", text, re.M))[-1]
    text = text[: last_mod.end()] + f"mod {snake};\n" + text[last_mod.end() :]
    last_use = list(re.finditer(r"^pub use \w+::\w+;\n", text, re.M))[-1]
    text = text[: last_use.end()] + f"pub use {snake}::{ident};\n" + text[last_use.end() :]
    rules = re.search(r"pub static RULES: &\[&Rule\] = &\[(.*?)\];", text, re.S)
    listed = rules.group(1).rstrip().rstrip(",")
    text = text[: rules.start(1)] + f"{listed}, &{ident}" + text[rules.end(1) :]
    module.write_text(text)

    subprocess.run(["rustfmt", "--edition", "2021", str(target), str(module)], check=True)
    print(f"{code} {name}: wrote {target.relative_to(ROOT)}, registered in {module.relative_to(ROOT)}")
    print("next: write the docs, the check and its cases; then UPDATE_SCHEMA=1 cargo test --test cli")


if __name__ == "__main__":
    main()
