// From shipshape's reports to Language Server Protocol values: which analysis a
// document gets, diagnostics, code actions and hovers. Pure functions, so the
// server only wires them to the connection.
import { analyzeCompose, analyzeRun } from 'shipshape';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, MarkupKind } from 'vscode-languageserver';

/** @typedef {import('shipshape').Report} Report */
/** @typedef {import('shipshape').Diagnostic} Finding */
/** @typedef {import('shipshape').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('shipshape').Range} ReportRange */
/** @typedef {import('vscode-languageserver').Range} Range */
/** @typedef {import('vscode-languageserver').Position} Position */
/** @typedef {import('vscode-languageserver').Diagnostic} Diagnostic */
/** @typedef {import('vscode-languageserver').CodeAction} CodeAction */
/** @typedef {import('vscode-languageserver').Hover} Hover */
/** @typedef {import('vscode-languageserver').TextEdit} TextEdit */

/** The installed package's folder: it ships the rule pages a finding's `url` names. */
const PACKAGE_ROOT = new URL('./', import.meta.resolve('shipshape/package.json'));

/** The code of the finding for a suppression comment that silences nothing. */
const UNUSED_SUPPRESSION = 'SYN-006';
/** The code of the finding for a text without any run command. */
const NO_CONTAINER_COMMAND = 'SYN-014';

/** The kind of the action that applies every safe fix (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.shipshape`;

const COMPOSE_FILE = /(^|\/)(docker-)?compose[^/]*\.ya?ml$/;

/**
 * What a document holds: `compose` (Compose files, by language or file name), `run`
 * (shell scripts), `markdown` (run commands in fenced code blocks) or `null`.
 * @param {string} uri
 * @param {string} languageId
 * @returns {'compose' | 'run' | 'markdown' | null}
 */
export function documentKind(uri, languageId) {
  if (languageId === 'dockercompose' || COMPOSE_FILE.test(new URL(uri).pathname)) return 'compose';
  if (languageId === 'shellscript') return 'run';
  if (languageId === 'markdown') return 'markdown';
  return null;
}

const SHELL_FENCE = /^\s*(```|~~~)\s*(sh|bash|shell|zsh|console)?\s*$/;

/**
 * The Markdown text with every line outside shell code blocks blanked, so the run
 * front-end sees only commands and every position stays the document's own.
 * @param {string} text
 */
export function shellBlocks(text) {
  /** @type {string | null} */
  let fence = null;
  return text
    .split('\n')
    .map((line) => {
      const opening = SHELL_FENCE.exec(line);
      if (fence === null) {
        if (opening) fence = opening[1] ?? null;
        return '';
      }
      if (line.trim() === fence) {
        fence = null;
        return '';
      }
      return line;
    })
    .join('\n');
}

/**
 * Analyses a document of the given kind.
 * @param {string} text
 * @param {'compose' | 'run' | 'markdown'} kind
 * @param {AnalyzeOptions} options
 * @returns {Report}
 */
export function analyzeDocument(text, kind, options) {
  if (kind === 'compose') return analyzeCompose(text, options);
  const report = analyzeRun(kind === 'markdown' ? shellBlocks(text) : text, options);
  // Most scripts and notes run no container; saying so on each would be noise.
  return { ...report, diagnostics: report.diagnostics.filter((finding) => finding.code !== NO_CONTAINER_COMMAND) };
}

/**
 * A report range (1-based lines and UTF-16 columns) as an LSP range (0-based).
 * @param {ReportRange} range
 * @returns {Range}
 */
export function toRange({ start, end }) {
  return {
    start: { line: start.line - 1, character: start.column - 1 },
    end: { line: end.line - 1, character: end.column - 1 },
  };
}

/** @type {Record<import('shipshape').Severity, DiagnosticSeverity>} */
const SEVERITY = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/**
 * The unsuppressed findings of a report as LSP diagnostics of the document `uri`.
 * @param {Report} report
 * @param {string} uri
 * @returns {Diagnostic[]}
 */
export function toDiagnostics(report, uri) {
  return report.diagnostics
    .filter((finding) => finding.suppressed === null)
    .map((finding) => {
      /** @type {Diagnostic} */
      const diagnostic = {
        range: toRange(finding.range),
        severity: SEVERITY[finding.severity],
        code: finding.code,
        codeDescription: { href: new URL(finding.url, PACKAGE_ROOT).href },
        source: 'shipshape',
        message: finding.help === null ? finding.message : `${finding.message}\n${finding.help}`,
        relatedInformation: finding.related.map((related) => ({
          location: { uri, range: toRange(related.range) },
          message: related.message,
        })),
      };
      if (finding.code === UNUSED_SUPPRESSION) diagnostic.tags = [DiagnosticTag.Unnecessary];
      return diagnostic;
    });
}

/**
 * The finding an editor diagnostic came from.
 * @param {Report} report
 * @param {Diagnostic} diagnostic
 */
function findingOf(report, diagnostic) {
  return report.diagnostics.find(
    (finding) =>
      finding.suppressed === null &&
      finding.code === diagnostic.code &&
      sameRange(toRange(finding.range), diagnostic.range),
  );
}

/** @param {Range} a @param {Range} b */
function sameRange(a, b) {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * @param {import('shipshape').Fix} fix
 * @returns {TextEdit[]}
 */
function textEdits(fix) {
  return fix.edits.map((edit) => ({ range: toRange(edit.range), newText: edit.content }));
}

/**
 * Quick fixes for the diagnostics the editor asks about: the finding's fix (an
 * unsafe one says so and is never preferred) and, in Compose files, a comment that
 * suppresses the rule on that line.
 * @param {Report} report
 * @param {string} uri
 * @param {string} text the document's text
 * @param {Diagnostic[]} diagnostics
 * @returns {CodeAction[]}
 */
export function quickFixes(report, uri, text, diagnostics) {
  /** @type {CodeAction[]} */
  const actions = [];
  for (const diagnostic of diagnostics) {
    const finding = diagnostic.source === 'shipshape' ? findingOf(report, diagnostic) : undefined;
    if (!finding) continue;
    if (finding.fix) {
      const safe = finding.fix.applicability === 'safe';
      actions.push({
        title: safe ? finding.fix.title : `${finding.fix.title} (unsafe: changes what the container may do, review it)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: safe,
        edit: { changes: { [uri]: textEdits(finding.fix) } },
      });
    }
    if (report.input === 'compose' && finding.code !== UNUSED_SUPPRESSION) {
      actions.push({
        title: `Ignore ${finding.code} (${finding.name}) on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [suppressionEdit(text, finding.range.start.line - 1, finding.code)] } },
      });
    }
  }
  return actions;
}

const LINE_SUPPRESSION = /^(\s*)#\s*shipshape:\s*ignore\s*\[([^\]]*)\]/;

/**
 * An edit that writes `# shipshape: ignore[CODE]` alone on the line above `line`
 * (0-based), indented like it, or adds the code to such a comment already there.
 * The comment is written above rather than at the end of the line because the
 * line may end in a comment or a block scalar indicator.
 * @param {string} text
 * @param {number} line
 * @param {string} code
 * @returns {TextEdit}
 */
export function suppressionEdit(text, line, code) {
  const lines = text.split('\n');
  const above = line > 0 ? LINE_SUPPRESSION.exec(lines[line - 1] ?? '') : null;
  if (above) {
    const listEnd = above[0].length - 1;
    const at = { line: line - 1, character: listEnd };
    return { range: { start: at, end: at }, newText: `, ${code}` };
  }
  const indent = /^\s*/.exec(lines[line] ?? '')?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# shipshape: ignore[${code}]\n` };
}

/**
 * `source.fixAll`: every safe fix at once, skipping fixes whose edits overlap one
 * already taken. Unsafe fixes change behaviour and are only offered one by one.
 * @param {Report} report
 * @param {string} uri
 * @returns {CodeAction | null}
 */
export function fixAll(report, uri) {
  /** @type {TextEdit[]} */
  const edits = [];
  /** @type {[number, number][]} */
  const taken = [];
  for (const finding of report.diagnostics) {
    if (finding.suppressed !== null || finding.fix?.applicability !== 'safe') continue;
    const ranges = finding.fix.edits.map((edit) => edit.byteRange);
    if (ranges.some(([start, end]) => taken.some(([s, e]) => start < e && s < end))) continue;
    taken.push(...ranges);
    edits.push(...textEdits(finding.fix));
  }
  if (edits.length === 0) return null;
  return {
    title: 'Apply every safe shipshape fix',
    kind: FIX_ALL_KIND,
    edit: { changes: { [uri]: edits } },
  };
}

/**
 * @param {ReportRange} range
 * @param {Position} position 0-based
 */
function contains(range, { line, character }) {
  const { start, end } = toRange(range);
  const after = line > start.line || (line === start.line && character >= start.character);
  const before = line < end.line || (line === end.line && character <= end.character);
  return after && before;
}

/**
 * What a capability name or a mount under the cursor means, from the report's
 * capability and mount views.
 * @param {Report} report
 * @param {Position} position
 * @returns {Hover | null}
 */
export function hover(report, position) {
  for (const container of report.containers) {
    if (!contains(container.range, position)) continue;
    const { capabilities } = container;
    for (const [entries, verb] of /** @type {const} */ ([
      [capabilities.added, 'added'],
      [capabilities.dropped, 'dropped'],
    ])) {
      const entry = entries.find((candidate) => contains(candidate.range, position));
      if (entry) return capabilityHover(container, entry, verb);
    }
    const mount = container.mounts.find((candidate) => contains(candidate.range, position));
    if (mount?.kind === 'bind' && mount.source !== null) return mountHover(mount);
  }
  return null;
}

/**
 * @param {import('shipshape').ContainerReport} container
 * @param {import('shipshape').CapabilityEntry} entry
 * @param {'added' | 'dropped'} verb
 * @returns {Hover}
 */
function capabilityHover(container, entry, verb) {
  const name = entry.name ?? entry.raw;
  const lines = [`**${name}** (${verb} for \`${container.name}\`)`];
  if (name === 'ALL') {
    lines.push(verb === 'added' ? 'Every capability the kernel knows.' : 'Every capability, defaults included.');
  }
  const effective = container.capabilities.effective.find((capability) => capability.name === name);
  if (effective?.risk) lines.push(`${effective.risk.severity} risk: a process holding it ${effective.risk.summary}`);
  if (verb === 'dropped' && name !== 'ALL') {
    lines.push(effective ? 'Still granted: privileged mode or another entry adds it back.' : 'Not granted.');
  }
  const effectiveNames = container.capabilities.effective.map((capability) => capability.name);
  lines.push(`Effective set: ${effectiveNames.length ? effectiveNames.join(', ') : 'none'}`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(entry.range) };
}

/**
 * @param {import('shipshape').MountView} mount
 * @returns {Hover}
 */
function mountHover(mount) {
  const access = mount.readOnly ? 'read-only' : 'read-write';
  const lines = [`Host path **${mount.source}** mounted at \`${mount.target ?? '?'}\` (${access})`];
  const { sensitive } = mount;
  if (sensitive) {
    const severity = mount.readOnly ? sensitive.severityRo : sensitive.severityRw;
    const where = { same: 'is', inside: 'lies inside', contains: 'contains' }[sensitive.relation];
    lines.push(`${severity}: it ${where} \`${sensitive.matched}\`, ${sensitive.reason}.`);
  } else {
    lines.push('Not a path shipshape knows to be sensitive.');
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(mount.range) };
}
