// Compiled with `tsc --noEmit` against the generated declarations (scripts/types-test.sh):
// every export is typed precisely, so real use compiles and misuse does not.
import { analyze, analyzeCompose, analyzeProject, analyzeRun, applyFixes, defaultConfig, harden, rules, toCompose, version } from "shipshape";
import type {
  AnalyzeOptions,
  Applicability,
  AppliedFix,
  ApplyFixesOptions,
  ApplyFixesResult,
  ByteRange,
  CapabilitiesView,
  CapabilityEntry,
  CapabilityRisk,
  Change,
  Config,
  ConfigInput,
  ContainerReport,
  ConvertedService,
  ConvertResult,
  Diagnostic,
  DiagnosticKind,
  Edit,
  EffectiveCapability,
  EnablingSetting,
  EscapePath,
  EscapePaths,
  EscapeStep,
  Family,
  Fix,
  FixAvailability,
  Grade,
  Grant,
  HardenOptions,
  HardenResult,
  Impact,
  InputKind,
  InputStatus,
  Limits,
  MinimalFix,
  MountKind,
  MountView,
  NamespaceMode,
  NamespacesView,
  NamespaceView,
  Origin,
  Position,
  Profile,
  ProjectFile,
  ProjectInput,
  ProjectOptions,
  ProjectReport,
  ProjectService,
  Range,
  Related,
  Report,
  RuleInfo,
  RuleOptions,
  RulesOptions,
  SensitivePath,
  Severity,
  SeverityCounts,
  SkippedFix,
  SkipReason,
  Summary,
  Suppression,
  TechniqueReference,
  ToComposeOptions,
  Unconverted,
  Unfixed,
  UnfixedReason,
  Utf16Range,
} from "shipshape";

const options: AnalyzeOptions = {
  profile: "restricted",
  env: { TAG: "1.27" },
  fileName: "compose.yaml",
  config: { ignore: ["OPS"], severity: { "PRIV-001": "high" }, options: { allowedHostPaths: ["/srv"] } },
};
export const report: Report = analyze("services: {}", options);
export const composeReport: Report = analyzeCompose("services: {}");
export const runReport: Report = analyzeRun("docker run nginx", null);

const first: Diagnostic | undefined = report.diagnostics[0];
export const line: number | undefined = first?.range.start.line;
export const fixTitle: string | undefined = first?.fix?.edits[0]?.content;
export const severity: Severity | undefined = first?.severity;
export const grade: Grade | null = report.summary.grade;
const container: ContainerReport | undefined = report.containers[0];
export const pid: NamespaceMode | undefined = container?.namespaces.pid.mode;
export const containerGrade: Grade | null | undefined = container?.summary.grade;
export const containerHigh: number | undefined = container?.summary.counts.high;
export const tool: string | undefined = container?.origin.kind === "run" ? container.origin.tool : undefined;
export const mount: MountView | undefined = container?.mounts[0];
export const risk: CapabilityRisk | null | undefined = container?.capabilities.effective[0]?.risk;
export const reason: string | undefined = mount?.sensitive?.reason;
const escape: EscapePath | undefined = container?.escapePaths.open[0];
export const impact: Impact | undefined = escape?.impacts[0];
export const enabling: Range | null | undefined = escape?.steps[0]?.settings[0]?.range;
export const fixEdits: Edit[] | undefined = container?.escapePaths.minimalFixes[0]?.edits;
export const allRules: RuleInfo[] = rules();
export const config: Config = defaultConfig();
export const shipshapeVersion: string = version();

const fixed: ApplyFixesResult = applyFixes("services: {}", report.diagnostics, { unsafe: true });
export const fixedText: string = fixed.text;
export const appliedFirst: AppliedFix | undefined = fixed.applied[0];
const skippedFirst: SkippedFix | undefined = fixed.skipped[0];
export const why: SkipReason | undefined = skippedFirst?.reason;
export const safeOnly: ApplyFixesResult = applyFixes("", report.diagnostics.filter((d) => d.kind === "finding"));

const hardenOptions: HardenOptions = { profile: "restricted", input: "compose", unsafe: true, env: { TAG: "1" } };
const hardened: HardenResult = harden("services: {}", hardenOptions);
export const hardenedText: string = hardened.text;
const change: Change | undefined = harden("docker run --privileged nginx").changes[0];
export const changeApplicability: "safe" | "unsafe" | undefined = change?.applicability;
export const changeLine: number | undefined = change?.range.start.line;
export const changeContainers: string[] | undefined = change?.containers;
const unfixed: Unfixed | undefined = hardened.unfixed[0];
export const unfixedReason: UnfixedReason | undefined = unfixed?.reason;
export const unfixedContainer: string | null | undefined = unfixed?.container;
const convertOptions: ToComposeOptions = { profile: "baseline" };
const converted: ConvertResult = toCompose("docker run --rm nginx", convertOptions);
export const composeText: string = converted.compose;
const leftOut: Unconverted | undefined = converted.unconverted[0];
export const leftOutFlag: string | undefined = leftOut?.flag;
export const leftOutColumn: number | undefined = leftOut?.range.start.column;
export const convertedFindings: Diagnostic[] = converted.diagnostics;
const service: ConvertedService | undefined = converted.services[0];
export const serviceName: string | undefined = service?.name;

// Every other exported type, reached through the report as a reader would.
export const status: InputStatus = report.status;
export const input: InputKind = report.input;
const summary: Summary = report.summary;
export const counts: SeverityCounts = summary.counts;
export const kind: DiagnosticKind | undefined = first?.kind;
export const start: Position | undefined = first?.range.start;
export const bytes: ByteRange | undefined = first?.byteRange;
export const units: Utf16Range | undefined = first?.utf16Range;
export const related: Related | undefined = first?.related[0];
export const suppression: Suppression | null | undefined = first?.suppressed;
const fix: Fix | null | undefined = first?.fix;
export const applicability: Applicability | undefined = fix?.applicability;
export const origin: Origin | undefined = container?.origin;
const capabilities: CapabilitiesView | undefined = container?.capabilities;
export const added: CapabilityEntry | undefined = capabilities?.added[0];
const effective: EffectiveCapability | undefined = capabilities?.effective[0];
export const grant: Grant | undefined = effective?.grant;
export const mountKind: MountKind | undefined = mount?.kind;
export const sensitive: SensitivePath | null | undefined = mount?.sensitive;
const namespaces: NamespacesView | undefined = container?.namespaces;
export const network: NamespaceView | undefined = namespaces?.network;
const paths: EscapePaths | undefined = container?.escapePaths;
const step: EscapeStep | undefined = paths?.oneStepAway[0]?.steps[0];
export const setting: EnablingSetting | undefined = step?.settings[0];
export const reference: TechniqueReference | undefined = escape?.references[0];
export const minimal: MinimalFix | undefined = paths?.minimalFixes[0];
export const profile: Profile = config.profile;
export const ruleOptions: RuleOptions = config.options;
export const limits: Limits = config.limits;
export const configInput: ConfigInput = { limits: { depth: 32 }, options: { allowedHostPaths: ["/srv"] } };
export const family: Family | undefined = allRules[0]?.family;
export const fixAvailability: FixAvailability | undefined = allRules[0]?.fix;
const rulesOptions: RulesOptions = { docsUrl: "https://example.com/rules" };
export const linkedRules: RuleInfo[] = rules(rulesOptions);
const applyOptions: ApplyFixesOptions = { unsafe: false };
export const safeFixed: ApplyFixesResult = applyFixes("", report.diagnostics, applyOptions);

const base: ProjectFile = { name: "compose.yaml", text: "services: {}" };
const projectOptions: ProjectOptions = { profile: "baseline", docsUrl: "https://example.com/rules" };
const projectInput: ProjectInput = { files: [base, { name: ".env", text: "TAG=2" }], env: { TAG: "1" }, profiles: ["debug"], options: projectOptions };
const project: ProjectReport = analyzeProject(projectInput);
export const projectFile: Report | undefined = project.files[0];
const projectService: ProjectService | undefined = project.services[0];
export const serviceActive: boolean | undefined = projectService?.active;
export const relatedFile: string | undefined = projectFile?.diagnostics[0]?.related[0]?.file;
// @ts-expect-error: the files are objects with a name and a text
analyzeProject({ files: ["compose.yaml"] });
// @ts-expect-error: fileName belongs to a single file's options
analyzeProject({ files: [base], options: { fileName: "x" } });

// @ts-expect-error: rules() takes only docsUrl
rules({ profile: "cis" });
// @ts-expect-error: an unknown option key
analyze("", { fileNme: "compose.yaml" });
// @ts-expect-error: harden reads the text as compose or run, never "auto"
harden("", { input: "auto" });
// @ts-expect-error: toCompose has no `unsafe`
toCompose("", { unsafe: true });
// @ts-expect-error: a reason is one of six strings
export const unknownReason: UnfixedReason = "tooHard";
// @ts-expect-error: a change has no message (the result is not `any`)
export const changeMessage = change?.message;
// @ts-expect-error: `unsafe` is a boolean
applyFixes("", [], { unsafe: "yes" });
// @ts-expect-error: diagnostics, not a report
applyFixes("", report);
// @ts-expect-error: an unknown profile
analyze("", { profile: "strict" });
// @ts-expect-error: a severity is one of five strings
export const fatal: Severity = "fatal";
// @ts-expect-error: a diagnostic has no such field (the report is not `any`)
export const missing = report.diagnostics[0]?.lineNumber;
