/** A page the server would not or could not read, named by the rule that stopped it. */
import type { PageFetchRefusal } from "../../../shared/schemas";
import { DomainError } from "../../core/errors";

export const pageRefused = (reason: PageFetchRefusal, message: string, siteStatus?: number) =>
  new DomainError("unprocessable", `page_${reason}`, message, { details: siteStatus === undefined ? { reason } : { reason, siteStatus } });

