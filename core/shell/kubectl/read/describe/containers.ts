/**
 * Containers, volumes and pod templates as describe.go prints them (describeContainers,
 * describeVolumes, DescribePodTemplate): shared by pods and the workload describers.
 */
import { fieldValue } from '../../../../api/fields'
import type {
  Container,
  ContainerState,
  ContainerStatus,
  KubeObject,
  PodSpec,
  PodTemplateSpec,
  Probe,
} from '../../../../api/types'
import { formatMilli, isQuantity, milliValue } from '../../../../api/quantity'
import {
  printLabels,
  printAnnotations,
  printTolerations,
  rfc1123z,
  type PrefixWriter,
} from './writer'

interface Volume {
  name: string
  hostPath?: { path: string; type?: string }
  emptyDir?: { medium?: string; sizeLimit?: string }
  configMap?: { name?: string; optional?: boolean }
  secret?: { secretName?: string; optional?: boolean }
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean }
  projected?: {
    sources?: {
      serviceAccountToken?: { expirationSeconds?: number }
      configMap?: { name?: string; optional?: boolean }
      downwardAPI?: unknown
      secret?: { name?: string; optional?: boolean }
    }[]
  }
}

interface VolumeMount {
  name: string
  mountPath: string
  readOnly?: boolean
  subPath?: string
}

type FullContainer = Container & {
  volumeMounts?: VolumeMount[]
  env?: { name: string; value?: string; valueFrom?: Record<string, Record<string, string>> }[]
}

/** Quantity.String() for what the lab stores: CPU in its canonical milli form. */
export function quantityText(name: string, text: string): string {
  if (name === 'cpu' && isQuantity(text)) return formatMilli(milliValue(text))
  return text
}

export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  /** The pod, to show what a fieldRef variable resolves to (EnvValueRetriever); none for templates. */
  pod?: KubeObject,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`)
  for (const container of containers as FullContainer[]) {
    const status = statuses?.find((s) => s.name === container.name)
    w.write(1, `${space === '' ? '' : ' '}${container.name}:\n`)
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`)
    w.write(2, `Image:\t${container.image}\n`)
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`)
    const ports = (container.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)
    const hostPorts = (container.ports ?? []).map(
      (p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`,
    )
    w.write(
      2,
      ports.length > 1 ? `Ports:\t${ports.join(', ')}\n` : `Port:\t${ports[0] ?? '<none>'}\n`,
    )
    w.write(
      2,
      hostPorts.length > 1
        ? `Host Ports:\t${hostPorts.join(', ')}\n`
        : `Host Port:\t${hostPorts[0] ?? '<none>'}\n`,
    )
    describeCommand(w, container)
    if (status) describeState(w, status)
    describeResources(w, container.resources, 2)
    describeProbes(w, container)
    describeEnv(w, container, pod)
    describeMounts(w, container.volumeMounts ?? [])
  }
}

function describeCommand(w: PrefixWriter, container: Container): void {
  for (const [title, list] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (!list || list.length === 0) continue
    w.write(2, `${title}:\n`)
    for (const item of list) for (const s of item.split('\n')) w.write(3, `${s}\n`)
  }
}

export function describeResources(
  w: PrefixWriter,
  resources: Container['resources'],
  level: number,
): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (names.length === 0) continue
    w.write(level, `${title}:\n`)
    for (const name of names) w.write(level + 1, `${name}:\t${quantityText(name, list![name]!)}\n`)
  }
}

function describeState(w: PrefixWriter, status: ContainerStatus): void {
  stateLines(w, 'State', status.state)
  if (status.lastState?.terminated) stateLines(w, 'Last State', status.lastState)
  w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`)
  w.write(2, `Restart Count:\t${status.restartCount}\n`)
}

function stateLines(w: PrefixWriter, name: string, state: ContainerState): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`)
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`)
  } else if (state.terminated) {
    const t = state.terminated
    w.write(2, `${name}:\tTerminated\n`)
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(3, `Message:\t${t.message}\n`)
    w.write(3, `Exit Code:\t${t.exitCode}\n`)
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`)
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`)
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`)
  } else {
    w.write(2, `${name}:\tWaiting\n`)
    if (state.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`)
  }
}

function describeProbes(w: PrefixWriter, container: Container): void {
  if (container.livenessProbe) w.write(2, `Liveness:\t${probeText(container.livenessProbe)}\n`)
  if (container.readinessProbe) w.write(2, `Readiness:\t${probeText(container.readinessProbe)}\n`)
  if (container.startupProbe) w.write(2, `Startup:\t${probeText(container.startupProbe)}\n`)
}

/** DescribeProbe, with the API defaults (timeout 1s, period 10s, thresholds 1 and 3). */
export function probeText(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`
  if (probe.exec) return `exec [${probe.exec.command.join(' ')}] ${attrs}`
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase()
    return `http-get ${scheme}://:${probe.httpGet.port}${probe.httpGet.path ?? ''} ${attrs}`
  }
  if (probe.tcpSocket) return `tcp-socket :${probe.tcpSocket.port} ${attrs}`
  return `unknown ${attrs}`
}

function describeEnv(w: PrefixWriter, container: FullContainer, pod: KubeObject | undefined): void {
  const env = container.env ?? []
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    const from = e.valueFrom
    if (from === undefined) {
      ;(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`))
    } else if (from['fieldRef']) {
      const path = from['fieldRef']['fieldPath'] ?? ''
      const value = pod === undefined ? '' : fieldValue(pod, path)
      w.write(3, `${e.name}:\t${value} (${from['fieldRef']['apiVersion'] ?? 'v1'}:${path})\n`)
    } else if (from['secretKeyRef']) {
      const ref = from['secretKeyRef']
      w.write(
        3,
        `${e.name}:\t<set to the key '${ref['key']}' in secret '${ref['name']}'>\tOptional: false\n`,
      )
    } else if (from['configMapKeyRef']) {
      const ref = from['configMapKeyRef']
      w.write(
        3,
        `${e.name}:\t<set to the key '${ref['key']}' of config map '${ref['name']}'>\tOptional: false\n`,
      )
    }
  }
}

function describeMounts(w: PrefixWriter, mounts: VolumeMount[]): void {
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])]
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
  }
}

export function describeVolumes(
  w: PrefixWriter,
  volumes: Volume[] | undefined,
  space: string,
): void {
  if (!volumes || volumes.length === 0) return w.write(0, `${space}Volumes:\t<none>\n`)
  w.write(0, `${space}Volumes:\n`)
  for (const v of volumes) {
    w.write(1, `${space === '' ? '' : ' '}${v.name}:\n`)
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`,
      )
    } else if (v.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`,
      )
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional ?? false}\n`,
      )
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional ?? false}\n`,
      )
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}\n`,
      )
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(
            2,
            `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional ?? false}\n`,
          )
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n')
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional ?? false}\n`,
          )
        else if (s.serviceAccountToken)
          w.write(
            2,
            `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`,
          )
      }
    } else w.write(1, '<unknown>\n')
  }
}

export function volumesOf(spec: PodSpec): Volume[] | undefined {
  return (spec as PodSpec & { volumes?: Volume[] }).volumes
}

/** DescribePodTemplate, as deployments, ReplicaSets and DaemonSets print their pods. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec): void {
  w.write(0, 'Pod Template:\n')
  printLabels(w, '  Labels', template.metadata?.labels)
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotations(w, '  Annotations', template.metadata?.annotations)
  const spec = template.spec
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`)
  if (spec.initContainers && spec.initContainers.length > 0)
    describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ')
  describeContainers(w, 'Containers', spec.containers, undefined, '  ')
  describeVolumes(w, volumesOf(spec), '  ')
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabels(w, '  Node-Selectors', spec.nodeSelector)
  printTolerations(w, '  Tolerations', spec.tolerations)
}
