import type { NodeSDK } from '@opentelemetry/sdk-node';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when enabled. It reads the standard OTEL_* variables itself
 * (exporters, endpoint, service name, sampling); the code elsewhere only uses the API.
 */
export async function startTelemetry(enabled: boolean): Promise<Telemetry> {
  if (!enabled) return { shutdown: async () => undefined };
  const { NodeSDK: Sdk } = await import('@opentelemetry/sdk-node');
  const sdk: NodeSDK = new Sdk({ serviceName: 'strata' });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
