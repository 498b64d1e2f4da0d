// npm always ships the README.md at the package root, and the repository's README.md is about
// building the project. So `npm pack` / `npm publish` swap in wasm/README.md (the JS API guide)
// for the packing and put the repository's back afterwards (package.json prepack / postpack):
//   node wasm/package-readme.mjs use | restore
// Packs running at once (the tests pack in parallel) take turns through a lock directory; a
// pack that died half-way leaves a lock older than LOCK_STALE_MS and the backup, which the next
// `use` or `restore` repairs.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const readme = at('README.md');
const backup = at('.repo-readme.bak');  // not README*: npm would ship that
const lock = at('.pack-readme.lock');
const packageReadme = at('wasm/README.md');
const LOCK_STALE_MS = 5 * 60 * 1000;
const LOCK_WAIT_MS = 3 * 60 * 1000;

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function takeLock() {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let stale = false;
    try {
      stale = Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
    } catch {
      continue;  // released meanwhile
    }
    if (stale) {
      restoreReadme();
      rmSync(lock, { recursive: true, force: true });
    } else if (Date.now() > until) {
      throw new Error(`package-readme: ${lock} is held by another pack for too long`);
    } else {
      sleep(100);
    }
  }
}

function restoreReadme() {
  if (existsSync(backup)) renameSync(backup, readme);
}

const command = process.argv[2];
if (command === 'use') {
  takeLock();
  restoreReadme();
  renameSync(readme, backup);
  copyFileSync(packageReadme, readme);
} else if (command === 'restore') {
  restoreReadme();
  rmSync(lock, { recursive: true, force: true });
} else {
  console.error('usage: node wasm/package-readme.mjs use | restore');
  process.exit(2);
}
