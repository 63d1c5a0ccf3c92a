import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../config/config';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  profiles?: string[];
  volumes?: string[];
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const APP_SERVICES = ['api', 'worker', 'migrate'];

/** What docker compose would pass: ${VAR:?msg} and ${VAR:-default} become a long enough value. */
const interpolate = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{(\w+):[?-][^}]*\}/g, (_, name: string) => `${name}-${'x'.repeat(32)}`),
    ]),
  );

describe('docker-compose.yml', () => {
  it('runs MySQL 8, Temporal on MySQL with schema set-up and search attributes, its UI, and Recon', () => {
    const services = compose.services;
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'migrate',
        'mysql',
        'prometheus',
        'temporal',
        'temporal-schema',
        'temporal-namespace',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.mysql.image).toMatch(/^mysql:8/);
    expect(services.mysql.command).toContain('--local-infile=1'); // the statement import's fast path
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services.temporal.environment).toMatchObject({ DB: 'mysql8', MYSQL_SEEDS: 'mysql' });
    expect(JSON.stringify(compose)).not.toContain('auto-setup');
    expect(services['temporal-schema'].command?.join('\n')).toContain(
      'update-schema -d /etc/temporal/schema/mysql/v8/temporal/versioned',
    );
    const searchAttributes = services['temporal-namespace'].command?.join('\n') ?? '';
    for (const name of ['ReconStatus', 'ReconCustomer', 'ReconPeriod'])
      expect(searchAttributes).toContain(name);
    expect(services.temporal.depends_on?.['temporal-schema'].condition).toBe(
      'service_completed_successfully',
    );
    expect(services.api.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });

  it.each(APP_SERVICES)(
    'gives %s only variables the config module reads, and a configuration it accepts',
    (name) => {
      const env = compose.services[name].environment ?? {};
      expect(
        Object.keys(env).filter((key) => !(CONFIG_VARIABLES as readonly string[]).includes(key)),
      ).toEqual([]);
      const config = loadConfig(interpolate(env));
      expect(config.env).toBe('production');
      expect(config.database).toMatchObject({ host: 'mysql', port: 3306, database: 'recon', user: 'recon' });
      expect(config.temporal).toMatchObject({
        address: 'temporal:7233',
        namespace: 'default',
        taskQueue: 'recon',
      });
    },
  );

  it('starts the same entry points as the package scripts, built by the Dockerfile', () => {
    const entry = (name: string) => compose.services[name].command?.slice(1).join(' ');
    expect(packageJson.scripts['start:api']).toBe(`node ${entry('api')}`);
    expect(packageJson.scripts['start:worker']).toBe(`node ${entry('worker')}`);
    expect(packageJson.scripts.migrate).toBe(`node ${entry('migrate')}`);
    expect(compose.services.api.environment).toMatchObject({ HTTP_HOST: '0.0.0.0', HTTP_PORT: '4000' });
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toContain('COPY --from=build /app/api/graphql ./api/graphql');
  });

  it('offers Prometheus (profile "metrics") scraping the admin ports the API and worker configure', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus.profiles).toEqual(['metrics']);
    const mounted = prometheus.volumes?.find((v) => v.endsWith(':/etc/prometheus/prometheus.yml:ro'));
    const scrape = parse(readFileSync(path.join(ROOT, mounted!.split(':')[0]), 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    for (const name of ['api', 'worker']) {
      const metrics = loadConfig(interpolate(compose.services[name].environment ?? {})).observability.metrics;
      expect(metrics?.host).toBe('0.0.0.0');
      expect(targets).toContain(`${name}:${metrics?.port}`);
    }
    const sdk = loadConfig(interpolate(compose.services.worker.environment ?? {})).observability;
    expect(targets).toContain(`worker:${sdk.temporalMetricsAddress?.split(':')[1]}`);
    // Not published on the host: only Prometheus, inside the compose network, reads them.
    expect(JSON.stringify(compose.services.api)).not.toContain('9464:');
  });
});
