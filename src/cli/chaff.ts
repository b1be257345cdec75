#!/usr/bin/env node
/**
 * The `chaff` command line. Each subcommand lives in `<name>.command.ts` and exports a `Command`;
 * to add one, import it here and add it to COMMANDS. The dispatcher only routes and reports errors.
 */
import { evalCommand } from './eval.command.js';
import { moderatorsCommand } from './moderators.command.js';
import { modelCommand } from './model.command.js';
import { sitesCommand } from './sites.command.js';
import { scoreCommand } from './score.command.js';
import { trainCommand } from './train.command.js';
import type { Command } from './command.js';

const COMMANDS: Command[] = [scoreCommand, evalCommand, trainCommand, sitesCommand, moderatorsCommand, modelCommand];

function usage(): string {
  return ['Usage: chaff <command> [options]', '', 'Commands:', ...COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`chaff: unknown command "${name}".\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  } catch (err) {
    process.stderr.write(`chaff ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
