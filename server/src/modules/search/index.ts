// The search module: the engine (engine/, pure and in memory) and its integration with the FAQ tables.

/** The search, suggestion, click, synonym and analytics routes. */
export { searchRoutes } from './search.routes.ts';
/** The per-process search indexes, kept current through the FAQ change channel. */
export {
  createSearchService,
  type SearchLogger,
  type SearchService,
  type SearchServiceOptions,
  startSearchService,
} from './search.service.ts';
