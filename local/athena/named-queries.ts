import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Saved queries (Athena named queries), persisted as one JSON file under
 * `<dataDir>/athena/named-queries.json`. Writes go to a temporary file renamed into place, one
 * at a time, so a crash never leaves half a file.
 */

export type NamedQuery = {
  NamedQueryId: string;
  Name: string;
  Description?: string;
  Database: string;
  QueryString: string;
  WorkGroup: string;
};

type StoredNamedQuery = NamedQuery & { ClientRequestToken?: string; sequence: number };

type StoreFile = { version: 1; namedQueries: StoredNamedQuery[] };

export class NamedQueryStore {
  private readonly queries = new Map<string, StoredNamedQuery>();
  private sequence = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(
    file: string,
    onWarning: (message: string) => void = () => undefined,
  ): Promise<NamedQueryStore> {
    const store = new NamedQueryStore(file);
    let text: string | undefined;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as StoreFile;
        for (const query of parsed.namedQueries) {
          store.queries.set(query.NamedQueryId, query);
          store.sequence = Math.max(store.sequence, query.sequence);
        }
      } catch {
        const aside = `${file}.unreadable-${Date.now()}`;
        await fs.rename(file, aside);
        onWarning(`${file} was not valid JSON; moved it to ${aside} and started with no named queries`);
      }
    }
    return store;
  }

  get(id: string): NamedQuery | undefined {
    const stored = this.queries.get(id);
    return stored && toNamedQuery(stored);
  }

  byToken(token: string): StoredNamedQuery | undefined {
    return [...this.queries.values()].find((q) => q.ClientRequestToken === token);
  }

  list(workGroup: string): { query: NamedQuery; sequence: number }[] {
    return [...this.queries.values()]
      .filter((q) => q.WorkGroup === workGroup)
      .map((q) => ({ query: toNamedQuery(q), sequence: q.sequence }));
  }

  async create(
    input: Omit<NamedQuery, 'NamedQueryId'> & { ClientRequestToken?: string },
  ): Promise<NamedQuery> {
    const stored: StoredNamedQuery = { ...input, NamedQueryId: randomUUID(), sequence: ++this.sequence };
    this.queries.set(stored.NamedQueryId, stored);
    await this.persist();
    return toNamedQuery(stored);
  }

  async update(
    id: string,
    changes: Pick<NamedQuery, 'Name' | 'QueryString'> & { Description?: string },
  ): Promise<void> {
    const stored = this.queries.get(id);
    if (!stored) return;
    this.queries.set(id, {
      ...stored,
      Name: changes.Name,
      QueryString: changes.QueryString,
      Description: changes.Description,
    });
    await this.persist();
  }

  async delete(id: string): Promise<boolean> {
    const existed = this.queries.delete(id);
    if (existed) await this.persist();
    return existed;
  }

  /** Writes the current state; calls queue so the file always ends with the latest state. */
  private persist(): Promise<void> {
    const write = async () => {
      const body: StoreFile = {
        version: 1,
        namedQueries: [...this.queries.values()].sort((a, b) => a.sequence - b.sequence),
      };
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
      await fs.rename(temporary, this.file);
    };
    this.writing = this.writing.catch(() => undefined).then(write);
    return this.writing;
  }
}

function toNamedQuery(stored: StoredNamedQuery): NamedQuery {
  const { ClientRequestToken: _token, sequence: _sequence, ...query } = stored;
  return query;
}
