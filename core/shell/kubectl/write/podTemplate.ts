/**
 * A pod template as `kubectl rollout history --revision=N` prints it (describe's
 * DescribePodTemplate): tab-separated lines, not aligned, labels one per line.
 */
import type { PodTemplateSpec } from '../../../api/types'

interface ContainerView {
  name: string
  image?: string
  command?: string[]
  args?: string[]
  ports?: { containerPort: number; hostPort?: number; protocol?: string }[]
  env?: { name: string; value?: string }[]
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[]
}

function mapLines(title: string, map: Record<string, string> | undefined, sep: string): string {
  const keys = Object.keys(map ?? {}).sort()
  if (keys.length === 0) return `  ${title}:\t<none>\n`
  return keys.map((k, i) => `${i === 0 ? `  ${title}:\t` : '\t'}${k}${sep}${map![k]}\n`).join('')
}

function portText(ports: ContainerView['ports'], host: boolean): string {
  if (ports === undefined || ports.length === 0) return '<none>'
  return ports
    .map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`)
    .join(', ')
}

function containerLines(c: ContainerView): string {
  const plural = (c.ports?.length ?? 0) > 1 ? 's' : ''
  let out = `   ${c.name}:\n    Image:\t${c.image ?? ''}\n`
  out += `    Port${plural}:\t${portText(c.ports, false)}\n    Host Port${plural}:\t${portText(c.ports, true)}\n`
  if (c.command?.length) out += `    Command:\n${c.command.map((a) => `      ${a}\n`).join('')}`
  if (c.args?.length) out += `    Args:\n${c.args.map((a) => `      ${a}\n`).join('')}`
  out += c.env?.length
    ? `    Environment:\n${c.env.map((e) => `      ${e.name}:\t${e.value ?? ''}\n`).join('')}`
    : '    Environment:\t<none>\n'
  out += c.volumeMounts?.length
    ? `    Mounts:\n${c.volumeMounts.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`).join('')}`
    : '    Mounts:\t<none>\n'
  return out
}

export function describeTemplate(template: PodTemplateSpec): string {
  const spec = template.spec as unknown as {
    serviceAccountName?: string
    containers?: ContainerView[]
    volumes?: { name: string }[]
    nodeSelector?: Record<string, string>
    tolerations?: unknown[]
  }
  let out = 'Pod Template:\n'
  out += mapLines('Labels', template.metadata?.labels, '=')
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    out += mapLines('Annotations', template.metadata?.annotations, ': ')
  if (spec.serviceAccountName) out += `  Service Account:\t${spec.serviceAccountName}\n`
  out += `  Containers:\n${(spec.containers ?? []).map(containerLines).join('')}`
  out += spec.volumes?.length
    ? `  Volumes:\n${spec.volumes.map((v) => `   ${v.name}:\n`).join('')}`
    : '  Volumes:\t<none>\n'
  out += mapLines('Node-Selectors', spec.nodeSelector, '=')
  out += `  Tolerations:\t${spec.tolerations?.length ? String(spec.tolerations.length) : '<none>'}\n`
  return out
}
