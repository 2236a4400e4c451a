/**
 * Just enough of the Dockerfile and .dockerignore grammars to check the image's build without
 * Docker: instructions per stage (continuations joined, comments dropped, ARG defaults applied
 * to FROM), COPY's flags and paths, and Docker's ignore-pattern matching.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Instruction = { keyword: string; args: string };
export type Stage = { image: string; name?: string; instructions: Instruction[] };
export type Dockerfile = { args: Record<string, string>; stages: Stage[] };

export function parseDockerfile(text: string): Dockerfile {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Comment lines are dropped, even inside a continuation (as Docker does).
    if (line.startsWith('#') || (!line && !pending)) continue;
    if (line.endsWith('\\')) pending += `${line.slice(0, -1).trim()} `;
    else {
      logical.push((pending + line).trim());
      pending = '';
    }
  }
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    if (!line) continue;
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      const resolved = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => args[a ?? b] ?? '');
      stages.push({ image: resolved, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (!stages.length && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = rest.split('=');
      args[name] = value;
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return { args, stages };
}

export const instructions = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword);

export type Copy = { flags: Record<string, string>; sources: string[]; dest: string };

export function parseCopy(instruction: Instruction): Copy {
  const words = instruction.args.startsWith('[')
    ? (JSON.parse(instruction.args) as string[])
    : instruction.args.split(/\s+/);
  const flags: Record<string, string> = {};
  const paths: string[] = [];
  for (const word of words) {
    const flag = /^--([\w-]+)(?:=(.*))?$/.exec(word);
    if (flag && !paths.length) flags[flag[1]!] = flag[2] ?? 'true';
    else paths.push(word);
  }
  return { flags, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}

/** ENV in its `K=V K2=V2` form (values without spaces). */
export function parseEnv(instruction: Instruction): Record<string, string> {
  return Object.fromEntries(
    instruction.args.split(/\s+/).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1).replace(/^"(.*)"$/, '$1')];
    }),
  );
}

/** The last WORKDIR of a stage (Docker's default is /). */
export const workdir = (stage: Stage) => instructions(stage, 'WORKDIR').at(-1)?.args ?? '/';

function patternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether .dockerignore keeps `file` (a path relative to the context) out of the build context:
 * the last matching pattern wins, `!` re-includes, and a pattern that matches a directory
 * matches everything under it.
 */
export function isIgnored(dockerignore: string, file: string): boolean {
  const rules = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      return { negate, regex: patternRegex(pattern) };
    });
  const parts = file.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) if (prefixes.some((p) => rule.regex.test(p))) ignored = !rule.negate;
  return ignored;
}

/**
 * Replays the final stage's `COPY --from=<build stage>` lines against a build made in `root`
 * (with `distDir` for Next's `.next`), into `target`, as the image would lay them out. Throws
 * when a source the Dockerfile copies does not exist. Symlinks are copied as they are, as
 * Docker copies them. Returns the copies made.
 */
export function replayRuntimeCopies(
  dockerfile: Dockerfile,
  { root, distDir, target }: { root: string; distDir: string; target: string },
): { from: string; to: string }[] {
  const runtime = dockerfile.stages.at(-1)!;
  const done: { from: string; to: string }[] = [];
  const mapDist = (p: string) =>
    p
      .split('/')
      .map((seg) => (seg === '.next' ? distDir : seg))
      .join('/');
  for (const instruction of instructions(runtime, 'COPY')) {
    const copy = parseCopy(instruction);
    const stage = copy.flags.from ? findStage(dockerfile, copy.flags.from) : undefined;
    if (!stage) throw new Error(`COPY ${instruction.args}: only copies from a build stage can be replayed`);
    const stageDir = workdir(stage);
    for (const source of copy.sources) {
      const relative = path.posix.relative(stageDir, path.posix.resolve(stageDir, source));
      const from = path.join(root, mapDist(relative));
      if (!existsSync(from))
        throw new Error(`COPY --from=${copy.flags.from} ${source}: ${from} does not exist after the build`);
      const dest = path.posix.resolve(workdir(runtime), copy.dest);
      const to = path.join(target, mapDist(path.posix.relative(workdir(runtime), dest)));
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      done.push({ from, to });
    }
  }
  return done;
}

function findStage(dockerfile: Dockerfile, name: string): Stage | undefined {
  return dockerfile.stages.find((s) => s.name === name) ?? dockerfile.stages[Number(name)];
}
