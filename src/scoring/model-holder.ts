import type { Model } from '../classifier/index.js';

/**
 * Where a worker gets the model for the next job. A job reads `current()` once when it starts,
 * so a model swapped in meanwhile never changes a verdict in flight.
 */
export interface ModelHolder {
  current(): Model;
}

