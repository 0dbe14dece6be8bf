// Builds the Temporal UI into the directory given as the first argument, for the sandbox jar's classpath.
//
// Maven runs this in process-classes. It does only what is out of date, so an incremental local build
// costs nothing and `mvn -o` works once node_modules exists:
//   1. `npm ci` when node_modules is missing or older than package-lock.json (needs the npm registry);
//   2. `vite build` when the output's index.html is missing or older than any input below;
//   3. otherwise nothing.
// A clean clone has neither node_modules nor output, so it always installs and builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not import.meta.dirname: Debian's Node 18 (CI) lacks it.
const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, 'build'));
const inputs = [
  'package.json',
  'package-lock.json',
  'svelte.config.js',
  'vite.config.js',
  'tailwind.config.js',
  'postcss.config.cjs',
  'tsconfig.json',
  '.env.production',
  'src',
  'static',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function mtimeOrZero(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function run(command, args, env = {}) {
  console.log(`[temporal-ui] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: here, stdio: 'inherit', env: { ...process.env, ...env } });
}

const installed = join(here, 'node_modules', '.package-lock.json');
if (mtimeOrZero(installed) < mtimeOrZero(join(here, 'package-lock.json'))) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const built = join(outDir, 'index.html');
const newestInput = Math.max(...inputs.map((input) => newestMtime(join(here, input))), mtimeOrZero(installed));
if (mtimeOrZero(built) < newestInput) {
  const started = Date.now();
  run('npm', ['run', 'build'], { BUILD_PATH: outDir });
  console.log(`[temporal-ui] built into ${outDir} in ${Math.round((Date.now() - started) / 1000)} s`);
} else {
  console.log(`[temporal-ui] ${outDir} is up to date`);
}
