/**
 * The YAML editor's manifests: the starter templates, and the command its Apply button types in
 * the terminal. The templates are Kubernetes' own YAML, so they are not translated.
 */

export interface ManifestTemplate {
  /** A key under `terminal.editor.templates` in the message files. */
  id: 'deployment' | 'serviceNodePort' | 'pod'
  yaml: string
}

export const TEMPLATES: readonly ManifestTemplate[] = [
  {
    id: 'deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`,
  },
  {
    id: 'serviceNodePort',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
      nodePort: 30080
`,
  },
  {
    id: 'pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
    - name: busybox
      image: busybox:1.36
      command: ['sh', '-c', 'echo Hello from the lab && sleep 3600']
`,
  },
]

/**
 * `kubectl apply -f -` with the manifest as a quoted heredoc (no expansion inside). The
 * delimiter is EOF unless a line of the manifest is exactly that; then EOF_1, EOF_2, ….
 */
export function applyCommand(manifest: string): string {
  const body = manifest.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  const lines = new Set(body.split('\n'))
  let delimiter = 'EOF'
  for (let n = 1; lines.has(delimiter); n++) delimiter = `EOF_${n}`
  return `kubectl apply -f - <<'${delimiter}'\n${body}\n${delimiter}`
}
