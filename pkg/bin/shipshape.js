#!/usr/bin/env node
// `shipshape` on the WebAssembly module: the native command line's commands, flags,
// output and exit codes, for `npx shipshape check compose.yaml`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, analyzeCompose, analyzeRun, rules, version } from '../entries/node.js';

/** @typedef {import('../entries/index.js').Report} Report */
/** @typedef {import('../entries/index.js').Severity} Severity */

/** Exit code when the run itself failed: bad arguments, configuration or files. */
const EXIT_ERROR = 2;
/** Exit code when findings at or above `--fail-on` remain. */
const EXIT_FINDINGS = 1;

const USAGE = `Usage: shipshape check [--format text|json] [--profile default|baseline|restricted|cis]
                       [--config FILE] [--env KEY=VALUE]... [--input auto|compose|run]
                       [--fail-on critical|high|medium|low|info|none] FILES...|-
       shipshape rules [--format text|json]
       shipshape version

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

/** @param {string[]} args */
function check(args) {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      profile: { type: 'string' },
      config: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      input: { type: 'string', default: 'auto' },
      'fail-on': { type: 'string', default: 'low' },
    },
  });
  const format = oneOf(values.format, ['text', 'json'], 'format');
  const input = oneOf(values.input, ['auto', 'compose', 'run'], 'input kind');
  const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'none'], 'severity');
  if (files.length === 0) throw new UsageError('`check` needs files to check, or `-` for standard input');

  /** @type {import('../entries/index.js').AnalyzeOptions} */
  const options = { env: environment(values.env) };
  const explicit = values.config === undefined ? undefined : readConfig(values.config);
  if (values.profile !== undefined) {
    options.profile = /** @type {import('../entries/index.js').Profile} */ (values.profile);
  }
  const reports = files.map((file) => {
    const [fileName, text] = file === '-' ? ['<stdin>', readFileSync(0, 'utf8')] : [file, readText(file)];
    const found =
      explicit === undefined ? nearestConfig(file === '-' ? process.cwd() : dirname(resolve(file))) : undefined;
    const config = explicit ?? (found === undefined ? undefined : readConfig(found));
    return analyzer(input, file)(
      text,
      config === undefined ? { ...options, fileName } : { ...options, fileName, config },
    );
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
 * `auto` trusts a file's extension before its content: a Compose file whose comments
 * mention `docker run` is still Compose.
 * @param {string} input
 * @param {string} file
 */
function analyzer(input, file) {
  const extension = extname(file);
  if (input === 'compose' || (input === 'auto' && (extension === '.yml' || extension === '.yaml'))) {
    return analyzeCompose;
  }
  if (input === 'run' || (input === 'auto' && (extension === '.sh' || extension === '.bash'))) return analyzeRun;
  return analyze;
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
