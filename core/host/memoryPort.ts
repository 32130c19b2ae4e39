/**
 * Two connected in-memory ports, for tests and for running the simulation in-process.
 * Messages are delivered asynchronously (on a microtask), in order, as a real Worker would,
 * and copied through JSON so nothing shared by reference can leak between the two ends.
 */
import type { Port } from '../protocol'

export function createPortPair<A, B>(): [Port<B, A>, Port<A, B>] {
  const toB = new Set<(message: A) => void>()
  const toA = new Set<(message: B) => void>()
  const deliver = <T>(handlers: Set<(message: T) => void>, message: T): void => {
    const copy = JSON.parse(JSON.stringify(message)) as T
    void Promise.resolve().then(() => handlers.forEach((h) => h(copy)))
  }
  const end = <In, Out>(
    inbox: Set<(m: In) => void>,
    outbox: Set<(m: Out) => void>,
  ): Port<In, Out> => ({
    post: (message) => deliver(outbox, message),
    onMessage(handler) {
      inbox.add(handler)
      return () => inbox.delete(handler)
    },
  })
  return [end<B, A>(toA, toB), end<A, B>(toB, toA)]
}
