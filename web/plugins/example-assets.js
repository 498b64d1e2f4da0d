// Vite plugin: serves (dev) and emits (build) the bundled example under example/, straight
// from examples/ so the data is never duplicated in git. The page scores it in its Worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sources = {
  'example/events.csv': 'examples/data/events.csv',
  'example/accounts.csv': 'examples/data/accounts.csv',
  'example/communications.csv': 'examples/data/communications.csv',
  'example/model.json': 'examples/model.json',
};

export function exampleAssets() {
  const files = () => {
    const out = {};
    for (const [name, path] of Object.entries(sources)) out[name] = readFileSync(join(repo, path));
    return out;
  };
  return {
    name: 'pqlscope-example-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0]).replace(/^\//, '');
        const all = files();
        if (!Object.hasOwn(all, name)) return next();
        res.setHeader('content-type', name.endsWith('.json') ? 'application/json' : 'text/csv');
        res.end(all[name]);
      });
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(files())) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
