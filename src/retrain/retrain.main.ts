/**
 * The retrain process entry: `npm run retrain` (scripts/retrain.ts) and the background retrain
 * (auto-retrain.ts forks this file) both run it. Options and exit codes: retrain.cli.ts.
 */
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runRetrainCli } from './retrain.cli.js';

const config = loadConfig();
// The progress bar and summary are the output; JSON logs go to stderr, and at the default level
// only warnings (CHAFF_LOG_LEVEL=debug shows more).
const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
const logger = createLogger({ level }, pino.destination(2));
process.exitCode = await runRetrainCli(process.argv.slice(2), config, logger, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
