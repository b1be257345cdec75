/**
 * `npm run retrain`: learn from moderator decisions, gate on evaluation, publish to the workers.
 * See src/retrain/retrain.cli.ts for the options and exit codes.
 */
import '../src/retrain/retrain.main.js';
