// The UI fuzz test: seeded random walks of 1 000 actions over every page and dialog, from a fresh
// profile and from a full seed-like draft, with no panic, no page error, and the stored draft equal
// to what the form shows afterwards; and one in the framework editor of a scored framework with
// rules. `scripts/fuzz.sh` runs longer walks with a random seed.
import { test, before, after } from 'node:test';
import { serveBundle } from './harness.mjs';
import { walk, seedLikeDraft, startFrom, startInEditor } from './fuzz.mjs';

const STEPS = Number(process.env.LVZHI_FUZZ_STEPS ?? 1000);
let server;
before(async () => { server = await serveBundle(); });
after(async () => { await server.close(); });

for (const seed of [1, 2]) {
  test(`a ${STEPS}-action random walk from a fresh profile (seed ${seed}) meets no error and loses nothing`, async () => {
    await walk({ url: server.url, seed, steps: STEPS });
  });
}

for (const seed of [3, 4]) {
  test(`a ${STEPS}-action random walk from a full seed-like draft (seed ${seed}) meets no error and loses nothing`, async () => {
    const draft = await seedLikeDraft();
    await walk({ url: server.url, seed, steps: STEPS, prepare: (page) => startFrom(page, draft) });
  });
}

// The framework editor, where fields commit on change and pages are rebuilt on every structural
// change: seed 101 once stopped the app (a field's change reported after its page was gone).
for (const seed of [101]) {
  test(`a ${STEPS}-action random walk in the framework editor of a scored framework (seed ${seed}) meets no error`, async () => {
    await walk({ url: server.url, seed, steps: STEPS, prepare: startInEditor });
  });
}
