/**
 * Lists of a cycle that depend only on which plugins PreFilter or PreScore skipped (the Filter
 * plugins that run, the Score plugins that run, their names for the "why?" record), built once
 * per distinct skip set instead of once per pod: the pods of a cluster skip the same few plugins
 * (NodeAffinity without node affinity, NodePorts without host ports). What `get` returns is
 * shared between cycles and between "why?" records, so it is read-only.
 */
export class BySkipped<T> {
  /** One entry per skip set seen, with its names in skip order (the record lists them so). */
  private readonly entries: { names: string[]; value: T }[] = []

  constructor(private readonly build: (skipped: ReadonlySet<string>) => T) {}

  get(skipped: ReadonlySet<string>): T {
    // A few entries at most (a profile has a handful of plugins that can skip): a scan is
    // cheaper than building a key per cycle.
    for (const entry of this.entries) if (sameNames(entry.names, skipped)) return entry.value
    const value = this.build(skipped)
    this.entries.push({ names: [...skipped], value })
    return value
  }
}

function sameNames(names: readonly string[], skipped: ReadonlySet<string>): boolean {
  if (names.length !== skipped.size) return false
  let i = 0
  for (const name of skipped) if (name !== names[i++]) return false
  return true
}
