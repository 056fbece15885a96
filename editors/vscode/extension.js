// Starts `orgc lsp` for the YAML files under specs/ (and orgc.yaml) of the open folder.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("orgc").get("command") || "orgc";
  const serverOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: "**/specs/**/*.{yaml,yml}" },
      { scheme: "file", language: "yaml", pattern: "**/orgc.yaml" },
    ],
    synchronize: {
      // files created, deleted or changed outside the editor (git pull, orgc import)
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{specs/**/*.{yaml,yml},orgc.yaml}"),
    },
  };
  client = new LanguageClient("orgc", "orgc", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
