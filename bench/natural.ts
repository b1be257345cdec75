/**
 * natural.BayesClassifier, the peer every classifier bench compares with. Only the classifier file
 * is loaded: natural's index loads dotenv and every other module.
 */
import { createRequire } from 'node:module';

export interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

export const NaturalBayesClassifier = createRequire(import.meta.url)('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;
