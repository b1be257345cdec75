/** `npm run model -- list | rollback <version>`: the same as `chaff model …`. */
import { runModelCommand } from '../src/cli/model.command.js';
import { loadConfig } from '../src/config.js';

process.exitCode = await runModelCommand(process.argv.slice(2), loadConfig(), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
});
