/** The import tests' scratch database; it lives under bench/ because the benchmark needs it too. */
export { createScratchDatabase, serverOptions, type ScratchDatabase } from '../../bench/_scratch-db';
