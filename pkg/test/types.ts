// Compiled with `tsc --noEmit` against the generated declarations (scripts/types-test.sh):
// every export is typed precisely, so real use compiles and misuse does not.
import { analyze, analyzeCompose, analyzeRun, applyFixes, defaultConfig, harden, rules, toCompose, version } from "shipshape";
import type {
  AnalyzeOptions,
  AppliedFix,
  ApplyFixesResult,
  CapabilityRisk,
  Change,
  Config,
  ContainerReport,
  ConvertResult,
  Diagnostic,
  Edit,
  EscapePath,
  Grade,
  HardenOptions,
  HardenResult,
  Impact,
  MountView,
  NamespaceMode,
  Range,
  Report,
  RuleInfo,
  Severity,
  SkippedFix,
  SkipReason,
  Unconverted,
  Unfixed,
  UnfixedReason,
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
const converted: ConvertResult = toCompose("docker run --rm nginx", { profile: "baseline" });
export const composeText: string = converted.compose;
const leftOut: Unconverted | undefined = converted.unconverted[0];
export const leftOutFlag: string | undefined = leftOut?.flag;
export const leftOutColumn: number | undefined = leftOut?.range.start.column;
export const convertedFindings: Diagnostic[] = converted.diagnostics;
export const serviceName: string | undefined = converted.services[0]?.name;

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
