import type { ServiceContext } from "../domain/context";

export interface JobOptions {
  webhookAllowHosts: string[];
  publicUrl: string;
}

/** Background work inside the server process (the webhook worker). Returns a function that stops it. */
export function startJobs(_ctx: ServiceContext, _options: JobOptions): () => Promise<void> {
  return async () => {};
}
