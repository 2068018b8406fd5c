/**
 * Delivers generated traffic to the hub's marketplace intake (POST /v1/marketplace/events) and
 * counts the answers.
 *
 * Batches go out in time order. With `concurrency` 1 (the normal profile) one request is in
 * flight and the next leaves as soon as the hub answers. With more (the Singles' Day burst)
 * several are in flight, except that a batch never overtakes an earlier one touching the same
 * order or record: the hub must see an order paid before it is shipped. With `clock`, the hub's
 * test clock is moved to each batch's simulated time first (with nothing in flight), so the hub
 * decides every event at the time the simulation planned it.
 *
 * The files a batch's dispute messages attach are uploaded (PUT /v1/marketplace/attachments/:sha256)
 * as part of delivering it, before the batch is posted: the hub refuses a message whose files it
 * has not received. Each file is uploaded once per run.
 */
import { createHash } from 'node:crypto';
import type { IntakeAnswer } from '../shared/api/hub.js';
import { canonicalJson } from '../shared/json.js';
import type { Batch } from './batches.js';
import type { AttachmentFile } from './evidence.js';
import type { HubClient } from './hub-client.js';
import type { HubClock } from './hub-clock.js';
import { DAY_MS, HOUR_MS } from './timeline.js';

export interface SendOptions {
  client: HubClient;
  concurrency: number;
  /** Present when the hub's clock follows the simulation. */
  clock: HubClock | null;
  totalEvents: number;
  progress: (line: string) => void;
  /** ms between progress lines. */
  progressEveryMs?: number;
  /** The files the batches' dispute messages attach, by SHA-256 (the traffic's). */
  attachments?: ReadonlyMap<string, AttachmentFile>;
}

export interface SendReport {
  requests: number;
  retries: number;
  eventsSent: number;
  accepted: number;
  rejected: Record<string, number>;
  /** The first few rejections, to show what went wrong. */
  rejectedExamples: Array<{ id: string; type: string; code: string; message: string }>;
  /** Rejections of events the hub accepts only with a following clock. */
  rejectedNeedingClock: number;
  elapsedMs: number;
  burst: { events: number; accepted: number; elapsedMs: number } | null;
  /** SHA-256 over every intake answer in sending order: equal for a replay answered identically. */
  answersSha256: string;
  /** Files uploaded (whether or not the hub already had them), and their bytes. */
  attachmentsUploaded: number;
  attachmentBytes: number;
}

/** The hub's answer to an upload. */
interface UploadAnswer {
  sha256?: string;
  mime?: string;
  size?: number;
  stored?: boolean;
}

/** The hub answered something the intake contract does not allow. */
export class UnexpectedAnswer extends Error {}

const MAX_EXAMPLES = 10;

export async function sendBatches(batches: readonly Batch[], options: SendOptions): Promise<SendReport> {
  const { client, clock, concurrency } = options;
  const started = performance.now();
  const answers: IntakeAnswer[][] = [];
  const report: SendReport = {
    requests: 0,
    retries: 0,
    eventsSent: 0,
    accepted: 0,
    rejected: {},
    rejectedExamples: [],
    rejectedNeedingClock: 0,
    elapsedMs: 0,
    burst: null,
    answersSha256: '',
    attachmentsUploaded: 0,
    attachmentBytes: 0,
  };
  let burstStart = Infinity;
  let burstEnd = -Infinity;
  let lastProgress = started;

  const inFlight = new Set<Promise<void>>();
  const busyKeys = new Set<string>();
  let failure: unknown = null;
  /** By SHA-256: shared by batches attaching the same file, so it is sent once and waited for by each. */
  const uploads = new Map<string, Promise<void>>();

  async function upload(sha256: string, batch: Batch): Promise<void> {
    const file = options.attachments?.get(sha256);
    if (!file) throw new Error(`intake batch ${batch.index + 1} attaches ${sha256}, a file the traffic does not hold`);
    const answer = await client.put<UploadAnswer>(`/v1/marketplace/attachments/${sha256}`, file.bytes, file.mime, `uploading attachment ${sha256}`);
    if (answer.sha256 !== sha256 || answer.mime !== file.mime || answer.size !== file.bytes.length) {
      throw new UnexpectedAnswer(`the hub's answer to the upload of ${sha256} (${file.mime}, ${file.bytes.length} bytes) describes another file: ${JSON.stringify(answer)}`);
    }
    report.attachmentsUploaded += 1;
    report.attachmentBytes += file.bytes.length;
  }

  async function deliver(batch: Batch): Promise<void> {
    const sentAt = performance.now();
    for (const sha256 of attachedFiles(batch)) {
      if (!uploads.has(sha256)) uploads.set(sha256, upload(sha256, batch));
      await uploads.get(sha256);
    }
    const body = canonicalJson({ events: batch.events });
    const answer = await client.post<{ answers?: IntakeAnswer[] }>('/v1/marketplace/events', body, `intake batch ${batch.index + 1}`);
    const batchAnswers = checkAnswers(batch, answer);
    answers[batch.index] = batchAnswers;
    report.eventsSent += batch.events.length;
    let accepted = 0;
    batchAnswers.forEach((a, i) => {
      if (a.status === 'accepted') {
        accepted += 1;
        return;
      }
      report.rejected[a.code] = (report.rejected[a.code] ?? 0) + 1;
      if (batch.needsClock[i]) report.rejectedNeedingClock += 1;
      if (report.rejectedExamples.length < MAX_EXAMPLES) report.rejectedExamples.push({ id: a.id, type: batch.events[i].type, code: a.code, message: a.message });
    });
    report.accepted += accepted;
    if (batch.inBurst) {
      report.burst ??= { events: 0, accepted: 0, elapsedMs: 0 };
      report.burst.events += batch.events.length;
      report.burst.accepted += accepted;
      burstStart = Math.min(burstStart, sentAt);
      burstEnd = Math.max(burstEnd, performance.now());
    }
  }

  function launch(batch: Batch): void {
    for (const key of batch.keys) busyKeys.add(key);
    const task: Promise<void> = deliver(batch)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        for (const key of batch.keys) busyKeys.delete(key);
        inFlight.delete(task);
      });
    inFlight.add(task);
  }

  const conflicts = (batch: Batch) => [...batch.keys].some((key) => busyKeys.has(key));
  const drain = async () => {
    await Promise.all(inFlight);
  };

  for (const batch of batches) {
    if (failure) break;
    if (clock?.isBefore(batch.at)) {
      await drain();
      if (failure) break;
      await clock.moveTo(batch.at);
    }
    while (inFlight.size >= concurrency || conflicts(batch)) await Promise.race(inFlight);
    if (failure) break;
    launch(batch);
    const now = performance.now();
    if (now - lastProgress >= (options.progressEveryMs ?? 1000)) {
      lastProgress = now;
      options.progress(progressLine(report, options.totalEvents, clock));
    }
  }
  await drain();
  if (failure) throw failure;

  report.requests = client.requests;
  report.retries = client.retries;
  report.elapsedMs = Math.round(performance.now() - started);
  if (report.burst) report.burst.elapsedMs = Math.max(1, Math.round(burstEnd - burstStart));
  const hash = createHash('sha256');
  for (const batchAnswers of answers) for (const a of batchAnswers) hash.update(`${canonicalJson(a)}\n`);
  report.answersSha256 = hash.digest('hex');
  options.progress(progressLine(report, options.totalEvents, clock));
  return report;
}

/** The distinct files the batch's dispute messages attach. */
function attachedFiles(batch: Batch): Set<string> {
  const files = new Set<string>();
  for (const event of batch.events) if (event.type === 'dispute.message') for (const ref of event.attachments ?? []) files.add(ref.sha256);
  return files;
}

function checkAnswers(batch: Batch, answer: { answers?: IntakeAnswer[] }): IntakeAnswer[] {
  const list = answer.answers;
  if (!Array.isArray(list) || list.length !== batch.events.length || list.some((a, i) => a?.id !== batch.events[i].id)) {
    throw new UnexpectedAnswer(`the hub's answer to intake batch ${batch.index + 1} does not answer its ${batch.events.length} events one by one, in order`);
  }
  return list;
}

function progressLine(report: SendReport, total: number, clock: HubClock | null): string {
  const rejected = Object.values(report.rejected).reduce((a, b) => a + b, 0);
  const day = clock ? `, hub clock +${Math.floor(clock.advancedMs / DAY_MS)}d ${Math.floor((clock.advancedMs % DAY_MS) / HOUR_MS)}h` : '';
  const files = report.attachmentsUploaded > 0 ? `, ${report.attachmentsUploaded} files uploaded` : '';
  return `sim: ${report.eventsSent}/${total} events sent, ${report.accepted} accepted, ${rejected} rejected${files}${day}`;
}
