#!/usr/bin/env node
// `shipshape` on the WebAssembly module: the native command line's commands, flags,
// output and exit codes, for `npx shipshape check compose.yaml`.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, analyzeCompose, analyzeRun, harden, rules, toCompose, version } from '../entries/node.js';

/** @typedef {import('../entries/index.js').Report} Report */
/** @typedef {import('../entries/index.js').Severity} Severity */
/** @typedef {import('../entries/index.js').HardenResult} HardenResult */
/** @typedef {import('../entries/index.js').AnalyzeOptions} AnalyzeOptions */

/** Exit code when the run itself failed: bad arguments, configuration or files. */
const EXIT_ERROR = 2;
/** Exit code when findings at or above `--fail-on` remain. */
const EXIT_FINDINGS = 1;

const USAGE = `Usage: shipshape check [--format text|json] [--profile default|baseline|restricted|cis]
                       [--config FILE] [--env KEY=VALUE]... [--input auto|compose|run]
                       [--fail-on critical|high|medium|low|info|none] FILES...|-
       shipshape harden [--unsafe] [--write|--json] [ANALYSIS OPTIONS] FILE|-
       shipshape convert [-o OUT] [--harden [--unsafe]] [--json] [ANALYSIS OPTIONS] FILE|-
       shipshape explain CODE|NAME
       shipshape rules [--format text|json]
       shipshape version

Analysis options: [--profile default|baseline|restricted|cis] [--config FILE]
                  [--env KEY=VALUE]... [--input auto|compose|run]
A unified diff of the hardened text (\`harden --diff\`) is in the native CLI only.

Exit status: 0 no findings at or above --fail-on (default: low), 1 such findings, 2 error.
`;

/** A mistake in the command line; the message is followed by a pointer to the usage. */
class UsageError extends Error {}

/** @type {Severity[]} */
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * Runs the command line `args` (without the program name) and returns its exit code.
 * @param {string[]} args
 * @returns {number}
 */
function main(args) {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      return check(rest);
    case 'harden':
      return hardenFile(rest);
    case 'convert':
      return convert(rest);
    case 'explain':
      return explain(rest);
    case 'rules':
      return listRules(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
    case '--version':
    case '-V':
      process.stdout.write(`shipshape ${version()}\n`);
      return 0;
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command \`${command}\``);
  }
}

/**
 * @param {string} value
 * @param {string[]} allowed
 * @param {string} what
 */
function oneOf(value, allowed, what) {
  if (!allowed.includes(value)) {
    throw new UsageError(`unknown ${what} \`${value}\`; expected ${allowed.join(', ')}`);
  }
  return value;
}

/**
 * The options every command that analyses takes, as `parseArgs` reads them.
 * @type {{
 *   profile: { type: 'string' },
 *   config: { type: 'string' },
 *   env: { type: 'string', multiple: true, default: string[] },
 *   input: { type: 'string', default: string },
 * }}
 */
const ANALYSIS_OPTIONS = {
  profile: { type: 'string' },
  config: { type: 'string' },
  env: { type: 'string', multiple: true, default: [] },
  input: { type: 'string', default: 'auto' },
};

/**
 * How to analyse each file: the profile, environment and input kind given, and the
 * configuration of `--config` or else the nearest one to the file.
 * @param {{ profile?: string, config?: string, env: string[], input: string }} values
 */
function analysis(values) {
  const input = oneOf(values.input, ['auto', 'compose', 'run'], 'input kind');
  /** @type {AnalyzeOptions} */
  const options = { env: environment(values.env) };
  if (values.profile !== undefined) {
    options.profile = /** @type {import('../entries/index.js').Profile} */ (values.profile);
  }
  const explicit = values.config === undefined ? undefined : readConfig(values.config);
  return {
    input,
    /** @param {string} file @returns {{ fileName: string, text: string, options: AnalyzeOptions }} */
    read(file) {
      const [fileName, text] = file === '-' ? ['<stdin>', readFileSync(0, 'utf8')] : [file, readText(file)];
      const found =
        explicit === undefined ? nearestConfig(file === '-' ? process.cwd() : dirname(resolve(file))) : undefined;
      const config = explicit ?? (found === undefined ? undefined : readConfig(found));
      return {
        fileName,
        text,
        options: config === undefined ? { ...options, fileName } : { ...options, fileName, config },
      };
    },
  };
}

/** @param {string[]} args */
function check(args) {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ANALYSIS_OPTIONS,
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'low' },
    },
  });
  const format = oneOf(values.format, ['text', 'json'], 'format');
  const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'none'], 'severity');
  const { input, read } = analysis(values);
  if (files.length === 0) throw new UsageError('`check` needs files to check, or `-` for standard input');

  const reports = files.map((file) => {
    const { text, options } = read(file);
    return analyzer(input, file)(text, options);
  });
  process.stdout.write(format === 'json' ? json(reports) : text(reports));

  const threshold = SEVERITIES.indexOf(/** @type {Severity} */ (failOn));
  const failing = reports.some((report) =>
    report.diagnostics.some(
      (d) => d.suppressed === null && threshold >= 0 && SEVERITIES.indexOf(d.severity) >= threshold,
    ),
  );
  return failing ? EXIT_FINDINGS : 0;
}

/**
 * The one file a command takes.
 * @param {string[]} files
 * @param {string} command
 */
function single(files, command) {
  const [file, ...more] = files;
  if (file === undefined) throw new UsageError(`\`${command}\` needs a file, or \`-\` for standard input`);
  if (more.length > 0) throw new UsageError(`\`${command}\` takes one file; got ${files.length}`);
  return file;
}

/**
 * `shipshape harden`: the hardened text on standard output (or back in the file), the summary on standard error.
 * @param {string[]} args
 */
function hardenFile(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ANALYSIS_OPTIONS,
      unsafe: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      diff: { type: 'boolean', default: false },
    },
  });
  if (values.diff) throw new UsageError('`--diff` is in the native CLI only; use `--json` or compare the output');
  if (values.write && values.json) throw new UsageError('`--write` and `--json` do not go together');
  const file = single(positionals, 'harden');
  const { input, read } = analysis(values);
  const { fileName, text, options } = read(file);
  const kind = inputKind(input, file);
  const hardened = harden(text, {
    ...withoutFileName(options),
    ...(kind === undefined ? {} : { input: kind }),
    unsafe: values.unsafe,
  });
  if (values.json) {
    process.stdout.write(json(hardened));
    return 0;
  }
  const report = summary(fileName, hardened);
  if (values.write) {
    if (file === '-') throw new UsageError('--write needs a file, not standard input');
    if (hardened.text !== text) writeFileSync(file, hardened.text);
    process.stdout.write(report);
  } else {
    process.stderr.write(report);
    process.stdout.write(hardened.text);
  }
  return 0;
}

/**
 * The options of `harden` and `toCompose`, which report no file name.
 * @param {AnalyzeOptions} options
 */
function withoutFileName({ fileName: _, ...options }) {
  return options;
}

/**
 * What hardening did, as the native CLI says it: one line per change, then a count
 * of what is left.
 * @param {string} name
 * @param {HardenResult} hardened
 */
function summary(name, hardened) {
  let out = '';
  for (const change of hardened.changes) {
    const { line, column } = change.range.start;
    const unsafe = change.applicability === 'unsafe' ? ' (changes behaviour)' : '';
    out += `${name}:${line}:${column}: ${change.code} ${change.title}${unsafe}\n`;
  }
  const left = (/** @type {string[]} */ reasons) =>
    hardened.unfixed.filter((unfixed) => reasons.includes(unfixed.reason)).length;
  const unsafeLeft = left(['unsafe']);
  const byHand = left(['noFix', 'notWritable']);
  const mode = hardened.includeUnsafe ? 'safe and unsafe fixes' : 'safe fixes only';
  const changes = hardened.changes.length;
  out += `${changes} change${changes === 1 ? '' : 's'} applied (${mode}); ${byHand} finding${byHand === 1 ? '' : 's'} need a change by hand`;
  if (unsafeLeft > 0) {
    const one = unsafeLeft === 1;
    out += `; ${unsafeLeft} more fix${one ? '' : 'es'} change${one ? 's' : ''} behaviour: review them and rerun with --unsafe`;
  }
  return `${out}\n`;
}

/**
 * `shipshape convert`: run commands to a Compose file, each flag left out named on standard error.
 * @param {string[]} args
 */
function convert(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ANALYSIS_OPTIONS,
      out: { type: 'string', short: 'o' },
      harden: { type: 'boolean', default: false },
      unsafe: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.unsafe && !values.harden) throw new UsageError('`--unsafe` needs `--harden`');
  if (values.json && values.out !== undefined) throw new UsageError('`--json` and `--out` do not go together');
  const file = single(positionals, 'convert');
  const { fileName, text, options: withName } = analysis(values).read(file);
  const options = withoutFileName(withName);
  const conversion = toCompose(text, options);
  if (conversion.services.length === 0) {
    throw new Error(`\`${fileName}\` has no docker, podman or nerdctl run command to convert`);
  }
  const hardened = values.harden
    ? harden(conversion.compose, { ...options, input: 'compose', unsafe: values.unsafe })
    : undefined;
  if (values.json) {
    process.stdout.write(json(hardened === undefined ? conversion : { conversion, hardened }));
    return 0;
  }
  for (const leftOut of conversion.unconverted) {
    const { line, column } = leftOut.range.start;
    process.stderr.write(`${fileName}:${line}:${column}: \`${leftOut.flag}\` not converted: ${leftOut.reason}\n`);
  }
  if (hardened !== undefined) process.stderr.write(summary(values.out ?? '<converted>', hardened));
  const compose = hardened === undefined ? conversion.compose : hardened.text;
  if (values.out === undefined) process.stdout.write(compose);
  else writeFileSync(values.out, compose);
  return 0;
}

/** Each rule's documentation as terminal text, written by `shipshape docs` beside the rule pages. */
const EXPLANATIONS = fileURLToPath(new URL('../docs/rules/explain.json', import.meta.url));

/**
 * `shipshape explain CODE|NAME`: the rule's documentation, as the native CLI prints it.
 * @param {string[]} args
 */
function explain(args) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [wanted, ...more] = positionals;
  if (wanted === undefined || more.length > 0) throw new UsageError('`explain` takes one rule code or name');
  const key = wanted.toLowerCase();
  const rule = rules().find((r) => r.code.toLowerCase() === key || r.name === wanted);
  if (rule === undefined) throw new Error(`unknown rule \`${wanted}\`; \`shipshape rules\` lists them`);
  /** @type {Record<string, string>} */
  const explanations = JSON.parse(readFileSync(EXPLANATIONS, 'utf8'));
  process.stdout.write(explanations[rule.code] ?? '');
  return 0;
}

/**
 * The input kind to read `file` as: `auto` trusts a file's extension before its
 * content (a Compose file whose comments mention `docker run` is still Compose);
 * `undefined` leaves it to the content.
 * @param {string} input
 * @param {string} file
 * @returns {'compose' | 'run' | undefined}
 */
function inputKind(input, file) {
  const extension = extname(file);
  if (input === 'compose' || (input === 'auto' && (extension === '.yml' || extension === '.yaml'))) return 'compose';
  if (input === 'run' || (input === 'auto' && (extension === '.sh' || extension === '.bash'))) return 'run';
  return undefined;
}

/**
 * @param {string} input
 * @param {string} file
 */
function analyzer(input, file) {
  const kind = inputKind(input, file);
  return kind === 'compose' ? analyzeCompose : kind === 'run' ? analyzeRun : analyze;
}

/** Configuration files looked for in a file's directory and each one above it. */
const CONFIG_FILES = ['shipshape.json', '.shipshape.json'];

/**
 * Without `--config`: the nearest configuration file in `dir` or above, as the native
 * CLI finds it.
 * @param {string} dir
 * @returns {string | undefined}
 */
function nearestConfig(dir) {
  for (let at = dir; ; at = dirname(at)) {
    const found = CONFIG_FILES.map((name) => join(at, name)).find(
      (file) => existsSync(file) && statSync(file).isFile(),
    );
    if (found !== undefined || dirname(at) === at) return found;
  }
}

/** @param {string[]} pairs `KEY=VALUE` */
function environment(pairs) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 0) throw new UsageError(`\`--env ${pair}\` is not KEY=VALUE`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** @param {string} file */
function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read \`${file}\`: ${reason(error)}`);
  }
}

/** @param {string} file */
function readConfig(file) {
  try {
    return JSON.parse(readText(file));
  } catch (error) {
    throw new Error(`invalid configuration \`${file}\`:\n${reason(error)}`);
  }
}

/** @param {unknown} error */
function reason(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * ruff-style lines: `file:line:col: CODE [severity] container: message`, then the help.
 * @param {Report[]} reports
 */
function text(reports) {
  let out = '';
  let shown = 0;
  let suppressed = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.suppressed !== null) {
        suppressed += 1;
        continue;
      }
      shown += 1;
      const container = d.container === null ? '' : `${d.container}: `;
      const { line, column } = d.range.start;
      out += `${report.fileName}:${line}:${column}: ${d.code} [${d.severity}] ${container}${d.message}\n`;
      if (d.help !== null) out += `  help: ${d.help}\n`;
    }
  }
  const summary = shown === 0 ? 'No findings' : `Found ${shown} finding${shown === 1 ? '' : 's'}`;
  return out + (suppressed === 0 ? `${summary}.\n` : `${summary} (${suppressed} suppressed).\n`);
}

/**
 * Pretty JSON with the keys of every object sorted, as the native CLI writes it.
 * @param {unknown} value
 */
function json(value) {
  return `${JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? sorted(v) : v), 2)}\n`;
}

/** @param {object} object */
function sorted(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** @param {string[]} args */
function listRules(args) {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } } });
  const format = oneOf(values.format, ['text', 'json'], 'format');
  const all = rules();
  if (format === 'json') {
    process.stdout.write(json(all));
    return 0;
  }
  for (const rule of all) {
    const columns = [rule.code.padEnd(9), rule.name.padEnd(36), rule.severity.padEnd(9), rule.profiles.join(',')];
    process.stdout.write(`${columns.join(' ')}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`error: ${reason(error)}\n${usage ? 'Run `shipshape help` for usage.\n' : ''}`);
  process.exitCode = EXIT_ERROR;
}
