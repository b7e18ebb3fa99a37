// The `atelier` command-line interface (Node only): bin/atelier.js runs `run(process.argv.slice(2))`.
export { run } from './main.js';
export { COMMANDS, type Command } from './commands.js';
export { parseArgs, valueOf, type FlagSpec, type ParsedArgs } from './args.js';
export { EXIT, UserError, processIo, formatJson, parseJsonText, type CliIo } from './io.js';
export { loadDefinition, engineOf, selectionsFromArgs } from './definition.js';
