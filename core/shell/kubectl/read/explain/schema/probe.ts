import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const PROBE: Record<string, TypeSchema> = {
  Probe: {
    description:
      'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.',
    fields: {
      exec: {
        type: 'ExecAction',
        ref: 'ExecAction',
        description: 'Exec specifies a command to execute in the container.',
      },
      failureThreshold: {
        type: 'integer',
        description:
          'Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.',
      },
      grpc: {
        type: 'GRPCAction',
        ref: 'GRPCAction',
        description: 'GRPC specifies a GRPC HealthCheckRequest.',
      },
      httpGet: {
        type: 'HTTPGetAction',
        ref: 'HTTPGetAction',
        description: 'HTTPGet specifies an HTTP GET request to perform.',
      },
      initialDelaySeconds: {
        type: 'integer',
        description:
          'Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
      periodSeconds: {
        type: 'integer',
        description:
          'How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.',
      },
      successThreshold: {
        type: 'integer',
        description:
          'Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.',
      },
      tcpSocket: {
        type: 'TCPSocketAction',
        ref: 'TCPSocketAction',
        description: 'TCPSocket specifies a connection to a TCP port.',
      },
      terminationGracePeriodSeconds: {
        type: 'integer',
        description:
          "Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.",
      },
      timeoutSeconds: {
        type: 'integer',
        description:
          'Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
    },
  },
  HTTPGetAction: {
    description: 'HTTPGetAction describes an action based on HTTP Get requests.',
    fields: {
      host: {
        type: 'string',
        description:
          'Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.',
      },
      httpHeaders: {
        type: '[]HTTPHeader',
        ref: 'HTTPHeader',
        description: 'Custom headers to set in the request. HTTP allows repeated headers.',
      },
      path: {
        type: 'string',
        description: 'Path to access on the HTTP server.',
      },
      port: {
        type: 'IntOrString',
        required: true,
        ref: 'IntOrString',
        description:
          'Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.',
      },
      scheme: {
        type: 'string',
        enum: ['HTTP', 'HTTPS'],
        description:
          'Scheme to use for connecting to the host. Defaults to HTTP.\n\nPossible enum values:\n - `"HTTP"` means that the scheme used will be http://\n - `"HTTPS"` means that the scheme used will be https://',
      },
    },
  },
  HTTPHeader: {
    description: 'HTTPHeader describes a custom header to be used in HTTP probes',
    fields: {
      name: {
        type: 'string',
        required: true,
        description:
          'The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.',
      },
      value: {
        type: 'string',
        required: true,
        description: 'The header field value',
      },
    },
  },
  TCPSocketAction: {
    description: 'TCPSocketAction describes an action based on opening a socket',
    fields: {
      host: {
        type: 'string',
        description: 'Optional: Host name to connect to, defaults to the pod IP.',
      },
      port: {
        type: 'IntOrString',
        required: true,
        ref: 'IntOrString',
        description:
          'Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.',
      },
    },
  },
  GRPCAction: {
    description: 'GRPCAction specifies an action involving a GRPC service.',
    fields: {
      port: {
        type: 'integer',
        required: true,
        description: 'Port number of the gRPC service. Number must be in the range 1 to 65535.',
      },
      service: {
        type: 'string',
        description:
          'Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).\n\nIf this is not specified, the default behavior is defined by gRPC.',
      },
    },
  },
  ExecAction: {
    description: 'ExecAction describes a "run in container" action.',
    fields: {
      command: {
        type: '[]string',
        description:
          "Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.",
      },
    },
  },
  SleepAction: {
    description: 'SleepAction describes a "sleep" action.',
    fields: {
      seconds: {
        type: 'integer',
        required: true,
        description: 'Seconds is the number of seconds to sleep.',
      },
    },
  },
  Lifecycle: {
    description:
      'Lifecycle describes actions that the management system should take in response to container lifecycle events. For the PostStart and PreStop lifecycle handlers, management of the container blocks until the action is complete, unless the container process fails, in which case the handler is aborted.',
    fields: {
      postStart: {
        type: 'LifecycleHandler',
        ref: 'LifecycleHandler',
        description:
          'PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks',
      },
      preStop: {
        type: 'LifecycleHandler',
        ref: 'LifecycleHandler',
        description:
          "PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod's termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks",
      },
    },
  },
  LifecycleHandler: {
    description:
      'LifecycleHandler defines a specific action that should be taken in a lifecycle hook. One and only one of the fields, except TCPSocket must be specified.',
    fields: {
      exec: {
        type: 'ExecAction',
        ref: 'ExecAction',
        description: 'Exec specifies a command to execute in the container.',
      },
      httpGet: {
        type: 'HTTPGetAction',
        ref: 'HTTPGetAction',
        description: 'HTTPGet specifies an HTTP GET request to perform.',
      },
      sleep: {
        type: 'SleepAction',
        ref: 'SleepAction',
        description: 'Sleep represents a duration that the container should sleep.',
      },
      tcpSocket: {
        type: 'TCPSocketAction',
        ref: 'TCPSocketAction',
        description:
          'Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.',
      },
    },
  },
}
