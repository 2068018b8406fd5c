/**
 * ESLint rule `layers/allowed-imports`: the dependency direction of DESIGN §2, checked on the
 * resolved path of every import, so `../../core/x.js` from the renderer is caught however it
 * is spelled.
 *
 *   shared <- core <- {main, hub, sim};  renderer -> shared;  preload -> shared + electron
 *
 * main is also the composition root of demo mode, which embeds a hub seeded by the simulator,
 * so main may import hub and sim (docs/ARCHITECTURE.md). Only src/main/electron and
 * src/preload may import electron.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** Which layers each layer may import. */
export const ALLOWED = {
  shared: ['shared'],
  core: ['shared', 'core'],
  main: ['shared', 'core', 'main', 'hub', 'sim'],
  hub: ['shared', 'core', 'hub'],
  sim: ['shared', 'core', 'sim'],
  preload: ['shared', 'preload'],
  renderer: ['shared', 'renderer'],
};

/** Packages (by name) a layer must not import. */
const NODE_ONLY = ['sqlite3', 'pg', 'fastify', 'iconv-lite', 'sax'];
const FORBIDDEN_PACKAGES = {
  shared: ['electron', 'react', 'react-dom', 'recharts', ...NODE_ONLY],
  core: ['electron', 'react', 'react-dom', 'recharts'],
  main: ['react', 'react-dom', 'recharts'],
  hub: ['electron', 'react', 'react-dom', 'recharts'],
  sim: ['electron', 'react', 'react-dom', 'recharts', 'sqlite3', 'pg'],
  preload: ['react', 'react-dom', 'recharts', ...NODE_ONLY],
  renderer: ['electron', ...NODE_ONLY],
};
/** Layers that run without Node (browser, sandboxed preload) or must stay isomorphic. */
const NO_NODE_BUILTINS = new Set(['shared', 'renderer', 'preload']);
const BUILTINS = new Set(builtinModules);

function layerOf(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const layer = relative.split(path.sep)[0];
  return Object.prototype.hasOwnProperty.call(ALLOWED, layer) ? layer : null;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layering of DESIGN §2' },
    schema: [],
    messages: {
      layer: '{{from}} must not import {{to}} ({{specifier}}): {{from}} may import only {{allowed}}',
      package: '{{from}} must not import the package "{{specifier}}"',
      builtin: '{{from}} must not import the Node built-in "{{specifier}}": it runs outside Node or must stay isomorphic',
      electron: 'only src/main/electron and src/preload may import electron',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), specifier));
        if (to && !ALLOWED[from].includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, specifier, allowed: ALLOWED[from].join(', ') } });
        }
        return;
      }
      const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
      if (NO_NODE_BUILTINS.has(from) && (specifier.startsWith('node:') || BUILTINS.has(packageName(bare)))) {
        context.report({ node, messageId: 'builtin', data: { from, specifier } });
        return;
      }
      const name = packageName(specifier);
      if (FORBIDDEN_PACKAGES[from].includes(name)) {
        context.report({ node, messageId: 'package', data: { from, specifier } });
        return;
      }
      if (name === 'electron' && !(from === 'preload' || path.relative(SRC, file).startsWith(path.join('main', 'electron')))) {
        context.report({ node, messageId: 'electron' });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'allowed-imports': rule } };
