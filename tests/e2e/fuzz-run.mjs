// One long UI fuzz walk outside the test suite: `node fuzz-run.mjs [seed] [steps] [--fresh|--seed-like|--editor]`.
// Without a seed it draws one and prints it first, so a failure can be replayed exactly. `--editor`
// starts in the framework editor of a scored framework with rules and keeps the walk near it.
import { serveBundle } from './harness.mjs';
import { walk, seedLikeDraft, startFrom, startInEditor } from './fuzz.mjs';

const [seedArg, stepsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const seed = seedArg ? Number(seedArg) : Math.floor(Math.random() * 2 ** 31);
const steps = Number(stepsArg ?? 5000);
const start = ['--seed-like', '--fresh', '--editor'].find((flag) => process.argv.includes(flag))
  ?? (seed % 2 === 1 ? '--seed-like' : '--fresh');
const described = { '--seed-like': 'a seed-like draft', '--fresh': 'a fresh profile', '--editor': 'the framework editor' };
console.log(`UI fuzz: seed ${seed}, ${steps} actions, from ${described[start]}`);
const replay = `scripts/fuzz.sh ${seed} ${steps} ${start}`;
console.log(`replay: ${replay}`);
const server = await serveBundle();
try {
  const draft = start === '--seed-like' ? await seedLikeDraft() : null;
  const prepare = { '--seed-like': (page) => startFrom(page, draft), '--fresh': undefined, '--editor': startInEditor }[start];
  await walk({ url: server.url, seed, steps, prepare, log: process.env.LVZHI_FUZZ_VERBOSE ? console.log : undefined });
  console.log(`UI fuzz passed: seed ${seed}, ${steps} actions`);
} catch (error) {
  console.error(String(error.stack ?? error));
  console.error(`UI fuzz FAILED with seed ${seed}; replay: ${replay}`);
  process.exitCode = 1;
} finally {
  await server.close();
}
