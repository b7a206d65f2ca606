// Placeholder entry of the language server bundle; the server itself lands with the LSP issue.
process.stderr.write('activation-lens language server: not implemented yet\n');
process.exitCode = 1;
