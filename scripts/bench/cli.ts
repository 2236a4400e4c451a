import { pathToFileURL } from 'node:url';

/** Reads `--name value` from the command line, or the fallback when it is absent. */
export type ArgReader = (name: string, fallback: string) => string;

/**
 * Runs one benchmark on its own when its file is the script tsx was started with (not when
 * index.ts imports it): prints the result as JSON, or the error with a failing exit code.
 */
export function runWhenMain(moduleUrl: string, run: (arg: ArgReader) => Promise<unknown>) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const arg: ArgReader = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
  };
  run(arg).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
