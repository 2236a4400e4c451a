import { describe, expect, it } from 'vitest';
import { JavaMissing, assertJava, parseJavaMajor, javaRunsSourceFiles } from '@/local/java';

describe('parseJavaMajor', () => {
  it.each([
    ['java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)', 8],
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('reads the major version from %j', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it.each(['', 'command not found: java', 'version 17', 'openjdk version "abc"'])(
    'returns undefined for %j',
    (output) => {
      expect(parseJavaMajor(output)).toBeUndefined();
    },
  );
});

describe('assertJava', () => {
  it('explains how to install Java when the command does not exist', () => {
    expect(() => assertJava('definitely-not-java-xyz')).toThrow(JavaMissing);
    expect(() => assertJava('definitely-not-java-xyz')).toThrow(
      /was not found on PATH.*Install a Java 17\+ runtime/,
    );
  });
});

describe('javaRunsSourceFiles', () => {
  it('is false when the command does not exist, so DynamoDB Local falls back to the jar', () => {
    expect(javaRunsSourceFiles('/nonexistent/java')).toBe(false);
  });
});
