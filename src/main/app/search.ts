import { err } from '../../shared/result.js';
import { createApp } from './app.js';

// Implemented with the console's screens (global search over indexes, the overview's series).
export const searchApp = createApp<'search.global' | 'stats.series'>({
  'search.global': async () => err('not_built', 'global search is not built yet'),
  'stats.series': async () => err('not_built', 'the overview series are not built yet'),
});
