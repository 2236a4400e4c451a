import { ServiceUnavailable } from '@/lib/service-unavailable';
import { nameTakenMessage } from './query-name';

/** Named errors of the query library; routes map them to HTTP answers (see http.ts). */

export class SavedQueryNotFound extends Error {
  constructor(readonly id: string) {
    super(`Saved query ${id} does not exist`);
    this.name = 'SavedQueryNotFound';
  }
}

export class BuiltInQueryReadOnly extends Error {
  constructor(readonly queryName: string) {
    super(`"${queryName}" is a built-in query and cannot be changed or deleted. Duplicate it to make your own version.`);
    this.name = 'BuiltInQueryReadOnly';
  }
}

export class ExecutionNotFound extends Error {
  constructor(readonly id: string) {
    super(`Query execution ${id} does not exist (history keeps recent runs only)`);
    this.name = 'ExecutionNotFound';
  }
}

/** The execution has no results to read (still running, failed or cancelled). */
export class ResultsNotReady extends Error {
  constructor(
    readonly state: string,
    reason?: string,
  ) {
    super(
      state === 'QUEUED' || state === 'RUNNING'
        ? `The query is still ${state.toLowerCase()}; results are readable once it succeeds`
        : `The query ${state.toLowerCase()}${reason ? `: ${reason}` : ''}, so it has no results`,
    );
    this.name = 'ResultsNotReady';
  }
}

/** Athena refused the request (bad SQL it checks at start, a bad token); the message is Athena's. */
export class AthenaRejected extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AthenaRejected';
  }
}

/** Athena cannot be reached; the cause stays server-side. */
export class AthenaUnavailable extends ServiceUnavailable {
  constructor(options?: { cause?: unknown }) {
    super('athena', 'Athena is unreachable right now. Try again in a moment.', options);
    this.name = 'AthenaUnavailable';
  }
}

/** Another saved query (or a built-in) already has this name, as normalizeQueryName compares names. */
export class SavedQueryNameTaken extends Error {
  constructor(
    /** The name as the other query spells it, or as asked for when that is unknown. */
    readonly takenName: string,
    options?: { cause?: unknown },
  ) {
    super(nameTakenMessage(takenName), options);
    this.name = 'SavedQueryNameTaken';
  }
}

/** The name-claims table cannot be reached, so no save can be made safely. */
export class QueryNamesUnavailable extends ServiceUnavailable {
  constructor(options?: { cause?: unknown }) {
    super('query-names', 'Saving queries is unavailable right now (the name registry is unreachable). Try again in a moment.', options);
    this.name = 'QueryNamesUnavailable';
  }
}
