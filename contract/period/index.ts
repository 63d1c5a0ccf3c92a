// The period's contract: what workflows, activities, entities and the API agree on about one
// customer's reconciliation period. Pure TypeScript (and Temporal's message definitions), so the
// deterministic workflow code and every other layer can import it.
export * from './ids';
export * from './limits';
export * from './messages';
export * from './rejections';
export * from './search-attributes';
export * from './settings';
export * from './workflows';
