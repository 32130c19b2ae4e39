import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const CONTAINER_STATUS: Record<string, TypeSchema> = {
  ContainerStatus: {
    description: 'ContainerStatus contains details for the current status of this container.',
    fields: {
      allocatedResources: {
        type: 'map[string]Quantity',
        ref: 'Quantity',
        description:
          'AllocatedResources represents the compute resources allocated for this container by the node. Kubelet sets this value to Container.Resources.Requests upon successful pod admission and after successfully admitting desired pod resize.',
      },
      allocatedResourcesStatus: {
        type: '[]ResourceStatus',
        ref: 'ResourceStatus',
        description:
          'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.',
      },
      containerID: {
        type: 'string',
        description:
          'ContainerID is the ID of the container in the format \'<type>://<container_id>\'. Where type is a container runtime identifier, returned from Version call of CRI API (for example "containerd").',
      },
      image: {
        type: 'string',
        required: true,
        description:
          'Image is the name of container image that the container is running. The container image may not match the image used in the PodSpec, as it may have been resolved by the runtime. More info: https://kubernetes.io/docs/concepts/containers/images.',
      },
      imageID: {
        type: 'string',
        required: true,
        description:
          "ImageID is the image ID of the container's image. The image ID may not match the image ID of the image used in the PodSpec, as it may have been resolved by the runtime.",
      },
      lastState: {
        type: 'ContainerState',
        ref: 'ContainerState',
        description:
          'LastTerminationState holds the last termination state of the container to help debug container crashes and restarts. This field is not populated if the container is still running and RestartCount is 0.',
      },
      name: {
        type: 'string',
        required: true,
        description:
          'Name is a DNS_LABEL representing the unique name of the container. Each container in a pod must have a unique name across all container types. Cannot be updated.',
      },
      ready: {
        type: 'boolean',
        required: true,
        description:
          'Ready specifies whether the container is currently passing its readiness check. The value will change as readiness probes keep executing. If no readiness probes are specified, this field defaults to true once the container is fully started (see Started field).\n\nThe value is typically used to determine whether a container is ready to accept traffic.',
      },
      resources: {
        type: 'ResourceRequirements',
        ref: 'ResourceRequirements',
        description:
          'Resources represents the compute resource requests and limits that have been successfully enacted on the running container after it has been started or has been successfully resized.',
      },
      restartCount: {
        type: 'integer',
        required: true,
        description:
          'RestartCount holds the number of times the container has been restarted. Kubelet makes an effort to always increment the value, but there are cases when the state may be lost due to node restarts and then the value may be reset to 0. The value is never negative.',
      },
      started: {
        type: 'boolean',
        description:
          'Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe. Initialized as false, becomes true after startupProbe is considered successful. Resets to false when the container is restarted, or if kubelet loses state temporarily. In both cases, startup probes will run again. Is always true when no startupProbe is defined and container is running and has passed the postStart lifecycle hook. The null value must be treated the same as false.',
      },
      state: {
        type: 'ContainerState',
        ref: 'ContainerState',
        description: "State holds details about the container's current condition.",
      },
      user: {
        type: 'ContainerUser',
        ref: 'ContainerUser',
        description:
          'User represents user identity information initially attached to the first process of the container',
      },
      volumeMounts: {
        type: '[]VolumeMountStatus',
        ref: 'VolumeMountStatus',
        description: 'Status of volume mounts.',
      },
    },
  },
  ContainerState: {
    description:
      'ContainerState holds a possible state of container. Only one of its members may be specified. If none of them is specified, the default one is ContainerStateWaiting.',
    fields: {
      running: {
        type: 'ContainerStateRunning',
        ref: 'ContainerStateRunning',
        description: 'Details about a running container',
      },
      terminated: {
        type: 'ContainerStateTerminated',
        ref: 'ContainerStateTerminated',
        description: 'Details about a terminated container',
      },
      waiting: {
        type: 'ContainerStateWaiting',
        ref: 'ContainerStateWaiting',
        description: 'Details about a waiting container',
      },
    },
  },
  ContainerStateWaiting: {
    description: 'ContainerStateWaiting is a waiting state of a container.',
    fields: {
      message: {
        type: 'string',
        description: 'Message regarding why the container is not yet running.',
      },
      reason: {
        type: 'string',
        description: '(brief) reason the container is not yet running.',
      },
    },
  },
  ContainerStateRunning: {
    description: 'ContainerStateRunning is a running state of a container.',
    fields: {
      startedAt: {
        type: 'string',
        ref: 'Time',
        description: 'Time at which the container was last (re-)started',
      },
    },
  },
  ContainerStateTerminated: {
    description: 'ContainerStateTerminated is a terminated state of a container.',
    fields: {
      containerID: {
        type: 'string',
        description: "Container's ID in the format '<type>://<container_id>'",
      },
      exitCode: {
        type: 'integer',
        required: true,
        description: 'Exit status from the last termination of the container',
      },
      finishedAt: {
        type: 'string',
        ref: 'Time',
        description: 'Time at which the container last terminated',
      },
      message: {
        type: 'string',
        description: 'Message regarding the last termination of the container',
      },
      reason: {
        type: 'string',
        description: '(brief) reason from the last termination of the container',
      },
      signal: {
        type: 'integer',
        description: 'Signal from the last termination of the container',
      },
      startedAt: {
        type: 'string',
        ref: 'Time',
        description: 'Time at which previous execution of the container started',
      },
    },
  },
  ContainerUser: {
    description: 'ContainerUser represents user identity information',
  },
  ResourceStatus: {
    description: 'ResourceStatus represents the status of a single resource allocated to a Pod.',
  },
  VolumeMountStatus: {
    description: 'VolumeMountStatus shows status of volume mounts.',
  },
}
