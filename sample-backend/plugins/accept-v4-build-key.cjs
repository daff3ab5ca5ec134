// A local Serverless plugin with one job: let osls accept the top-level `build` key.
//
// Serverless Framework v4 refuses serverless-esbuild unless `build.esbuild` is false (it has a
// bundler of its own), but osls, which follows v3's configuration schema, knows no `build` key and
// stops at it ("Configuration error: unrecognized property 'build'"). This plugin tells osls's
// schema that the key exists. v4 defines `build` itself, so there the plugin does nothing.
'use strict';

class AcceptV4BuildKey {
  constructor(serverless) {
    const schemaHandler = serverless.configSchemaHandler;
    if (schemaHandler.schema.properties.build) return;
    schemaHandler.defineTopLevelProperty('build', {
      type: 'object',
      properties: { esbuild: { const: false } },
      additionalProperties: false,
    });
  }
}

module.exports = AcceptV4BuildKey;
