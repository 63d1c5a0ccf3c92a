/**
 * Set up before each workflow unit test file (jest's project `workflow-units`, in package.json):
 * the database Recon's configuration names is a port nothing listens on, so these tests cannot
 * use MariaDB without failing loudly (ECONNREFUSED), whatever the machine's environment says.
 */
export const UNREACHABLE_DATABASE_URL = 'mysql://root@127.0.0.1:1/recon_workflow_units_have_no_database';

process.env.DATABASE_URL = UNREACHABLE_DATABASE_URL;
