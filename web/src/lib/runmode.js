// Highlighting of docker / podman / nerdctl run commands by role: the engine and its
// subcommand, flags, flag values, the image, and the command run in the container.
// A CodeMirror stream parser: colour only, the analysis reads the text itself.

import { StreamLanguage } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const SUBCOMMANDS = new Set(['run', 'create']);
/**
 * Flags of `run` that take no value, so the word after them is not theirs. A flag
 * missing here only colours the next word as a value.
 */
const NO_VALUE = new Set([
  '--rm',
  '--privileged',
  '--init',
  '--read-only',
  '--detach',
  '-d',
  '--interactive',
  '-i',
  '--tty',
  '-t',
  '--publish-all',
  '-P',
  '--oom-kill-disable',
  '--no-healthcheck',
  '--use-api-socket',
  '--replace',
  '--quiet',
  '-q',
  '--help',
]);

/** What the next word of a command line is. */
const START = 'start';
const ENGINE = 'engine';
const OPTIONS = 'options';
const COMMAND = 'command';
const OTHER = 'other';

function classify(word, state) {
  switch (state.phase) {
    case START:
      if (/^\w+=/.test(word)) return 'value';
      if (word === 'sudo') return 'keyword';
      if (ENGINES.has(word)) {
        state.phase = ENGINE;
        return 'keyword';
      }
      state.phase = OTHER;
      return null;
    case ENGINE:
      if (SUBCOMMANDS.has(word)) {
        state.phase = OPTIONS;
        return 'keyword';
      }
      if (word === 'container') return 'keyword';
      if (word.startsWith('-')) return 'flag';
      state.phase = OTHER;
      return null;
    case OPTIONS:
      if (state.flagValue) {
        state.flagValue = false;
        return 'value';
      }
      if (word === '--') return 'flag';
      if (word.startsWith('-')) {
        // `-it`: combined short flags without a value; `--name=x` holds its own.
        state.flagValue = !word.includes('=') && !NO_VALUE.has(word) && !/^-[a-zA-Z]{2,}$/.test(word);
        return 'flag';
      }
      state.phase = COMMAND;
      return 'image';
    case COMMAND:
      return 'command';
    default:
      return null;
  }
}

const runCommands = {
  name: 'run-commands',
  startState: () => ({ phase: START, flagValue: false, continued: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (stream.sol()) {
      // A line ending in `\` continues the command on the next one.
      if (!state.continued) {
        state.phase = START;
        state.flagValue = false;
      }
      state.continued = false;
    }
    if (stream.eatSpace()) return null;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^\\\s*$/)) {
      state.continued = true;
      return 'meta';
    }
    if (stream.match(/^(&&|\|\||[|;&()])/)) {
      state.phase = START;
      state.flagValue = false;
      return 'operator';
    }
    if (stream.match(/^(\$\{[^}]*\}?|\$\w+)/)) {
      // A variable stands for a word: it takes that word's place in the command.
      classify('$', state);
      return 'variable';
    }
    const quoted = stream.match(/^("(?:[^"\\]|\\.)*"?|'[^']*'?)/);
    const word = quoted ? quoted[0] : stream.match(/^[^\s;&|()]+/)?.[0];
    if (!word) {
      stream.next();
      return null;
    }
    const role = classify(word, state);
    return quoted && role === null ? 'string' : role;
  },
  tokenTable: {
    keyword: tags.keyword,
    flag: tags.attributeName,
    value: tags.string,
    image: tags.className,
    command: tags.content,
    variable: tags.special(tags.variableName),
    comment: tags.lineComment,
    meta: tags.meta,
    operator: tags.operator,
    string: tags.string,
  },
  languageData: { commentTokens: { line: '#' } },
};

export const runCommandsLanguage = StreamLanguage.define(runCommands);
