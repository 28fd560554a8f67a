// End-to-end test of the language server: a real JSON-RPC client talks to
// `node src/server.mjs --stdio` as an editor would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** @typedef {import('vscode-languageserver-protocol').Diagnostic} Diagnostic */
/** @typedef {import('vscode-languageserver-protocol').PublishDiagnosticsParams} Published */

// SHIPSHAPE_SERVER runs the test against another copy, such as the one in the .vsix.
const SERVER = process.env.SHIPSHAPE_SERVER ?? new URL('../src/server.mjs', import.meta.url).pathname;
const workspace = mkdtempSync(join(tmpdir(), 'shipshape-lsp-'));
const composeUri = pathToFileURL(join(workspace, 'compose.yaml')).href;
const scriptUri = pathToFileURL(join(workspace, 'deploy.sh')).href;
const markdownUri = pathToFileURL(join(workspace, 'NOTES.md')).href;

// The emoji is two UTF-16 code units and four UTF-8 bytes before `true`.
const compose = `services:
  web: { image: "nginx:1.27", labels: { note: "🚀 fast" }, privileged: true }
  worker:
    image: busybox
    cap_drop: [NET_ADMIN]
    cap_add: [SYS_ADMIN, NET_ADMIN, CHOWN]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`;
const script = `#!/bin/sh
set -e
docker run --privileged -v /:/host nginx
`;

/** Settings the client hands out when the server asks for `shipshape`. */
let settings = { profile: '', ignore: /** @type {string[]} */ ([]), config: '' };
// The package's trap-preload.mjs lets a test make the module trap (SIGUSR2 arms it).
const preload = new URL('../../../pkg/test/trap-preload.mjs', import.meta.url).pathname;
const server = spawn(process.execPath, ['--import', preload, SERVER, '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const exited = new Promise((resolve) => server.on('exit', resolve));
const connection = createProtocolConnection(
  new StreamMessageReader(server.stdout),
  new StreamMessageWriter(server.stdin),
);

/** @type {Published[]} */
const published = [];
/** @type {(() => void)[]} */
const listeners = [];
connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
  published.push(params);
  for (const listener of listeners.splice(0)) listener();
});
connection.onRequest('workspace/configuration', (/** @type {{ items: unknown[] }} */ { items }) =>
  items.map(() => settings),
);
/** @type {string[]} */
const messages = [];
connection.onNotification('window/showMessage', (/** @type {{ message: string }} */ { message }) => {
  messages.push(message);
});
connection.listen();

/**
 * The diagnostics published for `uri` at `version` or later, among those published
 * since `published[from]`, waiting at most five seconds.
 * @param {string} uri
 * @param {number} version
 * @param {number} from
 * @returns {Promise<Diagnostic[]>}
 */
async function diagnosticsFor(uri, version, from) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = published.slice(from).findLast((params) => params.uri === uri && (params.version ?? 0) >= version);
    if (found) return found.diagnostics;
    assert.ok(Date.now() < deadline, `no diagnostics for ${uri} version ${version}`);
    await new Promise((resolve) => {
      listeners.push(() => resolve(undefined));
      setTimeout(resolve, 100);
    });
  }
}

/** The diagnostics last published for `uri`. */
function latest(/** @type {string} */ uri) {
  return published.findLast((params) => params.uri === uri)?.diagnostics ?? [];
}

/** @param {Diagnostic[]} diagnostics */
const codes = (diagnostics) => diagnostics.map((diagnostic) => diagnostic.code);

/** @param {Diagnostic[]} diagnostics @param {string} code */
function only(diagnostics, code) {
  const matching = diagnostics.filter((diagnostic) => diagnostic.code === code);
  assert.equal(matching.length, 1, `one ${code} in ${codes(diagnostics)}`);
  return /** @type {Diagnostic} */ (matching[0]);
}

/**
 * The Markdown text of a hover.
 * @param {import('vscode-languageserver-protocol').Hover | null} hover
 */
function markdown(hover) {
  assert.ok(hover, 'a hover');
  return /** @type {import('vscode-languageserver-protocol').MarkupContent} */ (hover.contents).value;
}

/** Open documents as the client knows them. */
const documents = new Map();
let composeVersion = 1;

/**
 * Applies `edits` to the client's copy of the Compose file and sends them as an
 * incremental change (last edit first, so earlier ranges stay valid).
 * @param {import('vscode-languageserver-protocol').TextEdit[]} edits
 */
async function editCompose(edits) {
  const document = documents.get(composeUri);
  composeVersion += 1;
  const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  const text = TextDocument.applyEdits(document, edits);
  const from = published.length;
  documents.set(composeUri, TextDocument.create(composeUri, 'dockercompose', composeVersion, text));
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: composeUri, version: composeVersion },
    contentChanges: sorted.map((edit) => ({ range: edit.range, text: edit.newText })),
  });
  return diagnosticsFor(composeUri, composeVersion, from);
}

/**
 * The code actions for `diagnostic`, or the actions of the `only` kinds.
 * @param {Diagnostic} diagnostic
 * @param {string[]} [only]
 * @returns {Promise<import('vscode-languageserver-protocol').CodeAction[]>}
 */
async function codeActions(diagnostic, only) {
  const actions = await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: composeUri },
    range: diagnostic.range,
    context: only ? { diagnostics: [], only } : { diagnostics: [diagnostic] },
  });
  return /** @type {import('vscode-languageserver-protocol').CodeAction[]} */ (actions ?? []);
}

/** @param {string} uri @param {string} languageId @param {string} text */
async function open(uri, languageId, text) {
  documents.set(uri, TextDocument.create(uri, languageId, 1, text));
  const from = published.length;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version: 1, text },
  });
  return diagnosticsFor(uri, 1, from);
}

after(() => assert.equal(messages.length, 1, `${messages}`));

before(async () => {
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
    },
  });
  assert.equal(result.serverInfo?.name, 'shipshape');
  assert.equal(result.capabilities.hoverProvider, true);
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => rmSync(workspace, { recursive: true, force: true }));

test('a Compose file gets diagnostics with UTF-16 ranges, codes, rule links and related locations', async () => {
  const diagnostics = await open(composeUri, 'dockercompose', compose);
  assert.deepEqual(codes(diagnostics), ['PRIV-001', 'CAP-010', 'CAP-002', 'CAP-004', 'CAP-010', 'MNT-001']);
  const privileged = only(diagnostics, 'PRIV-001');
  // `true` starts at UTF-16 column 71 (0-based); counted in bytes it would be 73.
  assert.equal(compose.split('\n')[1]?.indexOf('true'), 71);
  assert.deepEqual(privileged.range, { start: { line: 1, character: 71 }, end: { line: 1, character: 75 } });
  assert.equal(privileged.severity, 1);
  assert.equal(privileged.source, 'shipshape');
  // The rule's page, shipped in the installed package.
  const page = new URL(privileged.codeDescription?.href ?? '');
  assert.equal(page.hash, '#privileged-container');
  assert.match(readFileSync(page, 'utf8'), /<h1[^>]*>.*PRIV-001/);
  assert.match(String(privileged.message), /privileged mode/);
  const socket = only(diagnostics, 'MNT-001');
  assert.deepEqual(socket.range, { start: { line: 7, character: 8 }, end: { line: 7, character: 28 } });
  const keptDespiteDrop = diagnostics.find((d) => d.code === 'CAP-010' && d.range.start.line === 4);
  assert.deepEqual(keptDespiteDrop?.relatedInformation, [
    {
      location: { uri: composeUri, range: { start: { line: 5, character: 25 }, end: { line: 5, character: 34 } } },
      message: 'NET_ADMIN is added here',
    },
  ]);
  const defaultAdded = diagnostics.find((d) => d.code === 'CAP-010' && d.range.start.line === 5);
  assert.equal(defaultAdded?.severity, 4, 'info maps to a hint');
});

test('a shell script gets the run-command diagnostics', async () => {
  const diagnostics = await open(scriptUri, 'shellscript', script);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [
      ['PRIV-001', 2, 11, 23],
      ['MNT-004', 2, 27, 28],
    ],
  );
});

test('Markdown: only commands in shell code blocks are read, at their own lines', async () => {
  const notes = '# Run it\n\nNot this: docker run --privileged x\n\n```sh\ndocker run --pid=host nginx\n```\n';
  const diagnostics = await open(markdownUri, 'markdown', notes);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['NS-001', 5, 17]],
  );
  assert.deepEqual(await open(pathToFileURL(join(workspace, 'plain.md')).href, 'markdown', '# Nothing to run\n'), []);
});

test('a suppression that silences nothing is tagged unnecessary', async () => {
  const uri = pathToFileURL(join(workspace, 'compose-unused.yml')).href;
  const text = 'services:\n  web:\n    image: nginx:1.27 # shipshape: ignore[PRIV-001]\n';
  const [unused, ...rest] = await open(uri, 'yaml', text);
  assert.equal(rest.length, 0);
  assert.equal(unused?.code, 'SYN-006');
  assert.deepEqual(unused?.tags, [1]);
  assert.deepEqual(unused?.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 51 } });
});

test('hover explains a capability and a sensitive host path', async () => {
  const capability = await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: composeUri },
    position: { line: 5, character: 18 },
  });
  const capabilityText = markdown(capability);
  assert.match(capabilityText, /^\*\*SYS_ADMIN\*\* \(added for `worker`\)/);
  assert.match(capabilityText, /critical risk: a process holding it /);
  assert.deepEqual(capability?.range, { start: { line: 5, character: 14 }, end: { line: 5, character: 23 } });

  const mount = await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: scriptUri },
    position: { line: 2, character: 27 },
  });
  const mountText = markdown(mount);
  assert.match(mountText, /^Host path \*\*\/\*\* mounted at `\/host` \(read-write\)/);
  assert.match(mountText, /critical: it is `\/`/);
  const nothing = await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: composeUri },
    position: { line: 0, character: 2 },
  });
  assert.equal(nothing, null);
});

test('an incremental change is analysed again', async () => {
  // `image: busybox` → `image: busybox:1.37`, and a new finding: pid: host.
  const diagnostics = await editCompose([
    { range: { start: { line: 3, character: 18 }, end: { line: 3, character: 18 } }, newText: ':1.37\n    pid: host' },
  ]);
  assert.deepEqual(codes(diagnostics), [
    'PRIV-001',
    'NS-001',
    'CAP-010',
    'CAP-002',
    'SEC-007',
    'CAP-004',
    'CAP-010',
    'MNT-001',
  ]);
  assert.equal(only(diagnostics, 'NS-001').range.start.line, 4);
});

test('quick fixes: applying the fix removes the finding; unsafe ones are labelled and never preferred', async () => {
  const privileged = only(latest(composeUri), 'PRIV-001');
  const actions = await codeActions(privileged);
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind, action.isPreferred ?? false]),
    [
      ['Set privileged: false (unsafe: changes what the container may do, review it)', 'quickfix', false],
      ['Ignore PRIV-001 (privileged-container) on this line', 'quickfix', false],
    ],
  );
  const fixed = await editCompose(actions[0]?.edit?.changes?.[composeUri] ?? []);
  assert.ok(!codes(fixed).includes('PRIV-001'), `PRIV-001 gone from ${codes(fixed)}`);
  assert.match(documents.get(composeUri).getText(), /privileged: false \}/);
});

test('"ignore this rule here" writes the suppression comment, which silences the finding', async () => {
  const actions = await codeActions(only(latest(composeUri), 'MNT-001'));
  const ignore = actions.find((action) => action.title.startsWith('Ignore MNT-001'));
  const after = await editCompose(ignore?.edit?.changes?.[composeUri] ?? []);
  assert.ok(!codes(after).includes('MNT-001'));
  assert.match(
    documents.get(composeUri).getText(),
    /\n {6}# shipshape: ignore\[MNT-001\]\n {6}- \/var\/run\/docker\.sock:/,
  );
  // A second rule on the same line joins the existing comment.
  const sysAdmin = only(after, 'CAP-002');
  const second = (await codeActions(sysAdmin)).find((action) => action.title.startsWith('Ignore CAP-002'));
  const edits = second?.edit?.changes?.[composeUri] ?? [];
  const afterSecond = await editCompose(edits);
  assert.ok(!codes(afterSecond).includes('CAP-002'));
  const third = only(afterSecond, 'CAP-004');
  const joined = (await codeActions(third)).find((action) => action.title.startsWith('Ignore CAP-004'));
  assert.deepEqual(joined?.edit?.changes?.[composeUri]?.[0]?.newText, ', CAP-004');
  const afterThird = await editCompose(joined?.edit?.changes?.[composeUri] ?? []);
  assert.ok(!codes(afterThird).includes('CAP-004'));
  assert.match(documents.get(composeUri).getText(), /# shipshape: ignore\[CAP-002, CAP-004\]\n {4}cap_add/);
});

test('source.fixAll applies the safe fixes only', async () => {
  const [fixAll, ...rest] = await codeActions(/** @type {Diagnostic} */ (latest(composeUri)[0]), ['source.fixAll']);
  assert.equal(rest.length, 0);
  assert.equal(fixAll?.kind, 'source.fixAll.shipshape');
  const after = await editCompose(fixAll?.edit?.changes?.[composeUri] ?? []);
  // NS-001's fix (remove `pid: host`) is unsafe: offered alone, never applied by fixAll.
  assert.deepEqual(codes(after), ['NS-001', 'SEC-007']);
  const hostPid = await codeActions(only(after, 'NS-001'));
  assert.match(hostPid[0]?.title ?? '', /\(unsafe: /);
  assert.doesNotMatch(documents.get(composeUri).getText(), /cap_drop|CHOWN/);
});

test('input over the limits gets a located SYN-005, and the server goes on answering', async () => {
  const limit = 1024 * 1024;
  const huge = pathToFileURL(join(workspace, 'compose.huge.yaml')).href;
  const oversized = await open(huge, 'dockercompose', `# ${'x'.repeat(limit)}\n`);
  assert.deepEqual(codes(oversized), ['SYN-005']);
  assert.deepEqual(only(oversized, 'SYN-005').range.start, { line: 0, character: 0 });
  // Nesting past the depth limit: the setting before it is still reported.
  const deep = pathToFileURL(join(workspace, 'compose.deep.yaml')).href;
  const nested = `services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    labels: ${'['.repeat(100_000)}\n`;
  const diagnostics = await open(deep, 'dockercompose', nested);
  assert.ok(codes(diagnostics).includes('PRIV-001'), `${codes(diagnostics)}`);
  assert.deepEqual(
    codes(diagnostics).filter((code) => String(code).startsWith('SYN')),
    ['SYN-005'],
  );
  assert.deepEqual(only(diagnostics, 'SYN-005').range.start, { line: 4, character: 12 });
  // Aliases past the expansion limit ("billion laughs"): located at the first one left out.
  let laughs = 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let level = 1; level < 10; level++) {
    laughs += `x-a${level}: &a${level} [${Array(9)
      .fill(`*a${level - 1}`)
      .join(', ')}]\n`;
  }
  const bomb = pathToFileURL(join(workspace, 'compose.laughs.yaml')).href;
  const expanded = await open(bomb, 'dockercompose', `${laughs}services:\n  web:\n    privileged: true\n`);
  assert.deepEqual(only(expanded, 'SYN-005').range.start, { line: 5, character: 11 });
  assert.ok(codes(expanded).includes('PRIV-001'), `${codes(expanded)}`);
  // Still answering requests about the other documents.
  const mount = await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: scriptUri },
    position: { line: 2, character: 27 },
  });
  assert.match(markdown(mount), /^Host path \*\*\/\*\* mounted at `\/host`/);
});

test('a configuration change switches the profile and ignores rules', async () => {
  settings = { profile: 'restricted', ignore: ['RES'], config: '' };
  let from = published.length;
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  const restricted = await diagnosticsFor(scriptUri, 1, from);
  assert.deepEqual(codes(restricted), ['MNT-008', 'SEC-009', 'USR-001', 'PRIV-001', 'MNT-004', 'MNT-006']);

  const configFile = join(workspace, 'shipshape.json');
  writeFileSync(configFile, JSON.stringify({ profile: 'default', ignore: ['MNT-004'] }));
  settings = { profile: '', ignore: [], config: 'shipshape.json' };
  from = published.length;
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  assert.deepEqual(codes(await diagnosticsFor(scriptUri, 1, from)), ['PRIV-001']);
});

test('a trap in the module is shown, and the next change is analysed by a new instance', async () => {
  const uri = pathToFileURL(join(workspace, 'compose.trap.yaml')).href;
  // Armed once the analyses the last configuration change started are published, and
  // the signal handled (the idle server's event loop turns at once).
  for (let count = -1; count !== published.length; ) {
    count = published.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
  server.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const from = messages.length;
  documents.set(uri, TextDocument.create(uri, 'dockercompose', 1, compose));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'dockercompose', version: 1, text: compose },
  });
  const deadline = Date.now() + 5000;
  while (messages.length === from) {
    assert.ok(Date.now() < deadline, 'no message about the trap');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(messages.splice(from), [
    `shipshape: the analysis of ${uri} failed (RuntimeError: unreachable); it runs again at the next change`,
  ]);
  const publishedFrom = published.length;
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: compose }],
  });
  const recovered = codes(await diagnosticsFor(uri, 2, publishedFrom));
  // As the same text in another document, analysed after the trap.
  const again = await open(pathToFileURL(join(workspace, 'compose.again.yaml')).href, 'dockercompose', compose);
  assert.ok(recovered.includes('PRIV-001'), `${recovered}`);
  assert.deepEqual(recovered, codes(again));
});

test('a setting shipshape cannot use is shown once, not at every change', async () => {
  settings = { profile: 'strict', ignore: [], config: '' };
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  // Two edits, each analysed after the debounce; neither publishes nor repeats the message.
  for (const _ of [1, 2]) {
    composeVersion += 1;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: composeUri, version: composeVersion },
      contentChanges: [],
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  assert.deepEqual(messages, [
    'shipshape: invalid options: `profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?',
  ]);
});

test('shutdown and exit end the server', async () => {
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
});
