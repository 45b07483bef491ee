import type { ServiceContext } from "../domain/context";

/**
 * What delivering webhooks needs from the server's configuration, per database. `recordEvent` is called
 * deep inside library and offer services with only a ServiceContext, yet must write absolute links into
 * the bodies it stores; registration must know the operator's allow-list. startJobs registers both here
 * when the server starts (keyed like the theme index, by the open database).
 */
export interface DeliverySettings {
  publicUrl: string;
  webhookAllowHosts: string[];
}

const settings = new WeakMap<object, DeliverySettings>();
const wakers = new WeakMap<object, () => void>();

export function configureDeliveries(ctx: ServiceContext, value: DeliverySettings, wake: () => void) {
  settings.set(ctx.sqlite, value);
  wakers.set(ctx.sqlite, wake);
}

export function forgetDeliveries(ctx: ServiceContext) {
  wakers.delete(ctx.sqlite);
}

/** Before the server listens (seeding) nothing is registered: links are then relative, nothing is allow-listed. */
export const deliverySettings = (ctx: ServiceContext): DeliverySettings =>
  settings.get(ctx.sqlite) ?? { publicUrl: "", webhookAllowHosts: [] };

/**
 * Tells the worker that deliveries were written. Called inside the writing transaction, so the worker
 * looks only after the current synchronous work (and with it the commit) is done.
 */
export function wakeDeliveries(ctx: ServiceContext) {
  const wake = wakers.get(ctx.sqlite);
  if (wake) setTimeout(wake, 0);
}
