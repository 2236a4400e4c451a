import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The data files of one table directory (`<root>/dt=…/<object>`), listed before every query but
 * read from disk only where something changed. A new object renamed into `dt=X/` changes that
 * directory's mtime, and a new partition changes the root's, so an unchanged mtime means an
 * unchanged listing, and a query that finds nothing new costs one stat per partition instead of
 * a readdir and a stat per file.
 *
 * File systems stamp mtimes with a coarse clock, so a write just after a listing can leave the
 * mtime as it was. A directory listed within SETTLE_MS of its mtime is therefore listed again
 * next time, until a listing happens well after its last change.
 */

const SETTLE_MS = 50;

export type ListedFile = { path: string; dt: string; size: number };

/** Names Firehose never gives a finished object: hidden files and temporary names. */
export function isDataFile(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_') && !/\.(tmp|temp|partial|crc)$/i.test(name);
}

type DirState = { mtimeMs: number; listedAt: number; files: ListedFile[] };

export class DirectoryListing {
  private rootState: { mtimeMs: number; listedAt: number; partitions: string[] } | undefined;
  private readonly dirs = new Map<string, DirState>();
  /** Directory reads done (root and partitions), for the benchmark and tests. */
  reads = 0;

  constructor(readonly root: string) {}

  private static fresh(state: { mtimeMs: number; listedAt: number }, mtimeMs: number): boolean {
    return state.mtimeMs === mtimeMs && state.listedAt - mtimeMs > SETTLE_MS;
  }

  private async partitions(): Promise<string[]> {
    let stat;
    try {
      stat = await fs.stat(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.rootState = undefined;
        this.dirs.clear();
        return [];
      }
      throw error;
    }
    if (this.rootState && DirectoryListing.fresh(this.rootState, stat.mtimeMs)) return this.rootState.partitions;
    const listedAt = Date.now();
    this.reads++;
    const entries = await fs.readdir(this.root, { withFileTypes: true });
    const partitions = entries.filter((e) => e.isDirectory() && /^dt=.+$/.test(e.name)).map((e) => e.name);
    this.rootState = { mtimeMs: stat.mtimeMs, listedAt, partitions };
    for (const name of [...this.dirs.keys()]) if (!partitions.includes(name)) this.dirs.delete(name);
    return partitions;
  }

  private async filesOf(name: string): Promise<ListedFile[]> {
    const dir = path.join(this.root, name);
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat) return [];
    const known = this.dirs.get(name);
    if (known && DirectoryListing.fresh(known, stat.mtimeMs)) return known.files;
    const listedAt = Date.now();
    this.reads++;
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter(isDataFile);
    const dt = name.slice('dt='.length);
    const previous = new Map((known?.files ?? []).map((f) => [f.path, f]));
    const files = await Promise.all(
      names.map(async (file) => {
        const full = path.join(dir, file);
        const seen = previous.get(full);
        if (seen) return seen; // Firehose objects are immutable once renamed into place.
        const info = await fs.stat(full).catch(() => undefined);
        return info?.isFile() ? { path: full, dt, size: info.size } : undefined;
      }),
    );
    const listed = files.filter((f): f is ListedFile => f !== undefined);
    this.dirs.set(name, { mtimeMs: stat.mtimeMs, listedAt, files: listed });
    return listed;
  }

  /** Every data file under the root now. */
  async list(): Promise<ListedFile[]> {
    const partitions = await this.partitions();
    const listed = await Promise.all(partitions.map((name) => this.filesOf(name)));
    return listed.flat();
  }
}
