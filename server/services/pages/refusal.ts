/** A page the server would not or could not read, named by the rule that stopped it. */
import type { PageFetchRefusal } from "../../../shared/schemas";
import { DomainError } from "../../core/errors";

export const pageRefused = (reason: PageFetchRefusal, message: string, siteStatus?: number) =>
  new DomainError("unprocessable", `page_${reason}`, message, { details: siteStatus === undefined ? { reason } : { reason, siteStatus } });

/** The reason of a refusal made by pageRefused, for the fetcher's own bookkeeping (which limit cut it). */
export const refusalReason = (error: unknown): PageFetchRefusal | null =>
  error instanceof DomainError && error.code.startsWith("page_") ? ((error.extra.details?.["reason"] as PageFetchRefusal | undefined) ?? null) : null;
