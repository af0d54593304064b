/**
 * Finding the JDK: Neo4j 5.26 runs on Java 17 or 21 only (see resolveJavaHome for the order of the search).
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './os';

/** Java feature releases Neo4j 5.26 supports. */
export const SUPPORTED_JAVA_VERSIONS: readonly number[] = [17, 21];

export interface JavaInfo {
  javaHome: string;
  /** feature release, e.g. 17 */
  version: number;
  /** where it came from: PARLEY_JAVA_HOME, JAVA_HOME or /usr/lib/jvm */
  source: 'PARLEY_JAVA_HOME' | 'JAVA_HOME' | '/usr/lib/jvm';
}

/** The feature release of the JDK/JRE at javaHome (`java -version`), or undefined if it has no working java. */
export async function javaVersionOf(javaHome: string): Promise<number | undefined> {
  const java = join(javaHome, 'bin', 'java');
  if (!existsSync(java)) return undefined;
  try {
    const { stdout, stderr } = await run(java, ['-version']);
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
    if (!match?.[1]) return undefined;
    const major = Number(match[1]);
    // Java 8 and older report "1.8.0_…"
    return major === 1 && match[2] ? Number(match[2]) : major;
  } catch {
    return undefined;
  }
}

const javaHint =
  `Neo4j 5.26 needs Java ${SUPPORTED_JAVA_VERSIONS.join(' or ')}. ` +
  'Install it with `apt-get install openjdk-17-jdk-headless`, or point PARLEY_JAVA_HOME at a Java 17/21 JDK.';

let javaPromise: Promise<JavaInfo> | undefined;

/**
 * Picks the JDK to run Neo4j (and Maven) with, in this order:
 * 1. env PARLEY_JAVA_HOME (must be Java 17 or 21, otherwise an error),
 * 2. env JAVA_HOME if its `java -version` is 17 or 21,
 * 3. the newest Java 21 or 17 found in /usr/lib/jvm/*,
 * else throws an error telling how to install Java 17. The result is cached per process.
 */
export function resolveJavaHome(env: NodeJS.ProcessEnv = process.env): Promise<JavaInfo> {
  if (env !== process.env) return findJava(env);
  javaPromise ??= findJava(env).catch((error: unknown) => {
    javaPromise = undefined;
    throw error;
  });
  return javaPromise;
}

async function findJava(env: NodeJS.ProcessEnv): Promise<JavaInfo> {
  const explicit = env['PARLEY_JAVA_HOME'];
  if (explicit) {
    const version = await javaVersionOf(explicit);
    if (version === undefined || !SUPPORTED_JAVA_VERSIONS.includes(version)) {
      throw new Error(
        `PARLEY_JAVA_HOME=${explicit} is ${version === undefined ? 'not a working Java installation' : `Java ${version}`}. ${javaHint}`,
      );
    }
    return { javaHome: explicit, version, source: 'PARLEY_JAVA_HOME' };
  }
  const javaHome = env['JAVA_HOME'];
  if (javaHome) {
    const version = await javaVersionOf(javaHome);
    if (version !== undefined && SUPPORTED_JAVA_VERSIONS.includes(version)) {
      return { javaHome, version, source: 'JAVA_HOME' };
    }
  }
  const jvmRoot = '/usr/lib/jvm';
  const seen = new Set<string>();
  const found: JavaInfo[] = [];
  const entries = existsSync(jvmRoot) ? readdirSync(jvmRoot).sort() : [];
  for (const entry of entries) {
    const home = join(jvmRoot, entry);
    let real: string;
    try {
      real = realpathSync(home);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const version = await javaVersionOf(home);
    if (version !== undefined && SUPPORTED_JAVA_VERSIONS.includes(version)) {
      found.push({ javaHome: home, version, source: '/usr/lib/jvm' });
    }
  }
  // Prefer the newest supported release; among equals, a full JDK (javac) so that Maven can compile the launcher.
  found.sort(
    (a, b) =>
      b.version - a.version ||
      Number(existsSync(join(b.javaHome, 'bin', 'javac'))) - Number(existsSync(join(a.javaHome, 'bin', 'javac'))),
  );
  const best = found[0];
  if (best) return best;
  throw new Error(`No Java 17 or 21 found (checked PARLEY_JAVA_HOME, JAVA_HOME and ${jvmRoot}/*). ${javaHint}`);
}
