/**
 * `npx chaff moderators …`: moderator tokens for the moderation API and dashboard.
 *
 *   moderators add <name>      new moderator; prints the token once
 *   moderators list
 *   moderators remove <name>   the token stops working at once
 *
 * Tokens are stored only as SHA-256 (`<prefix>moderator-tokens`); CHAFF_MODERATOR_TOKENS still works.
 */
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Command } from './command.js';
import { lineIo, withRegistry, type CommandIo } from './sites.command.js';

export const MODERATORS_USAGE = `usage:
  chaff moderators add <name>
  chaff moderators list
  chaff moderators remove <name>`;

export async function runModeratorsCommand(args: string[], config: Readonly<Config>, io: CommandIo): Promise<number> {
  const [sub, name, ...rest] = args;
  if (rest.length || (sub !== 'list' && !name) || (sub === 'list' && name)) {
    io.err(MODERATORS_USAGE);
    return 2;
  }
  try {
    switch (sub) {
      case 'add': {
        const token = await withRegistry(config, (r) => r.addModerator(name));
        io.out(`Created moderator ${name}. Their token (shown only this once; keep it):\n\n  ${token}\n`);
        return 0;
      }
      case 'list': {
        const list = await withRegistry(config, (r) => r.listModerators());
        for (const m of list) io.out(`${m.moderatorId}${m.createdAt ? `\tcreated ${m.createdAt}` : ''}`);
        for (const m of config.moderatorTokens) io.out(`${m.moderatorId}\ttoken from CHAFF_MODERATOR_TOKENS`);
        if (list.length === 0 && config.moderatorTokens.length === 0) io.out('No moderators. Add one with: chaff moderators add <name>');
        return 0;
      }
      case 'remove': {
        await withRegistry(config, (r) => r.removeModerator(name));
        io.out(`Removed moderator ${name}; their token no longer works.`);
        return 0;
      }
      default:
        io.err(MODERATORS_USAGE);
        return 2;
    }
  } catch (error) {
    io.err(`chaff moderators ${sub}: ${error instanceof AppError ? error.message : (error as Error).message}`);
    return 1;
  }
}

export const moderatorsCommand: Command = {
  name: 'moderators',
  usage: 'moderators add|list|remove [name]',
  summary: 'Manage moderator tokens (printed once, stored hashed)',
  run: (args, io) => runModeratorsCommand(args, loadConfig(), lineIo(io)),
};
