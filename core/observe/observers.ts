/**
 * The observers behind the app's views, made once a simulation runs Kubernetes: the objects
 * (kube/changed), the component logs (log/appended) and the charts' samples. Each publisher
 * runs at the end of every command and every advance of time (Simulation.addPublisher).
 */
import type { Clock } from '../clock'
import type { KubernetesCluster } from '../kubernetes/cluster'
import type { SimulationEvent } from '../protocol'
import { KubeObserver } from './kubeObserver'
import { LogObserver } from './logObserver'
import { StatsSampler } from './stats'

export class Observers {
  readonly kube: KubeObserver
  readonly logs: LogObserver
  readonly stats: StatsSampler

  constructor(cluster: KubernetesCluster, clock: Clock, observed: () => boolean) {
    this.kube = new KubeObserver(cluster.etcd.kv, observed)
    this.logs = new LogObserver(cluster.logs, observed)
    this.stats = new StatsSampler(cluster, clock, observed)
  }

  /** The publishers, in the order their events are sent: objects first, then what they said. */
  publishers(): ((emit: (event: SimulationEvent) => void) => void)[] {
    return [(emit) => this.kube.publish(emit), (emit) => this.logs.publish(emit)]
  }
}
