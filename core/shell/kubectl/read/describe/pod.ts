/** `kubectl describe pod`, in describePod's order (FIDELITY.md §10.3). */
import type { Event, Pod } from '../../../../api/types'
import { describeContainers, describeVolumes, volumesOf } from './containers'
import {
  controllerText,
  printAnnotations,
  printEvents,
  printLabels,
  printTolerations,
  rfc1123z,
  since,
  type DescribeContext,
  PrefixWriter,
} from './writer'

export function describePod(
  pod: Pod,
  events: Event[] | undefined,
  context: DescribeContext,
): string {
  const w = new PrefixWriter()
  const { metadata, spec } = pod
  const status = pod.status ?? {}
  w.write(0, `Name:\t${metadata.name}\n`)
  w.write(0, `Namespace:\t${metadata.namespace}\n`)
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`)
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n')
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
  printLabels(w, 'Labels', metadata.labels)
  printAnnotations(w, 'Annotations', metadata.annotations)
  if (metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(metadata.deletionTimestamp, context)})\n`)
    w.write(0, `Termination Grace Period:\t${metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`)
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(0, `Message:\t${status.message}\n`)
  w.write(0, `IP:\t${status.podIP ?? ''}\n`)
  const ips = status.podIPs ?? []
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n')
  else {
    w.write(0, 'IPs:\n')
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`)
  }
  const controller = controllerText(metadata.ownerReferences)
  if (controller) w.write(0, `Controlled By:\t${controller}\n`)
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
  if (spec.initContainers && spec.initContainers.length > 0)
    describeContainers(
      w,
      'Init Containers',
      spec.initContainers,
      status.initContainerStatuses,
      '',
      pod,
    )
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses, '', pod)
  if (status.conditions && status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n')
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`)
  }
  describeVolumes(w, volumesOf(spec), '')
  w.write(0, `QoS Class:\t${status.qosClass ?? qosClass(pod)}\n`)
  printLabels(w, 'Node-Selectors', spec.nodeSelector)
  printTolerations(w, 'Tolerations', spec.tolerations)
  if (events !== undefined) printEvents(w, events, context)
  return w.toString()
}

/** qos.GetPodQOS, for a pod whose status does not say it yet. */
function qosClass(pod: Pod): string {
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]
  const set = (c: (typeof containers)[number]): boolean =>
    Object.keys(c.resources?.requests ?? {}).length > 0 ||
    Object.keys(c.resources?.limits ?? {}).length > 0
  if (!containers.some(set)) return 'BestEffort'
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {}
    const requests = c.resources?.requests ?? {}
    return (
      limits.cpu !== undefined &&
      limits.memory !== undefined &&
      (requests.cpu ?? limits.cpu) === limits.cpu &&
      (requests.memory ?? limits.memory) === limits.memory
    )
  })
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
