/** What every test file shares. */
const common = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `tsc --noEmit` in scripts/test.sh; jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};

const WORKFLOW_UNITS = '<rootDir>/test/workflows/unit/';

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      // The workflows alone on the time-skipping server with stub activities: the database is
      // pointed at a closed port, so a unit test that reached for MariaDB fails at once instead
      // of quietly depending on it (docs/architecture.md "Testing").
      ...common,
      displayName: 'workflow-units',
      roots: [WORKFLOW_UNITS],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/no-database.ts'],
    },
    {
      ...common,
      displayName: 'recon',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', WORKFLOW_UNITS],
    },
  ],
};
