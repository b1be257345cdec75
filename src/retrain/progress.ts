/**
 * Retrain progress for a human: a cli-progress bar per step on a terminal, plain lines otherwise
 * (CI logs, pipes), so a log never fills with carriage-return noise.
 */
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { RetrainProgress } from './retrain.js';

export function createBarProgress(stream: NodeJS.WriteStream): RetrainProgress {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{phase} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  return {
    start(name, total) {
      if (phase === name) {
        bar.setTotal(total);
        return;
      }
      if (phase !== null) bar.stop();
      phase = name;
      bar.start(total, 0, { phase: name.padEnd(36) });
    },
    update(value) {
      bar.update(value);
    },
    stop() {
      if (phase !== null) bar.stop();
      phase = null;
    },
  };
}

/** One line when a step starts, one when it ends with its duration, and at most ten in between. */
export function createLineProgress(out: Writable, clock: { now(): number } = Date): RetrainProgress {
  let phase: string | null = null;
  let total = 0;
  let startedAt = 0;
  let lastDecile = 0;
  return {
    start(name, newTotal) {
      total = newTotal;
      if (phase === name) return;
      phase = name;
      startedAt = clock.now();
      lastDecile = 0;
      out.write(`retrain: ${name}...\n`);
    },
    update(value) {
      const decile = total > 0 ? Math.floor((value / total) * 10) : 10;
      if (total > 1 && decile > lastDecile && decile < 10) {
        lastDecile = decile;
        out.write(`retrain: ${phase} ${value}/${total}\n`);
      }
    },
    stop() {
      if (phase === null) return;
      out.write(`retrain: ${phase} done in ${((clock.now() - startedAt) / 1000).toFixed(1)} s\n`);
      phase = null;
    },
  };
}

export function createProgress(stream: NodeJS.WriteStream): RetrainProgress {
  return stream.isTTY ? createBarProgress(stream) : createLineProgress(stream);
}
