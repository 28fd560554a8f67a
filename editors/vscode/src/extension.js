// The VS Code extension: starts the shipshape language server (./server.mjs) over
// stdio for Compose files, shell scripts and Markdown, and passes it the
// `shipshape.*` settings.
const path = require('node:path');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** @param {import('vscode').ExtensionContext} context */
function activate(context) {
  const module = context.asAbsolutePath(path.join('src', 'server.mjs'));
  client = new LanguageClient(
    'shipshape',
    'shipshape',
    { module, transport: TransportKind.stdio },
    {
      documentSelector: [
        { language: 'dockercompose' },
        { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
        { language: 'shellscript' },
        { language: 'markdown' },
      ],
      synchronize: { configurationSection: 'shipshape' },
    },
  );
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
