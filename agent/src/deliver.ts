// Delivering the spool, oldest report first. The server's answer decides each report's fate:
//   2xx (duplicate included)   accepted: removed from the spool
//   401                        credential revoked: everything stays, stop
//   408/429/5xx, network error retried within the run's budget; then stop, the rest waits
//   other 4xx                  rejected for good: logged, removed, continue with the next
import type { CheckinResponse } from "../shared/protocol";
import type { Credential } from "./state/credential";
import type { AgentState } from "./state/agent-state";
import type { Spool } from "./state/spool";
import type { Logger } from "./state/log";
import { NetworkError, type HttpResponse, type TransportOptions } from "./transport/http";
import { describeError, isCheckinResponse, parseJson, postCheckin } from "./transport/api";
import { isTransientStatus, parseRetryAfter, withRetry, type Clock, type RetryPolicy, realClock } from "./transport/retry";

export type DeliveryResult = {
  outcome: "delivered" | "unreachable" | "revoked";
  delivered: number;
  dropped: number;
  message?: string;
};

export async function deliverSpool(opts: {
  spool: Spool;
  credential: Credential;
  state: AgentState;
  transport: TransportOptions;
  log: Logger;
  policy: RetryPolicy;
  deadline: number;
  clock?: Clock;
}): Promise<DeliveryResult> {
  const { spool, credential, state, log } = opts;
  const clock = opts.clock ?? realClock;
  const result: DeliveryResult = { outcome: "delivered", delivered: 0, dropped: 0 };
  const now = () => new Date(clock.now()).toISOString();

  for (const item of spool.list()) {
    let report;
    try {
      report = spool.read(item);
    } catch (err) {
      log.warn(`spooled report seq ${item.seq} is unreadable (${(err as Error).message}): dropped`);
      spool.remove(item);
      result.dropped++;
      continue;
    }
    let res: HttpResponse;
    try {
      res = await withRetry<HttpResponse>(
        async () => {
          const remaining = opts.deadline - clock.now();
          try {
            const r = await postCheckin(credential.server, credential.deviceSecret, report, {
              ...opts.transport,
              timeoutMs: Math.max(2_000, Math.min(opts.transport.timeoutMs ?? 20_000, remaining)),
            });
            if (isTransientStatus(r.status)) log.warn(`report seq ${item.seq}: server answered ${describeError(r)}`);
            return { value: r, transient: isTransientStatus(r.status), retryAfterMs: parseRetryAfter(r.headers["retry-after"], clock.now()) };
          } catch (err) {
            if (err instanceof NetworkError) {
              log.warn(`report seq ${item.seq}: ${err.message}`);
              return { error: err, final: !err.retryable };
            }
            throw err;
          }
        },
        opts.policy,
        opts.deadline,
        clock,
      );
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      state.lastReport = { seq: item.seq, at: now(), outcome: "spooled", message: err.message };
      return { ...result, outcome: "unreachable", message: `server unreachable: ${err.message}` };
    }

    if (res.status >= 200 && res.status < 300) {
      const body = parseJson<CheckinResponse>(res);
      spool.remove(item);
      result.delivered++;
      const duplicate = isCheckinResponse(body) && body.duplicate === true;
      state.lastReport = { seq: item.seq, at: now(), outcome: duplicate ? "duplicate" : "delivered", httpStatus: res.status };
      state.lastDelivered = { seq: item.seq, at: now() };
      if (isCheckinResponse(body)) {
        if (typeof body.nextCheckinSeconds === "number") state.nextCheckinSeconds = body.nextCheckinSeconds;
        if (typeof body.catalogVersion === "string") state.serverCatalogVersion = body.catalogVersion;
        if (body.update) state.updateOffer = body.update;
        else delete state.updateOffer;
      }
      delete state.revoked;
      log.info(`report seq ${item.seq} ${duplicate ? "was already on the server (duplicate)" : "delivered"}`);
      continue;
    }
    if (res.status === 401) {
      const message = describeError(res);
      state.revoked = { at: now(), message };
      state.lastReport = { seq: item.seq, at: now(), outcome: "revoked", httpStatus: 401, message };
      log.error(`credential refused (${message}): reports stay spooled until this device is enrolled again`);
      return { ...result, outcome: "revoked", message: `credential revoked: ${message}; enroll again with a new token` };
    }
    if (isTransientStatus(res.status) || res.status < 400) {
      const message = res.status < 400 ? `unexpected ${describeError(res)} (check the server URL)` : describeError(res);
      state.lastReport = { seq: item.seq, at: now(), outcome: "spooled", httpStatus: res.status, message };
      return { ...result, outcome: "unreachable", message: `server not accepting reports: ${message}` };
    }
    const message = describeError(res);
    log.warn(`report seq ${item.seq} rejected for good (${message}): dropped from the spool`);
    state.lastReport = { seq: item.seq, at: now(), outcome: "dropped", httpStatus: res.status, message };
    spool.remove(item);
    result.dropped++;
  }
  return result;
}
