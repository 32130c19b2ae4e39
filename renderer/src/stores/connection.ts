/**
 * The connection to the simulation: owns the one SimulationClient, starts the other stores'
 * subscriptions, and keeps what `simulation/describe` said (seed, Kubernetes version). Only
 * stores talk to the client; components read this store's status.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ClientPort, SimulationInfo } from '../../../core/protocol'
import { createSimulationClient, type SimulationClient } from '../client/simulationClient'
import { openTransport } from '../client/transport'
import { useChartsStore } from './charts'
import { useClockStore } from './clock'
import { useClusterStore } from './cluster'
import type { FrameScheduler } from './frames'
import { useFaultsStore } from './faults'
import { useFlowStore } from './flow'
import { useInspectorStore } from './inspector'
import { useKubeStore } from './kube'
import { useLabsStore } from './labs'
import { useTerminalStore } from './terminal'
import { useTimelineStore } from './timeline'
import { useTimeControlStore } from './timeControl'
import { useTraceStore } from './trace'

export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'failed'

export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus>('idle')
  const failure = ref('')
  const info = shallowRef<SimulationInfo | null>(null)
  // Not state: a client is a live channel, not data to make reactive or serialise.
  let client: SimulationClient | null = null
  let stops: (() => void)[] = []
  let closeTransport: () => void = () => {}

  /** Opens the transport the host offers (Electron bridge or Web Worker) and connects to it. */
  function start(): Promise<void> {
    disconnect()
    const transport = openTransport()
    transport.onFailure(fail)
    closeTransport = transport.close
    return attach(transport.port)
  }

  /** Connects to a port someone else opened (tests: an in-memory pair). */
  function connect(port: ClientPort, options: { schedule?: FrameScheduler } = {}): Promise<void> {
    disconnect()
    return attach(port, options)
  }

  async function attach(port: ClientPort, options: { schedule?: FrameScheduler } = {}) {
    status.value = 'connecting'
    const mine = createSimulationClient(port)
    client = mine
    const clock = useClockStore()
    stops.push(clock.connect(mine))
    stops.push(
      mine.onEvent((event) => {
        if (event.kind === 'simulation/replaced' && client === mine) info.value = event.info
      }),
    )
    stops.push(useTerminalStore().connect(mine))
    stops.push(useTraceStore().connect(mine))
    stops.push(useFlowStore().connect(mine))
    stops.push(useTimeControlStore().connect(mine))
    stops.push(useLabsStore().connect(mine))
    stops.push(useInspectorStore().connect(mine))
    stops.push(useTimelineStore().connect(mine))
    stops.push(useChartsStore().connect(mine))
    // The Kubernetes objects feed the views; the lab starts without them, as without faults.
    void useKubeStore()
      .connect(mine, options)
      .then(
        (stop) => (client === mine ? stops.push(stop) : stop()),
        () => {},
      )
    // Faults are not needed to start the lab: a failure shows in the faults panel, not here.
    void useFaultsStore()
      .connect(mine)
      .then(
        (stop) => (client === mine ? stops.push(stop) : stop()),
        () => {},
      )
    try {
      const [described, stopCluster] = await Promise.all([
        mine.request({ kind: 'simulation/describe' }),
        useClusterStore().connect(mine, options),
      ])
      if (client !== mine) return stopCluster()
      stops.push(stopCluster)
      info.value = described
      clock.observe(described.nowMs)
      status.value = 'ready'
    } catch (error) {
      if (client === mine) fail(error instanceof Error ? error.message : String(error))
    }
  }

  function fail(message: string): void {
    status.value = 'failed'
    failure.value = message
  }

  function disconnect(): void {
    stops.forEach((stop) => stop())
    stops = []
    client?.close()
    client = null
    closeTransport()
    closeTransport = () => {}
    info.value = null
    failure.value = ''
    status.value = 'idle'
  }

  return { status, failure, info, start, connect, disconnect }
})
