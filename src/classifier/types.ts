/** The parts of a comment the classifier reads. All optional but `content`. */
export interface CommentText {
  content: string;
  author?: {
    name?: string;
    email?: string;
    url?: string;
    ip?: string;
    userAgent?: string;
  };
  permalink?: string;
  context?: {
    title?: string;
    excerpt?: string;
  };
}

export type Label = 'spam' | 'ham';
export type Verdict = 'ham' | 'unsure' | 'spam';

export interface LabelledComment extends CommentText {
  label: Label;
  /** Comments that share a group (e.g. the article they were posted under) stay on one side of a
   * train/held-out split. */
  group?: string;
}

/** A token that moved the score; positive weight pushes towards spam, negative towards ham. */
export interface Clue {
  token: string;
  weight: number;
}

export interface Score {
  spamProbability: number;
  verdict: Verdict;
  clues: Clue[];
  modelVersion: string;
}
