import { spawnSync } from 'node:child_process';

export const MIN_JAVA_MAJOR = 17;

const INSTALL_HINT =
  'Install a Java 17+ runtime, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), then run npm start again.';

/** `openjdk version "17.0.15"` → 17; `java version "1.8.0_392"` → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export class JavaMissing extends Error {
  constructor(detail: string) {
    super(`DynamoDB Local needs Java ${MIN_JAVA_MAJOR} or newer, but ${detail}. ${INSTALL_HINT}`);
    this.name = 'JavaMissing';
  }
}

/** Throws JavaMissing with a one-line, actionable message when java is absent or too old. */
export function assertJava(javaCommand = 'java'): number {
  const probe = spawnSync(javaCommand, ['-version'], { encoding: 'utf8' });
  if (probe.error) throw new JavaMissing(`\`${javaCommand}\` was not found on PATH`);
  const major = parseJavaMajor(`${probe.stderr}${probe.stdout}`);
  if (major === undefined) throw new JavaMissing(`\`${javaCommand} -version\` printed no version`);
  if (major < MIN_JAVA_MAJOR) throw new JavaMissing(`the installed Java is version ${major}`);
  return major;
}

const sourceFileSupport = new Map<string, boolean>();

/**
 * Whether `java File.java` can run a source file: it needs the runtime's jdk.compiler module,
 * which Debian's and most JDK runtimes have and a trimmed (jlinked) JRE may not.
 */
export function javaRunsSourceFiles(javaCommand = 'java'): boolean {
  // Asked once per command: the answer cannot change while the process runs, and a test run
  // starts DynamoDB Local many times.
  let runs = sourceFileSupport.get(javaCommand);
  if (runs === undefined) {
    const probe = spawnSync(javaCommand, ['--list-modules'], { encoding: 'utf8' });
    runs = !probe.error && /^jdk\.compiler@/m.test(probe.stdout ?? '');
    sourceFileSupport.set(javaCommand, runs);
  }
  return runs;
}
