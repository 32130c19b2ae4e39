import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const CONTAINER: Record<string, TypeSchema> = {
  Container: {
    description: 'A single application container that you want to run within a pod.',
    fields: {
      args: {
        type: '[]string',
        description:
          'Arguments to the entrypoint. The container image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
      },
      command: {
        type: '[]string',
        description:
          'Entrypoint array. Not executed within a shell. The container image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
      },
      env: {
        type: '[]EnvVar',
        ref: 'EnvVar',
        description: 'List of environment variables to set in the container. Cannot be updated.',
      },
      envFrom: {
        type: '[]EnvFromSource',
        ref: 'EnvFromSource',
        description:
          'List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. All invalid keys will be reported as an event when the container is starting. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.',
      },
      image: {
        type: 'string',
        description:
          'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
      },
      imagePullPolicy: {
        type: 'string',
        enum: ['Always', 'IfNotPresent', 'Never'],
        description:
          'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on disk. Container will fail if the image isn\'t present and the pull fails.\n - `"Never"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn\'t present',
      },
      lifecycle: {
        type: 'Lifecycle',
        ref: 'Lifecycle',
        description:
          'Actions that the management system should take in response to container lifecycle events. Cannot be updated.',
      },
      livenessProbe: {
        type: 'Probe',
        ref: 'Probe',
        description:
          'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
      name: {
        type: 'string',
        required: true,
        description:
          'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
      },
      ports: {
        type: '[]ContainerPort',
        ref: 'ContainerPort',
        description:
          'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.',
      },
      readinessProbe: {
        type: 'Probe',
        ref: 'Probe',
        description:
          'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
      resizePolicy: {
        type: '[]ContainerResizePolicy',
        ref: 'ContainerResizePolicy',
        description: 'Resources resize policy for the container.',
      },
      resources: {
        type: 'ResourceRequirements',
        ref: 'ResourceRequirements',
        description:
          'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
      restartPolicy: {
        type: 'string',
        description:
          'RestartPolicy defines the restart behavior of individual containers in a pod. This field may only be set for init containers, and the only allowed value is "Always". For non-init containers or when this field is not specified, the restart behavior is defined by the Pod\'s restart policy and the container type. Setting the RestartPolicy as "Always" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy "Always" will be shut down. This lifecycle differs from normal init containers and is often referred to as a "sidecar" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed.',
      },
      securityContext: {
        type: 'SecurityContext',
        ref: 'SecurityContext',
        description:
          'SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      },
      startupProbe: {
        type: 'Probe',
        ref: 'Probe',
        description:
          "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
      },
      stdin: {
        type: 'boolean',
        description:
          'Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.',
      },
      stdinOnce: {
        type: 'boolean',
        description:
          'Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false',
      },
      terminationMessagePath: {
        type: 'string',
        description:
          "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.",
      },
      terminationMessagePolicy: {
        type: 'string',
        enum: ['FallbackToLogsOnError', 'File'],
        description:
          'Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.\n\nPossible enum values:\n - `"FallbackToLogsOnError"` will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.\n - `"File"` is the default behavior and will set the container status message to the contents of the container\'s terminationMessagePath when the container exits.',
      },
      tty: {
        type: 'boolean',
        description:
          "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.",
      },
      volumeDevices: {
        type: '[]VolumeDevice',
        ref: 'VolumeDevice',
        description: 'volumeDevices is the list of block devices to be used by the container.',
      },
      volumeMounts: {
        type: '[]VolumeMount',
        ref: 'VolumeMount',
        description: "Pod volumes to mount into the container's filesystem. Cannot be updated.",
      },
      workingDir: {
        type: 'string',
        description:
          "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.",
      },
    },
  },
  ContainerPort: {
    description: 'ContainerPort represents a network port in a single container.',
    fields: {
      containerPort: {
        type: 'integer',
        required: true,
        description:
          "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
      },
      hostIP: {
        type: 'string',
        description: 'What host IP to bind the external port to.',
      },
      hostPort: {
        type: 'integer',
        description:
          'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.',
      },
      name: {
        type: 'string',
        description:
          'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.',
      },
      protocol: {
        type: 'string',
        enum: ['SCTP', 'TCP', 'UDP'],
        description:
          'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".\n\nPossible enum values:\n - `"SCTP"` is the SCTP protocol.\n - `"TCP"` is the TCP protocol.\n - `"UDP"` is the UDP protocol.',
      },
    },
  },
  ResourceRequirements: {
    description: 'ResourceRequirements describes the compute resource requirements.',
    fields: {
      claims: {
        type: '[]ResourceClaim',
        ref: 'ResourceClaim',
        description:
          'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.\n\nThis is an alpha field and requires enabling the DynamicResourceAllocation feature gate.\n\nThis field is immutable. It can only be set for containers.',
      },
      limits: {
        type: 'map[string]Quantity',
        ref: 'Quantity',
        description:
          'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
      requests: {
        type: 'map[string]Quantity',
        ref: 'Quantity',
        description:
          'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
    },
  },
  ResourceClaim: {
    description: 'ResourceClaim references one entry in PodSpec.ResourceClaims.',
    fields: {
      name: {
        type: 'string',
        required: true,
        description:
          'Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.',
      },
      request: {
        type: 'string',
        description:
          'Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.',
      },
    },
  },
  ContainerResizePolicy: {
    description: 'ContainerResizePolicy represents resource resize policy for the container.',
    fields: {
      resourceName: {
        type: 'string',
        required: true,
        description:
          'Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.',
      },
      restartPolicy: {
        type: 'string',
        required: true,
        description:
          'Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.',
      },
    },
  },
}
