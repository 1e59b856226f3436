// The layering of ARCHITECTURE.md, checked on every `npm test`: dependencies point down only
// (app → dicomweb, graphql → services → models → modules), and there are no cycles.
const layer = {
  web: '^web/',
  app: '^server/app/',
  dicomweb: '^dicomweb/',
  graphql: '^graphql/',
  services: '^server/services/',
  models: '^server/models/',
  modules: '^server/modules/',
  migrations: '^migrations/',
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'modules-are-pure',
      severity: 'error',
      comment: 'server/modules are pure engines: no other layer, no ORM, HTTP, GraphQL or telemetry SDK.',
      from: { path: layer.modules },
      to: {
        path: [layer.app, layer.dicomweb, layer.graphql, layer.services, layer.models, layer.migrations, layer.web],
      },
    },
    {
      name: 'modules-no-frameworks',
      severity: 'error',
      from: { path: layer.modules },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'],
        path: 'node_modules/(@mikro-orm|fastify|@fastify|graphql|type-graphql|@apollo|@opentelemetry/sdk|pg/|pino|next|react)',
      },
    },
    {
      name: 'models-below-services',
      severity: 'error',
      from: { path: layer.models },
      to: { path: [layer.app, layer.dicomweb, layer.graphql, layer.services, layer.web] },
    },
    {
      name: 'only-models-use-the-orm',
      severity: 'error',
      comment: 'server/models is the only ORM importer.',
      from: { pathNot: [layer.models, layer.migrations] },
      to: { path: 'node_modules/@mikro-orm/' },
    },
    {
      name: 'services-below-protocols',
      severity: 'error',
      from: { path: layer.services },
      to: { path: [layer.app, layer.dicomweb, layer.graphql, layer.web] },
    },
    {
      name: 'protocols-use-services-not-models',
      severity: 'error',
      comment: 'dicomweb and graphql reach data through services only, and never each other or the app.',
      from: { path: [layer.dicomweb, layer.graphql] },
      to: { path: [layer.models, layer.migrations, layer.app, layer.web] },
    },
    { name: 'dicomweb-not-graphql', severity: 'error', from: { path: layer.dicomweb }, to: { path: layer.graphql } },
    { name: 'graphql-not-dicomweb', severity: 'error', from: { path: layer.graphql }, to: { path: layer.dicomweb } },
    {
      name: 'web-over-http-only',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP (GraphQL + DICOMweb) only.',
      from: { path: layer.web },
      to: {
        path: [layer.app, layer.dicomweb, layer.graphql, layer.services, layer.models, layer.modules, layer.migrations],
      },
    },
    {
      name: 'no-otel-sdk-outside-app',
      severity: 'error',
      comment: 'Only the composition root wires the OpenTelemetry SDK; everything else uses @opentelemetry/api.',
      from: { pathNot: layer.app },
      to: { path: 'node_modules/@opentelemetry/(sdk|exporter|context-async-hooks)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports tests, contracts or test support.',
      from: { pathNot: ['\\.test\\.ts$', '\\.contract\\.ts$', '/testing/', '^tests/', '^bench/'] },
      to: { path: ['\\.test\\.ts$', '\\.contract\\.ts$', '/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/\\.next/', '^web/next-env\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    // No tsConfig: the project has no path aliases (workspaces resolve through package exports), and
    // its tsconfig-paths plugin would resolve the `graphql` package to the graphql/ workspace folder.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['strata-source', 'import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
