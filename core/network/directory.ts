/**
 * What the network needs to know about the rest of the cluster, and what it reports back. The
 * cluster assembly implements NetworkDirectory from the kubelets' and runtimes' state; the
 * tracer returns Hops for the topology animation and for "why?".
 */
import type { HttpRequest, HttpResponse, RunningProgram } from '../node/program'

/** A pod as the directory knows it: where it runs and the process that answers for it. */
export interface DirectoryPod {
  machine: string
  namespace: string
  name: string
  /** Undefined while no container process runs (nothing listens: connection refused). */
  program?: RunningProgram
}

/** Something listening on a machine's own addresses (a system daemon, a hostNetwork pod). */
export interface HostListener {
  http?(request: HttpRequest): HttpResponse | undefined
  /** True while the process holding the port is stopped (SIGSTOP): connects, never answers. */
  hangs?(): boolean
}

/** How the tracer finds what answers at an address; the cluster assembly provides it. */
export interface NetworkDirectory {
  podByIP(ip: string): DirectoryPod | undefined
  hostListener(machine: string, port: number): HostListener | undefined
}

export interface HopPoint {
  /** A machine name, or "outside" for the laptop. */
  machine: string
  ip: string
  pod?: { namespace: string; name: string }
}

export interface Hop {
  from: HopPoint
  to: HopPoint
  port: number
  protocol: 'TCP' | 'UDP'
  /** "iptables KUBE-SERVICES -> KUBE-SVC-… -> KUBE-SEP-…", "weave fastdp", "fabric", … */
  via: string
  outcome: 'ok' | 'rejected' | 'refused' | 'unreachable' | 'dropped'
  detail?: string
}
