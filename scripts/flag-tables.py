#!/usr/bin/env python3
"""Regenerates the engines' flag tables (src/knowledge/flags/<engine>.rs) from the
engines' own Go sources.

    scripts/flag-tables.py docker  /path/to/docker/cli      [COMMIT]
    scripts/flag-tables.py podman  /path/to/containers/podman [COMMIT]
    scripts/flag-tables.py nerdctl /path/to/containerd/nerdctl [COMMIT]

Each path is a git repository (a clone or a bare mirror); files are read at COMMIT
(default HEAD) with `git show`, and the commit is written into the table.

The reader understands the shapes these files use to declare pflag flags:
`flags.StringSliceVarP(&x, "name", "n", ...)`, `flags.String(nameVar, ...)` with
`nameVar := "name"` earlier, `flags.Var(&opts.field, "name", ...)` whose value type
comes from the options struct, `MarkHidden` / `MarkDeprecated`, and podman's
`if mode == entities.CreateMode` blocks (evaluated for the create mode, local
rather than remote). A flag it cannot classify stops the script with an error
rather than being guessed.
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# pflag's typed definers → the table's value kind.
DEFINER_KINDS = {
    "Bool": "Bool",
    "String": "String",
    "StringSlice": "StringSlice",
    "StringArray": "StringArray",
    "Int": "Int",
    "Int64": "Int",
    "Uint": "Uint",
    "Uint16": "Uint",
    "Uint64": "Uint",
    "Float64": "Float",
    "Duration": "Duration",
    "IP": "String",
    "UintSlice": "UintSlice",
}

# docker/cli's own `pflag.Value` types (package opts): how each reads repeats.
# ListOpts and the map, ulimit, throttle, mount, gpu and network options append
# one item per occurrence and never split on commas; the byte and CPU sizes keep
# the last value.
DOCKER_VALUE_KINDS = {
    "opts.ListOpts": "StringArray",
    "opts.MapOpts": "StringArray",
    "opts.UlimitOpt": "StringArray",
    "opts.ThrottledeviceOpt": "StringArray",
    "opts.WeightdeviceOpt": "StringArray",
    "opts.MountOpt": "StringArray",
    "opts.GpuOpts": "StringArray",
    "opts.NetworkOpt": "StringArray",
    "opts.MemBytes": "String",
    "opts.MemSwapBytes": "String",
    "opts.NanoCPUs": "String",
    "hostVar": "StringArray",
}


def git_show(repo, commit, path):
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def resolve(repo, commit):
    return subprocess.run(
        ["git", "-C", str(repo), "rev-parse", commit],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      |(?P<raw>`[^`]*`)
      |(?P<str>"(?:\\.|[^"\\])*")
      |(?P<rune>'(?:\\.|[^'\\])*')
      |(?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<num>[0-9][0-9A-Za-z_.]*)
      |(?P<op>:=|==|!=|&&|\|\||[{}()\[\],.;=!&*+\-<>|:/%^])
      |(?P<space>\s+)""",
    re.S | re.X,
)


def tokens(source):
    """Go tokens as (kind, text); comments and blanks dropped."""
    out = []
    at = 0
    while at < len(source):
        match = TOKEN.match(source, at)
        if not match:
            raise SystemExit(f"cannot read Go source at: {source[at:at + 40]!r}")
        at = match.end()
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        text = match.group()
        if kind == "raw":
            kind, text = "str", text[1:-1]
        elif kind == "str":
            kind, text = "str", bytes(text[1:-1], "utf-8").decode("unicode_escape")
        out.append((kind, text))
    return out


def arguments(toks, at):
    """The top-level arguments of the call whose `(` is at `at`, and the index
    after its `)`."""
    depth = 0
    args, current = [], []
    for index in range(at, len(toks)):
        kind, text = toks[index]
        if text in "([{" and kind == "op":
            depth += 1
            if depth == 1:
                continue
        elif text in ")]}" and kind == "op":
            depth -= 1
            if depth == 0:
                if current:
                    args.append(current)
                return args, index + 1
        if depth == 1 and text == "," and kind == "op":
            args.append(current)
            current = []
        else:
            current.append((kind, text))
    raise SystemExit("unbalanced call")


class Condition:
    """Evaluates podman's `mode == entities.CreateMode || ...` conditions for the
    create mode of a local (not remote) podman. None when the condition depends on
    something else (then both branches count)."""

    @staticmethod
    def evaluate(toks):
        words = []
        index = 0
        while index < len(toks):
            kind, text = toks[index]
            joined = "".join(t for _, t in toks[index:index + 5])
            if joined == "registry.IsRemote()":
                words.append("False")
                index += 5
                continue
            if kind == "ident" and text == "entities" and index + 2 < len(toks):
                words.append(repr(toks[index + 2][1]))
                index += 3
                continue
            if kind == "ident" and text == "mode":
                words.append("'CreateMode'")
            elif text == "||":
                words.append(" or ")
            elif text == "&&":
                words.append(" and ")
            elif text == "!":
                words.append(" not ")
            elif text in ("==", "!=", "(", ")"):
                words.append(text)
            else:
                return None
            index += 1
        try:
            return bool(eval("".join(words), {}, {}))
        except SyntaxError:
            return None


class Flag:
    def __init__(self, name, short, kind, target):
        self.name = name
        self.shorts = [short] if short else []
        self.kind = kind
        self.target = target
        self.aliases = []
        self.hidden = False
        self.deprecated = False
        self.commands = set()
        self.persistent = False


def read_flags(source, command, struct_kinds, flag_sets, found, root=False):
    """Adds to `found` (name → Flag) the flags `source` declares on the flag sets
    named in `flag_sets` (receiver text → persistent?)."""
    toks = tokens(source)
    # `var stub opts.MemBytes` declares a value as a struct field would.
    struct_kinds = dict(struct_kinds, **dict(re.findall(r"\bvar (\w+) ([\w.]+)\n", source)))
    names = {}  # `fooFlagName := "foo"`
    # One frame per open brace: whether its block runs (None: unknown, so it
    # counts) and whether a branch of its if/else chain has run.
    frames = []
    loop_strings = []  # `for _, f := range []string{...}`
    index = 0

    def is_active():
        return all(active is not False for active, _ in frames)

    def condition(at):
        """The condition after the `if` at `at`, and the index after its `{`."""
        end = at + 1
        depth = 0
        while not (toks[end][1] == "{" and depth == 0):
            depth += toks[end][1] in "(["
            depth -= toks[end][1] in ")]"
            end += 1
        return Condition.evaluate(toks[at + 1:end]), end + 1

    while index < len(toks):
        kind, text = toks[index]
        if kind == "ident" and text == "if":
            if init_statement(toks, index):
                # `if err := flags.MarkHidden(f); err != nil {`: read the call;
                # the block is an error branch.
                index += 1
                continue
            value, index = condition(index)
            frames.append((value, value))
            continue
        if kind == "op" and text == "}":
            _, taken = frames.pop()
            if index + 1 < len(toks) and toks[index + 1][1] == "else":
                if toks[index + 2][1] == "if":
                    value, index = condition(index + 2)
                    if value is None or taken is None:
                        frames.append((None, None))
                    else:
                        frames.append((not taken and value, taken or value))
                else:
                    frames.append((None if taken is None else not taken, True))
                    index += 3
                continue
            index += 1
            continue
        if kind == "op" and text == "{":
            frames.append((True, True))
            index += 1
            continue
        # `fooFlagName := "foo"` / `fooFlagName = "foo"`
        if (
            kind == "ident"
            and index + 2 < len(toks)
            and toks[index + 1][1] in (":=", "=")
            and toks[index + 2][0] == "str"
            and is_active()
        ):
            names[text] = toks[index + 2][1]
            index += 3
            continue
        if text == "range" and "".join(t for _, t in toks[index + 1:index + 4]) == "[]string":
            args, end = arguments(toks, index + 4)
            loop_strings = [arg[0][1] for arg in args]
            index = end
            continue
        match = receiver_at(toks, index, flag_sets)
        if match is not None and is_active():
            receiver_len, persistent = match
            method_at = index + receiver_len
            method = toks[method_at][1]
            if toks[method_at + 1][1] == "(":
                args, end = arguments(toks, method_at + 1)
                declare(method, args, names, command, struct_kinds, persistent, found, loop_strings)
                index = end
                continue
        if text == "OptionalBoolFlag" and is_active():
            args, end = arguments(toks, index + 1)
            name = value_of(args[2], names)
            add(found, Flag(name, None, "Bool", None), command, False)
            index = end
            continue
        if root and text in NERDCTL_HELPERS and toks[index - 1][1] == "." and is_active():
            args, end = arguments(toks, index + 1)
            NERDCTL_HELPERS[text](args, names, found)
            index = end
            continue
        index += 1
    # `cmd.Flags().Lookup("help").Hidden = true`
    for name in re.findall(r'Lookup\("([^"]+)"\)\.Hidden = true', source):
        if name in found:
            found[name].hidden = True


def init_statement(toks, at):
    """Whether the `if` at `at` starts with a statement (`if x := f(); x {`)."""
    depth = 0
    for kind, text in toks[at + 1:]:
        if text == "{" and depth == 0:
            return False
        if text == ";" and depth == 0:
            return True
        depth += text in "(["
        depth -= text in ")]"
    return False


def receiver_at(toks, index, flag_sets):
    """Whether a flag set receiver (`flags.`, `cmd.Flags().`) starts at `index`:
    (its token count including the dot, persistent?)."""
    for receiver, persistent in flag_sets.items():
        parts = [t for _, t in tokens(receiver + ".")]
        if [t for _, t in toks[index:index + len(parts)]] == parts:
            return len(parts), persistent
    return None


def value_of(arg, names):
    kind, text = arg[0]
    if kind == "str" and len(arg) == 1:
        return text
    if kind == "ident" and len(arg) == 1 and text in names:
        return names[text]
    return None


def target_of(arg):
    return "".join(t for _, t in arg).lstrip("&")


def add(found, flag, command, persistent):
    existing = found.get(flag.name)
    if existing is None:
        flag.persistent = persistent
        found[flag.name] = flag
        existing = flag
    existing.commands.add(command)


def declare(method, args, names, command, struct_kinds, persistent, found, loop_strings):
    if method in ("MarkHidden", "MarkDeprecated"):
        name = value_of(args[0], names)
        targets = [name] if name is not None else loop_strings
        for name in targets:
            if name in found:
                if method == "MarkHidden":
                    found[name].hidden = True
                else:
                    found[name].deprecated = True
        return
    if method in ("Var", "VarP"):
        base, is_var, has_short = "", True, method == "VarP"
    else:
        match = re.fullmatch(r"([A-Z][A-Za-z0-9]*?)(Var)?(P)?", method)
        if not match or match.group(1) not in DEFINER_KINDS:
            return
        base, is_var, has_short = match.group(1), match.group(2), match.group(3)
    position = 1 if is_var else 0
    name = value_of(args[position], names)
    if name is None:
        raise SystemExit(f"cannot read the name of {method}({args[position]})")
    short = value_of(args[position + 1], names) if has_short else None
    target = target_of(args[0]) if is_var else None
    if base:
        kind = DEFINER_KINDS[base]
    else:
        field = target.split(".")[-1]
        value_type = struct_kinds.get(field) or struct_kinds.get(target)
        if value_type not in DOCKER_VALUE_KINDS:
            raise SystemExit(f"unknown value type for --{name}: {target} ({value_type})")
        kind = DOCKER_VALUE_KINDS[value_type]
    add(found, Flag(name, short or None, kind, target), command, persistent)


def nerdctl_flag(name, kind, local_aliases, persistent_aliases, found):
    """A flag from nerdctl's helpers: the persistent flag, its persistent long
    aliases, and its aliases local to the root command (pflag gives a one-letter
    alias the same long name, `--a` / `-a`)."""
    add(found, Flag(name, None, kind, None), "root", True)
    found[name].aliases.extend(persistent_aliases)
    for alias in local_aliases:
        add(found, Flag(alias, alias if len(alias) == 1 else None, kind, None), "root", False)
        found[alias].hidden = True


def strings(arg):
    return [text for kind, text in arg if kind == "str"]


NERDCTL_HELPERS = {
    # (cmd, name, aliases, localAliases, persistentAliases, inherited, value, env, usage)
    "AddPersistentStringFlag": lambda args, names, found: nerdctl_flag(
        value_of(args[1], names), "String", strings(args[2]) + strings(args[3]), strings(args[4]), found
    ),
    # (cmd, name, aliases, nonPersistentAliases, value, env, usage)
    "AddPersistentBoolFlag": lambda args, names, found: nerdctl_flag(
        value_of(args[1], names), "Bool", strings(args[3]), strings(args[2]), found
    ),
    # (cmd, name, value, usage): a hidden persistent StringSlice
    "HiddenPersistentStringArrayFlag": lambda args, names, found: (
        nerdctl_flag(value_of(args[1], names), "StringSlice", [], [], found),
        setattr(found[value_of(args[1], names)], "hidden", True),
    ),
}


def struct_fields(source, struct):
    """Field name → type of a Go struct."""
    body = re.search(r"type " + struct + r" struct \{(.*?)\n\}", source, re.S).group(1)
    fields = {}
    for line in body.splitlines():
        parts = line.split("//")[0].split()
        if len(parts) >= 2:
            fields[parts[0]] = parts[1].lstrip("*")
    return fields


def fold_aliases(found, pairs=()):
    """Flags that write the same variable under two names (`--net` and
    `--network`) become one flag with a hidden alias; `pairs` names others."""
    by_target = {}
    for flag in list(found.values()):
        if flag.target and flag.target in by_target and flag.name in found:
            canonical = by_target[flag.target]
            alias, keep = (flag, canonical) if flag.hidden or not canonical.hidden else (canonical, flag)
            keep.aliases.append(alias.name)
            del found[alias.name]
            by_target[flag.target] = keep
        elif flag.target:
            by_target[flag.target] = flag
    for alias, canonical in pairs:
        if alias in found and canonical in found:
            found[canonical].aliases.append(alias)
            del found[alias]
        elif canonical in found:
            found[canonical].aliases.append(alias)


def cobra_defaults(source, root):
    """The flags cobra adds by itself to a root command that does not declare
    them: `-h, --help` and, when the command has a version, `-v, --version`."""
    if "help" not in root:
        add(root, Flag("help", "h", "Bool", None), "root", False)
    if re.search(r"\bVersion:\s", source) and "version" not in root:
        add(root, Flag("version", "v", "Bool", None), "root", False)


def docker(repo, commit):
    files = [
        "cli/command/container/opts.go",
        "cli/command/container/run.go",
        "cli/command/container/create.go",
        "cli/flags/options.go",
        "cmd/docker/docker.go",
        "cli/cobra.go",
    ]
    opts = git_show(repo, commit, files[0])
    kinds = struct_fields(opts, "containerOptions")
    container = {}
    for command in ("run", "create"):
        read_flags(opts, command, kinds, {"flags": False}, container)
    read_flags(git_show(repo, commit, files[1]), "run", kinds, {"flags": False}, container)
    read_flags(git_show(repo, commit, files[2]), "create", kinds, {"flags": False}, container)
    fold_aliases(container)
    root = {}
    read_flags(git_show(repo, commit, files[3]), "root", {"Hosts": "hostVar", "o.Hosts": "hostVar", "hostVar{dst:&o.Hosts}": "hostVar"}, {"flags": False}, root)
    read_flags(git_show(repo, commit, files[4]), "root", {}, {"cmd.Flags()": False}, root)
    read_flags(git_show(repo, commit, files[5]), "root", {}, {"rootCmd.PersistentFlags()": True}, root)
    return files, container, root


def podman(repo, commit):
    files = [
        "cmd/podman/common/create.go",
        "cmd/podman/common/netflags.go",
        "cmd/podman/containers/run.go",
        "cmd/podman/containers/create.go",
        "cmd/podman/root.go",
        "cmd/podman/utils/alias.go",
    ]
    container = {}
    for command in ("run", "create"):
        read_flags(git_show(repo, commit, files[0]), command, {}, {"createFlags": False}, container)
        read_flags(git_show(repo, commit, files[1]), command, {}, {"netFlags": False}, container)
    read_flags(git_show(repo, commit, files[2]), "run", {}, {"flags": False}, container)
    read_flags(git_show(repo, commit, files[3]), "create", {}, {"flags": False}, container)
    aliases = re.findall(r'case "([^"]+)":\s*name = "([^"]+)"', git_show(repo, commit, files[5]))
    fold_aliases(container, [(a, c) for a, c in aliases if c in container])
    root = {}
    source = git_show(repo, commit, files[4])
    read_flags(source, "root", {}, {"lFlags": False, "pFlags": True}, root)
    cobra_defaults(source, root)
    return files, container, root


def nerdctl(repo, commit):
    files = [
        "cmd/nerdctl/container/container_run.go",
        "cmd/nerdctl/container/container_create.go",
        "cmd/nerdctl/main.go",
    ]
    run = git_show(repo, commit, files[0])
    setup = run[run.index("func setCreateFlags"):]
    run_only = run[run.index("func RunCommand"):run.index("func setCreateFlags")]
    container = {}
    for command in ("run", "create"):
        read_flags(setup, command, {}, {"cmd.Flags()": False}, container)
    read_flags(run_only, "run", {}, {"cmd.Flags()": False}, container)
    fold_aliases(container, [("net", "network"), ("dns-opt", "dns-option")])
    root = {}
    source = git_show(repo, commit, files[2])
    read_flags(source, "root", {}, {"rootCmd.PersistentFlags()": True, "rootCmd.Flags()": False}, root, root=True)
    cobra_defaults(source, root)
    return files, container, root


REPOSITORIES = {
    "docker": ("docker/cli", docker),
    "podman": ("containers/podman", podman),
    "nerdctl": ("containerd/nerdctl", nerdctl),
}


def rust_flag(flag, root):
    commands = {
        frozenset({"run", "create"}): "RunAndCreate",
        frozenset({"run"}): "Run",
        frozenset({"create"}): "Create",
        frozenset({"root"}): "Root",
    }[frozenset(flag.commands)]
    line = f'flag("{flag.name}", {flag.kind}, {commands})'
    if flag.shorts:
        line += f'.shorts("{"".join(flag.shorts)}")'
    if flag.aliases:
        line += ".aliases(&[" + ", ".join(f'"{a}"' for a in sorted(set(flag.aliases))) + "])"
    if flag.hidden:
        line += ".hidden()"
    if flag.deprecated:
        line += ".deprecated()"
    if root and flag.persistent:
        line += ".persistent()"
    return f"    {line},\n"


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in REPOSITORIES:
        raise SystemExit(__doc__)
    engine, repo = sys.argv[1], pathlib.Path(sys.argv[2])
    commit = resolve(repo, sys.argv[3] if len(sys.argv) == 4 else "HEAD")
    repository, reader = REPOSITORIES[engine]
    files, container, root = reader(repo, commit)
    out = [
        f"//! `{engine}`'s flags, read from {repository} at {commit[:12]}.\n",
        "//!\n",
        f"//! Generated by `scripts/flag-tables.py {engine}`; do not edit by hand.\n\n",
        "use super::Commands::*;\n",
        "use super::ValueKind::*;\n",
        "use super::{flag, EngineFlags, FlagSpec};\n\n",
        f"pub static {engine.upper()}: EngineFlags = EngineFlags {{\n",
        f'    engine: "{engine}",\n',
        f'    repository: "{repository}",\n',
        f'    commit: "{commit}",\n',
        "    files: &[\n" + "".join(f'        "{f}",\n' for f in files) + "    ],\n",
        "    container: CONTAINER,\n",
        "    root: ROOT,\n",
        "};\n\n",
        "static CONTAINER: &[FlagSpec] = &[\n",
        *(rust_flag(container[name], False) for name in sorted(container)),
        "];\n\n",
        "static ROOT: &[FlagSpec] = &[\n",
        *(rust_flag(root[name], True) for name in sorted(root)),
        "];\n",
    ]
    target = ROOT / "src" / "knowledge" / "flags" / f"{engine}.rs"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(out))
    subprocess.run(["rustfmt", "--edition", "2021", str(target)], check=True)
    print(f"{target.relative_to(ROOT)}: {len(container)} container flags, {len(root)} root flags at {commit[:12]}")


if __name__ == "__main__":
    main()
