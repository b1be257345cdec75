import type { Model } from '../classifier/index.js';

/**
 * Where a worker gets the model for the next job. A job reads `current()` once when it starts,
 * so a model swapped in meanwhile never changes a verdict in flight.
 */
export interface ModelHolder {
  current(): Model;
}

/** A holder whose model never changes: the newest model file at start-up. */
export function createFixedModelHolder(model: Model): ModelHolder {
  return { current: () => model };
}
