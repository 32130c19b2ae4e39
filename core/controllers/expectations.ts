/**
 * ControllerExpectations (pkg/controller/controller_utils.go): what a controller has asked the
 * API server to create and delete but has not yet seen through its informer.
 *
 * Invariants:
 * 1. A controller manages replicas only when its expectations are satisfied: every pod it
 *    created and every deletion it asked for has been observed, or the record is older than
 *    ExpectationsTimeout (5 min). Otherwise a lagging cache would make it create twice.
 * 2. Deletions are tracked by pod key (UIDTrackingControllerExpectations), so observing the same
 *    deletion twice (deletionTimestamp set, then the object gone) counts once.
 * 3. A creation or deletion that failed is "observed" at once: the informer will never see it.
 */

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000

interface ExpectationRecord {
  adds: number
  deletes: Set<string>
  setAtMs: number
}

export class Expectations {
  private readonly records = new Map<string, ExpectationRecord>()

  constructor(private readonly now: () => number) {}

  /** SatisfiedExpectations: nothing pending, no record, or the record expired. */
  satisfied(controllerKey: string): boolean {
    const record = this.records.get(controllerKey)
    if (record === undefined) return true
    if (record.adds <= 0 && record.deletes.size === 0) return true
    return this.now() - record.setAtMs > EXPECTATIONS_TIMEOUT_MS
  }

  /** SetExpectations: replaces the record with these creations and deletions. */
  expect(controllerKey: string, creations: number, deletions: string[]): void {
    const record = { adds: creations, deletes: new Set(deletions), setAtMs: this.now() }
    this.records.set(controllerKey, record)
  }

  expectCreations(controllerKey: string, count: number): void {
    this.expect(controllerKey, count, [])
  }

  expectDeletions(controllerKey: string, podKeys: string[]): void {
    this.expect(controllerKey, 0, podKeys)
  }

  creationObserved(controllerKey: string): void {
    const record = this.records.get(controllerKey)
    if (record !== undefined) record.adds--
  }

  deletionObserved(controllerKey: string, podKey: string): void {
    this.records.get(controllerKey)?.deletes.delete(podKey)
  }

  /** Pending creations and deletions, for "why is it not acting?" in the explain log. */
  pending(controllerKey: string): { adds: number; deletes: number } {
    const record = this.records.get(controllerKey)
    return { adds: Math.max(0, record?.adds ?? 0), deletes: record?.deletes.size ?? 0 }
  }

  forget(controllerKey: string): void {
    this.records.delete(controllerKey)
  }
}
