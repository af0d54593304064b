/**
 * Class-data sharing for the local Neo4j (Java 17+: a dynamic AppCDS archive). The first JVM that finds no archive
 * for the current JDK, jars and flags runs with `-XX:ArchiveClassesAtExit=<tmp>` and, when it ends cleanly, its
 * archive (every class it loaded, parsed and verified) is moved into place; later JVMs map it with
 * `-XX:SharedArchiveFile`, so they do not load, parse and verify Neo4j's classes again. See README "Performance"
 * for what it saves.
 *
 * The archive's name is a hash of what it depends on (the JDK, the launcher jar and every jar of target/lib with
 * their sizes and times, the JVM flags), so a new JDK, new jars or new flags simply mean another name: the JVM
 * never sees a stale archive, and the old ones are deleted. A missing, partial or unusable archive never breaks a
 * start: `-Xshare:auto` (the default) runs without it, and its warnings are turned off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LAUNCHER_JAR, LIB_DIR } from './jars';

/** Next to the jars it belongs to (server/neo4j/target, ignored by git). */
export const CDS_DIR = join(LIB_DIR, '..', 'cds');
const ARCHIVE = /^neo4j-[0-9a-f]{16}\.jsa$/;
const TEMP = /^neo4j-[0-9a-f]{16}\.jsa\.[0-9a-f]+\.tmp$/;
/** warnings about an archive that cannot be used (the JVM then runs without it) are not the user's business */
const QUIET = '-Xlog:cds=off,cds+dynamic=off';

export interface CdsPlan {
  /** JVM flags to add */
  flags: string[];
  /**
   * To call once the JVM has exited: moves a freshly written archive into place when the JVM ended `clean`ly
   * (a JVM killed while writing it leaves a partial file, which is deleted). Never throws.
   */
  afterExit(clean: boolean): Promise<void>;
  /**
   * To call once the JVM is ready: an archive the JVM did not map (damaged, or made by another JVM build) is
   * deleted, so that the next start writes a good one (Linux: /proc/<pid>/maps). Never throws.
   */
  afterReady(pid: number): Promise<void>;
  /** true when this JVM writes an archive at exit (its stop takes longer) */
  writes: boolean;
}

/** Where the archive for this JDK, these jars and these flags is (or will be). */
export async function cdsArchivePath(javaHome: string, jvmFlags: readonly string[]): Promise<string> {
  return join(CDS_DIR, `neo4j-${await key(javaHome, jvmFlags)}.jsa`);
}

async function key(javaHome: string, jvmFlags: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  // the heap size is left out: a dynamic archive holds classes, not heap objects, and tests run other sizes
  hash.update(`${javaHome}\n${jvmFlags.filter((f) => !/^-Xm[sx]/.test(f)).join(' ')}\n`);
  const files = [
    join(javaHome, 'lib', 'modules'),
    LAUNCHER_JAR,
    ...(await readdir(LIB_DIR)).sort().map((f) => join(LIB_DIR, f)),
  ];
  for (const f of files) {
    const s = await stat(f);
    hash.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The flags for the next JVM: use the archive, or (`write`) write one at exit; no flags when anything goes wrong.
 * Only JVMs of a persistent data folder (`npm start`, `npm run neo4j`, `npm run load`) write one: writing costs
 * the stop 5–30 s of CPU (115 MB), which the throwaway JVMs of tests and benchmarks, started several at once,
 * should not each pay.
 */
export async function planCds(javaHome: string, jvmFlags: readonly string[], write: boolean): Promise<CdsPlan> {
  const none: CdsPlan = { flags: [], afterExit: async () => {}, afterReady: async () => {}, writes: false };
  try {
    const archive = await cdsArchivePath(javaHome, jvmFlags);
    const name = basename(archive);
    await mkdir(CDS_DIR, { recursive: true });
    // archives of other jars, JDKs or flags, and temporary files an hour old (their JVM is gone), are dropped
    for (const f of await readdir(CDS_DIR)) {
      const old = ARCHIVE.test(f) && f !== name;
      const leftover =
        TEMP.test(f) && Date.now() - (await stat(join(CDS_DIR, f)).catch(() => ({ mtimeMs: 0 }))).mtimeMs > 3_600_000;
      if (old || leftover) await rm(join(CDS_DIR, f), { force: true });
    }
    if (existsSync(archive))
      return {
        flags: [`-XX:SharedArchiveFile=${archive}`, QUIET],
        afterExit: none.afterExit,
        writes: false,
        async afterReady(pid) {
          const maps = await readFile(`/proc/${pid}/maps`, 'utf8').catch(() => null);
          if (maps !== null && !maps.includes(archive)) await rm(archive, { force: true }).catch(() => {});
        },
      };
    if (!write) return none;
    // each JVM writes its own file: two JVMs started at once never write the same one
    const temp = `${archive}.${randomBytes(6).toString('hex')}.tmp`;
    return {
      flags: [`-XX:ArchiveClassesAtExit=${temp}`, QUIET],
      afterReady: none.afterReady,
      writes: true,
      async afterExit(clean) {
        try {
          if (!existsSync(temp)) return;
          if (clean && (await stat(temp)).size > 0 && !existsSync(archive)) await rename(temp, archive);
          else await rm(temp, { force: true });
        } catch {
          // another JVM's archive got there first, or the folder went: run without it next time
        }
      },
    };
  } catch {
    return none;
  }
}
