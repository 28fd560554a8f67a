#!/usr/bin/env node
// The shipshape language server, over stdio (`node server.mjs --stdio`): diagnostics
// on open and change, quick fixes, `source.fixAll`, hovers. Settings come from the
// client's `shipshape` section: `profile`, `ignore`, `config` (a JSON file).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, documentKind, FIX_ALL_KIND, fixAll, hover, quickFixes, toDiagnostics } from './convert.mjs';

/** @typedef {{ profile: string, ignore: string[], config: string }} Settings */

/** Typing pauses shorter than this do not trigger an analysis. */
const DEBOUNCE_MS = 150;

/** @type {Settings} */
const DEFAULT_SETTINGS = { profile: '', ignore: [], config: '' };

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

/**
 * The latest report of each open document and the text it is about, for code
 * actions and hovers.
 * @type {Map<string, { report: import('shipshape').Report, text: string }>}
 */
const reports = new Map();
/** @type {Map<string, ReturnType<typeof setTimeout>>} */
const pending = new Map();

let pullsConfiguration = false;
/** @type {Settings} */
let pushedSettings = DEFAULT_SETTINGS;
/** @type {string | null} */
let workspaceFolder = null;
/** The last settings problem shown, so that typing does not repeat it. */
let shownSettingsError = '';

connection.onInitialize(({ capabilities, workspaceFolders, rootUri }) => {
  pullsConfiguration = capabilities.workspace?.configuration === true;
  const folder = workspaceFolders?.[0]?.uri ?? rootUri;
  workspaceFolder = folder ? fileURLToPath(folder) : null;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
    },
    serverInfo: { name: 'shipshape' },
  };
});

connection.onDidChangeConfiguration(({ settings }) => {
  pushedSettings = { ...DEFAULT_SETTINGS, ...settings?.shipshape };
  shownSettingsError = '';
  for (const document of documents.all()) validate(document);
});

// Fired on open too: a document without a report yet is analysed at once.
documents.onDidChangeContent(({ document }) => {
  clearTimeout(pending.get(document.uri));
  if (!reports.has(document.uri)) {
    validate(document);
    return;
  }
  pending.set(
    document.uri,
    setTimeout(() => validate(document), DEBOUNCE_MS),
  );
});
documents.onDidClose(({ document }) => {
  clearTimeout(pending.get(document.uri));
  pending.delete(document.uri);
  reports.delete(document.uri);
  connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

/**
 * The settings for a document, pulled from the client when it supports it.
 * @param {string} uri
 * @returns {Promise<Settings>}
 */
async function settingsFor(uri) {
  if (!pullsConfiguration) return pushedSettings;
  const pulled = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'shipshape' });
  return { ...DEFAULT_SETTINGS, ...pulled };
}

/**
 * The analysis options the settings describe; a configuration file that cannot be
 * read is reported to the user and left out.
 * @param {Settings} settings
 * @returns {import('shipshape').AnalyzeOptions}
 */
function analyzeOptions({ profile, ignore, config }) {
  /** @type {import('shipshape').ConfigInput} */
  let fileConfig = {};
  if (config) {
    const path = isAbsolute(config) ? config : resolve(workspaceFolder ?? '.', config);
    try {
      fileConfig = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      reportSettingsError(`cannot read the configuration ${path}: ${String(error)}`);
    }
  }
  const merged = { ...fileConfig, ignore: [...(fileConfig.ignore ?? []), ...ignore] };
  if (profile) {
    return { config: merged, profile: /** @type {import('shipshape').Profile} */ (profile) };
  }
  return { config: merged };
}

/** @param {string} message */
function reportSettingsError(message) {
  if (message === shownSettingsError) return;
  shownSettingsError = message;
  // A notification: nothing to answer, so nothing that can fail unanswered.
  connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Error,
    message: `shipshape: ${message}`,
  });
}

/** @param {TextDocument} document */
async function validate(document) {
  pending.delete(document.uri);
  const kind = documentKind(document.uri, document.languageId);
  if (kind === null) return;
  const { version } = document;
  const settings = await settingsFor(document.uri);
  const text = document.getText();
  let report;
  try {
    report = analyzeDocument(text, kind, analyzeOptions(settings));
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // The module failed (a bug); the package runs the next analysis, at the next
      // change, in a new instance. Not analysed again now: the same text may fail again.
      connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: `shipshape: the analysis of ${document.uri} failed (${error}); it runs again at the next change`,
      });
      return;
    }
    // Otherwise only the options can be wrong (an unknown profile or rule); the text never throws.
    reportSettingsError(error instanceof Error ? error.message : String(error));
    return;
  }
  // A newer version is on its way; its own analysis will publish.
  if (documents.get(document.uri)?.version !== version) return;
  reports.set(document.uri, { report, text });
  connection.sendDiagnostics({ uri: document.uri, version, diagnostics: toDiagnostics(report, document.uri) });
}

connection.onCodeAction(({ textDocument, context }) => {
  const entry = reports.get(textDocument.uri);
  if (!entry) return [];
  // A kind is asked for when `only` names it or one of its parents (`source`).
  const asked = (/** @type {string} */ kind) =>
    context.only?.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions =
    !context.only || asked(CodeActionKind.QuickFix)
      ? quickFixes(entry.report, textDocument.uri, entry.text, context.diagnostics)
      : [];
  const all = asked(FIX_ALL_KIND) ? fixAll(entry.report, textDocument.uri) : null;
  return all ? [...actions, all] : actions;
});

connection.onHover(({ textDocument, position }) => {
  const entry = reports.get(textDocument.uri);
  return entry ? hover(entry.report, position) : null;
});

documents.listen(connection);
connection.listen();
