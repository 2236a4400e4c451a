import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { noSuchBucket, noSuchKey } from './errors';

/**
 * Read access to the local S3's plain files, `<root>/<bucket>/<key>`, as S3 objects. Keys map to
 * files one to one; directories are only key prefixes. ETags are the MD5 of the content, as S3
 * gives for single-part uploads, cached by size and mtime so a listing hashes each file once.
 */
export type StoredObject = { key: string; size: number; lastModified: Date; etag: string };
export type StoredBucket = { name: string; created: Date };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_CACHED_ETAGS = 50_000;
/** Pages of one listing follow each other within milliseconds: walk the directory once for them. */
const LISTING_TTL_MS = 1_000;
const SMALL_FILE = 8 * 1024 * 1024;

export class ObjectStore {
  private readonly etags = new Map<string, { size: number; mtimeMs: number; etag: string }>();
  private readonly listings = new Map<string, { at: number; keys: Promise<string[]> }>();

  constructor(readonly root: string) {}

  async listBuckets(): Promise<StoredBucket[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(ignoreMissing([]));
    const buckets = await Promise.all(
      entries
        .filter((e) => e.isDirectory() && BUCKET_NAME.test(e.name))
        .map(async (e) => {
          const info = await stat(path.join(this.root, e.name));
          return { name: e.name, created: info.birthtimeMs ? info.birthtime : info.mtime };
        }),
    );
    return buckets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Throws NoSuchBucket unless the bucket's directory exists. */
  async assertBucket(bucket: string): Promise<void> {
    if (!BUCKET_NAME.test(bucket)) throw noSuchBucket(bucket);
    const info = await stat(path.join(this.root, bucket)).catch(() => undefined);
    if (!info?.isDirectory()) throw noSuchBucket(bucket);
  }

  /**
   * Every key under `prefix`, sorted as S3 sorts them. Only the directory the prefix pins down is
   * walked, so listing `errors/` never touches the data partitions.
   */
  async listKeys(bucket: string, prefix: string): Promise<string[]> {
    await this.assertBucket(bucket);
    const cacheKey = `${bucket}\n${prefix}`;
    const cached = this.listings.get(cacheKey);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.keys;
    for (const [key, entry] of this.listings) if (Date.now() - entry.at >= LISTING_TTL_MS) this.listings.delete(key);
    const keys = this.walkKeys(bucket, prefix);
    this.listings.set(cacheKey, { at: Date.now(), keys });
    keys.catch(() => this.listings.delete(cacheKey));
    return keys;
  }

  private async walkKeys(bucket: string, prefix: string): Promise<string[]> {
    const fixed = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const segments = fixed.split('/').filter(Boolean);
    if (segments.some((s) => s === '.' || s === '..')) return [];
    const keys: string[] = [];
    const walk = async (directory: string, keyPrefix: string): Promise<void> => {
      const entries = await readdir(directory, { withFileTypes: true }).catch(ignoreMissing([]));
      for (const entry of entries) {
        const key = `${keyPrefix}${entry.name}`;
        // Skip hidden temp files and anything the prefix rules out early.
        if (entry.name.startsWith('.')) continue;
        if (entry.isDirectory()) {
          const dirKey = `${key}/`;
          if (dirKey.startsWith(prefix) || prefix.startsWith(dirKey)) await walk(path.join(directory, entry.name), dirKey);
        } else if (entry.isFile() && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(path.join(this.root, bucket, ...segments), fixed);
    return keys.sort(compareKeys);
  }

  async describe(bucket: string, key: string): Promise<StoredObject> {
    const file = this.fileOf(bucket, key);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      await this.assertBucket(bucket);
      throw noSuchKey(key);
    }
    return { key, size: info.size, lastModified: info.mtime, etag: await this.etagOf(file, info.size, info.mtimeMs) };
  }

  read(bucket: string, key: string, range?: { start: number; end: number }) {
    return createReadStream(this.fileOf(bucket, key), range);
  }

  private fileOf(bucket: string, key: string): string {
    const parts = key.split('/');
    if (!BUCKET_NAME.test(bucket) || parts.some((p) => p === '' || p === '.' || p === '..') || key.includes('\\'))
      throw noSuchKey(key);
    return path.join(this.root, bucket, ...parts);
  }

  private async etagOf(file: string, size: number, mtimeMs: number): Promise<string> {
    const cached = this.etags.get(file);
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.etag;
    const hash = createHash('md5');
    if (size <= SMALL_FILE) hash.update(await readFile(file));
    else for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const etag = `"${hash.digest('hex')}"`;
    if (this.etags.size >= MAX_CACHED_ETAGS) this.etags.delete(this.etags.keys().next().value!);
    this.etags.set(file, { size, mtimeMs, etag });
    return etag;
  }
}

/** S3 orders keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  // UTF-16 order equals UTF-8 byte order below the surrogate range, which covers real keys.
  if (!/[\uD800-\uFFFF]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function ignoreMissing<T>(fallback: T) {
  return (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return fallback;
    throw error;
  };
}
