/**
 * A 1-based line and a 1-based column counted in UTF-16 code units, the unit of
 * JavaScript string indices, Monaco, CodeMirror and VS Code.
 */
export interface Position {
  line: number;
  column: number;
}

/** From `start` to `end`, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** `[start, end)` in UTF-8 bytes of the analysed text. */
export type ByteRange = [number, number];

/**
 * `[start, end)` in UTF-16 code units from the start of the analysed text: JavaScript
 * string indices, so `text.slice(start, end)` is the spanned text.
 */
export interface Utf16Range {
  start: number;
  end: number;
}

export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** `safe` keeps the container's behaviour; `unsafe` changes what it may do: review it. */
export type Applicability = "safe" | "unsafe";

/** Replace `range` with `content`; an empty `content` deletes. */
export interface Edit {
  range: Range;
  byteRange: ByteRange;
  utf16Range: Utf16Range;
  content: string;
  /** In a project, the file the edit lands in. */
  file?: string;
}

/** Non-overlapping edits, applied together. */
export interface Fix {
  /** What the fix does, in plain text. */
  title: string;
  /** The same with code in Markdown code spans (`` Set `privileged: false` ``). */
  titleMarkdown: string;
  applicability: Applicability;
  edits: Edit[];
}

/** A secondary location that explains a finding ("capability added here"). */
export interface Related {
  /** Plain text. */
  message: string;
  /** The same with code in Markdown code spans. */
  messageMarkdown: string;
  range: Range;
  byteRange: ByteRange;
  utf16Range: Utf16Range;
  /** In a project, the file the location is in. */
  file?: string;
}

/**
 * `finding`: something that weakens a container's isolation. `input`: the text could
 * not be read as written (the `SYN-*` codes); counted apart, never part of a grade.
 */
export type DiagnosticKind = "finding" | "input";

/** The inline comment that silenced a diagnostic. */
export interface Suppression {
  reason: string | null;
  range: Range;
}

export interface Diagnostic {
  /** Stable code, e.g. `PRIV-001`. */
  code: string;
  /** Kebab name of the bad pattern, e.g. `privileged-container`. */
  name: string;
  kind: DiagnosticKind;
  severity: Severity;
  /** What is wrong, in one sentence of plain text. */
  message: string;
  /** The same with code in Markdown code spans, for output that renders Markdown. */
  messageMarkdown: string;
  /** What to do about it, in plain text. */
  help: string | null;
  /** The same with code in Markdown code spans. */
  helpMarkdown: string | null;
  /** The service or command it concerns; `null` for problems with the whole input. */
  container: string | null;
  range: Range;
  byteRange: ByteRange;
  utf16Range: Utf16Range;
  /**
   * The rule's documentation page: under `options.docsUrl` when given
   * (`https://example.com/rules/priv-001.html#privileged-container`), otherwise relative
   * to the package root, which ships the pages (`docs/rules/priv-001.html#…`).
   */
  url: string;
  related: Related[];
  fix: Fix | null;
  /** Set when an inline comment suppressed it; suppressed diagnostics do not count. */
  suppressed: Suppression | null;
}

/** The front-end that read the text. */
export type InputKind = "compose" | "run";

/** A Compose service, or a `docker`/`podman`/`nerdctl` `run`/`create` command. */
export type Origin =
  | { kind: "compose" }
  | { kind: "run"; tool: string; subcommand: string };

/** Why a capability is in the effective set: `addedByAll` means through `ALL`. */
export type Grant = "default" | "added" | "addedByAll" | "privileged";

/** One `cap_add` / `cap_drop` entry as written. */
export interface CapabilityEntry {
  /** Canonical spelling (`SYS_ADMIN`, `ALL`); `null` when it holds an unresolved variable. */
  name: string | null;
  raw: string;
  range: Range;
}

/** How dangerous a capability is on its own; `summary` completes "a process holding it …". */
export interface CapabilityRisk {
  severity: Severity;
  summary: string;
}

export interface EffectiveCapability {
  name: string;
  grant: Grant;
  /** `null` only for a name the engine does not know. */
  risk: CapabilityRisk | null;
  /** The entry that granted it; `null` for defaults and privileged mode. */
  range: Range | null;
}

export interface CapabilitiesView {
  /** The engine the set is for (the command's; Docker for Compose), as a sentence names it. */
  engine: "Docker" | "Podman" | "nerdctl";
  /** That engine's default set, in its order. */
  default: string[];
  /** The first 50 `cap_add` entries as written; `moreAdded` counts the others. */
  added: CapabilityEntry[];
  moreAdded: number;
  /** The first 50 `cap_drop` entries as written; `moreDropped` counts the others. */
  dropped: CapabilityEntry[];
  moreDropped: number;
  /** What the container's processes get, in kernel order. */
  effective: EffectiveCapability[];
  /** True when an entry could not be resolved, so `effective` is a lower bound. */
  unknown: boolean;
}

export type MountKind = "bind" | "volume" | "anonymous" | "tmpfs" | "other";

/**
 * Why a bound host path is sensitive. `matched` is the listed path (`*` stands for one
 * path component); `relation` says whether the mount is that path, lies inside it, or
 * contains it.
 */
export interface SensitivePath {
  /** Severity of a read-write bind. */
  severityRw: Severity;
  /** Severity of a read-only bind (`info`: harmless read-only, e.g. /etc/localtime). */
  severityRo: Severity;
  /** What the path holds, as a noun phrase. */
  reason: string;
  matched: string;
  kind: "runtimeSocket" | "kernelFilesystem" | "hostDirectory";
  relation: "same" | "inside" | "contains";
}

export interface MountView {
  kind: MountKind;
  /** Host path for binds, volume name for volumes. */
  source: string | null;
  target: string | null;
  readOnly: boolean;
  /** `null` for paths that are not sensitive and for mounts that bind no host path. */
  sensitive: SensitivePath | null;
  range: Range;
}

/**
 * `default`: not set, the engine's default applies; `joined`: shares another
 * container's or service's namespace, or a podman pod's (`target` names it:
 * `db`, or `pod web`); `other`: e.g. a
 * user-defined network (`target` holds it); `unknown`: an unresolved variable.
 */
export type NamespaceMode =
  | "default"
  | "private"
  | "host"
  | "joined"
  | "none"
  | "other"
  | "unknown";

export interface NamespaceView {
  mode: NamespaceMode;
  target: string | null;
  /** The setting as written; `null` when not set. */
  raw: string | null;
  range: Range | null;
  /**
   * What the mode means in the engine's own words when it is not docker's: a
   * podman-only value (`keep-id`, `auto`, `nomap`, `pasta`, `slirp4netns`, a pod) or
   * podman's and nerdctl's defaults; `null` otherwise.
   */
  meaning: string | null;
}

export interface NamespacesView {
  pid: NamespaceView;
  ipc: NamespaceView;
  uts: NamespaceView;
  userns: NamespaceView;
  cgroup: NamespaceView;
  network: NamespaceView;
}

/** What one service or command is allowed to do. */
export interface ContainerReport {
  name: string;
  origin: Origin;
  /** As resolved, or as written when it holds an unresolved variable. */
  image: string | null;
  range: Range;
  nameRange: Range;
  privileged: boolean;
  capabilities: CapabilitiesView;
  mounts: MountView[];
  namespaces: NamespacesView;
  /** This container's own findings and grade (`grade` is never null here). */
  summary: Summary;
  /** The known ways out of this container its settings open, and how to close them. */
  escapePaths: EscapePaths;
}

/** What an escape technique gains on the host. */
export type Impact =
  | "hostRoot"
  | "hostFileRead"
  | "hostFileWrite"
  | "denialOfService"
  | "trafficInterception"
  | "lateralMovement";

export interface EscapePaths {
  /** Techniques whose every precondition holds. */
  open: EscapePath[];
  /** Techniques of two or more preconditions with all but one holding. */
  oneStepAway: EscapePath[];
  /** Each smallest set of changes that closes every open path; several when there is a choice. */
  minimalFixes: MinimalFix[];
  /** True when more minimal sets exist than `minimalFixes` lists. */
  moreMinimalFixes: boolean;
}

export interface EscapePath {
  /** Stable identifier of the technique, e.g. `cgroup-release-agent`. */
  technique: string;
  title: string;
  impacts: Impact[];
  /** The preconditions in order; on a path one step away exactly one has `met: false`. */
  steps: EscapeStep[];
  /** What the attacker does once every step holds. */
  outcome: string;
  references: TechniqueReference[];
}

export interface EscapeStep {
  text: string;
  met: boolean;
  /** The first 50 settings that make it hold (none when it does not); `moreSettings` counts the others. */
  settings: EnablingSetting[];
  moreSettings: number;
}

export interface EnablingSetting {
  description: string;
  /** Where it is written; `null` for an engine default (e.g. Docker's default capabilities). */
  range: Range | null;
  byteRange: ByteRange | null;
  /** What takes it away, e.g. "remove `privileged: true`". */
  change: string;
  /** Codes of the unsuppressed findings reported at this setting. */
  findings: string[];
}

export interface TechniqueReference {
  name: string;
  url: string;
}

export interface MinimalFix {
  changes: { title: string; range: Range | null }[];
  /** The changes as non-overlapping text edits, in text order. */
  edits: Edit[];
  /** False when some change has no automatic edit; `edits` then holds the others. */
  complete: boolean;
}

/** Unsuppressed findings (`kind: "finding"`) per severity. */
export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

/**
 * A: nothing above info; B: worst is low; C: worst is medium; D: one or two high;
 * F: any critical, or three or more high.
 */
export type Grade = "A" | "B" | "C" | "D" | "F";

export interface Summary {
  counts: SeverityCounts;
  /** Unsuppressed input problems (`kind: "input"`), whatever their severity. */
  inputProblems: number;
  suppressed: number;
  /** `null` when the input held no container to grade. */
  grade: Grade | null;
}

/**
 * `empty`: nothing but blank lines and `#` comments; `unrecognized`: no container could
 * be read, and an input diagnostic about the whole text says why (not YAML, no
 * `services`, no container command, too large); `analyzed`: read as `input`, though
 * `containers` may still be empty (`services: {}`).
 */
export type InputStatus = "empty" | "unrecognized" | "analyzed";

export interface Report {
  input: InputKind;
  status: InputStatus;
  fileName: string | null;
  containers: ContainerReport[];
  /** Sorted by position; suppressed ones included and marked. */
  diagnostics: Diagnostic[];
  summary: Summary;
}

export type Profile = "default" | "baseline" | "restricted" | "cis";

export interface RuleOptions {
  /** Capabilities that capability rules accept (any spelling). */
  allowedCapabilities: string[];
  /** Host paths that mount rules accept (the path itself or a parent). */
  allowedHostPaths: string[];
}

/** The whole configuration, as `defaultConfig()` returns it. */
export interface Config {
  /** The JSON Schema a configuration file follows, for editors; ignored by the analysis. */
  $schema?: string;
  profile: Profile;
  /** Rules to enable on top of the profile: codes (`CAP-009`), family prefixes (`CAP`) or names. */
  select: string[];
  /** Rules to disable, in the same forms; wins over `select`. */
  ignore: string[];
  /** Severity override keyed by code or name. */
  severity: Record<string, Severity>;
  options: RuleOptions;
  limits: Limits;
}

/**
 * How much of an input is read; past a limit the analysis reports SYN-005 where it was
 * reached and goes on with what it can still read safely.
 */
export interface Limits {
  /** Bytes of input; a larger text is not read at all. */
  inputBytes: number;
  /** Bytes of one line; a text with a longer line is not read at all. */
  lineBytes: number;
  /** Nesting levels of YAML collections; deeper ones are skipped. */
  depth: number;
  /** YAML nodes that aliases may expand to, in total. */
  aliasNodes: number;
  /** Bytes of values that aliases may copy, in total. */
  aliasBytes: number;
  /** Bytes of service text that `extends` may copy, in total. */
  inheritedBytes: number;
  /** Compose services analysed; those after are skipped. */
  services: number;
  /** Container commands analysed; those after are skipped. */
  commands: number;
  /** Words of one command line; a longer command is skipped. */
  wordsPerCommand: number;
  /** Files of a project (its Compose files, `.env` and the files they name); those after are not read. */
  files: number;
}

/** A configuration to analyse with: every key defaults to `defaultConfig()`'s; unknown keys throw. */
export interface ConfigInput {
  $schema?: string;
  profile?: Profile;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, Severity>;
  options?: Partial<RuleOptions>;
  limits?: Partial<Limits>;
}

export interface AnalyzeOptions {
  config?: ConfigInput;
  /** Overrides `config.profile`. */
  profile?: Profile;
  /** Values for `${VAR}` interpolation in Compose files; unlisted variables are unset. */
  env?: Record<string, string>;
  /** Echoed in the report; never read. */
  fileName?: string;
  /**
   * Where the rule pages are served (the package's `docs/rules/` folder, or the output
   * of `shipshape docs`), e.g. `https://example.com/shipshape/rules`: each diagnostic's
   * `url` is then that base, `/` and the page. Without it `url` is relative to the
   * package root.
   */
  docsUrl?: string;
}

export type Family =
  | "privilege"
  | "capabilities"
  | "namespaces"
  | "network"
  | "mounts"
  | "devices"
  | "securityOptions"
  | "sysctls"
  | "resources"
  | "identity"
  | "operations"
  | "input";

export type FixAvailability = "none" | "sometimes" | "always";

export interface RuleInfo {
  code: string;
  name: string;
  family: Family;
  /** The default severity; a finding may raise or lower it. */
  severity: Severity;
  /** The profiles that enable the rule. */
  profiles: Profile[];
  fix: FixAvailability;
  /** The first paragraph of "What it does", in Markdown. */
  summary: string;
  /**
   * The rule's page: under `options.docsUrl` when given to `rules()`, as a
   * diagnostic's `url` is; otherwise relative to the package root, which ships every
   * rule's documentation as HTML under `docs/rules/` (`shipshape/docs/rules/priv-001.html`,
   * and `docs.json`, each rule's documentation as an HTML fragment keyed by code).
   */
  url: string;
}

/** What `rules()` accepts: where the rule pages are served, as in `AnalyzeOptions`. */
export interface RulesOptions {
  docsUrl?: string;
}

/** What `applyFixes` applies besides the safe fixes. */
export interface ApplyFixesOptions {
  /** Also apply fixes that change what the container may do (`applicability: "unsafe"`). */
  unsafe?: boolean;
}

/** A fix `applyFixes` applied. */
export interface AppliedFix {
  /** The diagnostic's position in the array given. */
  index: number;
  code: string;
}

/**
 * Why `applyFixes` left a fix out. `unsafe`: it changes behaviour and `unsafe` was not
 * set; `suppressed`: an inline comment silenced the diagnostic; `overlap`: its edits
 * overlap a fix applied before it (analyse the result again to get it); `invalid`: its
 * edits do not fit the text (outside it, inside a character, or overlapping each
 * other), which is not the text the diagnostics came from.
 */
export type SkipReason = "unsafe" | "suppressed" | "overlap" | "invalid";

export interface SkippedFix {
  index: number;
  code: string;
  reason: SkipReason;
  /** With `overlap`: the `index` of the applied fix it collides with; otherwise `null`. */
  overlaps: number | null;
}

export interface ApplyFixesResult {
  /** The text with every applied fix. */
  text: string;
  /** In the order of the diagnostics given; diagnostics without a fix are in neither list. */
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

/** What `harden` fixes with: the analysis settings, how to read the text, and `unsafe`. */
export interface HardenOptions {
  config?: ConfigInput;
  /** Overrides `config.profile`: its rules' fixes are the ones applied. */
  profile?: Profile;
  /** Values for `${VAR}` interpolation in Compose files; unlisted variables are unset. */
  env?: Record<string, string>;
  /** Read the text as this; detected from the text when absent. */
  input?: InputKind;
  /** Also apply fixes that change what the container may do (`applicability: "unsafe"`). */
  unsafe?: boolean;
}

/** One fix `harden` applied, at its place in the text given. */
export interface Change {
  code: string;
  name: string;
  /** What the fix did, in plain text, e.g. "Drop ALL". */
  title: string;
  applicability: Applicability;
  /**
   * The containers the changed text belongs to: several when a setting they share
   * (a YAML anchor, `extends`) was changed where it is written.
   */
  containers: string[];
  range: Range;
  byteRange: ByteRange;
}

/**
 * Why a finding is still there. `noFix`: the rule has no automatic fix (what to do
 * depends on the workload); `unsafe`: its fix changes behaviour and `unsafe` was not
 * set; `notWritable`: the rule has a fix, but not for the way this setting is written;
 * `suppressed`: an inline comment silences it; `conflict`: its fix kept colliding with
 * another one; `input`: a problem with the text itself (`SYN-*`), for its author to resolve.
 */
export type UnfixedReason = "noFix" | "unsafe" | "notWritable" | "suppressed" | "conflict" | "input";

/** A finding of the hardened text, at its place in the hardened text. */
export interface Unfixed {
  code: string;
  name: string;
  severity: Severity;
  /** Plain text. */
  message: string;
  container: string | null;
  range: Range;
  reason: UnfixedReason;
}

export interface HardenResult {
  /** The front-end that read the text. */
  input: InputKind;
  /** The hardened text; the text given when nothing was fixed. */
  text: string;
  /** Whether unsafe fixes were applied. */
  includeUnsafe: boolean;
  /** In text order. */
  changes: Change[];
  /** The findings of the hardened text, each with why it was not fixed. */
  unfixed: Unfixed[];
}

/** What `toCompose` analyses the run commands with. */
export interface ToComposeOptions {
  config?: ConfigInput;
  profile?: Profile;
  env?: Record<string, string>;
}

/** A Compose service made from one command. */
export interface ConvertedService {
  name: string;
  /** The command it comes from, in the text given. */
  range: Range;
  byteRange: ByteRange;
}

/** A flag (or the image, or a command word) with no Compose equivalent. */
export interface Unconverted {
  /** As written: `--rm`, `-d`; `image` or `command` for those. */
  flag: string;
  /** Why it was left out, in Markdown (code in backticks). */
  reason: string;
  /** Where it is in the text given. */
  range: Range;
  byteRange: ByteRange;
}

export interface ConvertResult {
  /** The Compose file, YAML text. */
  compose: string;
  /** One per command, in text order. */
  services: ConvertedService[];
  /** What the Compose file does not carry over, command by command. */
  unconverted: Unconverted[];
  /** The analysis of the run commands given (their syntax problems included). */
  diagnostics: Diagnostic[];
}

/** One file of a project: its path (`/`-separated, relative names resolve against it) and text. */
export interface ProjectFile {
  name: string;
  text: string;
}

/**
 * What `analyzeProject` reads: every file of the project. The files no other file
 * names (by `include`, `extends: {file}` or `env_file`) and not named `.env` or
 * `*.env` are the Compose files, applied in the order given; the `.env` beside the
 * first feeds interpolation; the others are read where they are named.
 */
export interface ProjectInput {
  files: readonly ProjectFile[];
  /** Values for `${VAR}`; they win over `.env`. */
  env?: Record<string, string>;
  /** The Compose profiles to start; without any, `COMPOSE_PROFILES` names them, else only services without profiles run. */
  profiles?: readonly string[];
  options?: ProjectOptions;
}

/** How to analyse a project: the rule configuration and where the rule pages are, as in `AnalyzeOptions`. */
export interface ProjectOptions {
  config?: ConfigInput;
  /** Overrides `config.profile`. */
  profile?: Profile;
  docsUrl?: string;
}

/** A merged service of a project. */
export interface ProjectService {
  name: string;
  /** The file of its last definition. */
  file: string;
  profiles: string[];
  /** False when none of its profiles is active: Compose does not start it and no rule checks it. */
  active: boolean;
}

/**
 * What `analyzeProject` returns: one report per file, in the order of `files`, each
 * with the diagnostics positioned in it and no `containers` (merged
 * services span files); a related location or an edit in another file has `file`.
 */
export interface ProjectReport {
  files: Report[];
  services: ProjectService[];
}
