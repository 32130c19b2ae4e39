/**
 * nginx and Apache httpd as their official images run them: the entrypoint's startup lines, the
 * default page on port 80, an access-log line per request in each server's own format, and a
 * graceful stop. Both images set a STOPSIGNAL (nginx SIGQUIT, httpd SIGWINCH): containerd sends
 * that signal when the kubelet stops the container, so their logs name it, and both exit 0.
 */
import type { HttpResponse, Program, ProgramContext } from '../program'
import { clfTime, httpdTime, nginxTime } from '../timeFormat'
import { containerFiles, execIn, type LabHttpRequest, type LabRunningProgram } from './support'

export const NGINX_VERSION = '1.27.3'
export const HTTPD_VERSION = '2.4.62'

export const NGINX_WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

const NGINX_404 = `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`
export const HTTPD_PAGE = '<html><body><h1>It works!</h1></body></html>\n'
const HTTPD_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`

const NGINX_ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
]

/** The part both servers share: listening on 80, serving files, stopping on a signal. */
interface WebServer {
  /** The document root: the directory the server serves files from. */
  root: string
  files: Record<string, string>
  notFound: string
  startup(context: ProgramContext): string[]
  accessLine(
    context: ProgramContext,
    request: LabHttpRequest,
    status: number,
    bytes: number,
  ): string
  errorLine?(context: ProgramContext, request: LabHttpRequest, file: string): string
  shutdown(context: ProgramContext): string[]
  memoryBytes: number
}

function webServer(server: WebServer, name: string): Program {
  return {
    processName: () => name,
    start(context): LabRunningProgram {
      const fs = containerFiles(context, server.files)
      let serving = true
      for (const line of server.startup(context)) context.log(line)
      // URL path → file under the document root, as the server maps them ("/" is the index);
      // a ConfigMap mounted over the root serves its own pages.
      const documents = new Map(
        [...fs.keys()]
          .filter((f) => f.startsWith(`${server.root}/`))
          .map((f) => [f.slice(server.root.length), f]),
      )
      const index = documents.get('/index.html')
      if (index !== undefined) documents.set('/', index)
      const answer = (request: LabHttpRequest): HttpResponse | undefined => {
        if (!serving || request.port !== 80) return undefined
        const path = request.path.split('?')[0]!
        const file = documents.get(path)
        const body = file === undefined ? server.notFound : (fs.get(file) ?? server.notFound)
        const status = file === undefined ? 404 : 200
        if (status === 404 && server.errorLine !== undefined)
          context.log(server.errorLine(context, request, path))
        context.log(server.accessLine(context, request, status, body.length))
        return {
          status,
          body,
          headers: { 'Content-Type': 'text/html', 'Content-Length': String(body.length) },
        }
      }
      return {
        signal(signal) {
          if (!serving) return
          serving = false
          if (signal === 'SIGKILL') return
          for (const line of server.shutdown(context)) context.log(line)
          context.clock.schedule(50, `${name} shutdown`, () => context.exit(0))
        },
        http: answer,
        listening: () => (serving ? [80] : []),
        memoryBytes: () => server.memoryBytes,
        exec: (command, timeoutMs) => execIn(fs, context, command, timeoutMs),
        files: fs,
      }
    },
  }
}

const client = (r: LabHttpRequest): string => r.remoteAddress ?? '127.0.0.1'
const agent = (r: LabHttpRequest): string => r.userAgent ?? 'curl/8.5.0'

export function nginxProgram(): Program {
  return webServer(
    {
      root: '/usr/share/nginx/html',
      files: {
        '/usr/share/nginx/html/index.html': NGINX_WELCOME_PAGE,
        '/usr/share/nginx/html/50x.html': '',
      },
      notFound: NGINX_404,
      startup: (c) => {
        const t = nginxTime(c.clock.nowMs)
        return [
          ...NGINX_ENTRYPOINT,
          `${t} [notice] 1#1: using the "epoll" event method`,
          `${t} [notice] 1#1: nginx/${NGINX_VERSION}`,
          `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
          `${t} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
          `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
          `${t} [notice] 1#1: start worker processes`,
          `${t} [notice] 1#1: start worker process 29`,
          `${t} [notice] 1#1: start worker process 30`,
        ]
      },
      accessLine: (c, r, status, bytes) =>
        `${client(r)} - - [${clfTime(c.clock.nowMs)}] "${r.method} ${r.path} HTTP/1.1" ${status} ${bytes} "-" "${agent(r)}" "-"`,
      errorLine: (c, r, path) =>
        `${nginxTime(c.clock.nowMs)} [error] 29#29: *1 open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${client(r)}, server: localhost, request: "${r.method} ${r.path} HTTP/1.1", host: "${r.host ?? c.podIP}"`,
      shutdown: (c) => {
        const t = nginxTime(c.clock.nowMs)
        return [
          `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
          `${t} [notice] 29#29: gracefully shutting down`,
          `${t} [notice] 30#30: gracefully shutting down`,
          `${t} [notice] 29#29: exiting`,
          `${t} [notice] 30#30: exiting`,
          `${t} [notice] 29#29: exit`,
          `${t} [notice] 30#30: exit`,
          `${t} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
          `${t} [notice] 1#1: worker process 29 exited with code 0`,
          `${t} [notice] 1#1: worker process 30 exited with code 0`,
          `${t} [notice] 1#1: exit`,
        ]
      },
      memoryBytes: 9_400_000,
    },
    'nginx: master process nginx -g daemon off;',
  )
}

export function httpdProgram(): Program {
  return webServer(
    {
      root: '/usr/local/apache2/htdocs',
      files: { '/usr/local/apache2/htdocs/index.html': HTTPD_PAGE },
      notFound: HTTPD_404,
      startup: (c) => {
        const t = httpdTime(c.clock.nowMs)
        const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP}. Set the 'ServerName' directive globally to suppress this message`
        return [
          fqdn,
          fqdn,
          `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${HTTPD_VERSION} (Unix) configured -- resuming normal operations`,
          `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
        ]
      },
      accessLine: (c, r, status, bytes) =>
        `${client(r)} - - [${clfTime(c.clock.nowMs)}] "${r.method} ${r.path} HTTP/1.1" ${status} ${bytes}`,
      shutdown: (c) => [
        `[${httpdTime(c.clock.nowMs)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`,
      ],
      memoryBytes: 6_800_000,
    },
    'httpd -DFOREGROUND',
  )
}
