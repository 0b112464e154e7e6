// One long UI fuzz walk outside the test suite: `node fuzz-run.mjs [seed] [steps] [--fresh|--seed-like]`.
// Without a seed it draws one and prints it first, so a failure can be replayed exactly.
import { serveBundle } from './harness.mjs';
import { walk, seedLikeDraft, startFrom } from './fuzz.mjs';

const [seedArg, stepsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const seed = seedArg ? Number(seedArg) : Math.floor(Math.random() * 2 ** 31);
const steps = Number(stepsArg ?? 5000);
const seedLike = process.argv.includes('--seed-like') || (!process.argv.includes('--fresh') && seed % 2 === 1);
console.log(`UI fuzz: seed ${seed}, ${steps} actions, from ${seedLike ? 'a seed-like draft' : 'a fresh profile'}`);
console.log(`replay: scripts/fuzz.sh ${seed} ${steps} ${seedLike ? '--seed-like' : '--fresh'}`);
const server = await serveBundle();
try {
  const draft = seedLike ? await seedLikeDraft() : null;
  await walk({ url: server.url, seed, steps, prepare: draft ? (page) => startFrom(page, draft) : undefined,
    log: process.env.LVZHI_FUZZ_VERBOSE ? console.log : undefined });
  console.log(`UI fuzz passed: seed ${seed}, ${steps} actions`);
} catch (error) {
  console.error(String(error.stack ?? error));
  console.error(`UI fuzz FAILED with seed ${seed}; replay: scripts/fuzz.sh ${seed} ${steps} ${seedLike ? '--seed-like' : '--fresh'}`);
  process.exitCode = 1;
} finally {
  await server.close();
}
