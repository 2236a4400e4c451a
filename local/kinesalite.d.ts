declare module 'kinesalite' {
  import type { Server } from 'node:http';

  type KinesaliteOptions = {
    /** LevelDB directory; in memory when omitted. */
    path?: string;
    ssl?: boolean;
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
  };

  /** A plain Node HTTP server speaking the Kinesis API; close() also closes its database. */
  export default function kinesalite(options?: KinesaliteOptions): Server;
}
