/**
 * The API server's one interface: a request in, a response out. In-process clients (kubectl in
 * the lab's terminal) and the HTTP front (`kubelab serve`) both go through it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiRequest {
  method: HttpMethod
  /** The path without the query: /api/v1/namespaces/default/pods. */
  path: string
  query?: Record<string, string>
  headers?: Record<string, string>
  /** The parsed body (JSON or YAML decoded by the caller). */
  body?: unknown
}

export interface ApiResponse {
  status: number
  headers: Record<string, string>
  /** An object (JSON) or text (logs, health). */
  body: unknown
  /** Virtual time the request took: etcd timeouts take seconds. */
  latencyMs: number
}
