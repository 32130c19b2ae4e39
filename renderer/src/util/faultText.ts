/**
 * Faults in plain words, in the UI language: "Stop the process", "kubelet on worker-1". The
 * simulation names kinds by id ('process/stop'); the learner reads what the id means.
 */
import type { FaultKindId, FaultTarget } from '../../../core/protocol'

/** vue-i18n's `t`, narrowed to what these helpers need. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** Message keys per kind; a Record so that a new kind in core fails to compile here. */
const KIND_KEYS: Record<FaultKindId, string> = {
  'process/stop': 'faults.kind.processStop',
  'process/kill': 'faults.kind.processKill',
  'process/restart': 'faults.kind.processRestart',
  'machine/power-off': 'faults.kind.machinePowerOff',
  'machine/partition': 'faults.kind.machinePartition',
  'machine/partition-control-plane': 'faults.kind.machinePartitionControlPlane',
  'port/block': 'faults.kind.portBlock',
  'registry/unreachable': 'faults.kind.registryUnreachable',
  'container/kill': 'faults.kind.containerKill',
  'node/memory-pressure': 'faults.kind.nodeMemoryPressure',
  'node/disk-pressure': 'faults.kind.nodeDiskPressure',
}

export function kindText(t: Translate, kind: FaultKindId): string {
  const key = KIND_KEYS[kind] as string | undefined
  // A kind this build does not know yet still shows, by its id.
  return key === undefined ? kind : t(key)
}

export function targetText(t: Translate, target: FaultTarget): string {
  switch (target.kind) {
    case 'component':
      return t('faults.target.component', { type: target.type, machine: target.machine })
    case 'machine':
      return t('faults.target.machine', { machine: target.machine })
    case 'port':
      return t('faults.target.port', { ...target })
    case 'pod':
      return t('faults.target.pod', { namespace: target.namespace, name: target.name })
  }
}
