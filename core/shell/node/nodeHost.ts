/**
 * What every node tool needs first: the node's runtime (its process table, containerd, kubelet,
 * kube-proxy) in the running cluster, and the machine it runs on. The tools are installed on the
 * lab's nodes only (availableOn), never on the learner's laptop.
 */
import type { KubernetesCluster, NodeRuntime } from '../../kubernetes/cluster'
import type { CommandOutput, MachineView, ShellContext } from '../command'

export interface NodeHost {
  cluster: KubernetesCluster
  node: NodeRuntime
}

/** Installed on every node of the lab (control planes and workers). */
export function onNode(machine: MachineView): boolean {
  return machine.role !== 'laptop'
}

/** Installed on control-plane nodes only (etcdctl, kubeadm's certificates). */
export function onControlPlane(machine: MachineView): boolean {
  return machine.role === 'control-plane'
}

/**
 * The node the command runs on. A bare world (no Kubernetes) has no runtime: the tool then
 * reports it cannot reach its daemon, as it would on a machine where nothing was installed.
 */
export function nodeHost(context: ShellContext): NodeHost | undefined {
  const cluster = context.host.kubernetes
  const node = cluster?.nodes.get(context.machine.name)
  return cluster === undefined || node === undefined ? undefined : { cluster, node }
}

/** Writes each line of `lines` with its newline. */
export function printLines(output: CommandOutput, lines: readonly string[]): void {
  if (lines.length > 0) output.out(lines.map((line) => `${line}\n`).join(''))
}

/**
 * Go's text/tabwriter as crictl uses it (minwidth 20, tabwidth 1, padding 3, spaces): every
 * cell but the last of a row is padded to the column's widest cell + 3, and at least 20.
 */
export function goTabwriter(
  rows: readonly (readonly string[])[],
  minWidth = 20,
  padding = 3,
): string[] {
  const widths: number[] = []
  for (const row of rows)
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, minWidth, cell.length + padding)
    })
  return rows.map((row) =>
    row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join(''),
  )
}

/** A stable small number from a text (fd numbers, memory figures): FNV-1a, not random. */
export function stableNumber(text: string, min: number, max: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return min + (h % (max - min + 1))
}
