/**
 * How the kubelet turns a pod spec into CRI requests (pkg/kubelet/kuberuntime: sandbox and
 * container configs with the io.kubernetes.* labels that let a restarted kubelet find its
 * containers again), plus the small rules it applies: restart policy, format.Pod.
 */
import type { Container, Pod } from '../api/types'
import {
  ANNOTATION_RESTART_COUNT,
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  type ContainerConfig,
  type Mount,
  type PodSandboxConfig,
} from './cri'
import { fnv1a } from '../random'
import { valueOrZero } from '../api/quantity'

/** format.Pod: "web_default(6b2d…)", as the BackOff event names a pod. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name!}_${pod.metadata.namespace!}(${pod.metadata.uid!})`
}

export function podLabels(pod: Pod): Record<string, string> {
  return {
    [LABEL_POD_NAME]: pod.metadata.name!,
    [LABEL_POD_NAMESPACE]: pod.metadata.namespace!,
    [LABEL_POD_UID]: pod.metadata.uid!,
  }
}

export function sandboxConfig(
  pod: Pod,
  attempt: number,
  ip: string,
  source: 'api' | 'file',
): PodSandboxConfig {
  const { name, namespace, uid } = pod.metadata
  return {
    metadata: { name: name!, namespace: namespace!, uid: uid!, attempt },
    hostname: name!,
    hostNetwork: pod.spec.hostNetwork === true,
    ip,
    labels: { ...pod.metadata.labels, ...podLabels(pod) },
    annotations: { ...pod.metadata.annotations, 'kubernetes.io/config.source': source },
    logDirectory: `/var/log/pods/${namespace!}_${name!}_${uid!}`,
  }
}

/**
 * The CRI config of a container; `env` is what containerEnv.ts built for it, `mounts` its
 * volumes (podVolumes.ts).
 */
export function containerConfig(
  pod: Pod,
  container: Container,
  attempt: number,
  env: Record<string, string>,
  mounts: Mount[],
): ContainerConfig {
  // A missing or malformed limit is no limit (validation would have refused a malformed one).
  const memory = valueOrZero(container.resources?.limits?.memory)
  return {
    metadata: { name: container.name, attempt },
    image: container.image,
    command: container.command ?? [],
    args: container.args ?? [],
    env,
    memoryLimitBytes: memory > 0 ? memory : undefined,
    labels: { ...podLabels(pod), [LABEL_CONTAINER_NAME]: container.name },
    annotations: {
      'io.kubernetes.container.hash': containerHash(container),
      [ANNOTATION_RESTART_COUNT]: String(attempt),
      'io.kubernetes.container.terminationMessagePath':
        container.terminationMessagePath ?? '/dev/termination-log',
      'io.kubernetes.pod.terminationGracePeriod': String(
        pod.spec.terminationGracePeriodSeconds ?? 30,
      ),
    },
    logPath: `${container.name}/${attempt}.log`,
    ...(mounts.length === 0 ? {} : { mounts }),
  }
}

/** The container hash the kubelet stores to notice a changed definition. */
export function containerHash(container: Container): string {
  return fnv1a(JSON.stringify(container)).toString(16)
}

/** Whether a container that exited with `exitCode` is started again (FIDELITY.md §5.8). */
export function shouldRestart(pod: Pod, init: boolean, exitCode: number): boolean {
  const policy = pod.spec.restartPolicy ?? 'Always'
  if (policy === 'Never') return false
  if (init || policy === 'OnFailure') return exitCode !== 0
  return true
}

/** The grace period of a pod being deleted: its deletionGracePeriodSeconds, else its spec's. */
export function gracePeriodSeconds(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30
}
