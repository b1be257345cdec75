import type { Readable, Writable } from 'node:stream';

/** What a subcommand may touch: passed in so tests can drive commands with in-memory streams. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

export interface Command {
  name: string;
  /** One line: the name and its arguments. */
  usage: string;
  summary: string;
  /** Resolves to the process exit code. Throws for errors the dispatcher reports. */
  run(args: string[], io: CommandIo): Promise<number>;
}
