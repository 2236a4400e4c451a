import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers (and a restart after a crash) see either the old or the new
 * content, never a torn one: write a temp file in the same directory, fsync it, rename it over.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true });
  const temp = path.join(directory, `.${path.basename(file)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export type ShardCheckpoint = {
  /** Last sequence number fully handled (delivered, or dead-lettered); resume AFTER it. */
  sequenceNumber?: string;
  /** The shard is closed and read to its end: never read again; its children may start. */
  finished?: boolean;
};

type CheckpointFile = { version: 1; shards: Record<string, ShardCheckpoint & { updatedAt: string }> };

/**
 * Per-shard positions of one worker, in one JSON file. Saves are serialised and coalesced: a save
 * requested while another is being written waits for it and then writes the latest state once.
 * Without a file (in-memory mode) it only keeps the positions in memory.
 */
export class CheckpointStore {
  private entries = new Map<string, ShardCheckpoint & { updatedAt: string }>();
  private queued: Promise<void> | undefined;
  private tail: Promise<void> = Promise.resolve();

  private constructor(readonly file: string | undefined) {}

  static async open(file: string | undefined): Promise<CheckpointStore> {
    const store = new CheckpointStore(file);
    if (!file) return store;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    const parsed = JSON.parse(text) as CheckpointFile;
    if (parsed.version !== 1 || typeof parsed.shards !== 'object')
      throw new Error(`unreadable checkpoint file ${file}`);
    for (const [key, value] of Object.entries(parsed.shards)) store.entries.set(key, value);
    return store;
  }

  get(key: string): ShardCheckpoint | undefined {
    const entry = this.entries.get(key);
    return entry && { sequenceNumber: entry.sequenceNumber, finished: entry.finished };
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Records the position and resolves once it (or a later state) is on disk. */
  set(key: string, checkpoint: ShardCheckpoint): Promise<void> {
    this.entries.set(key, { ...this.entries.get(key), ...checkpoint, updatedAt: new Date().toISOString() });
    return this.save();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return this.save();
  }

  private save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    if (this.queued) return this.queued;
    const run = this.tail
      .catch(() => undefined)
      .then(() => {
        // The snapshot is taken when the write starts, so later set()s queue one more write.
        this.queued = undefined;
        const content: CheckpointFile = { version: 1, shards: Object.fromEntries(this.entries) };
        return writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
      });
    this.queued = run;
    this.tail = run;
    return run;
  }
}
